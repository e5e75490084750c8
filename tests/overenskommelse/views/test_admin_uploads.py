"""A file added through the admin's forms is checked as the services check it: a
program renamed .pdf is refused at the field, in Swedish, and nothing is stored; a
real file is stored with the type (and for documents the name and size) found by
content."""

import datetime as dt
import re

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse

from overenskommelse.agreement.models import (
    ActionPlan,
    ActionPlanDocument,
    Affiliation,
    AffiliationApplication,
    Remiss,
)
from tests.bad_uploads import BAD, LIMIT, PDF, stored_files
from tests.factories import AffiliationApplicationFactory, AffiliationFactory

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
        reverse("admin:agreement_actionplandocument_add"),
        {"plan": plan.pk, "title": "Planen", "file": make()},
    )
    assert response.status_code == 200
    assert message in re.sub(r"\s+", " ", response.content.decode())
    assert not ActionPlanDocument.objects.exists()
    assert stored_files() == files


def test_the_admin_records_what_a_real_pdf_is(admin_client_, plan):
    response = admin_client_.post(
        reverse("admin:agreement_actionplandocument_add"),
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
        reverse("admin:agreement_actionplandocument_add"),
        reverse("admin:agreement_actionplan_change", args=[plan.pk]),
        reverse("admin:agreement_remiss_change", args=[remiss.pk]),
    ):
        assert admin_client_.get(url).status_code == 200, url


def _admin_form(model, obj, admin_user, rf, files):
    request = rf.post("/")
    request.user = admin_user
    model_admin = admin.site._registry[model]
    form_class = model_admin.get_form(request, obj, change=True)
    fields = form_class.base_fields
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None and k in fields}
    return form_class(data=data, files=files, instance=obj)


def test_a_withdrawal_protocol_in_the_admin_is_checked_and_typed_by_content(admin_user, rf):
    affiliation = AffiliationFactory(ended_on=dt.date(2026, 11, 25))
    make, _code, message = BAD["exe_renamed_pdf"]
    refused = _admin_form(Affiliation, affiliation, admin_user, rf, {"withdrawal_protocol": make()})
    assert not refused.is_valid()
    assert message in refused.errors["withdrawal_protocol"][0]
    png = SimpleUploadedFile("protokoll.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    accepted = _admin_form(Affiliation, affiliation, admin_user, rf, {"withdrawal_protocol": png})
    assert accepted.is_valid(), accepted.errors
    accepted.save()
    affiliation.refresh_from_db()
    assert affiliation.withdrawal_protocol_content_type == "image/png"


def test_an_application_protocol_in_the_admin_is_checked(admin_user, rf, settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = LIMIT
    application = AffiliationApplicationFactory()
    make, _code, message = BAD["too_large"]
    form = _admin_form(AffiliationApplication, application, admin_user, rf, {"protocol": make()})
    assert not form.is_valid()
    assert message in form.errors["protocol"][0]
