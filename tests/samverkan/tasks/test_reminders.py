"""Review reminders: when each is due (before, at, after, across summer time), who
gets it, once; and a real worker over Redis sends each once and nothing on a re-run."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overenskommelse.platform.models import OutboxMessage
from samverkan.pipeline.models import Initiative, InitiativeReminder, ReminderKind
from samverkan.pipeline.services import pipeline
from samverkan.pipeline.services.reminders import reminder_skip_reason, reminders_send
from samverkan.pipeline.tasks import reminders_send as reminders_task

STHLM = ZoneInfo("Europe/Stockholm")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=STHLM)


@pytest.fixture
def running(ready, handlaggare):
    """In genomförande, planned end 2026-06-30: evaluation due 2026-07-30 08:00 (N=30)."""
    with time_machine.travel(at(2026, 7, 1, 9), tick=False):
        return pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "reason"),
    [
        (at(2026, 7, 30, 7, 59), "not yet due"),
        (at(2026, 7, 30, 8, 0), None),
        (at(2026, 8, 15, 12, 0), None),
        (at(2026, 8, 29, 8, 1), "outside the look-back window"),
    ],
)
def test_evaluation_due_before_at_and_after(running, now, reason):
    assert reminder_skip_reason(running, ReminderKind.EVALUATION_DUE, now) == reason
    assert (
        reminder_skip_reason(running, ReminderKind.EVALUATION_DUE, now, has_evaluation=True)
        == "already evaluated"
    )


@pytest.mark.django_db
def test_due_time_holds_across_the_summer_time_change(running):
    # Planned end 2026-09-25 + 30 days = 2026-10-25, the night clocks go back.
    Initiative.objects.filter(pk=running.pk).update(planned_end=dt.date(2026, 9, 25))
    running.refresh_from_db()
    kind = ReminderKind.EVALUATION_DUE
    assert reminder_skip_reason(running, kind, at(2026, 10, 25, 7, 59)) == "not yet due"
    assert reminder_skip_reason(running, kind, at(2026, 10, 25, 8, 0)) is None
    # Inactivity: last activity before the change, due three months later at the same
    # local time, after it (within the planned period: past it, evaluation due asks).
    Initiative.objects.filter(pk=running.pk).update(
        last_activity_at=at(2026, 7, 25, 10, 0), planned_end=dt.date(2027, 6, 30)
    )
    running.refresh_from_db()
    assert reminder_skip_reason(running, ReminderKind.INACTIVE, at(2026, 10, 25, 9, 59)) == (
        "not yet due"
    )
    assert reminder_skip_reason(running, ReminderKind.INACTIVE, at(2026, 10, 25, 10, 0)) is None


@pytest.mark.django_db
def test_paused_and_reported_are_skipped(running, handlaggare):
    Initiative.objects.filter(pk=running.pk).update(
        results_reported_at=at(2026, 8, 1, 9), hold="pausad", hold_reason="x"
    )
    running.refresh_from_db()
    now = at(2026, 9, 1, 9)
    assert reminder_skip_reason(running, ReminderKind.RESULTS_UNREPORTED, now) == "paused"
    Initiative.objects.filter(pk=running.pk).update(hold="", hold_reason="")
    running.refresh_from_db()
    assert reminder_skip_reason(running, ReminderKind.RESULTS_UNREPORTED, now) == (
        "already reported"
    )


@pytest.mark.django_db
def test_invitation_unanswered_after_k_days(accepted, handlaggare, rep_b, affiliated):
    with time_machine.travel(at(2026, 11, 1, 12), tick=False):
        party = pipeline.party_invite(
            initiative=accepted, actor=handlaggare, organisation=affiliated[1]
        )
    kind = ReminderKind.INVITATION_UNANSWERED
    assert reminder_skip_reason(accepted, kind, at(2026, 11, 15, 11, 59), party=party) == (
        "not yet due"
    )
    assert reminder_skip_reason(accepted, kind, at(2026, 11, 15, 12, 0), party=party) is None
    with time_machine.travel(at(2026, 11, 25, 9), tick=False):
        assert reminders_send() >= 1
        assert reminders_send() == 0
    sent = InitiativeReminder.objects.filter(kind=kind)
    assert [r.user for r in sent] == [rep_b]


@pytest.mark.django_db
def test_sweep_sends_to_the_right_recipients_once(running, handlaggare, rep_a, forvaltningskontakt):
    with time_machine.travel(at(2026, 8, 1, 9), tick=False):
        reminders_send()
        reminders_send()
    evaluation = InitiativeReminder.objects.filter(kind=ReminderKind.EVALUATION_DUE)
    assert sorted(r.user.email for r in evaluation) == sorted(
        [handlaggare.email, rep_a.email, forvaltningskontakt.email]
    )
    assert not InitiativeReminder.objects.filter(kind=ReminderKind.RESULTS_UNREPORTED).exists()


# A real worker over Redis (the redis_worker fixture: tests/conftest.py) ----------------


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_sends_each_reminder_once_and_nothing_on_a_rerun(
    redis_worker, running, handlaggare, rep_a, forvaltningskontakt
):
    # Evaluation due since 2026-07-30 (N=30 days), results unreported since 2026-08-25 (W=8).
    with time_machine.travel(at(2026, 8, 27, 9), tick=False):
        first = reminders_task.apply_async(ignore_result=False).get(timeout=30)
        second = reminders_task.apply_async(ignore_result=False).get(timeout=30)
    assert first == 4 and second == 0
    rows = {(r.kind, r.user.email) for r in InitiativeReminder.objects.select_related("user")}
    assert rows == {
        ("utvardering_forfallen", handlaggare.email),
        ("utvardering_forfallen", rep_a.email),
        ("utvardering_forfallen", forvaltningskontakt.email),
        ("resultat_ej_rapporterade", handlaggare.email),
    }
    subjects = sorted(
        OutboxMessage.objects.filter(subject__endswith=running.title)
        .exclude(subject__startswith="Nytt förslag")
        .exclude(subject__startswith="Inbjudan till")
        .values_list("subject", flat=True)
    )
    # Still in genomförande: its planned end has passed (it has not ended).
    assert subjects == [f"Planerat slut har passerat: {running.title}"] * 3 + [
        f"Resultat inte rapporterat: {running.title}"
    ]
