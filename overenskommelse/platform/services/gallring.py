"""Gallring: thinning what the retention schedule (informationshanteringsplan, the
`RetentionRule` rows) permits, and nothing else, with a gallringsprotokoll of each run.

`gallring_run` goes through every rule, each in a transaction of its own with the rule's
row locked: a rule that keeps (bevaras) removes nothing; a rule that thins calls its
record type's thinner (`records.THINNABLE`, registered by the app that owns the records)
with the limit "older than the period" in Stockholm time, and only what is older goes.
Each rule's line of the protocol (`GallringEntry`) is written in that same transaction,
so a rule's removal and its record of it stand or fall together. A second run finds
nothing older left and removes nothing more; its protocol says so.
"""

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.models.records import (
    GallringEntry,
    GallringRun,
    RetentionRule,
)
from overenskommelse.platform.records import THINNABLE, Thinned

# The protocol lists at most this many items of one rule; beyond, it gives the count.
ITEMS_LISTED = 500


def gallring_limit(*, now: datetime, months: int) -> datetime:
    """The moment `months` before `now` on the Stockholm calendar: what is older goes."""
    return timezone.localtime(now) - relativedelta(months=months)


def gallring_items(lines: list[str]) -> list[str]:
    if len(lines) <= ITEMS_LISTED:
        return lines
    return [*lines[:ITEMS_LISTED], f"… och {len(lines) - ITEMS_LISTED} till"]


def gallring_run(*, now: datetime | None = None, run_by: str = "Systemet") -> GallringRun:
    """One run over the whole schedule; returns the run, whose entries are its protocol."""
    now = now or timezone.now()
    run = GallringRun.objects.create(started_at=now, run_by=run_by)
    for rule_pk in RetentionRule.objects.order_by("record_type").values_list("pk", flat=True):
        with transaction.atomic():
            rule = RetentionRule.objects.select_for_update().get(pk=rule_pk)
            entry = GallringEntry(
                run=run,
                rule=rule,
                record_type=rule.record_type,
                action=rule.action,
                period_months=rule.period_months,
                at=now,
            )
            thinner = THINNABLE.get(rule.record_type)
            if rule.thins and rule.period_months and thinner is not None:
                entry.older_than = gallring_limit(now=now, months=rule.period_months)
                thinned = thinner(entry.older_than)
                entry.removed = thinned.count
                entry.items = gallring_items(thinned.items)
            entry.save()
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run


def outbox_sent_thin(older_than: datetime) -> Thinned:
    """Copies of sent e-mail: the act they report is in its ärende's history."""
    sent = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENT, sent_at__lt=older_than
    ).order_by("sent_at")
    lines = [
        f"E-post {uuid} skickad {timezone.localdate(at):%Y-%m-%d}"
        for uuid, at in sent.values_list("uuid", "sent_at")
    ]
    _, removed = sent.delete()
    return Thinned(count=removed.get(OutboxMessage._meta.label, 0), items=lines)
