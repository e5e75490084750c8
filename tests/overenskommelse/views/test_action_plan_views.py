"""The handlingsplan's PDF through the real views: kommunkontoret uploads and replaces
it (the earlier file is kept, the newest shown, a history row written), the public
downloads it where it could before, everyone else is refused, and a bad file is a
Swedish message on the page with nothing stored."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overenskommelse.agreement.models import ActionPlan, ActionPlanDocument
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.selectors.history import history_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _pdf(name="Handlingsplan antagen.pdf", content=PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def plan():
    return ActionPlan.objects.create(
        title="Handlingsplan",
        slug="handlingsplan-2021",
        start_year=2021,
        end_year=2024,
        status=ActionPlan.Status.ADOPTED,
    )


@pytest.fixture
def upload_url(plan):
    return reverse("agreement:action_plan_document_upload", kwargs={"slug": plan.slug})


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


def _download_url(document) -> str:
    return reverse(
        "agreement:action_plan_document",
        kwargs={"slug": document.plan.slug, "uuid": document.uuid},
    )


def test_handlaggare_uploads_the_plan_and_the_public_downloads_it(
    staff, client, handlaggare, plan, upload_url
):
    page = staff.get(upload_url)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()

    response = staff.post(upload_url, {"title": "Handlingsplan 2021–2024", "file": _pdf()})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "agreement:action_plan_version", kwargs={"slug": plan.slug}
    )
    document = plan.documents.get()
    assert document.title == "Handlingsplan 2021–2024"
    assert document.uploaded_by == handlaggare
    # Stored under a random name in the handlingsplan folder, nothing of the original.
    assert document.file.name.startswith("handlingsplan/")
    assert document.file.name.endswith(".pdf") and "antagen" not in document.file.name

    shown = _text(staff.get(response["Location"]))
    assert "Handlingsplanens PDF är uppladdad." in shown
    assert _download_url(document) in shown

    client.logout()
    download = client.get(_download_url(document))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    assert _download_url(document) in client.get(reverse("agreement:action_plan")).content.decode()


def test_replacing_keeps_the_earlier_file_and_shows_the_newest_first(
    staff, client, handlaggare, plan, upload_url
):
    staff.post(upload_url, {"title": "Remissversion", "file": _pdf()})
    staff.post(upload_url, {"title": "Antagen version", "file": _pdf(content=PDF + b"% v2\n")})

    first, second = plan.documents.order_by("created_at", "pk")
    assert (first.title, second.title) == ("Remissversion", "Antagen version")
    assert first.file.name != second.file.name
    assert first.file.storage.exists(first.file.name)

    client.logout()
    shown = _text(client.get(reverse("agreement:action_plan")))
    newest, earlier = shown.index("Antagen version"), shown.index("Remissversion")
    assert newest < shown.index("Tidigare dokument") < earlier
    assert client.get(_download_url(first)).status_code == 200
    assert b"".join(client.get(_download_url(second)).streaming_content) == PDF + b"% v2\n"


def test_each_upload_writes_a_history_row(staff, handlaggare, plan, upload_url):
    staff.post(upload_url, {"title": "Första", "file": _pdf()})
    staff.post(upload_url, {"title": "Andra", "file": _pdf()})

    entries = list(history_for(subject=plan))
    assert [e.action for e in entries] == ["action_plan_document_added"] * 2
    newest = entries[0]
    assert newest.actor == handlaggare
    assert newest.actor_name == (handlaggare.get_full_name() or handlaggare.email)
    assert newest.message == "Andra"
    assert newest.changes == {"documents": ["Första", "Andra"]}
    assert entries[1].changes == {"documents": [None, "Första"]}
    page = _text(staff.get(upload_url))
    assert "PDF uppladdad: Andra" in page and "PDF uppladdad: Första" in page


def test_an_empty_title_becomes_the_plans_name(staff, plan, upload_url):
    staff.post(upload_url, {"title": "  ", "file": _pdf()})
    assert plan.documents.get().title == "Handlingsplan 2021–2024"


def test_an_administrator_may_upload(client, admin_user, plan, upload_url, no_staff_mfa):
    client.force_login(admin_user)
    assert client.post(upload_url, {"file": _pdf()}).status_code == 302
    assert plan.documents.get().uploaded_by == admin_user


def test_staff_see_the_upload_link_and_the_public_does_not(staff, client, plan, upload_url):
    assert upload_url in staff.get(reverse("agreement:action_plan")).content.decode()
    client.logout()
    assert upload_url not in client.get(reverse("agreement:action_plan")).content.decode()


def test_the_anonymous_visitor_is_sent_to_log_in(client, plan, upload_url):
    for response in (client.get(upload_url), client.post(upload_url, {"file": _pdf()})):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert not ActionPlanDocument.objects.exists()


@pytest.mark.parametrize(
    "who", ["rep_a", "rep_b", "forvaltningskontakt", "samverkansgruppen_member"]
)
def test_others_are_refused(request, client, plan, upload_url, who, no_staff_mfa):
    client.force_login(request.getfixturevalue(who))
    assert client.get(upload_url).status_code == 403
    assert client.post(upload_url, {"title": "Falsk", "file": _pdf()}).status_code == 403
    assert not ActionPlanDocument.objects.exists()
    assert not HistoryEntry.objects.exists()


def test_an_unknown_plan_is_404(staff):
    url = reverse("agreement:action_plan_document_upload", kwargs={"slug": "finns-inte"})
    assert staff.get(url).status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("plan.pdf", b"just some text, not a PDF"), "Filens innehåll"),
        (SimpleUploadedFile("plan.pdf", PNG, content_type="application/pdf"), "Tillåtna: PDF"),
        (SimpleUploadedFile("plan.pdf", b""), "tom"),
        (SimpleUploadedFile("plan.pdf", PDF + b"0" * 2048), "för stor"),
    ],
    ids=["text", "png", "empty", "too-large"],
)
def test_a_bad_file_is_a_swedish_message_and_keeps_what_was_stored(
    staff, settings, plan, upload_url, upload, message
):
    settings.PORTAL_UPLOAD_MAX_BYTES = 1024
    kept = ActionPlanDocument.objects.create(
        plan=plan, title="Den antagna planen", file=ContentFile(PDF, name="plan.pdf")
    )

    response = staff.post(upload_url, {"title": "Ny version", "file": upload})

    assert response.status_code == 200
    page = _text(response)
    assert message in page
    assert 'class="errorlist' in page
    assert list(plan.documents.all()) == [kept]
    assert not HistoryEntry.objects.filter(action="action_plan_document_added").exists()
    shown = _text(staff.get(reverse("agreement:action_plan")))
    assert _download_url(kept) in shown and "Ny version" not in shown


def test_a_missing_file_or_too_long_title_is_a_form_error(staff, plan, upload_url):
    assert "Detta fält måste fyllas i." in _text(staff.post(upload_url, {"title": "Plan"}))
    response = staff.post(upload_url, {"title": "x" * 201, "file": _pdf()})
    assert response.status_code == 200
    assert not plan.documents.exists()


def test_a_draft_plans_pdf_stays_hidden_from_the_public(staff, client, upload_url, plan):
    plan.status = ActionPlan.Status.DRAFT
    plan.save()
    staff.post(upload_url, {"file": _pdf()})
    document = plan.documents.get()
    assert staff.get(_download_url(document)).status_code == 200
    client.logout()
    assert client.get(_download_url(document)).status_code == 302
