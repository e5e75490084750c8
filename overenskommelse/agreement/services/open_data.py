"""The register's open data (CSV and JSON), stored and made again by the worker.

The whole register's export was the heaviest public read: 4 000 organisations took
about 50 ms of a web worker's time per download, for a file that changes a few times
a week. So the unfiltered export is a stored file, one per format and language
(`RegisterExport`), served while it is current:

- `register_export_changed` runs in the transaction of every change to what the
  register shows (an organisation, its affiliation, fields of activity or priority
  areas, in a service or the admin; see `connect_signals`): every stored export's
  `version` grows by one, and after commit the worker is asked for new files.
- `register_export_request`: ask the worker, once per version (a conditional UPDATE);
  an ask that got no file (broker down, worker killed) is asked again after
  REQUEST_RETRY by the beat sweep (`register_exports_request_due`).
- `register_export_render` (the worker): make each file of the current version and
  store it, unless a newer one got there first.
- `register_export_stored`: the current stored file of a format and language, or None,
  in which case the view makes the export in the request and asks for a render.

A filtered export is always made in the request: it is a part of the register.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from overenskommelse.agreement.models import (
    Affiliation,
    Organisation,
    OrganisationActivity,
    PriorityArea,
    RegisterExport,
)
from overenskommelse.agreement.selectors.register import register_export_bytes

logger = logging.getLogger(__name__)

REQUEST_RETRY = dt.timedelta(minutes=15)
FILE_NAMES = {"csv": "foreningsregistret.csv", "json": "foreningsregistret.json"}


def _exports() -> list[tuple[str, str]]:
    return [(format, code) for format in FILE_NAMES for code, _name in settings.LANGUAGES]


def register_export_changed(**_signal) -> None:
    """Something the register shows has changed: every stored export is out of date."""
    RegisterExport.objects.update(version=F("version") + 1, updated_at=timezone.now())
    transaction.on_commit(register_export_request)


def register_export_request(*, now: dt.datetime | None = None) -> bool:
    """Ask the worker for the current version of the exports, unless it has been asked
    already (within REQUEST_RETRY) or the files are current. True if this call asked."""
    now = now or timezone.now()
    RegisterExport.objects.bulk_create(
        [RegisterExport(format=format, language=code) for format, code in _exports()],
        ignore_conflicts=True,
    )
    out_of_date = Q(rendered_version__lt=F("version"))
    not_asked = Q(requested_version__lt=F("version"))
    asked_long_ago = Q(requested_at__lt=now - REQUEST_RETRY)
    claimed = RegisterExport.objects.filter(out_of_date & (not_asked | asked_long_ago)).update(
        requested_version=F("version"), requested_at=now, updated_at=now
    )
    if claimed:
        transaction.on_commit(_hand_to_worker)
    return bool(claimed)


def _hand_to_worker() -> None:
    try:
        # By name, as services/documents.py does: the tasks import the services.
        import_string("overenskommelse.agreement.tasks.register_export_render").delay()
    except Exception:  # broker unreachable: the sweep asks again after REQUEST_RETRY
        logger.warning("Broker unavailable; the register's open data waits")


def register_exports_request_due(*, now: dt.datetime | None = None) -> bool:
    """The beat sweep: ask again when an export is out of date and its last ask got
    no file."""
    now = now or timezone.now()
    due = RegisterExport.objects.filter(rendered_version__lt=F("version")).filter(
        Q(requested_version__lt=F("version")) | Q(requested_at__lt=now - REQUEST_RETRY)
    )
    return due.exists() and register_export_request(now=now)


def register_export_render(*, now: dt.datetime | None = None) -> int:
    """Make and store every export that is out of date (the worker's part). Returns how
    many files were stored."""
    stored = 0
    for format, code in _exports():
        export, _created = RegisterExport.objects.get_or_create(format=format, language=code)
        version = export.version  # read before the data, so the file shows at least this
        if export.is_current:
            continue
        with translation.override(code):
            content = register_export_bytes(format)
        stored += _store(export, version, content, now=now or timezone.now())
    return stored


def _store(export: RegisterExport, version: int, content: bytes, *, now: dt.datetime) -> bool:
    storage = RegisterExport._meta.get_field("file").storage
    export.file.save(FILE_NAMES[export.format], ContentFile(content), save=False)
    made = export.file.name
    with transaction.atomic():
        current = RegisterExport.objects.select_for_update().get(pk=export.pk)
        stored = current.rendered_version < version
        if stored:
            RegisterExport.objects.filter(pk=export.pk).update(
                file=made, rendered_version=version, generated_at=now, updated_at=now
            )
        unused = current.file.name if stored else made  # the old file, or this one
        if unused:
            transaction.on_commit(lambda: storage.delete(unused))
    return stored


def register_export_stored(*, format: str, language: str) -> RegisterExport | None:
    """The stored export of the whole register in `format` and `language`, if current."""
    export = RegisterExport.objects.filter(
        format=format, language=language, rendered_version__gte=F("version")
    ).first()
    return export if export is not None and export.file else None


def connect_signals() -> None:
    """Every write to what the register shows, in a service, the admin or the shell,
    makes the stored exports out of date. (A queryset's update() or bulk_create()
    sends no signal: the services that use them call `register_export_changed`.)"""
    for model in (Organisation, Affiliation, OrganisationActivity, PriorityArea):
        uid = f"register_export_{model._meta.model_name}"
        post_save.connect(register_export_changed, sender=model, dispatch_uid=uid + "_save")
        post_delete.connect(register_export_changed, sender=model, dispatch_uid=uid + "_delete")
    m2m_changed.connect(
        register_export_changed,
        sender=Organisation.priority_areas.through,
        dispatch_uid="register_export_priority_areas",
    )
