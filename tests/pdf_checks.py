"""What every PDF the portal makes must be, checked in one place for each kind of PDF:
tagged PDF/A-2a (overenskommelse/platform/pdf.py), read back with pikepdf and pdffonts.

`pdf_archival_structure` asserts what all kinds share (a structure tree, /MarkInfo,
/Lang, the PDF/A identification and the title in the XMP metadata, the sRGB output
intent, every font embedded) and returns the structure tree's outline, so each test
asserts what its kind must have (tables with header scopes, figures with /Alt).
"""

import io
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field

import pikepdf

from overenskommelse.platform.pdf import PDF_VARIANT

PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


@dataclass
class PdfStructure:
    """The outline of a PDF's structure tree."""

    tags: Counter = field(default_factory=Counter)  # "/H1" → how many
    header_scopes: Counter = field(default_factory=Counter)  # "/Column", "/Row", None
    header_ids: set[str] = field(default_factory=set)
    cell_headers: list[list[str]] = field(default_factory=list)  # each /TD's /Headers
    figure_alts: list[str | None] = field(default_factory=list)
    fonts: list[dict[str, str]] = field(default_factory=list)


def _walk(element: pikepdf.Dictionary, structure: PdfStructure, depth: int = 0) -> None:
    assert depth < 200, "structure tree too deep (a cycle?)"
    tag = element.get("/S")
    if tag is not None:
        tag = str(tag)
        structure.tags[tag] += 1
        attributes = element.get("/A")
        if tag == "/TH":
            scope = attributes.get("/Scope") if attributes is not None else None
            structure.header_scopes[str(scope) if scope is not None else None] += 1
            if "/ID" in element:
                structure.header_ids.add(str(element.ID))
        elif tag == "/TD" and attributes is not None:
            structure.cell_headers.append([str(h) for h in attributes.get("/Headers", [])])
        elif tag == "/Figure":
            alt = element.get("/Alt")
            structure.figure_alts.append(str(alt) if alt is not None else None)
    kids = element.get("/K")
    if isinstance(kids, pikepdf.Dictionary):
        kids = [kids]
    if isinstance(kids, pikepdf.Array | list):
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                _walk(kid, structure, depth + 1)


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """Each font of a PDF as poppler's pdffonts lists it (name, type, emb, …)."""
    if not shutil.which("pdffonts"):
        from tests.conftest import missing_service

        missing_service("pdffonts (Debian package poppler-utils)")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        lines = subprocess.run(
            ["pdffonts", file.name], capture_output=True, check=True, text=True, timeout=60
        ).stdout.splitlines()
    # name type encoding emb sub uni object ID; the type may hold a space ("CID TrueType").
    rows = []
    for line in lines[2:]:
        *front, emb, _sub, uni, _obj, _gen = line.split()
        rows.append({"name": front[0], "type": " ".join(front[1:-1]), "emb": emb, "uni": uni})
    return rows


def pdf_archival_structure(pdf: bytes, *, title: str, lang: str = "sv") -> PdfStructure:
    """Assert that `pdf` is a tagged PDF/A-2a whose title holds `title` and whose
    language is `lang`, with every font embedded; return its structure's outline."""
    assert pdf.startswith(b"%PDF-1.7"), "PDF/A-2 is PDF 1.7"
    structure = PdfStructure()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        root = document.Root
        assert "/StructTreeRoot" in root, "untagged: no structure tree"
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == lang
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert [str(i.S) for i in root.OutputIntents] == ["/GTS_PDFA1"]
        metadata = document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        part, conformance = PDF_VARIANT.removeprefix("pdf/a-")
        assert metadata.get(PDFAID + "part") == part
        assert metadata.get(PDFAID + "conformance") == conformance.upper()
        assert title in metadata.get(DC_TITLE, ""), metadata.get(DC_TITLE)
        assert title in str(document.docinfo.get("/Title", ""))
        _walk(root.StructTreeRoot, structure)
    assert structure.tags["/Document"] == 1
    structure.fonts = pdf_fonts(pdf)
    assert structure.fonts, "no font at all"
    not_embedded = [font["name"] for font in structure.fonts if font["emb"] != "yes"]
    assert not not_embedded, f"fonts not embedded: {not_embedded}"
    no_unicode = [font["name"] for font in structure.fonts if font["uni"] != "yes"]
    assert not no_unicode, f"fonts whose text cannot be read back: {no_unicode}"
    # Every data cell names its headers, and only headers that exist.
    for headers in structure.cell_headers:
        assert set(headers) <= structure.header_ids
    return structure
