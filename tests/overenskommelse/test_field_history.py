# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Field-level history from django-pghistory: the database triggers record every insert,
change and delete of roles, affiliations, applications, initiatives and remiss answers,
whichever way the change is made (a service through a page, the admin, a bulk
update, the shell), with the user and URL of the request that made it."""

import datetime as dt

import pghistory.models
import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from overenskommelse.accounts.models import Role, RoleAssignment
from overenskommelse.accounts.services.accounts import account_delete
from overenskommelse.agreement.models import Affiliation, RemissAnswerText
from tests.factories import AffiliationFactory, user_with_role
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db


def _events(obj):
    return list(obj.field_history.order_by("pgh_id"))


def test_the_history_middleware_follows_the_log_in():
    auth = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert (
        settings.MIDDLEWARE[auth + 1]
        == "overenskommelse.platform.middleware.FieldHistoryMiddleware"
    )


def test_a_bulk_update_is_recorded_field_by_field():
    affiliation = AffiliationFactory()
    Affiliation.objects.filter(pk=affiliation.pk).update(ended_on=dt.date(2026, 11, 30))
    insert, update = _events(affiliation)
    assert (insert.pgh_label, update.pgh_label) == ("insert", "update")
    assert insert.ended_on is None
    assert update.ended_on == dt.date(2026, 11, 30)
    assert update.pgh_context is None  # no request: the shell, a task, a migration


def test_an_admin_edit_is_recorded_with_the_admin_and_the_url(client, admin_user, no_staff_mfa):
    affiliation = AffiliationFactory()
    client.force_login(admin_user)
    url = reverse("admin:agreement_affiliation_change", args=[affiliation.pk])
    form = client.get(url)
    assert form.status_code == 200
    # The change form links to the object's events (pghistory's admin).
    assert reverse("admin:pghistory_events_changelist") in form.content.decode()
    response = client.post(
        url,
        {
            "organisation": affiliation.organisation.pk,
            "affiliated_from": "2025-03-01",
            "ended_on": "2026-11-30",
            "withdrawal_decided_on": "2026-11-20",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = _events(affiliation)[-1]
    assert update.pgh_label == "update"
    assert update.ended_on == dt.date(2026, 11, 30)
    assert update.pgh_context.metadata["user"] == admin_user.pk
    assert update.pgh_context.metadata["url"] == url


def test_a_deleted_role_is_recorded(db):
    user = user_with_role(Role.HANDLAGGARE, email="bortgangen@example.se")
    assignment = RoleAssignment.objects.get(user=user)
    account_delete(user=user, actor=user)
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    events = list(
        RoleAssignment.field_history.rel.related_model.objects.filter(
            pgh_obj_id=assignment.pk
        ).order_by("pgh_id")
    )
    assert [(e.pgh_label, e.role) for e in events] == [
        ("insert", Role.HANDLAGGARE),
        ("delete", Role.HANDLAGGARE),
    ]


def test_a_remiss_answer_keeps_each_version_of_its_text(
    client, published_remiss, organisation_a, rep_a
):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    url = reverse("agreement:remiss_answer", kwargs={"uuid": instans.uuid})
    sections = list(published_remiss.sections.all())
    client.force_login(rep_a)
    with time_machine.travel(at(2021, 1, 20, 10), tick=False):
        for version, text in enumerate(["Första utkastet", "Andra utkastet"]):
            data = {f"section_{s.pk}": text for s in sections}
            response = client.post(url, {**data, "version": version, "draft": "1"})
            assert response.status_code == 302
    text = RemissAnswerText.objects.get(answer__instans=instans, section=sections[0])
    assert [e.text for e in _events(text)] == ["Första utkastet", "Andra utkastet"]
    assert {e.pgh_context.metadata["user"] for e in _events(text)} == {rep_a.pk}


def test_only_the_admin_reads_the_events(client, admin_user, handlaggare, no_staff_mfa):
    affiliation = AffiliationFactory()
    url = reverse("admin:pghistory_events_changelist")
    assert client.get(url).status_code == 302  # anonymous: to the log-in
    client.force_login(handlaggare)
    assert client.get(url).status_code in (302, 403)
    client.force_login(admin_user)
    response = client.get(url, {"obj": f"agreement.affiliation:{affiliation.pk}"})
    assert response.status_code == 200
    assert pghistory.models.Events.objects.tracks(affiliation).count() == 1
    assert "insert" in response.content.decode()


class _SQLite:
    vendor = "sqlite"


def test_on_sqlite_the_middleware_stands_aside_and_the_admin_says_why(
    client, admin_user, no_staff_mfa, monkeypatch
):
    """make run's default database has no triggers and no set_config(): nothing is
    recorded, no request carries the context, and the events page explains it."""
    from overenskommelse.platform import admin as platform_admin
    from overenskommelse.platform import middleware

    affiliation = AffiliationFactory()
    monkeypatch.setattr(middleware, "connection", _SQLite())
    monkeypatch.setattr(platform_admin, "connection", _SQLite())
    client.force_login(admin_user)
    url = reverse("admin:agreement_affiliation_change", args=[affiliation.pk])
    response = client.post(
        url,
        {
            "organisation": affiliation.organisation.pk,
            "affiliated_from": "2025-03-01",
            "ended_on": "2026-11-30",
            "withdrawal_decided_on": "2026-11-20",
        },
    )
    assert response.status_code == 302
    # PostgreSQL's trigger still fired, but without the request's context.
    assert _events(affiliation)[-1].pgh_context is None
    page = client.get(
        reverse("admin:pghistory_events_changelist"),
        {"obj": f"agreement.affiliation:{affiliation.pk}"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert page.status_code == 200
    assert "bara i PostgreSQL" in page.content.decode()
