"""`action_plan_document_add`: the file is checked before anything is written."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.models import ActionPlan, HistoryEntry
from overenskommelse.services.action_plan import action_plan_document_add

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
