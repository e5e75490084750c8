"""PDFs are HTML templates under templates/<app>/pdf/, rendered by WeasyPrint here.

Each PDF template extends `pdf/base.html` (A4, page numbers, the municipality's
name in the footer, the document's language and title). Views call `pdf_response`;
a render that fails gives the user a clear page (templates/pdf_error.html, status
503), never a trace. A PDF that can take long to render (the remiss compilation) is
made by the worker with `pdf_from_html` and served from storage instead.

Every PDF is written as PDF/A-2a (`PDF_VARIANT`), in `pdf_from_html`, the one place
that calls WeasyPrint, so the renders the worker stores are the same kind: archivable
(every font embedded, an sRGB output intent, the PDF/A identification in the XMP
metadata) and, level "a", tagged for assistive technology (a structure tree of
headings, paragraphs, lists, tables and figures, /MarkInfo, the document language
from `<html lang>` and the title from `<title>`, shown as the window title).
"""

import gc
import logging
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)


#: PDF/A-2a, level "a" (accessible): WeasyPrint tags it (pdf_tags is implied). Not 3a:
#: the same tagging, but PDF/A-3 also lets any kind of file be embedded, which an
#: archive then has to vet, and these PDFs embed nothing. Not pdf/ua-1: it is a
#: variant of its own in WeasyPrint, without PDF/A's output intent and identification,
#: so it would be the fallback only where a tagged PDF/A could not be had.
PDF_VARIANT = "pdf/a-2a"


class PDFRenderError(Exception):
    pass


class StaticOnlyFetcher(URLFetcher):
    """Let WeasyPrint read only our own static files and data: URLs, never the network.

    Templates refer to static files as "static:<path>" (e.g. static:favicon.svg); a
    path that is absolute or climbs out ("..") is refused here, before Django's
    finders see it. Every other scheme (file:, http(s):, ftp:) is refused, so neither
    a template nor text a user wrote can pull a file or a URL into a PDF.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"})

    def fetch(self, url: str, headers=None):
        if url.startswith("static:"):
            relative = url.removeprefix("static:")
            inside = relative and not relative.startswith(("/", "\\"))
            path = finders.find(relative) if inside and ".." not in Path(relative).parts else None
            if path:
                return super().fetch(Path(path).as_uri(), headers)
        elif url.startswith("data:"):
            return super().fetch(url, headers)
        raise ValueError(f"refused to fetch {url!r} while rendering a PDF")


class _FewerCollections:
    """Raise the garbage collector's first threshold while a PDF renders.

    WeasyPrint builds hundreds of thousands of objects (boxes, styles, text runs)
    that all live until the PDF is written, so the default threshold (a collection
    every 700 new objects) makes the collector walk the same growing heap again and
    again for nothing: about a sixth of the § 16 extract's render time. Thresholds are
    per process, so overlapping renders in a worker's threads share one raise and the
    last to finish puts the old thresholds back.
    """

    FIRST_THRESHOLD = 100_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._saved: tuple[int, ...] = ()

    def __enter__(self) -> None:
        with self._lock:
            if not self._active:
                self._saved = gc.get_threshold()
                gc.set_threshold(self.FIRST_THRESHOLD, *self._saved[1:])
            self._active += 1

    def __exit__(self, *exc_info) -> None:
        with self._lock:
            self._active -= 1
            if not self._active:
                gc.set_threshold(*self._saved)


fewer_collections = _FewerCollections()


def _table_header_scopes(document, pdf) -> None:
    """Write each table header's /Scope (Column, or Row for `<th scope="row">`) into
    its structure element, which WeasyPrint leaves out: it does link every data cell
    to its headers (/ID and /Headers), with the same reading of `scope`.

    A WeasyPrint finisher (called after tagging, before the file is written). It reads
    the structure element that WeasyPrint keeps on each cell's box (`box.mark`); a
    WeasyPrint without it gives PDFs without /Scope, which the tests notice.
    """
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)
            if element is None or box.element_tag != "th" or "A" not in element:
                continue
            element["A"]["Scope"] = "/Row" if box.element.get("scope") == "row" else "/Column"


def pdf_render(template: str, context: dict) -> bytes:
    """Render a template to PDF bytes. Raises PDFRenderError on failure."""
    context = {"municipality_name": settings.MUNICIPALITY_NAME, **context}
    return pdf_from_html(render_to_string(template, context), name=template)


def pdf_html(template: str, context: dict) -> str:
    """The HTML of a PDF that is stored (overenskommelse/platform/services/documents.py): in the
    portal's language whoever asks first, so the stored file is the same for everyone."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            template, {"municipality_name": settings.MUNICIPALITY_NAME, **context}
        )


def stored_pdf_response(document, *, filename: str, inline: bool = True) -> FileResponse:
    """Serve a stored PDF (the caller has checked permission and that it is current).
    Raises FileNotFoundError when the file is gone from storage."""
    from overenskommelse.platform.uploads import protected_file_response

    name = slugify(filename.removesuffix(".pdf")) or "dokument"
    return protected_file_response(
        document.file, download_name=f"{name}.pdf", content_type="application/pdf", inline=inline
    )


def pdf_from_html(html: str, *, name: str = "HTML") -> bytes:
    """PDF bytes from HTML already rendered from a PDF template (e.g. to hash it first).
    Raises PDFRenderError on failure."""
    try:
        with fewer_collections:
            return HTML(string=html, url_fetcher=StaticOnlyFetcher()).write_pdf(
                pdf_variant=PDF_VARIANT, finisher=_table_header_scopes
            )
    except Exception as exc:  # WeasyPrint raises many kinds; all mean "no PDF"
        logger.exception("Rendering %s failed", name)
        raise PDFRenderError(str(exc)) from exc


def pdf_response(
    request: HttpRequest,
    *,
    template: str,
    context: dict,
    filename: str,
    inline: bool = True,
) -> HttpResponse:
    try:
        pdf = pdf_render(template, context)
    except PDFRenderError:
        return render(request, "pdf_error.html", status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(filename.removesuffix(".pdf")) or "dokument"
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
