"""Review reminders say what is true in each stage (planned end or the day genomförande
really ended), and sweeps run with the clock moved forward send each reminder once and
one mail per initiative and recipient at a time. Dates come from the Stockholm clock:
00:30 there is 23:30 (or 22:30 in summer) UTC the day before."""

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine

from overenskommelse.platform.models import OutboxMessage
from samverkan.pipeline.models import Initiative, InitiativeReminder, ReminderKind, Stage
from samverkan.pipeline.services import pipeline
from samverkan.pipeline.services.reminders import reminder_skip_reason, reminders_send

STHLM = ZoneInfo("Europe/Stockholm")
TITLE = "Läxhjälp och idrott"
pytestmark = pytest.mark.django_db


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=STHLM)


@pytest.fixture
def running(ready, handlaggare):
    """In genomförande since 2026-07-01, planned end 2026-06-30 (so it runs late):
    evaluation due 2026-07-30 08:00 (N=30), results unreported 2026-08-25 (W=8)."""
    with time_machine.travel(at(2026, 7, 1, 9), tick=False):
        return pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")


def _mails(to: str) -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(to=[to], subject__endswith=TITLE)
        .exclude(subject__startswith="Nytt förslag")
        .exclude(subject__startswith="Inbjudan till")
        .order_by("pk")
    )


def _sweep(now: dt.datetime) -> int:
    with time_machine.travel(now, tick=False):
        return reminders_send()


def test_in_genomforande_the_mail_says_planned_end(running, handlaggare, rep_a):
    assert _sweep(at(2026, 7, 30, 9)) == 3
    (mail,) = _mails(handlaggare.email)
    assert mail.subject == f"Planerat slut har passerat: {TITLE}"
    text = " ".join(mail.body_text.split())
    assert f"Samverkansinitiativet {TITLE} planerades att avslutas 2026-06-30" in text
    assert "är fortfarande i genomförande" in text
    assert "avslutades" not in text
    assert "avslutades" not in " ".join(_mails(rep_a.email)[0].body_text.split())
    # Results not reported, weeks later: still in genomförande, still planned.
    assert _sweep(at(2026, 8, 25, 9)) == 1
    results = _mails(handlaggare.email)[-1]
    assert results.subject == f"Resultat inte rapporterat: {TITLE}"
    text = " ".join(results.body_text.split())
    assert "planerades att avslutas 2026-06-30" in text and "avslutades" not in text


def test_after_genomforande_the_mail_gives_the_real_end(running, handlaggare):
    # Moved on at 00:30 on 5 July in Lund, which is still 4 July in UTC.
    with time_machine.travel(at(2026, 7, 5, 0, 30), tick=False):
        pipeline.initiative_transition(initiative=running, actor=handlaggare, name="to_results")
    _sweep(at(2026, 7, 30, 9))
    (mail,) = _mails(handlaggare.email)
    assert mail.subject == f"Dags för utvärdering: {TITLE}"
    text = " ".join(mail.body_text.split())
    assert f"Genomförandet av {TITLE} avslutades 2026-07-05 (planerat slut 2026-06-30)" in text
    assert "2026-07-04" not in text
    _sweep(at(2026, 8, 25, 9))
    text = " ".join(_mails(handlaggare.email)[-1].body_text.split())
    assert f"Resultatet av {TITLE}, vars genomförande avslutades 2026-07-05" in text


def test_in_the_evaluation_stage_the_mail_says_no_evaluation_yet(running, handlaggare):
    Initiative.objects.filter(pk=running.pk).update(
        stage=Stage.EVALUATION, results_reported_at=at(2026, 7, 20, 10)
    )
    _sweep(at(2026, 7, 30, 9))
    (mail,) = _mails(handlaggare.email)
    assert mail.subject == f"Dags för utvärdering: {TITLE}"
    text = " ".join(mail.body_text.split())
    assert f"{TITLE} är i skedet utvärdering men ingen utvärdering har lagts till" in text


def test_without_a_recorded_move_the_mail_does_not_invent_a_date(running, handlaggare):
    Initiative.objects.filter(pk=running.pk).update(stage=Stage.RESULTS)
    _sweep(at(2026, 7, 30, 9))
    text = " ".join(_mails(handlaggare.email)[0].body_text.split())
    assert f"Genomförandet av {TITLE} har avslutats (planerat slut 2026-06-30)" in text


def test_day_by_day_each_reminder_once_and_one_mail_per_sweep(
    running, handlaggare, rep_a, forvaltningskontakt
):
    # The last activity three months before the evaluation is due, as the demo data
    # has it: "no activity" and "evaluation due" fall on the same morning. The same
    # sweep mailed the handläggare twice about the initiative.
    Initiative.objects.filter(pk=running.pk).update(last_activity_at=at(2026, 4, 30, 8))
    per_sweep = []
    day = at(2026, 6, 1, 0, 30)
    while day < at(2026, 12, 1):
        for moment in (day, day.replace(hour=8, minute=30)):
            before = OutboxMessage.objects.count()
            _sweep(moment)
            new = OutboxMessage.objects.order_by("pk")[before:]
            per_sweep.append(Counter(tuple(m.to) for m in new if m.subject.endswith(TITLE)))
        day += dt.timedelta(days=1)
    assert all(count == 1 for sweep in per_sweep for count in sweep.values())
    rows = Counter(
        (r.initiative_id, r.user_id, r.kind, r.step) for r in InitiativeReminder.objects.all()
    )
    assert set(rows.values()) == {1}
    assert sorted((r.kind, r.user.email) for r in InitiativeReminder.objects.all()) == sorted(
        [
            (ReminderKind.EVALUATION_DUE, handlaggare.email),
            (ReminderKind.EVALUATION_DUE, rep_a.email),
            (ReminderKind.EVALUATION_DUE, forvaltningskontakt.email),
            (ReminderKind.RESULTS_UNREPORTED, handlaggare.email),
        ]
    )
    subjects = Counter(m.subject for m in _mails(handlaggare.email))
    assert subjects == {
        f"Planerat slut har passerat: {TITLE}": 1,
        f"Resultat inte rapporterat: {TITLE}": 1,
    }


def test_no_activity_stands_aside_from_the_local_day_after_the_planned_end(running):
    Initiative.objects.filter(pk=running.pk).update(last_activity_at=at(2026, 3, 20, 8))
    running.refresh_from_db()
    kind = ReminderKind.INACTIVE
    # 23:30 Stockholm on the planned end: still within the plan, so it asks.
    assert reminder_skip_reason(running, kind, at(2026, 6, 30, 23, 30)) is None
    # 00:30 Stockholm on 1 July is 22:30 UTC on 30 June: past the planned end in Lund.
    assert reminder_skip_reason(running, kind, at(2026, 7, 1, 0, 30)) == "past the planned end"
    # Before it starts, a planned end does not silence it.
    Initiative.objects.filter(pk=running.pk).update(stage=Stage.INITIATIVE, form="")
    running.refresh_from_db()
    assert reminder_skip_reason(running, kind, at(2026, 7, 1, 0, 30)) is None


def test_evaluation_due_uses_the_stockholm_morning(running, handlaggare):
    # 00:30 Stockholm on the due day (22:30 UTC the day before): not yet, and the sweep
    # sends nothing; at 08:00 Stockholm it is due.
    kind = ReminderKind.EVALUATION_DUE
    assert reminder_skip_reason(running, kind, at(2026, 7, 30, 0, 30)) == "not yet due"
    assert _sweep(at(2026, 7, 30, 0, 30)) == 0
    assert reminder_skip_reason(running, kind, at(2026, 7, 30, 8)) is None
    assert _sweep(at(2026, 7, 30, 8)) == 3
    assert _sweep(at(2026, 7, 31, 0, 30)) == 0
