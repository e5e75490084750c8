"""The compilation of a remiss's answers as a stored PDF, made by the worker.

Rendering the compilation takes seconds when answers are long, and after the remiss
has closed anyone may ask for it, so no request renders it. Instead:

- Whatever changes what the compilation shows calls `remiss_compilation_changed` in
  its own transaction: the stored PDF's version grows by one, and on a closed remiss
  a render is asked for at once.
- `remiss_compilation_pdf_request` asks the worker for a render of the current
  version. The ask is claimed by a conditional UPDATE, so each version is handed to
  the worker once, however many pages and people ask; the task is enqueued after
  commit. An ask that got no PDF (broker down, worker killed, render failed) may be
  made again after REQUEST_RETRY.
- The beat sweep `remiss_compilations_request_due` asks for every closed remiss whose
  PDF is missing or out of date: that is how a remiss gets its PDF when it closes
  (no code runs at the deadline itself), and how a lost ask is made again.
- `remiss_compilation_pdf_render` (the worker) renders, stores the file and records
  which version it shows, the SHA-256 of the HTML it came from and when it was made.
  A render that finds the HTML unchanged keeps the stored file.

The asking, claiming and storing are those of every stored document
(overenskommelse/platform/services/documents.py); this module says when a compilation
changes and which remisser are due.
"""

import datetime as dt

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone, translation

from overenskommelse.agreement.models import Remiss, RemissCompilationPdf
from overenskommelse.agreement.selectors.remiss import remiss_compilation
from overenskommelse.platform.pdf import pdf_html
from overenskommelse.platform.services import documents
from overenskommelse.platform.services.documents import REQUEST_RETRY  # noqa: F401  (re-exported)

TEMPLATE = "agreement/pdf/remiss_compilation.html"


def remiss_compilation_html(remiss: Remiss) -> str:
    """The HTML the PDF is made from, in the portal's language whoever asked."""
    with translation.override(settings.LANGUAGE_CODE):
        return pdf_html(
            TEMPLATE, {"remiss": remiss, "compilation": remiss_compilation(remiss=remiss)}
        )


KIND = documents.kind_register(
    documents.Kind(
        model=RemissCompilationPdf,
        owner_field="remiss",
        html=remiss_compilation_html,
        file_name="sammanstallning.pdf",
        task="overenskommelse.agreement.tasks.remiss_compilation_render",
    )
)


def remiss_compilation_changed(*, remiss: Remiss, now: dt.datetime | None = None) -> None:
    """Something the compilation shows has changed: the stored PDF is out of date.
    Call inside the transaction that made the change. On a closed remiss a new render
    is asked for at once; on an open one when somebody next asks for the PDF."""
    documents.document_changed(KIND, remiss)
    if remiss.is_closed(now):
        remiss_compilation_pdf_request(remiss=remiss, now=now)


def remiss_compilation_pdf_request(*, remiss: Remiss, now: dt.datetime | None = None) -> bool:
    """Ask the worker to render the current version, unless it has been asked already
    (within REQUEST_RETRY) or the stored PDF is current. True if this call asked."""
    return documents.document_request(KIND, remiss, now=now)


def remiss_compilations_request_due(*, now: dt.datetime | None = None) -> int:
    """Ask for a render of every closed remiss whose PDF is missing or out of date.
    Returns how many were asked for."""
    now = now or timezone.now()
    due = Remiss.objects.published().filter(
        Q(compilation_pdf__isnull=True)
        | Q(compilation_pdf__rendered_version__lt=F("compilation_pdf__version")),
        closes_on__lt=timezone.localdate(now),
    )
    return sum(remiss_compilation_pdf_request(remiss=remiss, now=now) for remiss in due)


def remiss_compilation_pdf_render(*, remiss_id: int, now: dt.datetime | None = None) -> bool:
    """Render the compilation and store it (the worker's part). True if a newer version
    is stored now. Raises PDFRenderError when WeasyPrint fails."""
    return documents.document_render(KIND, remiss_id, now=now)
