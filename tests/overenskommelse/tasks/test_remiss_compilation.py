# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""The compilation PDF is made by the worker, not in a request: beat's sweep asks for
it when the remiss closes, a change after that asks again, each version is asked for
once, the stored PDF has the answers (read back with pdftotext), an unchanged
compilation keeps its file, and a change during a render is not lost."""

import re
from unittest import mock

import pytest
import time_machine

from overenskommelse.agreement.models import RemissAnswer, RemissCompilationPdf
from overenskommelse.agreement.services import remiss as services
from overenskommelse.agreement.services import remiss_compilation
from overenskommelse.agreement.tasks import remiss_compilation_render, remiss_compilations_request
from overenskommelse.platform.services import documents
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
        mock.patch("overenskommelse.platform.services.documents.pdf_from_html") as render,
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


# Each rule of the asks and renders on its own ------------------------------------------


def test_a_change_while_the_remiss_is_open_only_counts_the_version(published_remiss):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        remiss_compilation.remiss_compilation_changed(remiss=published_remiss)
        assert not RemissCompilationPdf.objects.exists()  # nothing asked for yet
        pdf = RemissCompilationPdf.objects.create(remiss=published_remiss)
        remiss_compilation.remiss_compilation_changed(remiss=published_remiss)
    pdf.refresh_from_db()
    assert (pdf.version, pdf.requested_version, pdf.updated_at) == (2, 0, at(2021, 2, 1, 12))


def test_a_change_after_closing_asks_for_the_new_version(published_remiss):
    RemissCompilationPdf.objects.create(remiss=published_remiss)
    with mock.patch.object(remiss_compilation_render, "delay"):
        remiss_compilation.remiss_compilation_changed(remiss=published_remiss, now=CLOSED)
    pdf = RemissCompilationPdf.objects.get(remiss=published_remiss)
    assert (pdf.version, pdf.requested_version, pdf.requested_at) == (2, 2, CLOSED)


def test_an_ask_for_a_current_pdf_is_no_ask(published_remiss, django_capture_on_commit_callbacks):
    RemissCompilationPdf.objects.create(
        remiss=published_remiss, requested_version=1, rendered_version=1
    )
    with (
        mock.patch.object(remiss_compilation_render, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert (
            remiss_compilation.remiss_compilation_pdf_request(remiss=published_remiss, now=CLOSED)
            is False
        )
        assert (
            remiss_compilation.remiss_compilation_pdf_request(
                remiss=published_remiss, now=CLOSED + remiss_compilation.REQUEST_RETRY * 2
            )
            is False
        )
    delay.assert_not_called()


def test_an_ask_is_handed_over_after_commit_and_waits_when_the_broker_is_down(
    published_remiss, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(remiss_compilation_render, "delay", side_effect=ConnectionError) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert remiss_compilation.remiss_compilation_pdf_request(
            remiss=published_remiss, now=CLOSED
        )
    delay.assert_called_once_with(published_remiss.pk)
    pdf = RemissCompilationPdf.objects.get(remiss=published_remiss)
    assert (pdf.requested_version, pdf.requested_at, pdf.rendered_version) == (1, CLOSED, 0)


def test_the_sweep_asks_only_for_published_remisser_past_their_last_day(
    published_remiss, handlaggare
):
    with mock.patch.object(remiss_compilation_render, "delay"):
        # The last day itself: still open.
        assert remiss_compilation.remiss_compilations_request_due(now=at(2021, 2, 28, 23, 59)) == 0
        assert remiss_compilation.remiss_compilations_request_due(now=CLOSED) == 1
        withdrawn = services.remiss_create(
            actor=handlaggare,
            title="Återkallad",
            opens_on=at(2021, 1, 1).date(),
            closes_on=at(2021, 1, 31).date(),
        )
        from overenskommelse.agreement.models import Remiss

        Remiss.objects.filter(pk=withdrawn.pk).update(
            status=Remiss.Status.WITHDRAWN, published_at=at(2021, 1, 1, 9)
        )
        assert remiss_compilation.remiss_compilations_request_due(now=at(2021, 4, 1, 1)) == 1
    assert not RemissCompilationPdf.objects.filter(remiss=withdrawn).exists()


def test_the_pdf_is_made_in_the_portals_language(answered):
    from django.utils import translation

    with translation.override("en"):
        html = remiss_compilation.remiss_compilation_html(remiss=answered)
    assert "Kultur- och fritidsnämnden" in html and "Lunds kommun" in html
    assert "<h1>Sammanställning av remissvar</h1>" in html
    assert "Compilation of the answers" not in html


def test_a_render_without_an_ask_or_of_a_current_pdf_does_nothing(answered):
    assert remiss_compilation.remiss_compilation_pdf_render(remiss_id=answered.pk) is False
    RemissCompilationPdf.objects.create(remiss=answered, rendered_version=1)
    with mock.patch.object(documents, "pdf_from_html") as render:
        assert remiss_compilation.remiss_compilation_pdf_render(remiss_id=answered.pk) is False
    render.assert_not_called()


def test_the_html_names_the_remiss(answered):
    html = remiss_compilation.remiss_compilation_html(remiss=answered)
    assert answered.title in html and answered.case_number in html


def test_the_time_given_is_the_time_recorded(answered):
    # The clock is before the deadline; the time given is after it.
    with (
        time_machine.travel(at(2021, 2, 20, 12), tick=False),
        mock.patch.object(remiss_compilation_render, "delay"),
    ):
        remiss_compilation.remiss_compilation_pdf_request(remiss=answered, now=CLOSED)
        RemissCompilationPdf.objects.filter(remiss=answered).update(rendered_version=1)
        # A change "after closing" (by the time given) asks for the new version at once.
        remiss_compilation.remiss_compilation_changed(remiss=answered, now=CLOSED)
        pdf = RemissCompilationPdf.objects.get(remiss=answered)
        assert (pdf.version, pdf.requested_version, pdf.requested_at) == (2, 2, CLOSED)
        with mock.patch.object(documents, "pdf_from_html", return_value=b"%PDF-1.7 x"):
            later = CLOSED + remiss_compilation.REQUEST_RETRY
            assert remiss_compilation.remiss_compilation_pdf_render(
                remiss_id=answered.pk, now=later
            )
    assert RemissCompilationPdf.objects.get(remiss=answered).generated_at == later


def test_a_closed_remiss_without_a_pdf_row_is_due(answered):
    assert not RemissCompilationPdf.objects.filter(remiss=answered).exists()
    with mock.patch.object(remiss_compilation_render, "delay"):
        assert remiss_compilation.remiss_compilations_request_due(now=CLOSED) == 1
