"""The follow-up PDF is made by the worker and served from storage: no request renders
it, a change in what it shows gives a new one, and a lost ask is asked again."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.urls import reverse

from overenskommelse.platform.services import documents
from samverkan.group.models import FollowUpPdf
from samverkan.group.services import followup as followup_services
from samverkan.group.tasks import followup_pdf_render
from samverkan.pipeline.models import Stage
from tests.conftest import pdf_text, response_bytes
from tests.samverkan.group.conftest import initiative

pytestmark = pytest.mark.django_db

PENDING = "Uppföljningen som PDF tas fram"


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


@pytest.fixture
def draft(followup_data, handlaggare):
    return followup_services.followup_create(actor=handlaggare, year=2025)


def _url(year=2025):
    return reverse("samverkansgruppen:followup_pdf", kwargs={"year": year})


def test_a_request_renders_nothing_it_asks_the_worker_and_says_so(
    staff, draft, django_capture_on_commit_callbacks
):
    with (
        mock.patch("overenskommelse.platform.services.documents.pdf_from_html") as render,
        mock.patch.object(followup_pdf_render, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = staff.get(_url())
        again = staff.get(_url())
    assert response.status_code == 200 and response["Retry-After"] == "30"
    assert PENDING in response.content.decode()
    assert PENDING in again.content.decode()
    render.assert_not_called()  # the request made no PDF
    delay.assert_called_once_with(draft.pk)  # asked once, however many ask


def test_the_worker_stores_it_and_the_next_request_gets_the_file(staff, draft):
    staff.get(_url())
    with mock.patch(
        "overenskommelse.platform.services.documents.pdf_from_html", wraps=documents.pdf_from_html
    ) as render:
        assert followup_pdf_render(draft.pk) is True
        first = staff.get(_url())
        second = staff.get(_url())
    assert render.call_count == 1  # the worker's; the requests serve the file
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == 'inline; filename="uppfoljning-2025.pdf"'
    assert "1. Inkludering" in pdf_text(response_bytes(first))
    with FollowUpPdf.objects.get().file.open("rb") as stored:
        assert response_bytes(second) == stored.read()


def test_new_figures_give_a_new_pdf_and_the_old_file_is_removed(
    staff, draft, areas, handlaggare, django_capture_on_commit_callbacks
):
    staff.get(_url())
    followup_pdf_render(draft.pk)
    old = FollowUpPdf.objects.get()
    storage = old.file.storage
    initiative(
        title="A4",
        stage=Stage.IMPLEMENTATION,
        areas=[areas[0]],
        handlaggare=handlaggare,
        start=datetime.date(2025, 4, 1),
        end=datetime.date(2026, 1, 1),
    )
    response = staff.get(_url())
    assert PENDING in response.content.decode()
    assert FollowUpPdf.objects.get().version == old.version + 1
    with django_capture_on_commit_callbacks(execute=True):
        assert followup_pdf_render(draft.pk) is True
    text = pdf_text(response_bytes(staff.get(_url())))
    assert "Initiativ (antagna) 5" in [" ".join(line.split()) for line in text.splitlines()]
    assert not storage.exists(old.file.name)


def test_approval_asks_the_worker_at_once(
    draft, samverkansgruppen_member, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(followup_pdf_render, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        followup_services.followup_approve(actor=samverkansgruppen_member, followup=draft)
    delay.assert_called_once_with(draft.pk)


def test_a_lost_ask_is_asked_again_by_the_sweep_after_the_retry_time(staff, draft):
    start = datetime.datetime(2026, 2, 1, 10, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        staff.get(_url())  # asked; the hand-off is lost (this transaction never commits)
        assert documents.documents_request_due() == 0
    with time_machine.travel(start + documents.REQUEST_RETRY - datetime.timedelta(minutes=1)):
        assert documents.documents_request_due() == 0
    with time_machine.travel(start + documents.REQUEST_RETRY + datetime.timedelta(minutes=1)):
        assert documents.documents_request_due() == 1
        assert documents.documents_request_due() == 0


def test_a_stored_file_gone_from_storage_is_made_again(staff, draft):
    staff.get(_url())
    followup_pdf_render(draft.pk)
    stored = FollowUpPdf.objects.get()
    stored.file.storage.delete(stored.file.name)
    response = staff.get(_url())
    assert PENDING in response.content.decode()
    assert FollowUpPdf.objects.get().version == stored.version + 1
    followup_pdf_render(draft.pk)
    assert staff.get(_url())["Content-Type"] == "application/pdf"


def test_a_draft_pdf_is_refused_to_others_and_nothing_is_asked(client, draft, rep_a):
    assert client.get(_url()).status_code == 302  # anonymous: log in
    client.force_login(rep_a)
    assert client.get(_url()).status_code == 403
    assert not FollowUpPdf.objects.exists()


def test_a_failed_render_stores_nothing_and_the_page_still_says_it_is_being_made(staff, draft):
    staff.get(_url())
    with (
        mock.patch(
            "overenskommelse.platform.services.documents.pdf_from_html",
            side_effect=documents_error(),
        ),
        pytest.raises(Exception, match="WeasyPrint"),
    ):
        followup_pdf_render(draft.pk)
    stored = FollowUpPdf.objects.get()
    assert stored.rendered_version == 0 and not stored.file
    assert PENDING in staff.get(_url()).content.decode()


def documents_error():
    from overenskommelse.platform.pdf import PDFRenderError

    return PDFRenderError("WeasyPrint failed")
