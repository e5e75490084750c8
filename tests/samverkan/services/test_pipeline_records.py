"""Comments and documents on an initiative (samverkan/services/pipeline.py): the refusal of
an empty comment, what is stored, the history row (who, when, what) and the initiative's
last activity, which the reminders and the board read.

Written against the mutants that `make mutation MUTATE=samverkan/services/pipeline.py`
found with no test of samverkan's own calling `comment_add` or `document_add`."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.selectors.history import history_for
from samverkan.models import Initiative, InitiativeDocument
from samverkan.services import pipeline

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def pdf(name="underlag.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 underlag\n%%EOF", content_type="text/plain")


def test_a_comment_is_recorded_with_its_author_and_time(accepted, rep_a):
    with time_machine.travel(NOW + datetime.timedelta(hours=2), tick=False):
        pipeline.comment_add(initiative=accepted, actor=rep_a, text="  Bra idé  ")
    entry = history_for(subject=accepted).get(action="samverkan_comment")
    later = NOW + datetime.timedelta(hours=2)
    assert (entry.actor, entry.message, entry.at) == (rep_a, "Bra idé", later)
    assert accepted.last_activity_at == later
    assert Initiative.objects.get(pk=accepted.pk).last_activity_at == later


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_comment_is_refused(accepted, rep_a, text):
    before = Initiative.objects.get(pk=accepted.pk).last_activity_at
    with pytest.raises(ValidationError) as caught:
        pipeline.comment_add(initiative=accepted, actor=rep_a, text=text)
    assert caught.value.messages == ["Skriv en kommentar."]
    assert not history_for(subject=accepted).filter(action="samverkan_comment").exists()
    assert Initiative.objects.get(pk=accepted.pk).last_activity_at == before


def test_a_document_is_stored_with_its_real_type_and_uploader(accepted, rep_a):
    later = NOW + datetime.timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        returned = pipeline.document_add(
            initiative=accepted, actor=rep_a, title=" Budget ", upload=pdf()
        )
    document = InitiativeDocument.objects.get()
    assert document == returned
    assert (document.initiative, document.title, document.content_type, document.uploaded_by) == (
        accepted,
        "Budget",
        "application/pdf",
        rep_a,
    )
    assert document.file.read() == b"%PDF-1.4 underlag\n%%EOF"
    entry = history_for(subject=accepted).get(action="samverkan_document")
    assert (entry.actor, entry.changes, entry.at) == (
        rep_a,
        {"documents": [None, "Budget"]},
        later,
    )
    assert accepted.last_activity_at == later
    assert Initiative.objects.get(pk=accepted.pk).last_activity_at == later


def test_a_document_without_a_title_is_named_by_its_file(accepted, rep_a):
    document = pipeline.document_add(
        initiative=accepted, actor=rep_a, title="  ", upload=pdf("plan.pdf")
    )
    assert document.title == "plan.pdf"


def test_a_file_that_is_not_what_it_claims_is_refused(accepted, rep_a):
    upload = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        pipeline.document_add(initiative=accepted, actor=rep_a, title="X", upload=upload)
    assert not InitiativeDocument.objects.exists()
    assert not history_for(subject=accepted).filter(action="samverkan_document").exists()
