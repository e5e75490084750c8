"""A file added through the admin's forms is checked as the services check it: a
program renamed .pdf is refused at the field, in Swedish, and nothing is stored; a
real PDF is stored with the type, name and size found."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overenskommelse.models import ActionPlan, ActionPlanDocument, Remiss
from tests.bad_uploads import BAD, PDF, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, admin_user, no_staff_mfa):
    client.force_login(admin_user)
    return client


@pytest.fixture
def plan():
    return ActionPlan.objects.create(
        title="Handlingsplan", slug="hp-admin", start_year=2025, end_year=2028
    )


def test_the_admin_refuses_a_program_renamed_pdf(admin_client_, plan):
    make, _code, message = BAD["exe_renamed_pdf"]
    files = stored_files()
    response = admin_client_.post(
        reverse("admin:overenskommelse_actionplandocument_add"),
        {"plan": plan.pk, "title": "Planen", "file": make()},
    )
    assert response.status_code == 200
    assert message in re.sub(r"\s+", " ", response.content.decode())
    assert not ActionPlanDocument.objects.exists()
    assert stored_files() == files


def test_the_admin_records_what_a_real_pdf_is(admin_client_, plan):
    response = admin_client_.post(
        reverse("admin:overenskommelse_actionplandocument_add"),
        {"plan": plan.pk, "title": "Planen", "file": SimpleUploadedFile("Plan 2025.pdf", PDF)},
    )
    assert response.status_code == 302
    document = ActionPlanDocument.objects.get()
    assert (document.content_type, document.original_name, document.size) == (
        "application/pdf",
        "Plan 2025.pdf",
        len(PDF),
    )
    assert document.download_name == "planen.pdf"


def test_the_admin_pages_with_document_forms_open(admin_client_, plan, handlaggare):
    remiss = Remiss.objects.create(
        title="Remiss", opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 2, 1)
    )
    for url in (
        reverse("admin:overenskommelse_actionplandocument_add"),
        reverse("admin:overenskommelse_actionplan_change", args=[plan.pk]),
        reverse("admin:overenskommelse_remiss_change", args=[remiss.pk]),
    ):
        assert admin_client_.get(url).status_code == 200, url
