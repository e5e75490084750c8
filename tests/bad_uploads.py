"""Files every upload service must refuse by itself, and what is on disk.

`BAD` is one file per way an upload is refused: too large for `LIMIT`, which each
test sets as PORTAL_UPLOAD_MAX_BYTES, and a program renamed to look like a PDF. Each
service's test calls it directly, with no form in front, and then checks that no
row and no file was stored."""

from pathlib import Path

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
