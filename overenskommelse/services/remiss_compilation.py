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
"""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from overenskommelse.models import Remiss, RemissCompilationPdf
from overenskommelse.pdf import pdf_from_html
from overenskommelse.selectors.remiss import remiss_compilation

logger = logging.getLogger(__name__)

TEMPLATE = "overenskommelse/pdf/remiss_compilation.html"
REQUEST_RETRY = dt.timedelta(minutes=15)


def remiss_compilation_changed(*, remiss: Remiss, now: dt.datetime | None = None) -> None:
    """Something the compilation shows has changed: the stored PDF is out of date.
    Call inside the transaction that made the change. On a closed remiss a new render
    is asked for at once; on an open one when somebody next asks for the PDF."""
    RemissCompilationPdf.objects.filter(remiss=remiss).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if remiss.is_closed(now):
        remiss_compilation_pdf_request(remiss=remiss, now=now)


def remiss_compilation_pdf_request(*, remiss: Remiss, now: dt.datetime | None = None) -> bool:
    """Ask the worker to render the current version, unless it has been asked already
    (within REQUEST_RETRY) or the stored PDF is current. True if this call asked."""
    now = now or timezone.now()
    pdf, _created = RemissCompilationPdf.objects.get_or_create(remiss=remiss)
    not_asked = Q(requested_version__lt=F("version"))
    asked_long_ago = Q(rendered_version__lt=F("version"), requested_at__lt=now - REQUEST_RETRY)
    claimed = (
        RemissCompilationPdf.objects.filter(pk=pdf.pk)
        .filter(not_asked | asked_long_ago)
        .update(requested_version=F("version"), requested_at=now, updated_at=now)
    )
    if claimed:
        remiss_id = remiss.pk
        transaction.on_commit(lambda: _hand_to_worker(remiss_id))
    return bool(claimed)


def _hand_to_worker(remiss_id: int) -> None:
    from overenskommelse.tasks import remiss_compilation_render

    try:
        remiss_compilation_render.delay(remiss_id)
    except Exception:  # broker unreachable: the sweep asks again after REQUEST_RETRY
        logger.warning("Broker unavailable; the compilation of remiss %s waits", remiss_id)


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


def remiss_compilation_html(*, remiss: Remiss) -> str:
    """The HTML the PDF is made from, in the portal's language whoever asked."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            TEMPLATE,
            {
                "municipality_name": settings.MUNICIPALITY_NAME,
                "remiss": remiss,
                "compilation": remiss_compilation(remiss=remiss),
            },
        )


def remiss_compilation_pdf_render(*, remiss_id: int, now: dt.datetime | None = None) -> bool:
    """Render the compilation and store it (the worker's part). True if a newer version
    is stored now. Raises PDFRenderError when WeasyPrint fails."""
    pdf = RemissCompilationPdf.objects.filter(remiss_id=remiss_id).first()
    if pdf is None:
        return False
    version = pdf.version  # read before the answers, so the file shows at least this
    if pdf.rendered_version >= version:
        return False
    remiss = Remiss.objects.get(pk=remiss_id)
    html = remiss_compilation_html(remiss=remiss)
    digest = hashlib.sha256(html.encode()).hexdigest()
    now = now or timezone.now()
    storage = RemissCompilationPdf._meta.get_field("file").storage
    kept = bool(pdf.file) and digest == pdf.content_hash  # nothing shown has changed
    if not kept:
        pdf.file.save("sammanstallning.pdf", ContentFile(pdf_from_html(html)), save=False)
    with transaction.atomic():
        current = RemissCompilationPdf.objects.select_for_update().get(pk=pdf.pk)
        # Store unless a render of a newer version got there first (or replaced the file
        # this one meant to keep).
        stored = current.rendered_version < version and (
            not kept or current.file.name == pdf.file.name
        )
        if stored:
            RemissCompilationPdf.objects.filter(pk=pdf.pk).update(
                file=pdf.file.name,
                content_hash=digest,
                rendered_version=version,
                generated_at=pdf.generated_at if kept else now,
                updated_at=now,
            )
        if not kept:  # remove the file that is not stored now: the old one or this one
            unused = current.file.name if stored else pdf.file.name
            if unused:
                transaction.on_commit(lambda: storage.delete(unused))
    return stored
