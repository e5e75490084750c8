"""Remiss reminders and the summary after the deadline.

Claim, then send: a reminder is claimed by inserting its unique `RemissReminder` row
(one per instans and step) in the same transaction as its mail is put in the outbox,
so a second run, a late run or two workers at once send nothing new, and a worker that
dies mid-run leaves either both or neither. The sweep does this in bulk, in a fixed
number of queries whatever the number of instanser. The summary to the handläggare is claimed
with a conditional UPDATE of `Remiss.summary_sent_at` in the same way.

Steps are `settings.REMISS_REMINDER_DAYS` days before the last day (default 14 and 3),
due at the send hour (`PORTAL_REMINDER_SEND_AT`, 08:00 local time) on that day. The
summary is due at the send hour the day after the last day. Sweeps look back, so a
missed beat run is caught up. The claiming is `overenskommelse/platform/services/reminders.py`'s.
"""

import datetime as dt
import uuid
from collections.abc import Callable
from itertools import compress

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from overenskommelse.agreement.models import (
    Remiss,
    RemissAnswer,
    RemissInstans,
    RemissReminder,
)
from overenskommelse.agreement.selectors.organisations import handlaggare_emails
from overenskommelse.agreement.selectors.remiss import (
    instanser_recipient_emails,
    remiss_compilation,
)
from overenskommelse.platform.services.mail import (
    mail_enqueue_many,
    mail_render_and_enqueue,
    mail_render_many,
)
from overenskommelse.platform.services.reminders import (
    local_at,
    reminder_claim_many,
    reminder_claim_update,
)

SUMMARY_LOOKBACK_DAYS = 30


def reminder_days() -> tuple[int, ...]:
    """The configured steps, largest first, e.g. (14, 3)."""
    raw = settings.REMISS_REMINDER_DAYS
    values = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    return tuple(sorted({int(v) for v in values if str(v).strip()}, reverse=True))


def reminder_due_at(remiss: Remiss, days: int) -> dt.datetime:
    return local_at(remiss.closes_on - dt.timedelta(days=days))


def reminder_skip_reason(
    instans: RemissInstans, days: int, now: dt.datetime, *, submitted: bool = False
) -> str | None:
    """Why the `days`-before reminder of `instans` is not sent at `now`; None to send."""
    remiss = instans.remiss
    if days not in reminder_days():
        return "unknown step"
    if remiss.status != Remiss.Status.PUBLISHED:
        return "remiss not published"
    if submitted:
        return "already answered"
    return step_skip_reason(remiss, days, now)


def step_skip_reason(remiss: Remiss, days: int, now: dt.datetime) -> str | None:
    """The part of `reminder_skip_reason` that is the same for every instans."""
    if remiss.status != Remiss.Status.PUBLISHED:
        return "remiss not published"
    if now < reminder_due_at(remiss, days):
        return "not yet due"
    if now >= remiss.deadline:
        return "remiss closed"
    later = [d for d in reminder_days() if d < days]
    if later and now >= reminder_due_at(remiss, max(later)):
        return "superseded by a later reminder"
    return None


def remiss_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Send each due reminder once. Returns how many instanser were reminded.

    One transaction and a fixed number of queries, however many instanser: the due
    remisser are locked (a concurrent sweep waits, then finds the claims), the claims
    and their mails are inserted in bulk. A worker killed mid-sweep leaves nothing
    behind, and the next run sends everything that is due.
    """
    now = now or timezone.now()
    steps = reminder_days()
    if not steps:
        return 0
    today = timezone.localdate(now)
    with transaction.atomic():
        remisser = Remiss.objects.select_for_update().filter(
            status=Remiss.Status.PUBLISHED,
            closes_on__gte=today,
            closes_on__lte=today + dt.timedelta(days=max(steps)),
        )
        due_step = {
            remiss.pk: days
            for remiss in remisser.order_by("pk")
            for days in steps
            if step_skip_reason(remiss, days, now) is None
        }
        if not due_step:
            return 0
        instanser = list(
            RemissInstans.objects.filter(remiss_id__in=due_step)
            .exclude(answer__status=RemissAnswer.Status.SUBMITTED)
            .select_related("remiss", "organisation", "municipal_body")
            .order_by("pk")
        )
        recipients = instanser_recipient_emails(instanser)
        reachable = [i for i in instanser if recipients[i.pk]]
        claimed = reminder_claim_many(
            RemissReminder,
            [{"instans": i, "days_before": due_step[i.remiss_id]} for i in reachable],
            now=now,
        )
        to_send = list(compress(reachable, claimed))
        if not to_send:
            return 0
        answer_url = _answer_url_maker()
        messages = mail_render_many(
            template="agreement/email/remiss_reminder",
            messages=(
                (
                    recipients[i.pk],
                    {
                        "remiss": i.remiss,
                        "days": due_step[i.remiss_id],
                        "name": i.name,
                        "url": answer_url(i.uuid),
                    },
                )
                for i in to_send
            ),
        )
        mail_enqueue_many(messages)
    return len(to_send)


def _answer_url_maker() -> Callable[[uuid.UUID], str]:
    """The full link to an instans's answer page: URL resolution once, not per instans."""
    blank = uuid.UUID(int=0)
    before, after = reverse("agreement:remiss_answer", kwargs={"uuid": blank}).split(str(blank))
    prefix = settings.PORTAL_BASE_URL + before
    return lambda instans_uuid: f"{prefix}{instans_uuid}{after}"


def summary_skip_reason(remiss: Remiss, now: dt.datetime) -> str | None:
    if remiss.status != Remiss.Status.PUBLISHED:
        return "remiss not published"
    if remiss.summary_sent_at is not None:
        return "already sent"
    due = local_at(remiss.closes_on + dt.timedelta(days=1))
    if now < due:
        return "not yet due"
    if now >= due + dt.timedelta(days=SUMMARY_LOOKBACK_DAYS):
        return "outside the look-back window"
    return None


def remiss_summaries_send(*, now: dt.datetime | None = None) -> int:
    """The day after the deadline: tell the handläggare who answered, who did not, who
    was late. Once per remiss."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = Remiss.objects.filter(
        status=Remiss.Status.PUBLISHED,
        summary_sent_at__isnull=True,
        closes_on__lt=today,
        closes_on__gte=today - dt.timedelta(days=SUMMARY_LOOKBACK_DAYS + 1),
    ).select_related("created_by")
    sent = 0
    for remiss in candidates:
        if summary_skip_reason(remiss, now) is not None:
            continue
        emails = set(handlaggare_emails())
        if remiss.created_by and remiss.created_by.is_active:
            emails.add(remiss.created_by.email)
        if not emails:
            continue
        with transaction.atomic():
            if not reminder_claim_update(
                Remiss.objects.filter(pk=remiss.pk), "summary_sent_at", now=now
            ):
                continue
            compilation = remiss_compilation(remiss=remiss)
            mail_render_and_enqueue(
                to=sorted(emails),
                template="agreement/email/remiss_summary",
                context={
                    "remiss": remiss,
                    "answered": [i for i in compilation.answered if not i.answer.is_late],
                    "late": [i for i in compilation.answered if i.answer.is_late],
                    "not_answered": compilation.not_answered,
                    "url": settings.PORTAL_BASE_URL
                    + reverse("agreement:remiss_compilation", kwargs={"uuid": remiss.uuid}),
                },
            )
        sent += 1
    return sent


def remiss_reminders_and_summaries_send(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return remiss_reminders_send(now=now) + remiss_summaries_send(now=now)
