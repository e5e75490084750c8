"""The one way to keep history: call `history_record` from the service that changes."""

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from overenskommelse.platform.models import HistoryEntry


def history_record(
    *,
    subject: models.Model,
    actor=None,
    action: str,
    message: str = "",
    changes: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> HistoryEntry:
    """Record that `actor` did `action` to `subject`; `changes` maps field -> [old, new]."""
    actor_name = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_name = actor.get_full_name() or actor.email
    else:
        actor = None
        actor_name = "Systemet"
    return HistoryEntry.objects.create(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        object_id=str(subject.pk),
        actor=actor,
        actor_name=actor_name,
        action=action,
        message=message,
        changes=changes or {},
        at=at or timezone.now(),
    )


def history_changes(
    before: models.Model | dict, after: models.Model | dict, fields: list[str]
) -> dict:
    """The fields whose value differs, as {field: [old, new]} in JSON-safe form."""

    def value(obj, name):
        raw = obj[name] if isinstance(obj, dict) else getattr(obj, name)
        if isinstance(raw, models.Model):
            return str(raw)
        if hasattr(raw, "isoformat"):
            return raw.isoformat()
        if isinstance(raw, (list, tuple, set)):
            return [str(v) for v in raw]
        return raw

    changed = {}
    for name in fields:
        old, new = value(before, name), value(after, name)
        if old != new:
            changed[name] = [old, new]
    return changed
