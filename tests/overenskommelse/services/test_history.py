"""History rows: who is named, what is kept of a change, and which rows an object shows."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType

from overenskommelse.agreement.models import Organisation
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services.history import history_changes, history_record
from tests.factories import MunicipalBodyFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def test_a_row_names_the_actor_by_full_name_and_points_at_the_subject(organisation_a):
    actor = UserFactory(first_name="Anna", last_name="Berg")
    with time_machine.travel(NOW, tick=False):
        entry = history_record(subject=organisation_a, actor=actor, action="changed")
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_name, entry.action) == (actor, "Anna Berg", "changed")
    assert (entry.content_type, entry.object_id) == (
        ContentType.objects.get_for_model(Organisation),
        str(organisation_a.pk),
    )
    assert (entry.message, entry.changes, entry.at) == ("", {}, NOW)


def test_an_actor_without_a_name_is_named_by_e_mail(organisation_a):
    actor = UserFactory(first_name="", last_name="", email="utan.namn@example.se")
    entry = history_record(subject=organisation_a, actor=actor, action="changed")
    assert (entry.actor, entry.actor_name) == (actor, "utan.namn@example.se")


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_without_a_logged_in_actor_the_system_is_named(organisation_a, actor):
    entry = history_record(subject=organisation_a, actor=actor, action="annual_update_requested")
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_name) == (None, "Systemet")


def test_message_changes_and_time_are_kept_as_given(organisation_a, handlaggare):
    at = dt.datetime(2025, 1, 5, 12, tzinfo=dt.UTC)
    history_record(
        subject=organisation_a,
        actor=handlaggare,
        action="renamed",
        message="Nytt namn",
        changes={"name": ["A", "B"]},
        at=at,
    )
    entry = HistoryEntry.objects.get()
    assert (entry.message, entry.changes, entry.at) == ("Nytt namn", {"name": ["A", "B"]}, at)


def test_changes_keep_only_differing_fields_in_json_safe_form():
    body_a, body_b = MunicipalBodyFactory(name="Kultur"), MunicipalBodyFactory(name="Fritid")
    before = {
        "name": "Gamla",
        "same": "lika",
        "day": dt.date(2025, 1, 1),
        "body": body_a,
        "fields": ("idrott", "kultur"),
        "count": 1,
    }

    class After:
        name = "Nya"
        same = "lika"
        day = dt.date(2025, 2, 1)
        body = body_b
        fields = ["kultur"]
        count = 2

    assert history_changes(before, After(), list(before)) == {
        "name": ["Gamla", "Nya"],
        "day": ["2025-01-01", "2025-02-01"],
        "body": ["Kultur", "Fritid"],
        "fields": [["idrott", "kultur"], ["kultur"]],
        "count": [1, 2],
    }


def test_changes_compare_values_not_their_objects():
    """The same date, body or list in two objects is no change."""
    body = MunicipalBodyFactory(name="Kultur")
    before = {"day": dt.date(2025, 1, 1), "body": body, "fields": {"idrott"}}

    after = SimpleNamespace(
        day=dt.date(2025, 1, 1),
        body=MunicipalBodyFactory.build(pk=body.pk, name="Kultur"),
        fields=["idrott"],
    )
    assert history_changes(before, after, list(before)) == {}


def test_changes_read_only_the_fields_asked_for(organisation_a):
    before = {"name": "Annat namn"}
    assert history_changes(before, organisation_a, ["name"]) == {
        "name": ["Annat namn", organisation_a.name]
    }
    assert history_changes(before, organisation_a, []) == {}


def test_history_for_gives_the_rows_of_that_object_only(
    organisation_a, organisation_b, handlaggare
):
    body = MunicipalBodyFactory()
    history_record(subject=organisation_a, actor=handlaggare, action="changed")
    history_record(subject=organisation_b, actor=handlaggare, action="renamed")
    history_record(subject=body, actor=handlaggare, action="body_changed")
    # The body's row given the organisation's id: the same object id, another type.
    HistoryEntry.objects.filter(action="body_changed").update(object_id=str(organisation_a.pk))
    rows = list(history_for(subject=organisation_a))
    assert [(r.action, r.actor) for r in rows] == [("changed", handlaggare)]
    assert [r.action for r in history_for(subject=OrganisationFactory())] == []


def test_history_for_reads_the_rows_and_their_actors_in_one_query(
    organisation_a, handlaggare, rep_a, django_assert_num_queries
):
    history_record(subject=organisation_a, actor=handlaggare, action="changed")
    history_record(subject=organisation_a, actor=rep_a, action="renamed")
    ContentType.objects.get_for_model(organisation_a, for_concrete_model=False)  # cached
    with django_assert_num_queries(1):
        actors = {row.actor.email for row in history_for(subject=organisation_a)}
    assert actors == {handlaggare.email, rep_a.email}
