"""Demo collaboration initiatives (clearly marked demo, not facts from the seeds).

Idempotent: an initiative is found by its title; stages are reached through the
pipeline's services, so the timeline is written once, as a real one would be."""

import datetime as dt
from io import TextIOBase

from django.db import transaction
from django.utils import timezone

from overenskommelse.accounts.models import MunicipalBody, User
from overenskommelse.agreement.models import Organisation
from overenskommelse.agreement.selectors.agreement import current_areas
from overenskommelse.agreement.selectors.organisations import organisation_active_affiliation
from overenskommelse.demo.load.helpers import _say
from samverkan.pipeline.models import Initiative, Stage
from samverkan.pipeline.services import pipeline

DEMO = [
    ("Demo: Rörelseglädje för nyanlända barn", "pil", Stage.PROPOSAL),
    ("Demo: Trygga mötesplatser för äldre", "lips", Stage.INITIATIVE),
    ("Demo: Idrott och läxhjälp i samverkan", "pil", Stage.IMPLEMENTATION),
    ("Demo: Sociala insatser vintertid", "lips", Stage.RESULTS),
]


def initiatives_demo_load(*, stdout: TextIOBase | None = None) -> list[Initiative]:
    staff = User.objects.filter(email="handlaggare@demo.example.se").first()
    contact = User.objects.filter(email="forvaltningskontakt@demo.example.se").first()
    body = MunicipalBody.objects.filter(slug="kultur-och-fritidsforvaltningen").first()
    areas = list(current_areas()[:2])
    if not (staff and areas and body):
        return []
    made = []
    with transaction.atomic():
        for title, slug, stage in DEMO:
            if Initiative.objects.filter(title=title).exists():
                continue
            organisation = Organisation.objects.filter(slug=slug).first()
            affiliated = organisation and organisation_active_affiliation(organisation=organisation)
            initiative = pipeline.initiative_propose(
                actor=staff,
                title=title,
                need="Demodata: ett gemensamt behov inom handlingsplanens prioriterade områden.",
                areas=areas,
                proposed_parties=organisation.name if organisation else "",
                proposing_body=body,
            )
            made.append(initiative)
            if stage == Stage.PROPOSAL:
                continue
            initiative = pipeline.initiative_transition(
                initiative=initiative, actor=staff, name="accept"
            )
            if affiliated:
                pipeline.party_invite(initiative=initiative, actor=staff, organisation=organisation)
            if stage == Stage.INITIATIVE or not (affiliated and contact):
                continue
            today = timezone.localdate()
            initiative.refresh_from_db()
            pipeline.initiative_update(
                initiative=initiative,
                actor=staff,
                planned_start=today - dt.timedelta(days=120),
                planned_end=today + dt.timedelta(days=60),
                form="iop",
                form_reference="Demo: IOP-avtal 2026:1",
                financing="Demo: kommunens föreningsbidrag",
                budget=150000,
            )
            parties = list(initiative.parties.select_related("organisation"))
            actors = [
                contact if p.municipal_body_id else _representative(p.organisation) for p in parties
            ]
            if None in actors:
                continue
            for party, actor in zip(parties, actors, strict=True):
                if party.status == "inbjuden":
                    party = pipeline.party_respond(party=party, actor=actor, accept=True)
                pipeline.party_agree(party=party, actor=actor)
            pipeline.initiative_transition(initiative=initiative, actor=staff, name="start")
            if stage == Stage.RESULTS:
                pipeline.initiative_transition(
                    initiative=initiative, actor=staff, name="to_results"
                )
    if stdout is not None:
        _say(stdout, f"{len(made)} demo-samverkansinitiativ")
    return made


def _representative(organisation):
    rep = organisation.representations.filter(status="bekraftad").select_related("user").first()
    return rep.user if rep else None
