"""Receipts: the association hears, in its own language, what it sent and what happens
next when it applies, completes, withdraws or applies again."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from overenskommelse.agreement.services.affiliation import (
    affiliation_withdraw,
    application_save,
    application_transition,
)
from overenskommelse.platform.models import OutboxMessage
from tests.factories import AffiliationFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PDF = b"%PDF-1.4 signed\n%%EOF"  # 21 bytes
pytestmark = pytest.mark.django_db


def pdf(name="Styrelseprotokoll 2026-11-02.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def save(organisation, actor, *, name="Styrelseprotokoll 2026-11-02.pdf"):
    return application_save(
        organisation=organisation,
        actor=actor,
        meeting_date=datetime.date(2026, 11, 2),
        paragraph="7",
        decision_text="Styrelsen beslutar att ansluta.",
        conditions_confirmed=True,
        protocol=pdf(name),
        submit=True,
    )


def receipts():
    return list(OutboxMessage.objects.filter(subject__startswith="Kvitto").order_by("pk"))


@pytest.fixture
def contact_address(organisation_a):
    organisation_a.email = "styrelsen@forening-a.example.se"
    organisation_a.save(update_fields=["email"])
    return organisation_a.email


def assert_lists_what_was_sent(message, organisation, rep, *, file_name):
    for body in (message.body_text, message.body_html):
        assert organisation.name in body
        assert "Det här skickades in" in body
        assert file_name in body
        assert "21\xa0byte" in body
        assert rep.get_full_name() in body  # the representatives, and the sender, by name
        assert "Det här händer nu" in body
        assert "Kommunkontoret" in body
        assert "4 veckor" in body
    assert rep.email not in message.body_text  # named, not addressed


@time_machine.travel(datetime.datetime(2026, 11, 5, 10, tzinfo=STOCKHOLM))
def test_application_receipt_goes_to_the_sender_and_the_contact_address(
    rep_a, rep_b, organisation_a, contact_address, handlaggare
):
    application = save(organisation_a, rep_a)
    (receipt,) = receipts()
    assert receipt.to == sorted([rep_a.email, contact_address])
    assert rep_b.email not in receipt.to and handlaggare.email not in receipt.to
    assert (
        receipt.subject
        == f"Kvitto: ansökan från {organisation_a.name} om anslutning till Överenskommelsen"
    )
    assert "5 november 2026" in receipt.body_text
    assert "Styrelsemöte: 2 november 2026 § 7" in receipt.body_text
    assert_lists_what_was_sent(
        receipt, organisation_a, rep_a, file_name="Styrelseprotokoll 2026-11-02.pdf"
    )
    url = reverse("agreement:application_detail", kwargs={"uuid": application.uuid})
    assert url in receipt.body_text and url in receipt.body_html
    assert "Följ ansökan på portalen" in receipt.body_text


def test_a_second_submit_sends_no_second_receipt(rep_a, organisation_a):
    save(organisation_a, rep_a)
    save(organisation_a, rep_a)
    assert len(receipts()) == 1


def test_completion_gets_its_own_receipt(rep_a, organisation_a, handlaggare):
    application = save(organisation_a, rep_a)
    application_transition(
        application=application,
        action="request_completion",
        actor=handlaggare,
        message="Protokollet saknar justering.",
    )
    save(organisation_a, rep_a, name="justerat.pdf")
    _first, completed = receipts()
    assert completed.subject == f"Kvitto: den kompletterade ansökan från {organisation_a.name}"
    assert "kompletterade ansökan" in completed.body_text
    assert_lists_what_was_sent(completed, organisation_a, rep_a, file_name="justerat.pdf")
    assert completed.to == [rep_a.email]  # organisation_a has no contact address of its own


@time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=STOCKHOLM))
def test_withdrawal_and_re_application_get_receipts(rep_a, rep_b, organisation_a, contact_address):
    AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 5, 1))
    affiliation_withdraw(
        organisation=organisation_a,
        actor=rep_a,
        meeting_date=datetime.date(2026, 11, 20),
        paragraph="12",
        protocol=pdf("utträde.pdf"),
    )
    (withdrawal,) = receipts()
    assert withdrawal.subject == f"Kvitto: utträdet för {organisation_a.name} ur Överenskommelsen"
    assert withdrawal.to == sorted([rep_a.email, contact_address])
    assert "Styrelsemöte: 20 november 2026 § 12" in withdrawal.body_text
    assert "kan ansöka igen" in withdrawal.body_text
    assert_lists_what_was_sent(withdrawal, organisation_a, rep_a, file_name="utträde.pdf")
    organisation_url = reverse(
        "agreement:organisation_detail", kwargs={"slug": organisation_a.slug}
    )
    assert organisation_url in withdrawal.body_text

    save(organisation_a, rep_a, name="ny ansökan.pdf")
    _withdrawal, again = receipts()
    assert again.subject == (
        f"Kvitto: den nya ansökan från {organisation_a.name} om anslutning till Överenskommelsen"
    )
    assert "handläggs som en ny ansökan" in again.body_text
    assert_lists_what_was_sent(again, organisation_a, rep_a, file_name="ny ansökan.pdf")
    assert rep_b.email not in again.to


def test_re_application_after_a_rejection_is_a_new_application(rep_a, organisation_a, handlaggare):
    application = save(organisation_a, rep_a)
    application_transition(
        application=application, action="reject", actor=handlaggare, message="Inte ideell."
    )
    save(organisation_a, rep_a)
    first, again = receipts()
    assert first.subject.startswith("Kvitto: ansökan från")
    assert again.subject.startswith("Kvitto: den nya ansökan från")


def test_the_receipt_is_in_english_for_an_english_sender(rep_a, organisation_a):
    with translation.override("en"):
        save(organisation_a, rep_a)
    receipt = OutboxMessage.objects.get(subject__startswith="Receipt")
    assert receipt.subject == (
        f"Receipt: the application of {organisation_a.name} to affiliate to the Agreement"
    )
    for text in ("What was sent", "What happens next", "usually within 4 weeks", "21\xa0bytes"):
        assert text in receipt.body_text


def test_the_form_posted_twice_with_one_key_sends_one_receipt(client, rep_a, organisation_a):
    """The browser's double click: the same submission key twice."""
    import re

    client.force_login(rep_a)
    url = reverse("agreement:application_form", kwargs={"slug": organisation_a.slug})
    key = re.search(r'name="submission_key" value="([^"]+)"', client.get(url).content.decode())
    data = {
        "meeting_date": "2026-11-02",
        "paragraph": "7",
        "decision_text": "Styrelsen beslutar att ansluta.",
        "conditions_confirmed": "on",
        "action": "submit",
        "submission_key": key.group(1),
    }
    for _ in range(2):
        client.post(url, {**data, "protocol": pdf()})
    (receipt,) = receipts()
    assert receipt.to == [rep_a.email]
