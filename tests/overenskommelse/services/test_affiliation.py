"""The application state machine, its invariants, utträde and the yearly update."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from overenskommelse.agreement.models import (
    Affiliation,
    AffiliationApplication,
    AnnualUpdateRequest,
)
from overenskommelse.agreement.selectors.organisations import (
    OngoingInitiative,
    _initiative_providers,
    initiative_provider_register,
    organisations_unconfirmed,
)
from overenskommelse.agreement.services.affiliation import (
    TRANSITIONS,
    affiliation_withdraw,
    annual_update_candidates,
    annual_update_send,
    annual_update_skip_reason,
    application_save,
    application_transition,
)
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from tests.factories import AffiliationApplicationFactory, AffiliationFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")
pytestmark = pytest.mark.django_db


def pdf(name="protokoll.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 signed\n%%EOF", content_type="application/pdf")


def save(organisation, actor, *, submit=True, protocol=True):
    return application_save(
        organisation=organisation,
        actor=actor,
        meeting_date=datetime.date(2026, 11, 2),
        paragraph="7",
        decision_text="Styrelsen beslutar att ansluta.",
        conditions_confirmed=True,
        protocol=pdf() if protocol else None,
        submit=submit,
    )


def test_the_transition_table_is_explicit():
    assert {name: (t.source, t.target) for name, t in TRANSITIONS.items()} == {
        "submit": (("utkast", "komplettering_begard"), "inskickad"),
        "request_completion": (("inskickad",), "komplettering_begard"),
        "approve": (("inskickad",), "godkand"),
        "reject": (("inskickad",), "avslagen"),
    }


def test_draft_then_submit_tells_kommunkontoret(rep_a, organisation_a, handlaggare):
    draft = save(organisation_a, rep_a, submit=False, protocol=False)
    assert draft.status == "utkast"
    submitted = save(organisation_a, rep_a, submit=True)
    assert submitted.pk == draft.pk and submitted.status == "inskickad"
    assert OutboxMessage.objects.filter(to=[handlaggare.email]).count() == 1
    assert [e.action for e in history_for(subject=submitted)] == ["submit", "saved", "created"]


def test_a_second_submit_creates_and_changes_nothing(rep_a, organisation_a):
    first = save(organisation_a, rep_a)
    second = application_save(
        organisation=organisation_a,
        actor=rep_a,
        meeting_date=datetime.date(2026, 1, 1),
        paragraph="99",
        decision_text="Annat",
        conditions_confirmed=True,
        submit=True,
    )
    assert second.pk == first.pk
    assert AffiliationApplication.objects.count() == 1
    first.refresh_from_db()
    assert first.paragraph == "7"


def test_the_database_refuses_a_second_open_application(organisation_a):
    AffiliationApplicationFactory(organisation=organisation_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        AffiliationApplicationFactory(organisation=organisation_a, status="utkast")


def test_submit_without_protocol_is_refused(rep_a, organisation_a):
    with pytest.raises(ValidationError, match="protokollet"):
        save(organisation_a, rep_a, protocol=False)
    assert not AffiliationApplication.objects.exists()


def test_completion_resubmit_and_approval(rep_a, organisation_a, handlaggare, mailoutbox):
    application = save(organisation_a, rep_a)
    application_transition(
        application=application,
        action="request_completion",
        actor=handlaggare,
        message="Protokollet saknar justering.",
    )
    application.refresh_from_db()
    assert application.status == "komplettering_begard"
    assert application.staff_message == "Protokollet saknar justering."
    told = (
        OutboxMessage.objects.filter(to=[rep_a.email]).exclude(subject__startswith="Kvitto").get()
    )
    assert "Komplettera" in told.subject and "saknar justering" in told.body_text

    resubmitted = save(organisation_a, rep_a)
    assert resubmitted.pk == application.pk and resubmitted.status == "inskickad"
    application_transition(
        application=resubmitted,
        action="approve",
        actor=handlaggare,
        affiliated_from=datetime.date(2026, 11, 20),
    )
    affiliation = Affiliation.objects.active().get(organisation=organisation_a)
    assert affiliation.affiliated_from == datetime.date(2026, 11, 20)
    assert affiliation.application_id == application.pk
    assert OutboxMessage.objects.filter(to=[rep_a.email], subject__contains="ansluten").exists()
    # An affiliated organisation cannot apply again.
    with pytest.raises(ValidationError, match="redan ansluten"):
        save(organisation_a, rep_a)


def test_guards_say_why_not(rep_a, rep_b, organisation_a, handlaggare):
    application = save(organisation_a, rep_a)
    with pytest.raises(ValidationError, match="Ange datum"):
        application_transition(application=application, action="approve", actor=handlaggare)
    with pytest.raises(ValidationError, match="Skriv ett meddelande"):
        application_transition(application=application, action="reject", actor=handlaggare)
    with pytest.raises(PermissionDenied, match="inte göra det"):
        application_transition(
            application=application,
            action="approve",
            actor=rep_a,
            affiliated_from=datetime.date(2026, 11, 20),
        )
    with pytest.raises(ValidationError, match="går inte"):
        application_transition(application=application, action="submit", actor=rep_a)
    application_transition(
        application=application, action="reject", actor=handlaggare, message="Vinstdrivande."
    )
    application.refresh_from_db()
    assert application.status == "avslagen"
    with pytest.raises(ValidationError):
        application_transition(
            application=application,
            action="approve",
            actor=handlaggare,
            affiliated_from=datetime.date(2026, 11, 20),
        )


def test_withdrawal_ends_the_affiliation_keeps_history_and_allows_a_new_application(
    rep_a, organisation_a, handlaggare
):
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 5, 1))
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=STOCKHOLM)):
        affiliation = affiliation_withdraw(
            organisation=organisation_a,
            actor=rep_a,
            meeting_date=datetime.date(2026, 11, 20),
            paragraph="12",
            protocol=pdf(),
        )
    assert affiliation.ended_on == datetime.date(2026, 11, 25)
    assert not Affiliation.objects.active().filter(organisation=organisation_a).exists()
    assert Affiliation.objects.filter(organisation=organisation_a).count() == 1
    assert history_for(subject=organisation_a).filter(action="withdrew").exists()
    assert OutboxMessage.objects.filter(to=[handlaggare.email], subject__contains="utträtt")
    with pytest.raises(ValidationError, match="inte ansluten"):
        affiliation_withdraw(
            organisation=organisation_a,
            actor=rep_a,
            meeting_date=datetime.date(2026, 11, 20),
            paragraph="12",
            protocol=pdf(),
        )
    # A withdrawn organisation may apply again.
    assert save(organisation_a, rep_a).status == "inskickad"


def test_withdrawal_alerts_the_handlaggare_of_each_ongoing_initiative(rep_a, organisation_a):
    """The samverkan app will register a provider; until then there are no initiatives."""
    AffiliationFactory(organisation=organisation_a)

    def provider(organisation):
        return [OngoingInitiative("Läxhjälp", "https://x.example.se/i/1", "Ida", "ida@example.se")]

    initiative_provider_register(provider)
    try:
        affiliation_withdraw(
            organisation=organisation_a,
            actor=rep_a,
            meeting_date=datetime.date(2026, 11, 20),
            paragraph="3",
            protocol=pdf(),
        )
    finally:
        _initiative_providers.remove(provider)
    alert = OutboxMessage.objects.get(to=["ida@example.se"])
    assert "Läxhjälp" in alert.subject


# Årlig uppdatering ---------------------------------------------------------------------

NOW = datetime.datetime(2026, 11, 25, 8, tzinfo=STOCKHOLM)


def candidate(organisation):
    return annual_update_candidates(now=NOW).get(pk=organisation.pk)


def test_skip_reason_before_at_and_after_a_year(organisation_a, organisation_b):
    assert annual_update_skip_reason(organisation_b, NOW) == "not_affiliated"
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2025, 11, 26))
    assert annual_update_skip_reason(candidate(organisation_a), NOW) == "confirmed_recently"
    Affiliation.objects.update(affiliated_from=datetime.date(2025, 11, 25))
    assert annual_update_skip_reason(candidate(organisation_a), NOW) is None
    organisation_a.contact_confirmed_at = datetime.datetime(2026, 3, 1, tzinfo=STOCKHOLM)
    organisation_a.save()
    assert annual_update_skip_reason(candidate(organisation_a), NOW) == "confirmed_recently"
    organisation_a.contact_confirmed_at = None
    organisation_a.save()
    AnnualUpdateRequest.objects.create(organisation=organisation_a, year=2026, sent_at=NOW)
    assert annual_update_skip_reason(candidate(organisation_a), NOW) == "asked_this_year"


def test_annual_update_asks_once_a_year(rep_a, organisation_a, organisation_b):
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 2, 1))
    AffiliationFactory(organisation=organisation_b, affiliated_from=datetime.date(2026, 6, 1))
    with time_machine.travel(NOW):
        assert annual_update_send() == 1
        assert annual_update_send() == 0
    mail = OutboxMessage.objects.get(to=[rep_a.email])
    assert "Stämmer uppgifterna" in mail.subject
    assert AnnualUpdateRequest.objects.get().year == 2026
    # The next year it is asked again (nobody confirmed meanwhile).
    with time_machine.travel(datetime.datetime(2027, 1, 2, 8, tzinfo=STOCKHOLM)):
        assert annual_update_send() == 1
    # Staff see it as unconfirmed for more than a year.
    assert list(organisations_unconfirmed(now=NOW)) == [organisation_a]


def test_demo_affiliates_some_seed_organisations_once():
    from overenskommelse.agreement.selectors.register import register_public_list
    from overenskommelse.demo.load.foundation import demo_data_load

    demo_data_load()
    names = [o.name for o in register_public_list()]
    assert len(names) == 4 and any("PIL" in name for name in names)
    Affiliation.objects.filter(organisation__slug="pil").update(
        ended_on=datetime.date(2026, 11, 25)
    )
    demo_data_load()  # a second load changes nothing, and does not undo a withdrawal
    assert Affiliation.objects.count() == 4
    assert len(register_public_list()) == 3
