"""The stored-document machinery (overenskommelse/platform/services/documents.py) on its own,
through the protokollsutdrag's kind: the times it records, a render that lost the
race, an ask for a current file, the sweep's count and the broker being down."""

import datetime
import logging
from unittest import mock

import pytest
import time_machine

from overenskommelse.platform.services import documents
from overenskommelse.protocols.models import ParagraphPdf
from overenskommelse.protocols.services import protocols as services
from overenskommelse.protocols.tasks import paragraph_pdf_render

pytestmark = pytest.mark.django_db

KIND = services.PARAGRAPH_PDF
CLOCK = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)  # the real clock
GIVEN = datetime.datetime(2026, 3, 5, 14, 30, tzinfo=datetime.UTC)  # the `now` passed in


@pytest.fixture
def paragraph(handlaggare):
    meeting = services.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunstyrelsen", date=datetime.date(2026, 2, 4)
    )
    return services.paragraph_create(
        meeting=meeting, actor=handlaggare, number=7, title="Ärende sju", clauses=["att bifalla"]
    )


@pytest.fixture(autouse=True)
def quick_pdf():
    """A render is the HTML's bytes: these tests are about what is stored, not PDFs."""
    with mock.patch.object(documents, "pdf_from_html", side_effect=lambda html: html.encode()):
        yield


def _row(paragraph) -> ParagraphPdf:
    return ParagraphPdf.objects.get(paragraph=paragraph)


def test_every_step_records_the_time_it_is_given(paragraph):
    with time_machine.travel(CLOCK, tick=False):
        assert documents.document_request(KIND, paragraph, now=GIVEN) is True
        asked = _row(paragraph)
        assert (asked.requested_at, asked.updated_at) == (GIVEN, GIVEN)
        later = GIVEN + datetime.timedelta(minutes=3)
        assert documents.document_render(KIND, paragraph.pk, now=later) is True
        made = _row(paragraph)
        assert (made.generated_at, made.updated_at, made.rendered_version) == (later, later, 1)
        documents.document_changed(KIND, paragraph)
        assert _row(paragraph).updated_at == CLOCK  # no `now` given: the clock's


def test_the_request_paths_pass_their_time_on(paragraph):
    html = services.paragraph_pdf_html(paragraph)
    with time_machine.travel(CLOCK, tick=False):
        assert documents.document_for_html(KIND, paragraph, html, now=GIVEN) is None
        assert _row(paragraph).requested_at == GIVEN
        stored = documents.document_store_now(KIND, paragraph, html, now=GIVEN)
        assert stored.generated_at == GIVEN and stored.is_current
        with stored.file.open("rb") as file:
            assert file.read() == html.encode()
        # Other HTML: the version grows once and the new file is made now.
        documents.document_store_now(KIND, paragraph, html + "<p>ny</p>", now=GIVEN)
        again = _row(paragraph)
        assert (again.version, again.rendered_version, again.updated_at) == (2, 2, GIVEN)


def test_a_render_that_lost_the_race_stores_nothing_and_removes_only_its_own_file(
    paragraph, django_capture_on_commit_callbacks
):
    html = services.paragraph_pdf_html(paragraph)
    current = documents.document_store_now(KIND, paragraph, html)
    kept_name = current.file.name
    stale = _row(paragraph)
    stale.content_hash = "another render's"  # made from other HTML, so a file of its own
    with django_capture_on_commit_callbacks(execute=True):
        # A render of version 1 finishing after version 1 is stored already.
        assert documents._store(KIND, stale, 1, html + "<p>äldre</p>") is False
    row = _row(paragraph)
    assert row.file.name == kept_name and row.file.storage.exists(kept_name)
    assert stale.file.name != kept_name and not stale.file.storage.exists(stale.file.name)


def test_an_ask_for_a_current_file_is_no_ask_however_long_ago_the_last_was(paragraph):
    documents.document_store_now(KIND, paragraph, services.paragraph_pdf_html(paragraph))
    ParagraphPdf.objects.filter(paragraph=paragraph).update(
        requested_version=1, requested_at=CLOCK - datetime.timedelta(days=30)
    )
    with time_machine.travel(CLOCK, tick=False):
        assert documents.document_request(KIND, paragraph) is False


def test_the_sweep_counts_every_ask_it_makes(handlaggare, paragraph):
    other = services.paragraph_create(
        meeting=paragraph.meeting,
        actor=handlaggare,
        number=8,
        title="Ärende åtta",
        clauses=["att notera"],
    )
    for item in (paragraph, other):
        ParagraphPdf.objects.create(paragraph=item)  # never asked for
    with time_machine.travel(CLOCK, tick=False):
        assert documents.documents_request_due(now=GIVEN) == 2
    assert {row.requested_at for row in ParagraphPdf.objects.all()} == {GIVEN}


def test_a_broker_that_is_down_leaves_the_ask_for_the_sweep_and_says_which(
    paragraph, django_capture_on_commit_callbacks, caplog
):
    with (
        mock.patch.object(paragraph_pdf_render, "delay", side_effect=ConnectionError) as delay,
        django_capture_on_commit_callbacks(execute=True),
        caplog.at_level(logging.WARNING, logger="overenskommelse.platform.services.documents"),
    ):
        assert documents.document_request(KIND, paragraph) is True
    delay.assert_called_once_with(paragraph.pk)
    assert caplog.messages == [
        "Broker unavailable; overenskommelse.protocols.tasks.paragraph_pdf_render"
        f"({paragraph.pk}) waits"
    ]
    assert _row(paragraph).requested_version == 1


def test_the_worker_task_stores_the_extract(paragraph):
    ParagraphPdf.objects.create(paragraph=paragraph)
    assert paragraph_pdf_render(paragraph.pk) is True
    row = _row(paragraph)
    assert row.is_current
    assert paragraph_pdf_render(paragraph.pk) is False  # current: nothing to do


def test_a_request_that_finds_other_html_marks_the_file_out_of_date_at_that_time(paragraph):
    html = services.paragraph_pdf_html(paragraph)
    documents.document_store_now(KIND, paragraph, html)
    with time_machine.travel(CLOCK, tick=False):
        assert documents.document_for_html(KIND, paragraph, html + "<p>ändrad</p>") is None
    row = _row(paragraph)
    assert (row.version, row.rendered_version, row.updated_at) == (2, 1, CLOCK)
