"""Rendered pages served from the cache (overenskommelse/page_cache.py): fresh after
every change, never shared between users, forms still work, messages still shown."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from overenskommelse.models import Organisation, RoleAssignment
from overenskommelse.page_cache import CSRF_PLACEHOLDER
from tests.factories import PASSWORD, AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

REGISTER = "/foreningsregistret/"


def affiliated(name: str) -> Organisation:
    organisation = OrganisationFactory(name=name)
    AffiliationFactory(organisation=organisation)
    return organisation


def _without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_second_anonymous_visit_is_served_without_touching_the_database(
    client, django_assert_num_queries
):
    affiliated("Cachade föreningen")
    first = client.get(REGISTER)
    assert first.context is not None  # rendered
    with django_assert_num_queries(0):
        second = client.get(REGISTER)
    assert second.context is None  # from the cache
    assert _without_token(second.content.decode()) == _without_token(first.content.decode())


def test_query_string_and_language_are_part_of_the_key(client):
    affiliated("Bollklubben")
    affiliated("Körföreningen")
    assert "Körföreningen" in client.get(REGISTER).content.decode()
    searched = client.get(REGISTER, {"q": "boll"}).content.decode()
    assert "Bollklubben" in searched and "Körföreningen" not in searched
    english = client.get(REGISTER, headers={"accept-language": "en"})
    swedish = client.get(REGISTER, headers={"accept-language": "sv"})
    assert english.headers["Content-Language"] == "en"
    assert swedish.headers["Content-Language"] == "sv"
    assert english.content != swedish.content


def test_a_change_through_the_orm_shows_at_once(client):
    organisation = affiliated("Gamla namnet")
    assert "Gamla namnet" in client.get(REGISTER).content.decode()
    organisation.name = "Nya namnet"
    organisation.save()
    html = client.get(REGISTER).content.decode()
    assert "Nya namnet" in html and "Gamla namnet" not in html


def test_a_write_without_signals_shows_after_any_post_or_the_time_limit(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 60
    organisation = affiliated("Före uppdateringen")
    client.get(REGISTER)
    Organisation.objects.filter(pk=organisation.pk).update(name="Efter uppdateringen")
    assert "Före uppdateringen" in client.get(REGISTER).content.decode()  # cached
    # Any successful POST may have changed data: the cache starts over.
    assert client.post(reverse("set_language"), {"language": "sv", "next": "/"}).status_code == 302
    assert "Efter uppdateringen" in client.get(REGISTER).content.decode()

    Organisation.objects.filter(pk=organisation.pk).update(name="Ännu senare")
    assert "Efter uppdateringen" in client.get(REGISTER).content.decode()
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=61)):
        assert "Ännu senare" in client.get(REGISTER).content.decode()


def test_switched_off_with_zero_seconds(client, settings, django_assert_max_num_queries):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    affiliated("Ingen cache")
    client.get(REGISTER)
    assert client.get(REGISTER).context is not None


def test_each_visitor_of_a_cached_page_gets_a_working_csrf_token():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html = first.get("/").content.decode()
    second_page = second.get("/")
    assert second_page.context is None  # the cached copy
    second_html = second_page.content.decode()
    assert CSRF_PLACEHOLDER not in first_html + second_html
    assert _token(first_html) != _token(second_html)
    # The language form on the cached page posts with the visitor's own token.
    answer = second.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(second_html)},
    )
    assert answer.status_code == 302
    # A token from someone else's page is refused, as without the cache.
    third = Client(enforce_csrf_checks=True)
    third.get("/")
    refused = third.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": _token(second_html)},
    )
    assert refused.status_code == 403


def test_an_error_page_from_a_cached_view_has_a_real_token(client):
    missing = client.get("/foreningsregistret/finns-inte/")
    assert missing.status_code == 404
    html = missing.content.decode()
    assert CSRF_PLACEHOLDER not in html
    assert _token(html)


def test_logged_in_users_never_get_the_anonymous_copy(client, rep_a):
    affiliated("Synlig förening")
    anonymous = client.get(REGISTER).content.decode()
    assert "Logga in" in anonymous
    client.login(email=rep_a.email, password=PASSWORD)
    own = client.get(REGISTER)
    assert own.context is not None
    assert "Logga ut" in own.content.decode()
    client.logout()
    assert "Logga ut" not in client.get(REGISTER).content.decode()


def test_a_waiting_message_is_shown_not_skipped(client, rep_a):
    Client().get("/")  # someone else caches the start page
    client.login(email=rep_a.email, password=PASSWORD)
    page = client.post(reverse("account_logout"), follow=True)
    assert page.request["PATH_INFO"] == "/"
    assert "Du har loggat ut." in page.content.decode()


def test_staff_pages_are_kept_per_user(client, handlaggare, admin_user, no_staff_mfa):
    board = reverse("samverkan:board")
    client.force_login(handlaggare)
    first = client.get(board)
    assert first.status_code == 200 and first.context is not None
    again = client.get(board)
    assert again.context is None  # this handläggare's own copy

    other = Client()
    other.force_login(admin_user)
    theirs = other.get(board)
    assert theirs.context is not None  # not the handläggare's copy
    assert other.get(board).context is None  # and then their own copy
    assert Client().get(board).status_code == 302  # anonymous: to the log-in page


def test_permissions_are_checked_before_the_cache(client, handlaggare, rep_a, no_staff_mfa):
    board = reverse("samverkan:board")
    client.force_login(handlaggare)
    assert client.get(board).status_code == 200
    assert client.get(board).context is None
    outsider = Client()
    outsider.force_login(rep_a)
    assert outsider.get(board).status_code == 403
    RoleAssignment.objects.filter(user=handlaggare).delete()
    assert client.get(board).status_code == 403


def test_a_public_extract_pdf_is_kept_and_withdrawn_at_once(
    handlaggare, no_staff_mfa, django_assert_num_queries
):
    import datetime

    from overenskommelse.services import protocols

    meeting = protocols.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunstyrelsen", date=datetime.date(2026, 11, 4)
    )
    paragraph = protocols.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=7,
        title="Ärende sju",
        clauses=["att bifalla"],
        is_public=True,
    )
    url = reverse("overenskommelse:paragraph_pdf", kwargs={"uuid": paragraph.uuid})
    anonymous = Client()
    first = anonymous.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    with django_assert_num_queries(1):  # the § itself, to check it is public; no render
        second = anonymous.get(url)
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]

    staff = Client()
    staff.force_login(handlaggare)
    publish = reverse("overenskommelse:paragraph_publish", kwargs={"uuid": paragraph.uuid})
    assert staff.post(publish, {}).status_code == 302
    paragraph.refresh_from_db()
    assert not paragraph.is_public
    assert anonymous.get(url).status_code == 302  # to the log-in page, not the kept PDF


def test_a_change_made_in_another_process_is_seen_by_this_one(client):
    """Pages are also kept in each process's memory; another process's write (which
    only replaces the version in Redis) must still reach them."""
    from django.core.cache import cache

    from overenskommelse.page_cache import VERSION_KEY

    organisation = affiliated("Före i en annan process")
    client.get(REGISTER)
    assert client.get(REGISTER).context is None  # kept
    Organisation.objects.filter(pk=organisation.pk).update(name="Efter i en annan process")
    cache.set(VERSION_KEY, "written-by-the-worker")  # what data_changed() there does
    assert "Efter i en annan process" in client.get(REGISTER).content.decode()


def test_the_process_memory_is_bounded_by_count_and_bytes():
    from overenskommelse.page_cache import _LocalPages

    def entry(size: int) -> dict:
        return {"version": "v", "expires": 1e12, "content": b"x" * size}

    pages = _LocalPages(max_entries=3, max_bytes=1000)
    for name in "abcd":
        pages.put(name, entry(10))
    assert pages.get("a", "v") is None and pages.get("d", "v") is not None  # oldest out
    assert pages.get("b", "v") is not None  # b is now the most recently used
    pages.put("big", entry(990))
    assert pages.get("big", "v") is not None
    assert pages.get("c", "v") is None and pages.get("d", "v") is None  # made room
    assert pages.get("big", "other-version") is None  # another version is a miss
    assert pages.get("big", "v") is None  # and is dropped


def test_a_transaction_asks_for_one_new_version_on_commit_however_many_rows(
    django_capture_on_commit_callbacks,
):

    from overenskommelse.page_cache import _new_version

    with django_capture_on_commit_callbacks() as callbacks:
        for n in range(5):
            affiliated(f"Förening {n}")
    assert callbacks.count(_new_version) == 1


def test_after_a_rolled_back_savepoint_the_next_write_asks_again(
    django_capture_on_commit_callbacks,
):
    """The request made inside the savepoint went with it."""
    from django.db import transaction

    from overenskommelse.page_cache import _new_version

    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                OrganisationFactory(name="Ångrad")
                raise RuntimeError
        except RuntimeError:
            pass
        OrganisationFactory(name="Kvar")
    assert callbacks.count(_new_version) == 1
