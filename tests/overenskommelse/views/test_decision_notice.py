"""A rejection or a completion request tells the association how to go on: the reason,
the deciding official, a contact, and how to ask for omprövning or appeal, on the
application page and in the mail (templates/platform/_decision_notice.html)."""

import datetime as dt
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from overenskommelse.accounts.services.accounts import account_delete
from overenskommelse.agreement.services.affiliation import application_transition
from overenskommelse.platform.models import OutboxMessage
from tests.factories import AffiliationApplicationFactory

pytestmark = pytest.mark.django_db

DECIDED = dt.datetime(2026, 11, 10, 14, 30, tzinfo=dt.UTC)
REASON = "Föreningen är vinstdrivande enligt stadgarna."

SV_DECISION = [
    "Beslutet",
    "Skälen för beslutet",
    REASON,
    "Beslutat av",
    "2026-11-10",
    "Begär omprövning",
    "förvaltningslagen 37–39 §§",
    "laglighetsprövning",
    "13 kap. kommunallagen",
    "inom tre veckor",
    "förvaltningsrätten",
]
SV_REQUEST = [
    "Kommunkontorets begäran",
    "Vad som begärs",
    REASON,
    "Begärt av",
    "2026-11-10",
    "kan inte överklagas för sig",
    "omprövas eller överklagas",
]
EN_DECISION = [
    "The decision",
    "Reason for the decision",
    REASON,
    "Decided by",
    "Ask for reconsideration (omprövning)",
    "förvaltningslagen 37–39 §§",
    "laglighetsprövning under kommunallagen, chapter 13",
    "within three weeks",
]
EN_REQUEST = [
    "Kommunkontoret's request",
    "What is asked for",
    REASON,
    "Asked by",
    "cannot be appealed by itself",
]


@pytest.fixture
def application(organisation_a):
    return AffiliationApplicationFactory(organisation=organisation_a)


def _page_url(application) -> str:
    return reverse("agreement:application_detail", kwargs={"uuid": application.uuid})


def _decide(client, application, action) -> None:
    url = reverse("agreement:application_decide", kwargs={"uuid": application.uuid})
    with time_machine.travel(DECIDED, tick=False):
        response = client.post(url, {"action": action, "message": REASON})
    assert response.status_code == 302, response.content.decode()[:2000]


def _contains_all(text: str, parts: list[str]) -> list[str]:
    """The parts missing from `text`, HTML entities read (empty when all are there)."""
    text = html.unescape(text)
    return [part for part in parts if part not in text]


@pytest.mark.parametrize(
    ("action", "parts", "subject"),
    [("reject", SV_DECISION, "avslagen"), ("request_completion", SV_REQUEST, "komplettera")],
)
def test_the_page_and_the_mail_tell_the_association_how_to_go_on(
    client, no_staff_mfa, application, handlaggare, rep_a, settings, action, parts, subject
):
    handlaggare.phone = "046-35 50 00"
    handlaggare.save()
    client.force_login(handlaggare)
    _decide(client, application, action)
    expected = [
        *parts,
        handlaggare.get_full_name(),
        handlaggare.email,
        "046-35 50 00",
        settings.MUNICIPALITY_CONTACT_EMAIL,
    ]

    mail = OutboxMessage.objects.get(subject__icontains=subject)
    assert mail.to == [rep_a.email]
    assert _contains_all(mail.body_text, expected) == []
    assert _contains_all(mail.body_html, expected) == []
    assert "<" not in mail.body_text  # the text part is text

    client.force_login(rep_a)
    page = client.get(_page_url(application)).content.decode()
    assert _contains_all(page, expected) == []
    assert f'href="mailto:{handlaggare.email}"' in page


@pytest.mark.parametrize(
    ("action", "parts"), [("reject", EN_DECISION), ("request_completion", EN_REQUEST)]
)
def test_the_mail_in_english(application, handlaggare, rep_a, settings, action, parts):
    with translation.override("en"), time_machine.travel(DECIDED, tick=False):
        application_transition(
            application=application, action=action, actor=handlaggare, message=REASON
        )
    (mail,) = OutboxMessage.objects.all()
    expected = [*parts, handlaggare.get_full_name(), settings.MUNICIPALITY_CONTACT_EMAIL]
    assert _contains_all(mail.body_text, expected) == []
    assert _contains_all(mail.body_html, expected) == []


def test_the_page_in_english(client, application, handlaggare, rep_a):
    with time_machine.travel(DECIDED, tick=False):
        application_transition(
            application=application, action="reject", actor=handlaggare, message=REASON
        )
    client.force_login(rep_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(_page_url(application)).content.decode()
    assert 'lang="en"' in page
    assert _contains_all(page, [*EN_DECISION, handlaggare.get_full_name()]) == []


def test_a_deactivated_official_is_named_but_kommunkontoret_is_the_contact(
    client, application, handlaggare, rep_a, settings
):
    with time_machine.travel(DECIDED, tick=False):
        application_transition(
            application=application, action="reject", actor=handlaggare, message=REASON
        )
    name, email = handlaggare.get_full_name(), handlaggare.email
    account_delete(user=handlaggare, actor=handlaggare)
    client.force_login(rep_a)
    page = client.get(_page_url(application)).content.decode()
    assert name in page and settings.MUNICIPALITY_CONTACT_EMAIL in page
    assert f"mailto:{email}" not in page


def test_an_approval_shows_no_appeal_guidance(application, handlaggare, rep_a, client):
    with time_machine.travel(DECIDED, tick=False):
        application_transition(
            application=application,
            action="approve",
            actor=handlaggare,
            affiliated_from=dt.date(2026, 11, 10),
        )
    mail = OutboxMessage.objects.get()
    assert "laglighetsprövning" not in mail.body_text
    client.force_login(rep_a)
    assert "laglighetsprövning" not in client.get(_page_url(application)).content.decode()


def test_another_organisation_cannot_see_the_decision(client, application, handlaggare, rep_b):
    application_transition(
        application=application, action="reject", actor=handlaggare, message=REASON
    )
    client.force_login(rep_b)
    response = client.get(_page_url(application))
    assert response.status_code in (403, 404)
    assert REASON not in response.content.decode()
    client.logout()
    response = client.get(_page_url(application))
    assert response.status_code == 302 and REASON not in response.content.decode()


def test_a_rejection_without_a_reason_is_refused(client, no_staff_mfa, application, handlaggare):
    client.force_login(handlaggare)
    url = reverse("agreement:application_decide", kwargs={"uuid": application.uuid})
    response = client.post(url, {"action": "reject", "message": "   "})
    assert response.status_code == 200
    assert "Skriv ett meddelande till föreningen." in response.content.decode()
    assert not OutboxMessage.objects.exists()
