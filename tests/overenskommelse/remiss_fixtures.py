"""Remiss fixtures shared by the remiss tests (imported by each test module)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overenskommelse.accounts.models import RoleAssignment
from overenskommelse.agreement.services import remiss as services
from tests.factories import AffiliationFactory, MunicipalBodyFactory

STHLM = ZoneInfo("Europe/Stockholm")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=STHLM)


@pytest.fixture
def namnd(db):
    return MunicipalBodyFactory(name="Kultur- och fritidsnämnden", kind="namnd")


@pytest.fixture
def namnd_contact(forvaltningskontakt, namnd):
    """The förvaltningskontakt's förvaltning serves the nämnd, so they answer for it."""
    body = RoleAssignment.objects.get(user=forvaltningskontakt).municipal_body
    body.kind, body.parent = "forvaltning", namnd
    body.save()
    return forvaltningskontakt


@pytest.fixture
def draft_remiss(handlaggare):
    with time_machine.travel(at(2020, 11, 25, 10), tick=False):
        return services.remiss_create(
            actor=handlaggare,
            title="Remiss handlingsplan Lunds Överenskommelse",
            case_number="KS 2020/0882",
            opens_on=dt.date(2020, 12, 1),
            closes_on=dt.date(2021, 2, 28),
            meetings=[
                services.MeetingTime(dt.date(2021, 1, 12), dt.time(18), dt.time(19, 30)),
            ],
            meeting_link="https://example.se/zoom",
        )


@pytest.fixture
def published_remiss(draft_remiss, handlaggare, organisation_a, namnd, rep_a, namnd_contact):
    AffiliationFactory(organisation=organisation_a)
    with time_machine.travel(at(2020, 11, 30, 10), tick=False):
        services.remiss_instanser_add(
            remiss=draft_remiss, actor=handlaggare, all_bodies=True, all_affiliated=True
        )
        return services.remiss_transition(remiss=draft_remiss, actor=handlaggare, name="publish")
