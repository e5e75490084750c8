"""Comments and documents on an initiative (samverkan/pipeline/services/pipeline.py): the refusal of
an empty comment, what is stored, the history row (who, when, what) and the initiative's
last activity, which the reminders and the board read.

Written against the mutants that `make mutation MUTATE=samverkan/pipeline/services/pipeline.py`
found with no test of samverkan's own calling `comment_add` or `document_add`."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import (
    ContinueChoice,
    Evaluation,
    Initiative,
    InitiativeDocument,
    InitiativeParty,
    Stage,
)
from samverkan.pipeline.services import pipeline

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


# Evaluations ------------------------------------------------------------------------


@pytest.fixture
def evaluating(accepted):
    Initiative.objects.filter(pk=accepted.pk).update(
        stage=Stage.EVALUATION, form="projekt", results_reported_at=NOW
    )
    return Initiative.objects.get(pk=accepted.pk)


def evaluate(initiative, actor, party=None, **values):
    values.setdefault("goal_fulfilment", "Målen nåddes")
    values.setdefault("should_continue", ContinueChoice.values[0])
    return pipeline.evaluation_add(initiative=initiative, actor=actor, party=party, **values)


def test_an_evaluation_of_a_party_is_stored_and_recorded(evaluating, rep_a):
    party = evaluating.parties.get(organisation__isnull=False)
    later = NOW + datetime.timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        evaluation = evaluate(
            evaluating, rep_a, party, goal_fulfilment="x" * 600, lessons="Mer tid"
        )
    stored = Evaluation.objects.get()
    assert stored == evaluation
    assert (stored.initiative, stored.author, stored.party, stored.lessons) == (
        evaluating,
        rep_a,
        party,
        "Mer tid",
    )
    assert stored.goal_fulfilment == "x" * 600
    entry = history_for(subject=evaluating).get(action="samverkan_evaluation")
    assert (entry.actor, entry.message, entry.at) == (rep_a, "x" * 500, later)
    assert Initiative.objects.get(pk=evaluating.pk).last_activity_at == later


def test_an_evaluation_only_in_the_stage_evaluation(accepted, rep_a):
    with pytest.raises(ValidationError) as caught:
        evaluate(accepted, rep_a)
    assert caught.value.messages == ["Utvärderingar läggs till i steget utvärdering."]
    assert not Evaluation.objects.exists()


def test_only_who_acts_for_the_party_evaluates_for_it(evaluating, rep_a, rep_b, handlaggare):
    party = evaluating.parties.get(organisation__isnull=False)
    with pytest.raises(PermissionDenied):
        evaluate(evaluating, rep_b, party)
    other = Initiative.objects.create(
        title="Annat",
        need="Behov",
        stage=Stage.INITIATIVE,
        handlaggare=handlaggare,
        last_activity_at=NOW,
    )
    stranger = InitiativeParty.objects.create(
        initiative=other, organisation=party.organisation, status="deltar", invited_at=NOW
    )
    with pytest.raises(PermissionDenied):
        evaluate(evaluating, rep_a, stranger)
    assert not Evaluation.objects.exists()
    assert evaluate(evaluating, handlaggare).party is None


def test_an_evaluation_without_a_goal_text_is_recorded_with_an_empty_message(
    evaluating, handlaggare
):
    pipeline.evaluation_add(
        initiative=evaluating, actor=handlaggare, should_continue=ContinueChoice.UNDECIDED
    )
    assert Evaluation.objects.get().goal_fulfilment == ""
    assert history_for(subject=evaluating).get(action="samverkan_evaluation").message == ""
