"""The reminder framework every app's sweeps use: when a dated reminder falls due, and
claim, then send.

A sweep declares what is due (its selectors, its pure `…_skip_reason` functions) and
what it sends; this module does the rest:

- `local_at(day)`: the moment a reminder due on `day` falls due, at the send hour
  `settings.PORTAL_REMINDER_SEND_AT` (default 08:00) in Europe/Stockholm, summer time
  or not.
- `reminder_send(model, …)`: claim one reminder by inserting its unique claim row (a
  `ReminderClaim`) and put its mail in the outbox, in one transaction: a second run, a
  late run or two workers at once find the row taken and send nothing, and a worker
  that dies mid-sweep leaves both or neither. `reminder_claim` is the claim alone, for
  a sweep that writes more than one mail (or none) with it.
- `reminder_claim_many`: the same claim for many reminders in a fixed number of
  queries, for a sweep that must not grow with the number of recipients.
- `reminder_claim_update`: a claim kept in a column of the reminded row instead (a
  conditional UPDATE … WHERE the column IS NULL).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from overenskommelse.platform.models import ReminderClaim
from overenskommelse.platform.services.mail import mail_render_and_enqueue


def reminder_send_at() -> dt.time:
    """The send hour: `settings.PORTAL_REMINDER_SEND_AT`, "HH:MM" local time."""
    value = settings.PORTAL_REMINDER_SEND_AT
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(value)


def local_at(day: dt.date, time: dt.time | None = None) -> dt.datetime:
    """`day` at `time` (the send hour when not given) in the portal's time zone
    (TIME_ZONE, Europe/Stockholm) as an aware datetime: 08:00 is 07:00 UTC in winter
    and 06:00 UTC in summer. A time that the change to summer time skips counts as the
    hour after it; one that the change back repeats, as the first of the two."""
    zone = timezone.get_default_timezone()
    naive = dt.datetime.combine(day, reminder_send_at() if time is None else time)
    # Through UTC and back, so a wall time the change skips becomes the real moment.
    return timezone.make_aware(naive, zone).astimezone(dt.UTC).astimezone(zone)


def reminder_claim(model: type[ReminderClaim], *, now: dt.datetime, **key: Any) -> bool:
    """Claim the reminder `key` names (the fields of `model`'s unique constraint):
    True when this call inserted its row, False when it was claimed before.

    Call it inside the transaction that writes the reminder's mail, so the claim and
    the mail are committed, or rolled back, together."""
    try:
        with transaction.atomic():
            model._default_manager.create(**key, sent_at=now)
    except IntegrityError:  # claimed by an earlier or concurrent run
        return False
    return True


def reminder_send(
    model: type[ReminderClaim],
    *,
    now: dt.datetime,
    to: Sequence[str],
    template: str,
    context: Mapping[str, Any],
    **key: Any,
) -> bool:
    """Claim, then send: claim the reminder `key` names and, if this call claimed it,
    put the mail (`template` rendered with `context`) to `to` in the outbox in the same
    transaction. True when it was sent."""
    with transaction.atomic():
        if not reminder_claim(model, now=now, **key):
            return False
        mail_render_and_enqueue(to=to, template=template, context=dict(context))
    return True


def reminder_claim_many(
    model: type[ReminderClaim], keys: Sequence[Mapping[str, Any]], *, now: dt.datetime
) -> list[bool]:
    """Claim many reminders in two queries, however many: one reads which of `keys` are
    claimed already, one inserts the rest. Returns, for each key in order, whether this
    call claimed it.

    Every key names the same fields. Call it inside the transaction that writes the
    mails, holding a lock that keeps a second sweep out until it commits (the sweep
    selects the rows it reminds about for update): a row claimed meanwhile by anything
    else makes the insert fail, the transaction rolls back, and the next run sends."""
    if not keys:
        return []
    fields = list(keys[0])
    lookups = {f"{name}__in": {_value(key[name]) for key in keys} for name in fields}
    claimed = set(model._default_manager.filter(**lookups).values_list(*fields))
    fresh = [tuple(_value(key[name]) for name in fields) not in claimed for key in keys]
    model._default_manager.bulk_create(
        [model(**key, sent_at=now) for key, new in zip(keys, fresh, strict=True) if new]
    )
    return fresh


def _value(value: Any) -> Any:
    """What `values_list` gives for a key's value: the primary key of a model instance."""
    return value.pk if isinstance(value, models.Model) else value


def reminder_claim_update(rows: models.QuerySet, field: str, *, now: dt.datetime) -> bool:
    """Claim a reminder whose claim is the column `field` of the one row `rows` selects:
    set it to `now` where it is still empty. True when this call set it."""
    return rows.filter(**{f"{field}__isnull": True}).update(**{field: now}) == 1
