"""`UploadedDocument`, the base of every document model: the name a download gets,
and that every upload model uses it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from natverk.models import MeetingDocument
from overenskommelse.agreement.models import (
    ActionPlanDocument,
    RemissAnswerAttachment,
    RemissDocument,
)
from overenskommelse.platform.models import UploadedDocument
from samverkan.group.models import GroupMeetingDocument
from samverkan.pipeline.models import InitiativeDocument

MODELS = [
    ActionPlanDocument,
    RemissDocument,
    RemissAnswerAttachment,
    InitiativeDocument,
    GroupMeetingDocument,
    MeetingDocument,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_document_model_is_an_uploaded_document(model):
    assert issubclass(model, UploadedDocument)
    names = {f.name for f in model._meta.get_fields()}
    assert {"title", "file", "original_name", "content_type", "size", "uploaded_by"} <= names


def test_only_pdfs_for_the_handlingsplan_and_a_remiss():
    assert ActionPlanDocument.ALLOWED_TYPES == RemissDocument.ALLOWED_TYPES == ("application/pdf",)
    assert set(InitiativeDocument.ALLOWED_TYPES) == {"application/pdf", "image/png", "image/jpeg"}


@pytest.mark.parametrize(
    ("title", "content_type", "expected"),
    [
        ("Budget 2026 – Läxhjälp", "image/png", "budget-2026-laxhjalp.png"),
        ("Protokoll § 16", "application/pdf", "protokoll-16.pdf"),
        ("Foto", "image/jpeg", "foto.jpg"),
        ("§§", "application/pdf", "dokument.pdf"),
        ("Okänd", "text/html", "okand"),
    ],
)
def test_the_download_name_is_the_title_with_the_extension_of_the_content(
    title, content_type, expected
):
    assert InitiativeDocument(title=title, content_type=content_type).download_name == expected


def test_upload_fields_keep_the_uploads_own_name_and_size():
    upload = SimpleUploadedFile("Styrelsens yttrande.pdf", b"%PDF-1.4 x")
    assert MeetingDocument.upload_fields(upload, content_type="application/pdf") == {
        "file": upload,
        "original_name": "Styrelsens yttrande.pdf",
        "content_type": "application/pdf",
        "size": 10,
    }
