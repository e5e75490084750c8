"""An initiative's results, comments and documents come from kommunkontoret or its
parties: the service itself refuses another association, another förvaltning's
contact, an anonymous visitor and no actor at all, and stores nothing. Only
kommunkontoret moves an initiative through the pipeline, not even its parties."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.platform.models import HistoryEntry
from samverkan.pipeline.models import Initiative, InitiativeDocument
from samverkan.pipeline.services import pipeline

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 rapport\n%%EOF"


@pytest.fixture(params=["rep_b", "forvaltningskontakt_b", "anonymous", None])
def outsider(request):
    if request.param is None:
        return None
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.fixture
def in_results(ready, handlaggare):
    running = pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")
    return pipeline.initiative_transition(initiative=running, actor=handlaggare, name="to_results")


CALLS = {
    "results_update": lambda i, actor: pipeline.results_update(
        initiative=i, actor=actor, results_text="R", results_figures="F", spread_where="S"
    ),
    "comment_add": lambda i, actor: pipeline.comment_add(initiative=i, actor=actor, text="Hej"),
    "document_add": lambda i, actor: pipeline.document_add(
        initiative=i,
        actor=actor,
        title="Rapport",
        upload=SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf"),
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_an_outsider_adds_nothing_to_an_initiative(name, outsider, in_results):
    before = (HistoryEntry.objects.count(), InitiativeDocument.objects.count())
    with pytest.raises(PermissionDenied):
        CALLS[name](in_results, outsider)
    assert (HistoryEntry.objects.count(), InitiativeDocument.objects.count()) == before
    assert Initiative.objects.get(pk=in_results.pk).results_text == ""


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_party_and_kommunkontoret_add_them(
    name, in_results, rep_a, forvaltningskontakt, handlaggare
):
    for actor in (rep_a, forvaltningskontakt, handlaggare):
        CALLS[name](Initiative.objects.get(pk=in_results.pk), actor)


@pytest.mark.parametrize(
    "actor",
    ["rep_a", "forvaltningskontakt", "samverkansgruppen_member", "rep_b", "anonymous", None],
)
def test_only_kommunkontoret_moves_the_initiative_not_even_a_party(actor, in_results, request):
    if actor is None or actor == "anonymous":
        user = None if actor is None else AnonymousUser()
    else:
        user = request.getfixturevalue(actor)
    before = (HistoryEntry.objects.count(), Initiative.objects.get(pk=in_results.pk).hold)
    with pytest.raises(PermissionDenied) as refused:
        pipeline.initiative_transition(
            initiative=in_results, actor=user, name="pause", comment="Semester"
        )
    assert str(refused.value) == "Bara kommunkontoret får göra detta."
    assert (HistoryEntry.objects.count(), Initiative.objects.get(pk=in_results.pk).hold) == before
