"""Review reminders of the pipeline, sent by the beat task
`samverkan.pipeline.tasks.reminders_send`.

- evaluation due: N days after the planned end with no evaluation (to the handläggare
  and the parties' contacts);
- results not reported to samverkansgruppen W weeks after the planned end (handläggare);
- no activity on an ongoing initiative for M months (handläggare), while it is within
  its planned period: once an initiative in genomförande or later is past its planned
  end, the two reminders above follow it up, so it is not mailed about twice;
- an invitation not answered within K days (the invited party).

Claim, then send: a reminder is claimed by inserting its unique row (initiative,
recipient, kind, step) in the same transaction that puts the mail in the outbox; a
second run, or two workers at once, find the row and send nothing. The step names
the occasion (the planned end, the last activity, the invitation), so a new occasion
gives a new reminder. Sweeps look back over a window (SAMVERKAN_REMINDER_LOOKBACK_DAYS)
so a missed beat run is caught up, but old occasions do not wake up. The pure
`reminder_skip_reason` says why something is not sent at a given moment. A dated
reminder falls due at the send hour (`PORTAL_REMINDER_SEND_AT`); the claiming is
`overenskommelse/platform/services/reminders.py`'s.

The mail says what is true in the initiative's stage: an initiative still in
genomförande "was planned to end" on its planned end; once it has moved on, it ended
on the day it left genomförande (from its history), with the planned end beside it.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from overenskommelse.accounts.models import User
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services.reminders import local_at, reminder_send
from samverkan.pipeline.models import (
    ONGOING_STAGES,
    Evaluation,
    Hold,
    Initiative,
    InitiativeParty,
    InitiativeReminder,
    PartyStatus,
    ReminderKind,
    Stage,
)
from samverkan.pipeline.selectors import party_users

AWAITING_EVALUATION = (Stage.IMPLEMENTATION, Stage.RESULTS, Stage.EVALUATION)
AWAITING_REPORT = (Stage.IMPLEMENTATION, Stage.RESULTS)
INVITING = (Stage.INITIATIVE, Stage.IMPLEMENTATION)


def _lookback() -> dt.timedelta:
    return dt.timedelta(days=settings.SAMVERKAN_REMINDER_LOOKBACK_DAYS)


def reminder_due_at(
    initiative: Initiative, kind: str, party: InitiativeParty | None = None
) -> dt.datetime | None:
    if kind == ReminderKind.EVALUATION_DUE and initiative.planned_end:
        days = settings.SAMVERKAN_EVALUATION_DUE_DAYS
        return local_at(initiative.planned_end + dt.timedelta(days=days))
    if kind == ReminderKind.RESULTS_UNREPORTED and initiative.planned_end:
        weeks = settings.SAMVERKAN_RESULTS_REPORT_WEEKS
        return local_at(initiative.planned_end + dt.timedelta(weeks=weeks))
    if kind == ReminderKind.INACTIVE:
        last = timezone.localtime(initiative.last_activity_at)
        return last + relativedelta(months=settings.SAMVERKAN_INACTIVITY_MONTHS)
    if kind == ReminderKind.INVITATION_UNANSWERED and party is not None:
        invited = timezone.localtime(party.invited_at)
        return invited + dt.timedelta(days=settings.SAMVERKAN_INVITATION_ANSWER_DAYS)
    return None


def reminder_step(initiative: Initiative, kind: str, party: InitiativeParty | None = None) -> str:
    """The occasion a reminder is about; one reminder per recipient and step. Asked
    only of a reminder that reminder_skip_reason lets through."""
    if kind in (ReminderKind.EVALUATION_DUE, ReminderKind.RESULTS_UNREPORTED):
        assert initiative.planned_end is not None  # refused as "no planned end"
        return initiative.planned_end.isoformat()
    if kind == ReminderKind.INACTIVE:
        return initiative.last_activity_at.isoformat(timespec="seconds")
    assert party is not None  # refused as "answered"
    return f"party-{party.pk}"


def reminder_skip_reason(
    initiative: Initiative,
    kind: str,
    now: dt.datetime,
    *,
    party: InitiativeParty | None = None,
    has_evaluation: bool = False,
) -> str | None:
    """Why the `kind` reminder of `initiative` (and `party`) is not sent at `now`; None
    to send."""
    if initiative.hold == Hold.CANCELLED:
        return "cancelled"
    if initiative.hold == Hold.PAUSED:
        return "paused"
    if kind == ReminderKind.EVALUATION_DUE:
        if initiative.stage not in AWAITING_EVALUATION:
            return "not awaiting an evaluation"
        if initiative.planned_end is None:
            return "no planned end"
        if has_evaluation:
            return "already evaluated"
    elif kind == ReminderKind.RESULTS_UNREPORTED:
        if initiative.stage not in AWAITING_REPORT:
            return "not awaiting a report"
        if initiative.planned_end is None:
            return "no planned end"
        if initiative.results_reported_at is not None:
            return "already reported"
    elif kind == ReminderKind.INACTIVE:
        if initiative.stage not in ONGOING_STAGES:
            return "not ongoing"
        if (
            initiative.stage in AWAITING_EVALUATION
            and initiative.planned_end is not None
            and timezone.localdate(now) > initiative.planned_end
        ):
            return "past the planned end"
    elif kind == ReminderKind.INVITATION_UNANSWERED:
        if party is None or party.status != PartyStatus.INVITED:
            return "answered"
        if initiative.stage not in INVITING:
            return "no longer inviting"
    else:
        return "unknown kind"
    due = reminder_due_at(initiative, kind, party)
    assert due is not None  # each kind that gets here has what its due time needs
    if now < due:
        return "not yet due"
    if now > due + _lookback():
        return "outside the look-back window"
    return None


def implementation_ended_on(initiative: Initiative) -> dt.date | None:
    """The Stockholm date the initiative last left genomförande for results and
    dissemination, from its history; None while in genomförande or when not recorded."""
    if initiative.stage in (Stage.PROPOSAL, Stage.INITIATIVE, Stage.IMPLEMENTATION):
        return None
    moved = (
        history_for(subject=initiative)
        .filter(action="samverkan_to_results")
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    return timezone.localdate(moved) if moved else None


def _context(initiative: Initiative, kind: str, party) -> dict:
    return {
        "initiative": initiative,
        "kind": kind,
        "party": party,
        "stage": initiative.stage,
        "ended_on": implementation_ended_on(initiative),
        "inactivity_months": settings.SAMVERKAN_INACTIVITY_MONTHS,
        "url": settings.PORTAL_BASE_URL
        + reverse("pipeline:initiative", kwargs={"uuid": initiative.uuid}),
    }


def _claim_and_send(
    initiative: Initiative, user: User, kind: str, step: str, now, context: dict
) -> int:
    if not user.email or not user.is_active:
        return 0
    return int(
        reminder_send(
            InitiativeReminder,
            now=now,
            to=[user.email],
            template="pipeline/email/reminder",
            context=context,
            initiative=initiative,
            user=user,
            kind=kind,
            step=step,
        )
    )


def _send(initiative, kind, now, recipients, *, party=None, has_evaluation=False) -> int:
    if reminder_skip_reason(initiative, kind, now, party=party, has_evaluation=has_evaluation):
        return 0
    step = reminder_step(initiative, kind, party)
    context = _context(initiative, kind, party)
    return sum(_claim_and_send(initiative, u, kind, step, now, context) for u in recipients)


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Send every reminder that is due. Returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    window = settings.SAMVERKAN_REMINDER_LOOKBACK_DAYS + 1
    sent = 0
    base = Initiative.objects.exclude(hold__in=[Hold.PAUSED, Hold.CANCELLED]).select_related(
        "handlaggare"
    )

    def staff(initiative):
        return [initiative.handlaggare] if initiative.handlaggare else []

    n = settings.SAMVERKAN_EVALUATION_DUE_DAYS
    evaluation_due = (
        base.filter(
            stage__in=AWAITING_EVALUATION,
            planned_end__lte=today - dt.timedelta(days=n),
            planned_end__gte=today - dt.timedelta(days=n + window),
        )
        .annotate(has_evaluation=Exists(Evaluation.objects.filter(initiative=OuterRef("pk"))))
        .prefetch_related("parties")
    )
    for initiative in evaluation_due:
        accepted = [p for p in initiative.parties.all() if p.status == PartyStatus.ACCEPTED]
        recipients = {u.pk: u for u in [*staff(initiative), *party_users(parties=accepted)]}
        sent += _send(
            initiative,
            ReminderKind.EVALUATION_DUE,
            now,
            recipients.values(),
            has_evaluation=initiative.has_evaluation,
        )

    w = dt.timedelta(weeks=settings.SAMVERKAN_RESULTS_REPORT_WEEKS)
    unreported = base.filter(
        stage__in=AWAITING_REPORT,
        results_reported_at__isnull=True,
        planned_end__lte=today - w,
        planned_end__gte=today - w - dt.timedelta(days=window),
    )
    for initiative in unreported:
        sent += _send(initiative, ReminderKind.RESULTS_UNREPORTED, now, staff(initiative))

    months = relativedelta(months=settings.SAMVERKAN_INACTIVITY_MONTHS)
    inactive = base.filter(
        stage__in=ONGOING_STAGES,
        last_activity_at__lte=now - months,
        last_activity_at__gte=now - months - dt.timedelta(days=window),
    )
    for initiative in inactive:
        sent += _send(initiative, ReminderKind.INACTIVE, now, staff(initiative))

    k = dt.timedelta(days=settings.SAMVERKAN_INVITATION_ANSWER_DAYS)
    invitations = InitiativeParty.objects.filter(
        status=PartyStatus.INVITED,
        initiative__stage__in=INVITING,
        invited_at__lte=now - k,
        invited_at__gte=now - k - dt.timedelta(days=window),
    ).select_related("initiative", "organisation", "municipal_body")
    for party in invitations:
        sent += _send(
            party.initiative,
            ReminderKind.INVITATION_UNANSWERED,
            now,
            party_users(parties=[party]),
            party=party,
        )
    return sent
