"""Uploaded files: checked by content, stored under random names, served with care.

Every app stores uploads through `RandomUploadTo` on the default storage, which
lives outside any public path (PORTAL_PROTECTED_MEDIA_ROOT). Files are served only
by views that have checked permission and then call `protected_file_response`.
Every service that stores an upload calls `upload_validate` itself, whoever calls
the service; a form may call it too, to answer early, but is never relied on.
"""

import posixpath
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _

# Content type -> (magic bytes at the start, file extension)
SIGNATURES: dict[str, tuple[bytes, str]] = {
    "application/pdf": (b"%PDF-", ".pdf"),
    "image/png": (b"\x89PNG\r\n\x1a\n", ".png"),
    "image/jpeg": (b"\xff\xd8\xff", ".jpg"),
}
PROTOCOL_TYPES = ("application/pdf", "image/jpeg", "image/png")
PDF_ONLY = ("application/pdf",)


def upload_help(message: Promise) -> str:
    """A help text naming the upload limit as it is set (PORTAL_UPLOAD_MAX_BYTES),
    translated and formatted when the form is shown, not when it is imported.
    `message` is a lazy translation with a %(limit)s placeholder."""
    return lazy(
        lambda: str(message) % {"limit": filesizeformat(settings.PORTAL_UPLOAD_MAX_BYTES)}, str
    )()


def detect_content_type(head: bytes) -> str | None:
    for content_type, (magic, _ext) in SIGNATURES.items():
        if head.startswith(magic):
            return content_type
    return None


def upload_validate(
    upload: UploadedFile,
    *,
    allowed: tuple[str, ...] = PROTOCOL_TYPES,
    max_bytes: int | None = None,
) -> str:
    """Return the file's real content type, or raise a ValidationError in Swedish."""
    max_bytes = max_bytes or settings.PORTAL_UPLOAD_MAX_BYTES
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = detect_content_type(head)
    if content_type not in allowed:
        names = ", ".join(SIGNATURES[t][1].lstrip(".").upper() for t in allowed)
        raise ValidationError(
            _("The file's content is not an allowed type. Allowed: %(types)s.") % {"types": names},
            code="wrong_type",
        )
    return content_type


@deconstructible
class RandomUploadTo:
    """An `upload_to` that keeps nothing of the uploaded name but its type."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, _instance: object, filename: str) -> str:
        ext = posixpath.splitext(filename)[1].lower()
        known = {e for _m, e in SIGNATURES.values()} | {".jpeg"}
        ext = ext if ext in known else ""
        return f"{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomUploadTo) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def download_name(stem: str, content_type: str) -> str:
    """A file name for a download: `stem` (already safe as a file name) and the
    extension of the content type the file was found to have."""
    extension = SIGNATURES.get(content_type, (b"", ""))[1]
    return f"{stem or 'dokument'}{extension}"


def protected_file_response(
    field_file: FieldFile, *, download_name: str, content_type: str, inline: bool = False
) -> FileResponse:
    """Serve a stored file after the caller has checked permission."""
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=not inline,
        filename=download_name,
        content_type=content_type if content_type in SIGNATURES else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    if not inline:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
