"""Initiatives for the samverkan tests: an action plan, affiliated organisations A and
B interested in its first area (the cast's förvaltning is in tests/conftest.py)."""

import datetime

import pytest
from django.utils import timezone

from overenskommelse.agreement.models import ActionPlan, PriorityArea
from samverkan.pipeline.models import Initiative, InitiativeParty, PartyStatus, Stage
from samverkan.pipeline.services import pipeline
from tests.factories import AffiliationFactory


@pytest.fixture
def areas(db):
    plan = ActionPlan.objects.create(
        title="Handlingsplan", slug="hp", start_year=2021, end_year=2028, status="antagen"
    )
    return [
        PriorityArea.objects.create(plan=plan, number=1, name="Inkludering", slug="inkludering"),
        PriorityArea.objects.create(
            plan=plan, number=2, name="Hälsosamma levnadsvanor", slug="halsa"
        ),
    ]


@pytest.fixture
def affiliated(organisation_a, organisation_b, areas):
    for organisation in (organisation_a, organisation_b):
        AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 1, 1))
        organisation.priority_areas.add(areas[0])
    return organisation_a, organisation_b


@pytest.fixture
def proposal(rep_a, affiliated, areas):
    return pipeline.initiative_propose(
        actor=rep_a,
        title="Läxhjälp och idrott",
        need="Barn behöver stöd",
        areas=[areas[0]],
        proposing_organisation=affiliated[0],
    )


@pytest.fixture
def accepted(proposal, handlaggare):
    return pipeline.initiative_transition(
        initiative=proposal, actor=handlaggare, name="accept", handlaggare=handlaggare
    )


@pytest.fixture
def ready(accepted, handlaggare, rep_a, forvaltningskontakt, forvaltning):
    """Both kinds of party have agreed and the form is set: genomförande may start."""
    party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, municipal_body=forvaltning
    )
    pipeline.party_respond(party=party, actor=forvaltningskontakt, accept=True)
    pipeline.party_agree(party=party, actor=forvaltningskontakt)
    pipeline.party_agree(party=accepted.parties.get(organisation__isnull=False), actor=rep_a)
    return pipeline.initiative_update(
        initiative=Initiative.objects.get(pk=accepted.pk),
        actor=handlaggare,
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2026, 6, 30),
        form="iop",
        form_reference="IOP 2026:1",
        financing="Bidrag",
        budget=100000,
    )


def make_initiatives(count: int, *, handlaggare, areas, organisation, body) -> None:
    """Many initiatives across the stages, in bulk, for query-count tests."""
    stages = [Stage.PROPOSAL, Stage.INITIATIVE, Stage.IMPLEMENTATION, Stage.RESULTS]
    now = timezone.now()
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"Initiativ {n}",
            need="Behov",
            stage=stages[n % len(stages)],
            form="projekt"
            if stages[n % len(stages)] in (Stage.IMPLEMENTATION, Stage.RESULTS)
            else "",
            handlaggare=handlaggare,
            last_activity_at=now,
        )
        for n in range(count)
    )
    Initiative.areas.through.objects.bulk_create(
        Initiative.areas.through(initiative_id=i.pk, priorityarea_id=areas[0].pk)
        for i in initiatives
    )
    InitiativeParty.objects.bulk_create(
        [
            InitiativeParty(
                initiative=i, organisation=organisation, status=PartyStatus.ACCEPTED, invited_at=now
            )
            for i in initiatives
        ]
        + [
            InitiativeParty(
                initiative=i, municipal_body=body, status=PartyStatus.ACCEPTED, invited_at=now
            )
            for i in initiatives
        ]
    )
