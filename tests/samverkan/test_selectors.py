"""samverkan/pipeline/selectors.py's reads for other pages: "Mina sidor" (a user's initiatives and
open invitations) and the finished initiatives on an organisation's public page.

Written against the mutants that `make mutation MUTATE=samverkan/pipeline/selectors.py` found
with no test of samverkan's own calling them."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samverkan.pipeline.models import Initiative, InitiativeParty, PartyStatus, Stage
from samverkan.pipeline.selectors import (
    initiatives_finished_provider,
    initiatives_of_user,
    initiatives_ongoing_provider,
)
from samverkan.pipeline.services import pipeline

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 25, 10, tzinfo=UTC)


def titles(items) -> list[str]:
    return [getattr(item, "initiative", item).title for item in items]


def test_nothing_for_someone_not_logged_in(proposal):
    assert initiatives_of_user(user=AnonymousUser()) == {"initiatives": [], "invitations": []}


def test_a_representative_sees_what_they_proposed_and_take_part_in(
    accepted, rep_a, rep_b, handlaggare, affiliated, areas
):
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=UTC)):
        later = pipeline.initiative_propose(
            actor=rep_a,
            title="Senare förslag",
            need="Behov",
            areas=[areas[0]],
            proposing_organisation=affiliated[0],
        )
    mine = initiatives_of_user(user=rep_a)
    assert titles(mine["initiatives"]) == [later.title, accepted.title]
    assert mine["invitations"] == []
    assert initiatives_of_user(user=rep_b) == {"initiatives": [], "invitations": []}


def test_open_invitations_of_an_organisation_and_a_forvaltning_oldest_first(
    accepted, rep_a, rep_b, handlaggare, affiliated, areas, forvaltningskontakt, forvaltning
):
    second = Initiative.objects.create(
        title="Andra",
        need="Behov",
        stage=Stage.INITIATIVE,
        handlaggare=handlaggare,
        last_activity_at=NOW,
    )
    invite = pipeline.party_invite
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC)):
        invite(initiative=second, actor=handlaggare, organisation=affiliated[1])
    with time_machine.travel(datetime.datetime(2026, 4, 1, tzinfo=UTC)):
        invite(initiative=accepted, actor=handlaggare, organisation=affiliated[1])
    party = invite(initiative=accepted, actor=handlaggare, municipal_body=forvaltning)
    theirs = initiatives_of_user(user=rep_b)
    assert titles(theirs["invitations"]) == [accepted.title, "Andra"]
    assert theirs["initiatives"] == []
    contact = initiatives_of_user(user=forvaltningskontakt)
    assert contact == {"initiatives": [], "invitations": [party]}
    pipeline.party_respond(party=party, actor=forvaltningskontakt, accept=True)
    assert initiatives_of_user(user=forvaltningskontakt) == {
        "initiatives": [accepted],
        "invitations": [],
    }


def test_a_declined_invitation_is_neither_an_initiative_nor_an_invitation(
    accepted, handlaggare, forvaltningskontakt, forvaltning
):
    party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, municipal_body=forvaltning
    )
    pipeline.party_respond(party=party, actor=forvaltningskontakt, accept=False)
    assert initiatives_of_user(user=forvaltningskontakt) == {"initiatives": [], "invitations": []}


def test_finished_public_initiatives_an_organisation_took_part_in(
    organisation_a, organisation_b, handlaggare, settings, django_assert_num_queries
):
    settings.PORTAL_BASE_URL = "http://testserver.example"
    made = {}
    for title, stage, organisation, status in [
        ("Utvärderat", Stage.EVALUATION, organisation_a, PartyStatus.ACCEPTED),
        ("Avslutat", Stage.FOLLOW_UP, organisation_a, PartyStatus.ACCEPTED),
        ("Med resultat", Stage.RESULTS, organisation_a, PartyStatus.ACCEPTED),
        ("Pågår", Stage.IMPLEMENTATION, organisation_a, PartyStatus.ACCEPTED),
        ("Avböjt", Stage.RESULTS, organisation_a, PartyStatus.DECLINED),
        ("Någon annans", Stage.RESULTS, organisation_b, PartyStatus.ACCEPTED),
    ]:
        made[title] = Initiative.objects.create(
            title=title,
            need="Behov",
            stage=stage,
            form="projekt",
            handlaggare=handlaggare,
            last_activity_at=NOW,
            results_reported_at=NOW if stage in (Stage.EVALUATION, Stage.FOLLOW_UP) else None,
        )
        InitiativeParty.objects.create(
            initiative=made[title], organisation=organisation, status=status, invited_at=NOW
        )
    # Two organisations taking part do not list it twice.
    InitiativeParty.objects.create(
        initiative=made["Avslutat"],
        organisation=organisation_b,
        status=PartyStatus.ACCEPTED,
        invited_at=NOW,
    )
    with django_assert_num_queries(1):
        finished = initiatives_finished_provider(organisation_a)
    assert [(f.title, f.url) for f in finished] == [
        (
            title,
            "http://testserver.example"
            + reverse("pipeline:public_detail", kwargs={"uuid": made[title].uuid}),
        )
        for title in ("Avslutat", "Med resultat", "Utvärderat")
    ]


def test_ongoing_initiatives_an_organisation_takes_part_in_or_is_invited_to(
    organisation_a, organisation_b, handlaggare, settings, django_assert_num_queries
):
    settings.PORTAL_BASE_URL = "http://testserver.example"
    made = {}
    for title, organisation, status in [
        ("Deltar", organisation_a, PartyStatus.ACCEPTED),
        ("Inbjuden", organisation_a, PartyStatus.INVITED),
        ("Avböjt", organisation_a, PartyStatus.DECLINED),
        ("Någon annans", organisation_b, PartyStatus.ACCEPTED),
    ]:
        made[title] = Initiative.objects.create(
            title=title,
            need="Behov",
            stage=Stage.IMPLEMENTATION,
            form="projekt",
            handlaggare=handlaggare,
            last_activity_at=NOW,
        )
        InitiativeParty.objects.create(
            initiative=made[title], organisation=organisation, status=status, invited_at=NOW
        )
    with django_assert_num_queries(1):
        ongoing = initiatives_ongoing_provider(organisation_a)
    assert [(o.title, o.url, o.responsible_name, o.responsible_email) for o in ongoing] == [
        (
            title,
            "http://testserver.example"
            + reverse("pipeline:public_detail", kwargs={"uuid": made[title].uuid}),
            str(handlaggare),
            handlaggare.email,
        )
        for title in ("Deltar", "Inbjuden")
    ]


def test_mina_sidor_needs_the_same_queries_however_many_invitations(
    accepted, handlaggare, affiliated, rep_b, forvaltning
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from overenskommelse.accounts.models import User

    def queries() -> int:
        user = User.objects.get(pk=rep_b.pk)
        with CaptureQueriesContext(connection) as captured:
            invitations = initiatives_of_user(user=user)["invitations"]
            shown = [
                (p.initiative.title, str(p.organisation or p.municipal_body)) for p in invitations
            ]
        assert len(shown) == len(invitations)
        return len(captured)

    pipeline.party_invite(initiative=accepted, actor=handlaggare, organisation=affiliated[1])
    one = queries()
    for title in ("Andra", "Tredje"):
        other = Initiative.objects.create(
            title=title,
            need="Behov",
            stage=Stage.INITIATIVE,
            handlaggare=handlaggare,
            last_activity_at=NOW,
        )
        pipeline.party_invite(initiative=other, actor=handlaggare, organisation=affiliated[1])
    assert queries() == one
