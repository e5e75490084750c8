"""Diarienummer and arrival dates: the portal's series, numbers typed in, and the day
each ärende arrives (Stockholm time), with a second actor who is refused."""

# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from overenskommelse.agreement.models import RemissAnswer
from overenskommelse.agreement.services.affiliation import affiliation_withdraw
from overenskommelse.agreement.services.remiss import remiss_answer_register, remiss_answer_save
from overenskommelse.platform.models import CaseNumberSeries, HistoryEntry
from overenskommelse.platform.records import CASE_KINDS
from overenskommelse.platform.selectors.records import case_search
from overenskommelse.platform.services.case_numbers import (
    case_number_next,
    case_number_normalise,
    case_number_set,
)
from samverkan.group.services.followup import followup_create
from samverkan.pipeline.services.pipeline import initiative_propose
from tests.factories import AffiliationApplicationFactory, AffiliationFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)
from tests.overenskommelse.services.test_affiliation import pdf, save

STHLM = ZoneInfo("Europe/Stockholm")
pytestmark = pytest.mark.django_db


def test_the_portal_series_counts_per_year_from_one():
    assert case_number_next(year=2026) == "ÖK 2026/0001"
    assert case_number_next(year=2026) == "ÖK 2026/0002"
    assert case_number_next(year=2027) == "ÖK 2027/0001"
    assert case_number_next(year=2026, prefix="TEST") == "TEST 2026/0001"
    assert CaseNumberSeries.objects.get(prefix="ÖK", year=2026).last_number == 2


@pytest.mark.django_db(transaction=True)
def test_two_at_once_never_get_the_same_number():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    case_number_next(year=2030)  # the series row exists; both now wait on its lock
    numbers: list[str] = []
    barrier = threading.Barrier(4)

    def take():
        barrier.wait()
        try:
            numbers.append(case_number_next(year=2030))
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == [f"ÖK 2030/{n:04d}" for n in range(2, 6)]


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("KS 2020/0882", "KS 2020/0882"),
        ("  KSN-2020-02097 ", "KSN-2020-02097"),
        ("KS  2016/0688", "KS 2016/0688"),
        ("2021.123", "2021.123"),
        ("Dnr KF 2019:16", "Dnr KF 2019:16"),
    ],
)
def test_numbers_from_the_case_system_are_accepted(typed, stored):
    assert case_number_normalise(typed) == stored


@pytest.mark.parametrize(
    "typed, code",
    [
        ("", "required"),
        ("   ", "required"),
        ("KS", "shape"),
        ("<script>alert(1)</script>", "shape"),
        ("=HYPERLINK(1)", "shape"),
        ("KS 2020/0882;", "shape"),
        ("KS\u202e2020", "shape"),
        ("K" + "1" * 40, "max_length"),
        ("ÖK 2026/0001", "portal_series"),
        ("ök 2026/12", "portal_series"),
    ],
)
def test_empty_and_garbage_numbers_are_refused_in_swedish(typed, code):
    with pytest.raises(ValidationError) as refused:
        case_number_normalise(typed)
    assert refused.value.code == code


def test_staff_set_a_number_with_a_history_row(handlaggare, rep_a):
    application = AffiliationApplicationFactory()
    kind = CASE_KINDS["ansokan"]
    with pytest.raises(PermissionDenied):
        case_number_set(actor=rep_a, kind=kind, obj=application, number="KS 2026/0100")
    assert case_number_set(
        actor=handlaggare, kind=kind, obj=application, number=" KS 2026/0100"
    ) == ("KS 2026/0100")
    application.refresh_from_db()
    assert application.case_number == "KS 2026/0100"
    entry = HistoryEntry.objects.get(action="case_number_set")
    assert entry.actor == handlaggare
    assert entry.changes == {"case_number": [None, "KS 2026/0100"]}
    # Replacing writes a row; the same number again writes none.
    case_number_set(actor=handlaggare, kind=kind, obj=application, number="KS 2026/0101")
    case_number_set(actor=handlaggare, kind=kind, obj=application, number="KS 2026/0101")
    assert HistoryEntry.objects.filter(action="case_number_set").count() == 2


def test_a_number_is_unique_within_its_type_of_arende(handlaggare):
    first, second = AffiliationApplicationFactory(), AffiliationApplicationFactory()
    withdrawal = AffiliationFactory(ended_on=dt.date(2026, 1, 1))
    kind = CASE_KINDS["ansokan"]
    case_number_set(actor=handlaggare, kind=kind, obj=first, number="KS 2026/0100")
    with pytest.raises(ValidationError) as refused:
        case_number_set(actor=handlaggare, kind=kind, obj=second, number="ks 2026/0100")
    assert refused.value.code == "unique"
    assert "används redan" in refused.value.messages[0]
    # Another type of ärende may carry the same number (its own register).
    case_number_set(
        actor=handlaggare, kind=CASE_KINDS["uttrade"], obj=withdrawal, number="KS 2026/0100"
    )
    withdrawal.refresh_from_db()
    assert withdrawal.withdrawal_case_number == "KS 2026/0100"


def test_the_portal_assigns_the_next_number_of_the_year_once(handlaggare):
    application = AffiliationApplicationFactory()
    kind = CASE_KINDS["ansokan"]
    with time_machine.travel(at(2026, 12, 31, 23, 59), tick=False):
        assert case_number_set(actor=handlaggare, kind=kind, obj=application, number=None) == (
            "ÖK 2026/0001"
        )
    with pytest.raises(ValidationError) as refused:
        case_number_set(actor=handlaggare, kind=kind, obj=application, number=None)
    assert refused.value.code == "has_number"
    with time_machine.travel(at(2027, 1, 1, 0, 1), tick=False):
        other = AffiliationApplicationFactory()
        assert case_number_set(actor=handlaggare, kind=kind, obj=other, number=None) == (
            "ÖK 2027/0001"
        )
    assert HistoryEntry.objects.filter(action="case_number_assigned").count() == 2


def test_search_finds_exact_and_prefix_across_types(handlaggare):
    application = AffiliationApplicationFactory(case_number="KS 2026/0100")
    AffiliationApplicationFactory(case_number="KS 2026/01001")
    AffiliationFactory(ended_on=dt.date(2026, 1, 1), withdrawal_case_number="KS 2026/0100")
    AffiliationApplicationFactory(case_number="KSN-2020-02097")
    hits = case_search(query="ks  2026/0100")
    assert [(hit.number, hit.exact) for hit in hits] == [
        ("KS 2026/0100", True),
        ("KS 2026/0100", True),
        ("KS 2026/01001", False),
    ]
    assert {hit.url for hit in hits if hit.exact} >= {f"/anslutningar/{application.uuid}/"}
    assert case_search(query="") == []
    assert case_search(query="X") == []


# The arrival date (inkom) -------------------------------------------------------------


def test_an_application_arrives_the_stockholm_day_it_is_first_submitted(
    organisation_a, rep_a, handlaggare
):
    # 23:30 UTC on 1 March is 00:30 on 2 March in Stockholm.
    with time_machine.travel(dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC), tick=False):
        application = save(organisation_a, rep_a)
    assert application.arrived_on == dt.date(2026, 3, 2)
    from overenskommelse.agreement.services.affiliation import application_transition

    application_transition(
        application=application, action="request_completion", actor=handlaggare, message="Mer."
    )
    with time_machine.travel(at(2026, 4, 1, 10), tick=False):
        application = save(organisation_a, rep_a)
    application.refresh_from_db()
    assert application.arrived_on == dt.date(2026, 3, 2)  # the ärende arrived once


def test_a_draft_has_not_arrived(organisation_a, rep_a):
    assert save(organisation_a, rep_a, submit=False).arrived_on is None


def test_a_withdrawal_arrives_when_registered(organisation_a, rep_a):
    AffiliationFactory(organisation=organisation_a, affiliated_from=dt.date(2020, 1, 1))
    with time_machine.travel(at(2026, 5, 4, 0, 10), tick=False):
        affiliation = affiliation_withdraw(
            organisation=organisation_a,
            actor=rep_a,
            meeting_date=dt.date(2026, 5, 1),
            paragraph="3",
            protocol=pdf(),
        )
    assert affiliation.withdrawal_arrived_on == dt.date(2026, 5, 4)


def test_a_remissvar_arrives_when_first_submitted_and_keeps_it_when_reopened(
    published_remiss, rep_a, handlaggare
):
    instans = published_remiss.instanser.get(organisation__isnull=False)
    section = published_remiss.sections.first()
    with time_machine.travel(at(2021, 1, 10, 12), tick=False):
        answer = remiss_answer_save(
            instans=instans, actor=rep_a, texts={section.pk: "Utkast"}, version=None
        )
    assert answer.arrived_on is None
    with time_machine.travel(at(2021, 1, 20, 12), tick=False):
        answer = remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={section.pk: "Svar"},
            version=answer.version,
            submit=True,
        )
    assert answer.arrived_on == dt.date(2021, 1, 20)
    with time_machine.travel(at(2021, 1, 25, 12), tick=False):
        answer = remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={section.pk: "Svar"},
            version=answer.version,
            reopen=True,
        )
    answer.refresh_from_db()
    assert answer.status == RemissAnswer.Status.DRAFT
    assert answer.arrived_on == dt.date(2021, 1, 20)


def test_an_answer_registered_by_staff_arrives_the_day_it_was_received(
    published_remiss, handlaggare
):
    instans = published_remiss.instanser.get(organisation__isnull=True)
    section = published_remiss.sections.first()
    with time_machine.travel(at(2021, 3, 3, 10), tick=False):
        answer = remiss_answer_register(
            instans=instans,
            actor=handlaggare,
            texts={section.pk: "Per post"},
            channel="post",
            received_at=at(2021, 2, 26, 9),
        )
    assert answer.arrived_on == dt.date(2021, 2, 26)


def test_an_initiative_arrives_when_proposed_and_a_followup_is_opened(
    organisation_a, rep_a, handlaggare
):
    organisation = organisation_a
    with time_machine.travel(at(2026, 6, 1, 0, 5), tick=False):
        initiative = initiative_propose(
            actor=rep_a, title="Läxhjälp", need="Behov", areas=[],
            proposing_organisation=organisation,
        )  # fmt: skip
        followup = followup_create(actor=handlaggare, year=2025)
    assert initiative.arrived_on == dt.date(2026, 6, 1)
    assert followup.arrived_on == dt.date(2026, 6, 1)
