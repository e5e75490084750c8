import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile, FileField

from overenskommelse.platform.uploads import (
    RandomUploadTo,
    protected_file_response,
    upload_validate,
)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("protokoll.pdf", PDF, "application/pdf"),
        ("bild.png", PNG, "image/png"),
        ("foto.JPG", JPEG, "image/jpeg"),
        ("utan-andelse", PDF, "application/pdf"),
    ],
)
def test_real_files_are_accepted_by_content(name, content, expected):
    assert upload_validate(SimpleUploadedFile(name, content)) == expected


def test_text_renamed_to_pdf_is_refused_in_swedish():
    with pytest.raises(ValidationError) as error:
        upload_validate(SimpleUploadedFile("protokoll.pdf", b"just some text, not a PDF"))
    assert error.value.code == "wrong_type"
    assert "Filens innehåll" in error.value.messages[0]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        upload_validate(SimpleUploadedFile("tom.pdf", b""))
    assert error.value.code == "empty"
    assert error.value.messages == ["Filen är tom."]


def test_oversized_file_is_refused(settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as error:
        upload_validate(SimpleUploadedFile("stor.pdf", PDF + b"0" * 2048))
    assert error.value.code == "too_large"
    assert "för stor" in error.value.messages[0]


def test_the_upload_forms_name_the_limit_as_it_is_set(settings):
    from django.utils import translation

    from overenskommelse.agreement.forms.action_plan import ActionPlanDocumentForm
    from overenskommelse.agreement.forms.affiliation import ApplicationForm, WithdrawalForm

    settings.PORTAL_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    with translation.override("sv"):
        assert str(ApplicationForm().fields["protocol"].help_text) == (
            "PDF, JPEG eller PNG, högst 5,0\xa0MB. Filens innehåll kontrolleras."
        )
        assert "högst 5,0\xa0MB" in str(WithdrawalForm().fields["protocol"].help_text)
        assert str(ActionPlanDocumentForm().fields["file"].help_text) == (
            "Endast PDF, högst 5,0\xa0MB. Filens innehåll kontrolleras."
        )
    settings.PORTAL_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    with translation.override("en"):
        assert "at most 20.0\xa0MB" in str(ApplicationForm().fields["protocol"].help_text)


def test_stored_names_are_random_and_keep_only_the_extension():
    upload_to = RandomUploadTo("protokoll")
    first = upload_to(None, "Styrelseprotokoll PIL 2026.PDF")
    second = upload_to(None, "Styrelseprotokoll PIL 2026.PDF")
    assert first != second
    assert first.startswith("protokoll/") and first.endswith(".pdf")
    assert "Styrelseprotokoll" not in first
    assert upload_to(None, "evil.html").endswith(tuple("0123456789abcdef"))


@pytest.mark.django_db
def test_stored_uploads_have_no_public_url(client, settings):
    assert settings.MEDIA_URL in ("", "/")
    name = default_storage.save("protokoll/hemlig.pdf", ContentFile(PDF))
    for prefix in ("/", "/media/", "/static/"):
        assert client.get(prefix + name).status_code == 404


def test_file_response_has_safe_headers():
    name = default_storage.save("protokoll/test.pdf", ContentFile(PDF))
    field_file = FieldFile(None, FileField(name="file"), name)
    response = protected_file_response(
        field_file, download_name="Protokoll å.pdf", content_type="text/html"
    )
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF
