"""A form is saved once however often it is sent (overenskommelse/platform/submissions.py)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from overenskommelse.platform.models import FormSubmission
from overenskommelse.platform.services.submissions import (
    submission_claim,
    submission_done,
    submission_release,
)
from overenskommelse.protocols.models import ProtocolMeeting

pytestmark = pytest.mark.django_db

KEY = "k" * 32
MEETING = {"organ_name": "Kommunstyrelsen", "date": "2026-11-15"}


@pytest.fixture
def staff_client(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


def _create_url() -> str:
    return reverse("protocols:protocol_meeting_create")


def test_a_form_sent_twice_is_saved_once(staff_client):
    first = staff_client.post(_create_url(), {**MEETING, "submission_key": KEY})
    second = staff_client.post(_create_url(), {**MEETING, "submission_key": KEY})
    assert ProtocolMeeting.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    # (the first POST's message is still waiting: the client followed no redirect)
    assert [str(m) for m in get_messages(second.wsgi_request)] == [
        "Sammanträdet är registrerat.",
        "Formuläret var redan skickat. Det sparades inte en gång till.",
    ]


def test_each_form_shown_may_be_sent(staff_client):
    """A new page view has a new key: the same details sent from it are saved again."""
    staff_client.post(_create_url(), {**MEETING, "submission_key": KEY})
    staff_client.post(_create_url(), {**MEETING, "submission_key": "n" * 32})
    staff_client.post(_create_url(), MEETING)  # no key: as before the guard
    assert ProtocolMeeting.objects.count() == 3


def test_a_refused_form_frees_its_key(staff_client):
    refused = staff_client.post(_create_url(), {"organ_name": "KS", "submission_key": KEY})
    assert refused.status_code == 200 and "date" in refused.context["form"].errors
    accepted = staff_client.post(_create_url(), {**MEETING, "submission_key": KEY})
    assert accepted.status_code == 302
    assert ProtocolMeeting.objects.count() == 1
    assert FormSubmission.objects.get(key=KEY).location == accepted["Location"]


def test_a_second_post_while_the_first_is_handled_is_a_409(staff_client):
    assert submission_claim(key=KEY) is None  # the first POST holds the key
    response = staff_client.post(_create_url(), {**MEETING, "submission_key": KEY})
    assert response.status_code == 409
    assert "Formuläret skickas fortfarande" in response.content.decode()
    assert not ProtocolMeeting.objects.exists()


@pytest.mark.parametrize("key", ["kort", "k" * 65, "ä" * 32, "k" * 100_000])
def test_a_malformed_key_is_no_key(staff_client, key):
    for _ in range(2):
        assert (
            staff_client.post(_create_url(), {**MEETING, "submission_key": key}).status_code == 302
        )
    assert ProtocolMeeting.objects.count() == 2
    assert not FormSubmission.objects.exists()


def test_every_form_shown_carries_a_fresh_key(staff_client):
    keys = [
        re.search(r'name="submission_key" value="([^"]+)"', page.content.decode())[1]
        for page in (staff_client.get(_create_url()), staff_client.get(_create_url()))
    ]
    assert keys[0] != keys[1]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", key) for key in keys)


def test_every_template_with_a_csrf_token_has_a_submission_key():
    templates = Path(settings.BASE_DIR) / "templates"
    missing = [
        str(path.relative_to(templates))
        for path in sorted(templates.rglob("*.html"))
        if path.read_text().count("{% csrf_token %}")
        != path.read_text().count("{% csrf_token %}{% submission_key %}")
    ]
    assert not missing, f"put {{% submission_key %}} after {{% csrf_token %}} in: {missing}"


# The services themselves -------------------------------------------------------------


def test_a_used_key_is_forgotten_after_two_days_and_not_before():
    now = timezone.now()
    for key, age in (
        ("old" * 10, dt.timedelta(days=2, seconds=1)),
        ("new" * 10, dt.timedelta(days=1)),
    ):
        FormSubmission.objects.create(key=key, location="/gjort/")
        FormSubmission.objects.filter(key=key).update(created_at=now - age)
    assert submission_claim(key=KEY, now=now) is None
    assert sorted(FormSubmission.objects.values_list("key", flat=True)) == sorted([KEY, "new" * 10])


def test_a_claimed_key_returns_the_earlier_submission():
    assert submission_claim(key=KEY) is None
    submission_done(key=KEY, location="/klart/")
    earlier = submission_claim(key=KEY)
    assert (earlier.pk, earlier.key, earlier.location) == (
        FormSubmission.objects.get(key=KEY).pk,
        KEY,
        "/klart/",
    )
    assert FormSubmission.objects.count() == 1


def test_done_keeps_the_first_2000_characters_of_a_long_location():
    submission_claim(key=KEY)
    submission_done(key=KEY, location="/" + "a" * 2500)
    assert FormSubmission.objects.get(key=KEY).location == "/" + "a" * 1999


def test_release_frees_only_its_own_key_and_only_while_it_is_being_handled():
    for key in (KEY, "d" * 32, "e" * 32):
        submission_claim(key=key)
    submission_done(key="d" * 32, location="/klart/")
    submission_release(key=KEY)
    submission_release(key="d" * 32)
    assert sorted(FormSubmission.objects.values_list("key", flat=True)) == ["d" * 32, "e" * 32]
    assert submission_claim(key=KEY) is None
