"""Documents made from the portal's data (PDFs): rendered once, stored, served as files.

A PDF of a remiss's 300 answers takes WeasyPrint 20 seconds and a yearly follow-up
about 3; rendered per request, two people asking at once halved every other page's
throughput and a web worker grew by hundreds of megabytes. So a `Kind` names a
`RenderedDocument` model, the one-to-one field to what it is of, and how its HTML is
made, and the functions here keep one stored file per owner current:

- `document_changed` (in the transaction of the change): the stored file is out of
  date; `version` grows by one.
- `document_request`: ask the worker for a render of the current version. The ask is
  claimed by a conditional UPDATE, so each version is handed over once however many
  ask; the task is enqueued after commit. An ask that got no file (broker down, worker
  killed, render failed) may be made again after REQUEST_RETRY, which the beat sweep
  `documents_request_due` does.
- `document_render` (the worker): render, store, record the version it shows and the
  SHA-256 of its HTML. A render whose HTML is unchanged keeps the stored file.
- `document_for_html`: for documents whose content is not tracked by `changed` calls
  (a follow-up draft shows figures from every report and initiative): the request
  makes the HTML, which is cheap, and gets the stored file if it was made from the
  same HTML; otherwise the version grows, a render is asked for, and the caller shows
  that a new version is being made.
- `document_store_now`: the same comparison for a document quick enough to render in
  the request (a protokollsutdrag, under a second): made and stored at once, then
  served from storage until its HTML changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Model, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from overenskommelse.platform.models import RenderedDocument
from overenskommelse.platform.pdf import pdf_from_html

logger = logging.getLogger(__name__)

REQUEST_RETRY = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Kind:
    model: type[RenderedDocument]
    owner_field: str  # the one-to-one (primary key) field to what the document is of
    html: Callable[[Any], str]  # the owner -> the HTML, in the portal's language
    file_name: str
    task: str  # the Celery task (dotted path) that renders one, given the owner's pk

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def owner_model(self) -> type[Model]:
        model = self.model._meta.get_field(self.owner_field).related_model
        assert isinstance(model, type)  # a one-to-one field's model, resolved at start-up
        return model

    def owner(self, owner_id: int):
        # _default_manager: the owners' only manager, `objects`, typed for any model.
        return self.owner_model._default_manager.get(pk=owner_id)

    def rows(self, owner_id: int):
        return self.model.objects.filter(pk=owner_id)


KINDS: dict[str, Kind] = {}


def kind_register(kind: Kind) -> Kind:
    KINDS[kind.label] = kind
    return kind


def _digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def document_get(kind: Kind, owner) -> RenderedDocument:
    document, _created = kind.model.objects.get_or_create(**{kind.owner_field: owner})
    return document


def document_changed(kind: Kind, owner) -> None:
    """Something the document shows has changed: the stored file is out of date."""
    kind.rows(owner.pk).update(version=F("version") + 1, updated_at=timezone.now())


def document_request(kind: Kind, owner, *, now: dt.datetime | None = None) -> bool:
    """Ask the worker to render the current version, unless it has been asked already
    (within REQUEST_RETRY) or the stored file is current. True if this call asked."""
    now = now or timezone.now()
    document = document_get(kind, owner)
    not_asked = Q(requested_version__lt=F("version"))
    asked_long_ago = Q(rendered_version__lt=F("version"), requested_at__lt=now - REQUEST_RETRY)
    claimed = (
        kind.rows(document.pk)
        .filter(not_asked | asked_long_ago)
        .update(requested_version=F("version"), requested_at=now, updated_at=now)
    )
    if claimed:
        task, owner_id = kind.task, document.pk
        transaction.on_commit(lambda: _hand_to_worker(task, owner_id))
    return bool(claimed)


def _hand_to_worker(task: str, owner_id: int) -> None:
    try:
        import_string(task).delay(owner_id)
    except Exception:  # broker unreachable: the sweep asks again after REQUEST_RETRY
        logger.warning("Broker unavailable; %s(%s) waits", task, owner_id)


def documents_request_due(*, now: dt.datetime | None = None) -> int:
    """Ask again for every document of every kind whose render was asked for and never
    stored (or never asked for). Returns how many were asked for."""
    now = now or timezone.now()
    asked = 0
    for kind in KINDS.values():
        due = kind.model.objects.filter(rendered_version__lt=F("version")).filter(
            Q(requested_version__lt=F("version")) | Q(requested_at__lt=now - REQUEST_RETRY)
        )
        for owner in kind.owner_model._default_manager.filter(pk__in=due.values("pk")):
            asked += document_request(kind, owner, now=now)
    return asked


def document_render(kind: Kind, owner_id: int, *, now: dt.datetime | None = None) -> bool:
    """Render the document and store it (the worker's part). True if a newer version is
    stored now. Raises PDFRenderError when WeasyPrint fails."""
    document = kind.rows(owner_id).first()
    if document is None:
        return False
    version = document.version  # read before the data, so the file shows at least this
    if document.rendered_version >= version:
        return False
    html = kind.html(kind.owner(owner_id))
    return _store(kind, document, version, html, now=now)


def _store(kind: Kind, document: RenderedDocument, version: int, html: str, *, now=None) -> bool:
    digest = _digest(html)
    now = now or timezone.now()
    storage = kind.model._meta.get_field("file").storage
    # Nothing has changed (and the file is still there): the stored file stays.
    kept = (
        bool(document.file)
        and digest == document.content_hash
        and storage.exists(document.file.name)
    )
    if not kept:
        document.file.save(kind.file_name, ContentFile(pdf_from_html(html)), save=False)
    with transaction.atomic():
        current = kind.model.objects.select_for_update().get(pk=document.pk)
        # Store unless a render of a newer version got there first (or replaced the file
        # this one meant to keep).
        stored = current.rendered_version < version and (
            not kept or current.file.name == document.file.name
        )
        if stored:
            kind.rows(document.pk).update(
                file=document.file.name,
                content_hash=digest,
                rendered_version=version,
                generated_at=document.generated_at if kept else now,
                updated_at=now,
            )
        if not kept:  # remove the file that is not stored now: the old one or this one
            unused = current.file.name if stored else document.file.name
            if unused:
                transaction.on_commit(lambda: storage.delete(unused))
    return stored


def _outdated_by(kind: Kind, document: RenderedDocument, html: str) -> None:
    """The stored file was made from other HTML: unless a newer render is already
    under way, the document's version grows by one (once, however many requests see
    it at the same moment)."""
    if document.content_hash != _digest(html) and document.rendered_version >= document.version:
        kind.rows(document.pk).filter(version=document.version).update(
            version=F("version") + 1, updated_at=timezone.now()
        )


def document_for_html(
    kind: Kind, owner, html: str, *, now: dt.datetime | None = None
) -> RenderedDocument | None:
    """The stored document if it is current and was made from `html`; otherwise a
    render is asked for and None is returned (the caller says a new version is being
    made)."""
    document = document_get(kind, owner)
    if document.is_current and document.content_hash == _digest(html):
        return document
    _outdated_by(kind, document, html)
    document_request(kind, owner, now=now)
    return None


def document_store_now(
    kind: Kind, owner, html: str, *, now: dt.datetime | None = None
) -> RenderedDocument:
    """The stored document made from `html`: rendered and stored now when the stored
    one was made from other HTML. Raises PDFRenderError when WeasyPrint fails."""
    document = document_get(kind, owner)
    if document.is_current and document.content_hash == _digest(html):
        return document
    _outdated_by(kind, document, html)
    document.refresh_from_db()
    _store(kind, document, document.version, html, now=now)
    document.refresh_from_db()
    return document


def document_response(kind: Kind, owner, document: RenderedDocument, *, filename: str):
    """The stored PDF as a response (the caller has checked permission and that it is
    current), or None when its file is gone from storage: then the document is marked
    out of date and a new render is asked for, and the caller says it is being made."""
    from overenskommelse.platform.pdf import stored_pdf_response

    try:
        return stored_pdf_response(document, filename=filename)
    except FileNotFoundError:
        logger.warning("Stored file of %s %s is gone; asking for a new one", kind.label, owner.pk)
        with transaction.atomic():
            document_changed(kind, owner)
            document_request(kind, owner)
        return None
