"""What each step of anslutning, utträde and the yearly update stores, records in the
history and tells by mail: the exact rows, messages and links."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overenskommelse.agreement.models import (
    Affiliation,
    AffiliationApplication,
    AnnualUpdateRequest,
    Representation,
)
from overenskommelse.agreement.selectors import organisations as organisation_selectors
from overenskommelse.agreement.selectors.organisations import OngoingInitiative
from overenskommelse.agreement.services.affiliation import (
    affiliation_decision_wording,
    affiliation_withdraw,
    annual_update_candidates,
    annual_update_send,
    annual_update_skip_reason,
    application_save,
    application_transition,
    application_transition_error,
)
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
Status = AffiliationApplication.Status
UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
MEETING = datetime.date(2026, 11, 2)


def notices():
    """The mails other than the sender's receipts (tests/…/test_affiliation_receipts.py)."""
    return OutboxMessage.objects.exclude(subject__startswith="Kvitto")


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("p.pdf", b"%PDF-1.4 x\n%%EOF", content_type="application/pdf")


def save(organisation, actor, *, protocol=True, submit=False, **changes):
    values = {
        "meeting_date": MEETING,
        "paragraph": " 7 ",
        "decision_text": " Styrelsen beslutar att ansluta föreningen. ",
        "conditions_confirmed": True,
        **changes,
    }
    return application_save(
        organisation=organisation,
        actor=actor,
        protocol=pdf() if protocol else None,
        submit=submit,
        **values,
    )


def move(application, action, actor, **context):
    return application_transition(application=application, action=action, actor=actor, **context)


def application_url(application) -> str:
    path = reverse("agreement:application_detail", kwargs={"uuid": application.uuid})
    return settings.PORTAL_BASE_URL + path


def organisation_url(organisation) -> str:
    path = reverse("agreement:organisation_detail", kwargs={"slug": organisation.slug})
    return settings.PORTAL_BASE_URL + path


def test_the_proposed_decision_names_the_organisation_and_the_municipality(organisation_a):
    assert affiliation_decision_wording(organisation=organisation_a) == (
        "Styrelsen beslutar att ansluta Förening A till Lunds kommuns Överenskommelse med "
        "idéburen sektor."
    )


# Saving the application -----------------------------------------------------------------


def test_a_new_draft_stores_the_details_trimmed_and_records_the_protocol(rep_a, organisation_a):
    draft = save(organisation_a, rep_a)
    stored = AffiliationApplication.objects.get(pk=draft.pk)
    assert (stored.status, stored.created_by, stored.organisation) == (
        Status.DRAFT,
        rep_a,
        organisation_a,
    )
    assert (stored.meeting_date, stored.paragraph, stored.decision_text) == (
        MEETING,
        "7",
        "Styrelsen beslutar att ansluta föreningen.",
    )
    assert stored.conditions_confirmed and stored.protocol_content_type == "application/pdf"
    assert stored.protocol.name
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor, entry.changes) == (
        "created",
        rep_a,
        {"protocol": [None, "uploaded"]},
    )


def test_saving_again_without_a_file_keeps_the_protocol(rep_a, organisation_a):
    first = save(organisation_a, rep_a)
    again = save(organisation_a, rep_a, protocol=False, paragraph="8", conditions_confirmed=False)
    stored = AffiliationApplication.objects.get(pk=first.pk)
    assert again.pk == first.pk
    assert stored.protocol.name == first.protocol.name
    assert (stored.paragraph, stored.conditions_confirmed) == ("8", False)
    assert history_for(subject=stored).get(action="saved").changes == {}


def test_another_organisations_representative_cannot_change_the_draft(rep_a, rep_b, organisation_a):
    save(organisation_a, rep_a)
    with pytest.raises(ValidationError) as refused:
        save(organisation_a, rep_b, paragraph="99")
    assert refused.value.code == "permission"
    assert refused.value.messages == ["Du får inte göra det."]
    assert AffiliationApplication.objects.get().paragraph == "7"


def test_an_affiliated_organisation_cannot_save_an_application(rep_a, organisation_a):
    AffiliationFactory(organisation=organisation_a)
    with pytest.raises(ValidationError) as refused:
        save(organisation_a, rep_a)
    assert (refused.value.code, refused.value.messages) == (
        "affiliated",
        ["Organisationen är redan ansluten."],
    )
    assert not AffiliationApplication.objects.exists()


def test_save_and_submit_in_one_step(rep_a, organisation_a, handlaggare):
    submitted = save(organisation_a, rep_a, submit=True)
    assert AffiliationApplication.objects.get(pk=submitted.pk).status == Status.SUBMITTED
    assert [e.action for e in history_for(subject=submitted)] == ["submit", "created"]


# The transitions ----------------------------------------------------------------------


def test_submit_records_the_time_clears_the_old_message_and_tells_kommunkontoret(
    rep_a, organisation_a, handlaggare, handlaggare_b
):
    application = move(save(organisation_a, rep_a), "submit", rep_a)
    move(application, "request_completion", handlaggare, message="Mer, tack.")
    with time_machine.travel(NOW, tick=False):
        move(application, "submit", rep_a)
    stored = AffiliationApplication.objects.get(pk=application.pk)
    assert (stored.status, stored.submitted_at, stored.staff_message) == (
        Status.SUBMITTED,
        NOW,
        "",
    )
    entry = history_for(subject=stored).get(at=NOW)
    assert (entry.action, entry.actor, entry.message, entry.changes) == (
        "submit",
        rep_a,
        "",
        {"status": [Status.COMPLETION_REQUESTED, Status.SUBMITTED]},
    )
    mail = notices().filter(subject__startswith="Ny ansökan").last()
    assert mail.to == sorted([handlaggare.email, handlaggare_b.email])
    assert "Förening A" in mail.subject and application_url(stored) in mail.body_text


def test_without_handlaggare_the_application_goes_to_the_contact_address(rep_a, organisation_a):
    move(save(organisation_a, rep_a), "submit", rep_a)
    assert notices().get().to == [settings.MUNICIPALITY_CONTACT_EMAIL]


@pytest.mark.parametrize(
    ("action", "status", "subject"),
    [
        ("request_completion", Status.COMPLETION_REQUESTED, "Komplettera ansökan från Förening A"),
        ("reject", Status.REJECTED, "Ansökan från Förening A är avslagen"),
    ],
)
def test_a_decision_with_a_message_is_recorded_and_told_to_the_representatives(
    rep_a, organisation_a, handlaggare, action, status, subject
):
    application = move(save(organisation_a, rep_a), "submit", rep_a)
    with time_machine.travel(NOW, tick=False):
        move(application, action, handlaggare, message="  Protokollet saknar justering.  ")
    stored = AffiliationApplication.objects.get(pk=application.pk)
    assert (stored.status, stored.decided_at, stored.decided_by, stored.staff_message) == (
        status,
        NOW,
        handlaggare,
        "Protokollet saknar justering.",
    )
    entry = history_for(subject=stored).get(at=NOW)
    assert (entry.action, entry.actor, entry.message, entry.changes) == (
        action,
        handlaggare,
        "Protokollet saknar justering.",
        {"status": [Status.SUBMITTED, status]},
    )
    mail = notices().get(to=[rep_a.email])
    assert subject in mail.subject
    assert "Protokollet saknar justering." in mail.body_text
    assert application_url(stored) in mail.body_text
    assert not Affiliation.objects.exists()


def test_approval_affiliates_from_the_date_and_records_it_on_the_organisation(
    rep_a, organisation_a, handlaggare
):
    application = move(save(organisation_a, rep_a), "submit", rep_a)
    start = datetime.date(2026, 11, 20)
    move(application, "approve", handlaggare, affiliated_from=start)
    affiliation = Affiliation.objects.get()
    assert (affiliation.organisation, affiliation.application, affiliation.affiliated_from) == (
        organisation_a,
        application,
        start,
    )
    entry = history_for(subject=organisation_a).get(action="affiliated")
    assert (entry.actor, entry.changes) == (handlaggare, {"affiliated_from": [None, "2026-11-20"]})
    mail = notices().get(to=[rep_a.email])
    assert "Förening A är ansluten" in mail.subject
    assert "från 2026-11-20" in mail.body_text and application_url(application) in mail.body_text


def test_the_reason_a_move_is_refused(rep_a, organisation_a, handlaggare):
    application = move(save(organisation_a, rep_a), "submit", rep_a)
    assert application_transition_error(application, "merge", actor=handlaggare) == (
        "Okänd åtgärd."
    )
    assert application_transition_error(application, "submit", actor=rep_a) == (
        "Ansökan är inskickad; det går inte att göra nu."
    )
    assert application_transition_error(
        application, "approve", actor=rep_a, affiliated_from=MEETING
    ) == ("Du får inte göra det.")
    assert (
        application_transition_error(
            application, "approve", actor=handlaggare, affiliated_from=MEETING
        )
        is None
    )
    with pytest.raises(ValidationError) as refused:
        move(application, "approve", handlaggare)
    assert refused.value.code == "transition"


@pytest.mark.parametrize(
    "missing",
    [
        {"meeting_date": None},
        {"paragraph": ""},
        {"decision_text": ""},
        {"conditions_confirmed": False},
        {"protocol": False},
    ],
    ids=lambda m: next(iter(m)),
)
def test_each_missing_part_stops_the_submission(rep_a, organisation_a, missing):
    protocol = missing.pop("protocol", True)
    draft = save(organisation_a, rep_a, protocol=protocol, **missing)
    assert application_transition_error(draft, "submit", actor=rep_a) == (
        "Fyll i mötesdatum, paragraf och beslut, ladda upp det justerade protokollet "
        "och intyga villkoren innan du skickar ansökan."
    )


def test_approval_on_the_day_of_the_board_decision_is_allowed(rep_a, organisation_a, handlaggare):
    application = move(save(organisation_a, rep_a), "submit", rep_a)
    assert (
        application_transition_error(
            application, "approve", actor=handlaggare, affiliated_from=MEETING
        )
        is None
    )
    assert application_transition_error(
        application,
        "approve",
        actor=handlaggare,
        affiliated_from=MEETING - datetime.timedelta(days=1),
    ) == ("Anslutningen kan inte börja före styrelsens beslut.")


# Utträde --------------------------------------------------------------------------------


def withdraw(organisation, actor, **changes):
    values = {
        "meeting_date": datetime.date(2026, 11, 20),
        "paragraph": " 12 ",
        "protocol": pdf(),
        **changes,
    }
    return affiliation_withdraw(organisation=organisation, actor=actor, **values)


def test_withdrawal_stores_the_decision_records_it_and_tells_kommunkontoret(
    rep_a, organisation_a, handlaggare
):
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 5, 1))
    with time_machine.travel(NOW, tick=False):
        withdraw(organisation_a, rep_a)
    stored = Affiliation.objects.get()
    assert (
        stored.ended_on,
        stored.withdrawal_meeting_date,
        stored.withdrawal_paragraph,
        stored.withdrawal_registered_by,
        stored.withdrawal_protocol_content_type,
    ) == (datetime.date(2026, 11, 25), datetime.date(2026, 11, 20), "12", rep_a, "application/pdf")
    assert stored.withdrawal_protocol.name
    entry = history_for(subject=organisation_a).get(action="withdrew")
    assert (entry.actor, entry.message, entry.changes) == (
        rep_a,
        "Styrelsemöte 2026-11-20 § 12",
        {"ended_on": [None, "2026-11-25"]},
    )
    mail = notices().get()
    assert mail.to == [handlaggare.email]
    assert "Förening A har utträtt" in mail.subject
    assert organisation_url(organisation_a) in mail.body_text
    assert "(2026-11-20 § 12)" in mail.body_text and "2026-11-25" in mail.body_text


def test_a_withdrawal_before_the_affiliation_starts_ends_it_on_its_first_day(rep_a, organisation_a):
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2026, 12, 1))
    with time_machine.travel(NOW, tick=False):
        affiliation = withdraw(organisation_a, rep_a)
    assert affiliation.ended_on == datetime.date(2026, 12, 1)
    assert notices().get().to == [settings.MUNICIPALITY_CONTACT_EMAIL]


def test_a_withdrawal_alerts_each_initiatives_responsible(rep_a, organisation_a, monkeypatch):
    monkeypatch.setattr(organisation_selectors, "_initiative_providers", [])
    AffiliationFactory(organisation=organisation_a)
    organisation_selectors.initiative_provider_register(
        # The initiatives this organisation (and only it) is party to.
        lambda organisation: (
            [
                OngoingInitiative("Läxhjälp", "https://x.example.se/i/1", "Ida", "ida@example.se"),
                OngoingInitiative("Simskola", "https://x.example.se/i/2", "Bo", "bo@example.se"),
            ]
            if organisation == organisation_a
            else []
        )
    )
    with time_machine.travel(NOW, tick=False):
        withdraw(organisation_a, rep_a)
    alerts = {m.to[0]: m for m in notices().exclude(to=[settings.MUNICIPALITY_CONTACT_EMAIL])}
    assert set(alerts) == {"ida@example.se", "bo@example.se"}
    assert "Förening A" in alerts["ida@example.se"].subject
    assert "Läxhjälp" in alerts["ida@example.se"].subject
    body = alerts["bo@example.se"].body_text
    assert "Simskola" in body and "2026-11-25" in body and "https://x.example.se/i/2" in body


def test_only_an_affiliated_organisation_can_withdraw(rep_a, organisation_a):
    with pytest.raises(ValidationError) as refused:
        withdraw(organisation_a, rep_a)
    assert (refused.value.code, refused.value.messages) == (
        "not_affiliated",
        ["Organisationen är inte ansluten."],
    )


# Årlig uppdatering ----------------------------------------------------------------------


def test_the_year_is_the_local_one(organisation_a):
    """23:30 UTC on New Year's Eve is already the new year in Stockholm."""
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 1, 1))
    AnnualUpdateRequest.objects.create(organisation=organisation_a, year=2027, sent_at=NOW)
    eve = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    (candidate,) = annual_update_candidates(now=eve)
    assert candidate.asked_this_year and candidate.affiliated_from == datetime.date(2024, 1, 1)
    assert annual_update_skip_reason(candidate, eve) == "asked_this_year"
    with time_machine.travel(eve, tick=False):
        assert annual_update_send() == 0


def test_a_confirmation_counts_by_its_local_day(organisation_a):
    """Confirmed 00:30 Stockholm time on 25 November 2025 (23:30 UTC the day before):
    a year has passed on 25 November 2026, not on the 24th."""
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2020, 1, 1))
    organisation_a.contact_confirmed_at = datetime.datetime(2025, 11, 24, 23, 30, tzinfo=UTC)
    organisation_a.save()
    (candidate,) = annual_update_candidates(now=NOW)
    assert annual_update_skip_reason(candidate, NOW) is None
    day_before = NOW - datetime.timedelta(days=1)
    assert annual_update_skip_reason(candidate, day_before) == "confirmed_recently"


def test_the_request_goes_to_the_representatives_with_a_link_and_is_recorded(rep_a, organisation_a):
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 2, 1))
    with time_machine.travel(NOW, tick=False):
        assert annual_update_send() == 1
    request = AnnualUpdateRequest.objects.get()
    assert (request.organisation, request.year, request.sent_at) == (organisation_a, 2026, NOW)
    mail = notices().get()
    assert mail.to == [rep_a.email] and "Förening A" in mail.subject
    assert organisation_url(organisation_a) in mail.body_text
    entry = history_for(subject=organisation_a).get()
    assert (entry.action, entry.actor, entry.message, entry.at) == (
        "annual_update_requested",
        None,
        "2026",
        NOW,
    )


def test_without_representatives_the_request_goes_to_the_organisations_address():
    organisation = OrganisationFactory(email="info@forening.se")
    AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 2, 1))
    with time_machine.travel(NOW, tick=False):
        assert annual_update_send() == 1
    assert notices().get().to == ["info@forening.se"]


def test_with_nobody_to_ask_the_request_is_still_claimed_and_recorded():
    organisation = OrganisationFactory(email="")
    AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 2, 1))
    with time_machine.travel(NOW, tick=False):
        assert annual_update_send() == 1
        assert annual_update_send() == 0
    assert not notices().exists()
    assert AnnualUpdateRequest.objects.filter(organisation=organisation, year=2026).exists()
    assert history_for(subject=organisation).get().action == "annual_update_requested"


def test_only_due_organisations_are_asked_and_each_is_counted(organisation_a, organisation_b):
    third = OrganisationFactory()
    for organisation in (organisation_a, organisation_b):
        AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 2, 1))
    AffiliationFactory(organisation=third, affiliated_from=datetime.date(2026, 6, 1))
    with time_machine.travel(NOW, tick=False):
        assert annual_update_send() == 2
    assert set(AnnualUpdateRequest.objects.values_list("organisation", flat=True)) == {
        organisation_a.pk,
        organisation_b.pk,
    }


def test_a_representative_who_left_is_not_asked(rep_a, organisation_a):
    Representation.objects.filter(user=rep_a).update(status=Representation.Status.ENDED)
    organisation_a.email = "info@a.se"
    organisation_a.save()
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 2, 1))
    with time_machine.travel(NOW, tick=False):
        annual_update_send()
    assert notices().get().to == ["info@a.se"]


def test_the_sweep_works_on_the_time_it_is_given():
    """The beat task passes its own `now`: the year, the due check and the history row's
    time are that moment's, not the clock's."""
    later = datetime.datetime(2027, 11, 25, 8, 0, tzinfo=UTC)
    recent = OrganisationFactory(name="Nyss bekräftad", contact_confirmed_at=later)
    due = OrganisationFactory(
        name="Bekräftad i somras",
        contact_confirmed_at=datetime.datetime(2026, 6, 1, tzinfo=UTC),
    )
    for organisation in (recent, due):
        AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 2, 1))
    AnnualUpdateRequest.objects.create(organisation=due, year=2026, sent_at=NOW)
    assert annual_update_send(now=later) == 1
    request = AnnualUpdateRequest.objects.get(organisation=due, year=2027)
    assert request.sent_at == later
    entry = history_for(subject=due).get()
    assert (entry.message, entry.at) == ("2027", later)
    assert not AnnualUpdateRequest.objects.filter(organisation=recent).exists()


def test_one_organisation_asked_this_year_does_not_stop_the_others(organisation_a, organisation_b):
    for organisation in (organisation_a, organisation_b):
        AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 2, 1))
    AnnualUpdateRequest.objects.create(organisation=organisation_a, year=2026, sent_at=NOW)
    asked = {o.pk: o.asked_this_year for o in annual_update_candidates(now=NOW)}
    assert asked == {organisation_a.pk: True, organisation_b.pk: False}
    with time_machine.travel(NOW, tick=False):
        assert annual_update_send() == 1
    assert AnnualUpdateRequest.objects.filter(organisation=organisation_b, year=2026).exists()


def test_an_organisation_read_without_the_yearly_annotation_counts_as_not_asked():
    """The rule also reads an organisation annotated only with its affiliation start
    (the register's list, say): not asked this year unless it says so."""
    from overenskommelse.agreement.selectors.register import register_public_get

    organisation = OrganisationFactory(contact_confirmed_at=None)
    AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 2, 1))
    listed = register_public_get(slug=organisation.slug)
    assert not hasattr(listed, "asked_this_year")
    assert annual_update_skip_reason(listed, NOW) is None


def test_a_draft_of_an_organisation_affiliated_meanwhile_cannot_be_sent(rep_a, organisation_a):
    draft = save(organisation_a, rep_a)
    Affiliation.objects.create(organisation=organisation_a, affiliated_from=MEETING)
    assert application_transition_error(draft, "submit", actor=rep_a) == (
        "Organisationen är redan ansluten."
    )
    with pytest.raises(ValidationError) as refused:
        move(draft, "submit", rep_a)
    assert refused.value.messages == ["Organisationen är redan ansluten."]
    assert AffiliationApplication.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_decision_asked_about_without_a_message_needs_one(rep_a, organisation_a, handlaggare):
    application = move(save(organisation_a, rep_a), "submit", rep_a)
    for action in ("reject", "request_completion"):
        assert application_transition_error(application, action, actor=handlaggare) == (
            "Skriv ett meddelande till föreningen."
        )


def test_a_protocol_is_stored_with_the_type_its_content_has_not_its_name(rep_a, organisation_a):
    draft = application_save(
        organisation=organisation_a,
        actor=rep_a,
        meeting_date=MEETING,
        paragraph="7",
        decision_text="Beslut",
        conditions_confirmed=True,
        protocol=SimpleUploadedFile("protokoll.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
    )
    assert AffiliationApplication.objects.get(pk=draft.pk).protocol_content_type == "image/png"


def test_a_completion_saved_without_its_sent_parts_is_refused_as_incomplete(
    rep_a, organisation_a, handlaggare
):
    application = move(save(organisation_a, rep_a), "submit", rep_a)
    move(application, "request_completion", handlaggare, message="Mer")
    with pytest.raises(ValidationError) as refused:
        save(organisation_a, rep_a, protocol=False, conditions_confirmed=False)
    assert refused.value.code == "incomplete"


def test_an_application_opened_by_someone_else_meanwhile_is_refused_as_open(rep_a, organisation_a):
    """Two first saves at once: the database's one-open-application rule stops the
    second, which is told so in Swedish instead of getting an error page."""
    from unittest import mock

    from django.db import IntegrityError

    with (
        mock.patch.object(AffiliationApplication, "save", side_effect=IntegrityError("unique")),
        pytest.raises(ValidationError) as refused,
    ):
        save(organisation_a, rep_a)
    assert (refused.value.code, refused.value.messages) == (
        "open",
        ["Organisationen har redan en pågående ansökan."],
    )
    assert not history_for(subject=organisation_a).exists()


def test_an_organisation_claimed_by_a_parallel_run_does_not_stop_the_next(
    organisation_a, organisation_b
):
    from unittest import mock

    from overenskommelse.agreement.services import affiliation

    for organisation in (organisation_a, organisation_b):
        AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 2, 1))
    real = affiliation.annual_update_skip_reason

    def claimed_meanwhile(organisation, now):
        if organisation.pk == organisation_a.pk:  # read first; another beat claims it now
            AnnualUpdateRequest.objects.create(organisation=organisation, year=2026, sent_at=now)
        return real(organisation, now)

    with mock.patch.object(affiliation, "annual_update_skip_reason", claimed_meanwhile):
        assert annual_update_send(now=NOW) == 1
    assert AnnualUpdateRequest.objects.filter(organisation=organisation_b, year=2026).exists()
    assert not history_for(subject=organisation_a).exists()
