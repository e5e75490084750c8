# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""The compilation PDF is made by the worker, not in a request: beat's sweep asks for
it when the remiss closes, a change after that asks again, each version is asked for
once, the stored PDF has the answers (read back with pdftotext), an unchanged
compilation keeps its file, and a change during a render is not lost."""

import re
from unittest import mock

import pytest
import time_machine

from overenskommelse.models import RemissAnswer, RemissCompilationPdf
from overenskommelse.services import documents, remiss_compilation
from overenskommelse.services import remiss as services
from overenskommelse.tasks import remiss_compilation_render, remiss_compilations_request
from tests.conftest import pdf_text
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db

LAST_MINUTE = at(2021, 2, 28, 23, 59)
CLOSED = at(2021, 3, 1, 0, 1)  # beat's first run after the remiss closed at midnight


@pytest.fixture
def answered(published_remiss, organisation_a, rep_a):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        services.remiss_answer_save(
            instans=published_remiss.instanser.get(organisation=organisation_a),
            actor=rep_a,
            texts={s.pk: f"Förening A om {s.heading}" for s in published_remiss.sections.all()},
            version=None,
            submit=True,
        )
    return published_remiss


def _stored_text(remiss) -> str:
    stored = RemissCompilationPdf.objects.get(remiss=remiss)
    with stored.file.open("rb") as f:
        return re.sub(r"\s+", " ", pdf_text(f.read()))


def test_the_sweep_makes_the_pdf_when_the_remiss_closes_and_only_then(
    answered, django_capture_on_commit_callbacks
):
    with time_machine.travel(LAST_MINUTE, tick=False):
        assert remiss_compilations_request() == 0  # still open
    assert not RemissCompilationPdf.objects.exists()
    with (
        time_machine.travel(CLOSED, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert remiss_compilations_request() == 1
    stored = RemissCompilationPdf.objects.get(remiss=answered)
    assert stored.is_current and stored.generated_at == CLOSED
    assert stored.rendered_version == stored.version == 1
    assert re.fullmatch(r"[0-9a-f]{64}", stored.content_hash)
    assert stored.file.name.startswith("remiss/compilations/")
    text = _stored_text(answered)
    for section in answered.sections.all():
        assert f"Förening A om {section.heading}" in text
    assert "Kultur- och fritidsnämnden" in text  # did not answer
    with time_machine.travel(at(2021, 3, 1, 1, 1), tick=False):
        assert remiss_compilations_request() == 0  # current: nothing to ask for


def test_an_answer_registered_after_closing_asks_for_a_new_pdf(
    answered, namnd, handlaggare, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(CLOSED, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        remiss_compilations_request()
    first = RemissCompilationPdf.objects.get(remiss=answered)
    storage = first.file.storage
    assert storage.exists(first.file.name)
    with (
        time_machine.travel(at(2021, 3, 3, 10), tick=False),
        mock.patch.object(remiss_compilation_render, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.remiss_answer_register(
            instans=answered.instanser.get(municipal_body=namnd),
            actor=handlaggare,
            texts={s.pk: "Nämnden tillstyrker." for s in answered.sections.all()},
            channel=RemissAnswer.Channel.POST,
            received_at=at(2021, 3, 2, 12),
        )
    delay.assert_called_once_with(answered.pk)  # enqueued after commit
    stale = RemissCompilationPdf.objects.get(remiss=answered)
    assert stale.version == 2 and not stale.is_current
    with (
        time_machine.travel(at(2021, 3, 3, 10, 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert remiss_compilation_render(answered.pk) is True  # the worker's run
    second = RemissCompilationPdf.objects.get(remiss=answered)
    assert second.is_current and second.rendered_version == 2
    assert second.content_hash != first.content_hash
    assert "Nämnden tillstyrker." in _stored_text(answered)
    assert not storage.exists(first.file.name)  # the old file is removed


def test_each_version_is_asked_for_once_and_a_lost_ask_again_later(answered):
    with (
        time_machine.travel(CLOSED, tick=False),
        mock.patch.object(remiss_compilation_render, "delay") as delay,
    ):
        assert remiss_compilation.remiss_compilation_pdf_request(remiss=answered) is True
        assert remiss_compilation.remiss_compilation_pdf_request(remiss=answered) is False
        assert remiss_compilations_request() == 0
    with time_machine.travel(at(2021, 3, 1, 0, 15), tick=False):
        assert remiss_compilation.remiss_compilation_pdf_request(remiss=answered) is False
    # No PDF 15 minutes after the ask (broker down, worker killed): the sweep asks again.
    with time_machine.travel(at(2021, 3, 1, 1, 1), tick=False):
        assert remiss_compilations_request() == 1
    assert delay.call_count == 0  # on_commit: this test's transaction never commits


def test_an_unchanged_compilation_keeps_its_file(
    answered, handlaggare, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(CLOSED, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        remiss_compilations_request()
    before = RemissCompilationPdf.objects.get(remiss=answered)
    with (
        time_machine.travel(at(2021, 3, 2, 9), tick=False),
        django_capture_on_commit_callbacks(execute=True),
        mock.patch("overenskommelse.services.documents.pdf_from_html") as render,
    ):
        # A change that the compilation does not show (here: the contact's phone).
        services.remiss_update(remiss=answered, actor=handlaggare, contact_phone="046-35 50 00")
    after = RemissCompilationPdf.objects.get(remiss=answered)
    assert render.call_count == 0
    assert after.version == after.rendered_version == 2 and after.is_current
    assert after.file.name == before.file.name and after.generated_at == before.generated_at


def test_a_change_while_rendering_is_not_lost(
    answered, namnd, handlaggare, django_capture_on_commit_callbacks
):
    real = documents.pdf_from_html

    def render_while_an_answer_arrives(html, **kwargs):
        RemissCompilationPdf.objects.filter(remiss=answered).update(version=2)
        return real(html, **kwargs)

    with time_machine.travel(CLOSED, tick=False):
        remiss_compilation.remiss_compilation_pdf_request(remiss=answered)
        with mock.patch.object(documents, "pdf_from_html", render_while_an_answer_arrives):
            assert remiss_compilation_render(answered.pk) is True
    stored = RemissCompilationPdf.objects.get(remiss=answered)
    assert stored.rendered_version == 1 and stored.version == 2
    assert not stored.is_current  # so the pages say a new one is being made
    with time_machine.travel(CLOSED, tick=False):
        assert remiss_compilation.remiss_compilation_pdf_request(remiss=answered) is True
