"""The migrations that turned the English stored values into Swedish rewrite the rows
written before them, and the history entries that quote those values; and undo it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("overenskommelse", "0008_informationmeeting_sequence"),
    ("samverkan", "0004_groupmeeting_sequence"),
]
AFTER = [
    ("overenskommelse", "0009_stored_values_in_swedish"),
    ("samverkan", "0005_stored_values_in_swedish"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_values_are_rewritten_and_restored():
    old = _migrate(BEFORE)
    try:
        user = old.get_model("overenskommelse", "User").objects.create(email="a@example.se")
        organisation = old.get_model("overenskommelse", "Organisation").objects.create(
            name="Förening", slug="forening", umbrella="other"
        )
        old.get_model("overenskommelse", "OrganisationActivity").objects.create(
            organisation=organisation, field="children"
        )
        application = old.get_model("overenskommelse", "AffiliationApplication").objects.create(
            organisation=organisation,
            status="completion_requested",
            meeting_date=timezone.localdate(),
            conditions_confirmed=True,
            submitted_at=timezone.now(),
            protocol="protocols/affiliation/p.pdf",
        )
        old.get_model("overenskommelse", "Representation").objects.create(
            user=user, organisation=organisation, status="confirmed"
        )
        old.get_model("overenskommelse", "OutboxMessage").objects.create(
            to=["a@example.se"], subject="S", body_text="T", status="failed"
        )
        content_type = old.get_model("contenttypes", "ContentType").objects
        entries = old.get_model("overenskommelse", "HistoryEntry").objects
        entries.create(
            content_type=content_type.get_or_create(
                app_label="overenskommelse", model="affiliationapplication"
            )[0],
            object_id=str(application.pk),
            action="request_completion",
            at=timezone.now(),
            changes={"status": ["submitted", "completion_requested"]},
        )
        entries.create(
            content_type=content_type.get_or_create(
                app_label="overenskommelse", model="organisation"
            )[0],
            object_id=str(organisation.pk),
            action="details_changed",
            at=timezone.now(),
            changes={"activities": [["sport"], ["sport", "children"]], "umbrella": ["", "other"]},
        )
        old.get_model("samverkan", "GroupReminder").objects.create(
            kind="no_conference", step="2026", email="a@example.se", sent_at=timezone.now()
        )

        new = _migrate(AFTER)
        get = lambda name: new.get_model("overenskommelse", name).objects.get()  # noqa: E731
        assert get("Organisation").umbrella == "annan"
        assert get("OrganisationActivity").field == "barn_unga"
        assert get("AffiliationApplication").status == "komplettering_begard"
        assert get("Representation").status == "bekraftad"
        assert get("OutboxMessage").status == "misslyckat"
        changes = [
            e.changes
            for e in new.get_model("overenskommelse", "HistoryEntry").objects.order_by("pk")
        ]
        assert changes == [
            {"status": ["inskickad", "komplettering_begard"]},
            {"activities": [["idrott"], ["idrott", "barn_unga"]], "umbrella": ["", "annan"]},
        ]
        assert new.get_model("samverkan", "GroupReminder").objects.get().kind == "ingen_konferens"

        back = _migrate(BEFORE)
        assert back.get_model("overenskommelse", "AffiliationApplication").objects.get().status == (
            "completion_requested"
        )
        assert back.get_model("overenskommelse", "OrganisationActivity").objects.get().field == (
            "children"
        )
        assert back.get_model("samverkan", "GroupReminder").objects.get().kind == "no_conference"
    finally:
        _migrate(_latest())
