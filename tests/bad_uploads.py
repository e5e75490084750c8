"""Files every upload service must refuse by itself, and what is on disk.

`BAD` is one file per way an upload is refused: too large for `LIMIT`, which each
test sets as PORTAL_UPLOAD_MAX_BYTES, and a program renamed to look like a PDF. Each
service's test calls it directly, with no form in front, and then checks that no
row and no file was stored."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4 beslut\n%%EOF\n"
LIMIT = 1024
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64

# kind -> (the upload, the ValidationError code, a part of the Swedish message)
BAD = {
    "too_large": (
        lambda: SimpleUploadedFile("beslut.pdf", PDF + b"0" * (2 * LIMIT)),
        "too_large",
        "för stor",
    ),
    "exe_renamed_pdf": (
        lambda: SimpleUploadedFile("beslut.pdf", EXE, content_type="application/pdf"),
        "wrong_type",
        "Filens innehåll",
    ),
}


def stored_files() -> set[str]:
    """Every file under the storage uploads go to (PORTAL_PROTECTED_MEDIA_ROOT)."""
    root = Path(default_storage.location)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


# The app labels of the four apps inside overenskommelse/.
OVERENSKOMMELSE_APPS = ("platform", "accounts", "protocols", "agreement")


def _rows(app_labels: tuple[str, ...]) -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for label in app_labels
        for model in apps.get_app_config(label).get_models()
    }


def assert_refused(call: Callable[[Any], Any], kind: str, *, app_labels: tuple[str, ...]) -> None:
    """`call(upload)` with the bad file of `kind` is refused with its code and Swedish
    message, and stores nothing: every model of `app_labels` has as many rows as
    before, and no file is added."""
    make, code, message = BAD[kind]
    files, rows = stored_files(), _rows(app_labels)
    with pytest.raises(ValidationError) as error:
        call(make())
    assert error.value.code == code
    assert message in error.value.messages[0]
    assert _rows(app_labels) == rows
    assert stored_files() == files
