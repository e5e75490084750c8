"""`action_plan_document_add`: the file is checked before anything is written."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.agreement.models import ActionPlan
from overenskommelse.agreement.services.action_plan import action_plan_document_add
from overenskommelse.platform.models import HistoryEntry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def plan():
    return ActionPlan.objects.create(
        title="Handlingsplan", slug="hp", start_year=2025, end_year=2028, status="antagen"
    )


def test_adds_a_document_and_records_who(plan, handlaggare):
    document = action_plan_document_add(
        plan=plan, actor=handlaggare, title=" Planen ", upload=SimpleUploadedFile("p.pdf", PDF)
    )
    assert document.title == "Planen" and document.uploaded_by == handlaggare
    entry = HistoryEntry.objects.get()
    assert (entry.actor, entry.action, entry.message) == (
        handlaggare,
        "action_plan_document_added",
        "Planen",
    )


def test_refuses_a_file_that_is_not_a_pdf(plan, handlaggare):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    with pytest.raises(ValidationError) as error:
        action_plan_document_add(
            plan=plan, actor=handlaggare, title="", upload=SimpleUploadedFile("p.pdf", png)
        )
    assert error.value.code == "wrong_type"
    assert not plan.documents.exists() and not HistoryEntry.objects.exists()


def test_each_new_document_is_recorded_against_the_newest_before_it(plan, handlaggare):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        for title in ("Första", "Andra", "Tredje"):
            action_plan_document_add(
                plan=plan, actor=handlaggare, title=title, upload=SimpleUploadedFile("p.pdf", PDF)
            )
    changes = [e.changes for e in HistoryEntry.objects.order_by("pk")]
    assert changes == [
        {"documents": [None, "Första"]},
        {"documents": ["Första", "Andra"]},
        {"documents": ["Andra", "Tredje"]},
    ]
    assert [d.title for d in plan.documents.order_by("pk")] == ["Första", "Andra", "Tredje"]


def test_a_document_without_a_title_is_named_after_the_plan(plan, handlaggare):
    document = action_plan_document_add(
        plan=plan, actor=handlaggare, title="  ", upload=SimpleUploadedFile("p.pdf", PDF)
    )
    assert document.title == str(plan)
    assert document.plan == plan and document.file.read() == PDF
