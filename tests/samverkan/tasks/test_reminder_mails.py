"""The sweep's other reminders as they reach people: "no activity" for an initiative
that has stood still, again after the next stillness but never twice for the same one;
the unanswered invitation naming the party; and no mail to an account that is closed
or has no address. Settings decide the due times, and the day is the one given."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from overenskommelse.platform.models import OutboxMessage
from samverkan.pipeline.models import Initiative, InitiativeReminder, ReminderKind, Stage
from samverkan.pipeline.services import pipeline
from samverkan.pipeline.services.reminders import reminder_skip_reason, reminders_send

STHLM = ZoneInfo("Europe/Stockholm")
pytestmark = pytest.mark.django_db


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=STHLM)


@pytest.fixture
def still(accepted):
    """A samverkansinitiativ (no planned period) last touched on 2026-03-01 10:00:00.25."""
    Initiative.objects.filter(pk=accepted.pk).update(
        stage=Stage.INITIATIVE,
        planned_start=None,
        planned_end=None,
        last_activity_at=at(2026, 3, 1, 10, 0, 0, 250_000),
    )
    accepted.refresh_from_db()
    return accepted


def _url(initiative) -> str:
    from django.urls import reverse

    return settings.PORTAL_BASE_URL + reverse(
        "pipeline:initiative", kwargs={"uuid": initiative.uuid}
    )


def test_no_activity_is_told_to_the_handlaggare_once_per_stillness(still, handlaggare, settings):
    settings.SAMVERKAN_INACTIVITY_MONTHS = 2
    assert reminders_send(now=at(2026, 4, 30, 10)) == 0  # two months not yet passed
    assert reminders_send(now=at(2026, 5, 1, 10, 1)) == 1
    assert reminders_send(now=at(2026, 5, 2, 10)) == 0
    (mail,) = OutboxMessage.objects.filter(subject__startswith="Ingen aktivitet")
    assert mail.to == [handlaggare.email]
    assert mail.subject == f"Ingen aktivitet: {still.title}"
    text = " ".join(mail.body_text.split())
    assert f"Inget har hänt i samverkansinitiativet {still.title} på 2 månader" in text
    assert _url(still) in mail.body_text
    (claim,) = InitiativeReminder.objects.filter(kind=ReminderKind.INACTIVE)
    assert claim.step == "2026-03-01T09:00:00+00:00"  # the stillness it is about, to the second
    # Something happens, then nothing again: a new stillness, a new reminder.
    Initiative.objects.filter(pk=still.pk).update(last_activity_at=at(2026, 5, 10, 10))
    assert reminders_send(now=at(2026, 7, 10, 10, 1)) == 1
    assert InitiativeReminder.objects.filter(kind=ReminderKind.INACTIVE).count() == 2


def test_the_unanswered_invitation_names_the_party_and_goes_to_it(
    accepted, handlaggare, rep_b, affiliated
):
    with time_machine.travel(at(2026, 11, 1, 12), tick=False):
        party = pipeline.party_invite(
            initiative=accepted, actor=handlaggare, organisation=affiliated[1]
        )
    assert reminders_send(now=at(2026, 11, 25, 9)) == 1
    mail = OutboxMessage.objects.get(subject__startswith="Inbjudan inte besvarad")
    assert mail.to == [rep_b.email]
    text = " ".join(mail.body_text.split())
    assert text.startswith(f"{party.name} har ännu inte besvarat inbjudan")
    assert accepted.title in text
    (claim,) = InitiativeReminder.objects.filter(kind=ReminderKind.INVITATION_UNANSWERED)
    assert claim.step == f"party-{party.pk}"


def test_a_closed_account_or_one_without_address_gets_no_reminder(still, handlaggare):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk=handlaggare.pk)
    users.update(is_active=False)
    assert reminders_send(now=at(2026, 6, 2, 10)) == 0  # due since 1 June, 10:00
    users.update(is_active=True, email="")
    assert reminders_send(now=at(2026, 6, 2, 10)) == 0
    assert not InitiativeReminder.objects.exists()
    users.update(email=handlaggare.email)
    assert reminders_send(now=at(2026, 6, 2, 10)) == 1  # the same moment, once reachable


@pytest.fixture
def running(ready, handlaggare):
    """In genomförande, planned end 2026-06-30: evaluation due 2026-07-30 08:00 (N=30)."""
    with time_machine.travel(at(2026, 7, 1, 9), tick=False):
        return pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")


@pytest.mark.parametrize(
    ("change", "kind", "reason"),
    [
        ({"hold": "avbruten"}, ReminderKind.INACTIVE, "cancelled"),
        ({"stage": Stage.INITIATIVE}, ReminderKind.EVALUATION_DUE, "not awaiting an evaluation"),
        ({"planned_end": None}, ReminderKind.EVALUATION_DUE, "no planned end"),
        ({"stage": Stage.EVALUATION}, ReminderKind.RESULTS_UNREPORTED, "not awaiting a report"),
        ({"planned_end": None}, ReminderKind.RESULTS_UNREPORTED, "no planned end"),
        ({"stage": Stage.FOLLOW_UP}, ReminderKind.INACTIVE, "not ongoing"),
        ({}, ReminderKind.INVITATION_UNANSWERED, "answered"),  # no party asked about
        ({}, "something else", "unknown kind"),
    ],
)
def test_each_reason_not_to_remind_is_named(running, change, kind, reason):
    for field, value in change.items():  # the reason is read from the initiative alone
        setattr(running, field, value)
    assert reminder_skip_reason(running, kind, at(2026, 8, 1, 9)) == reason


def test_an_invitation_is_not_chased_once_answered_or_past_inviting(running, rep_a):
    from samverkan.pipeline.models import PartyStatus

    party = running.parties.get(organisation__representations__user=rep_a)
    kind = ReminderKind.INVITATION_UNANSWERED
    assert party.status == PartyStatus.ACCEPTED
    assert reminder_skip_reason(running, kind, at(2026, 8, 1, 9), party=party) == "answered"
    party.status = PartyStatus.INVITED
    running.stage = Stage.RESULTS
    assert reminder_skip_reason(running, kind, at(2026, 8, 1, 9), party=party) == (
        "no longer inviting"
    )


def test_the_last_moment_of_the_look_back_window_still_reminds(running, handlaggare):
    # Due 2026-07-30 08:00; the window is 30 days.
    kind = ReminderKind.EVALUATION_DUE
    assert reminder_skip_reason(running, kind, at(2026, 8, 29, 8, 0)) is None
    assert reminders_send(now=at(2026, 8, 29, 8, 0)) >= 1
    assert InitiativeReminder.objects.filter(kind=kind, user=handlaggare).count() == 1


def test_one_sweep_counts_every_reminder_of_every_kind_and_skips_the_evaluated(
    running, handlaggare, rep_b, affiliated
):
    def plain(title, **fields):
        fields.setdefault("last_activity_at", at(2026, 8, 1, 9))
        return Initiative.objects.create(
            title=title, need="Behov", handlaggare=handlaggare, **fields
        )

    # A second initiative whose evaluation is due, one already evaluated, one standing still.
    plain(
        "Andra",
        stage=Stage.IMPLEMENTATION,
        form="projekt",
        planned_start=dt.date(2026, 1, 1),
        planned_end=dt.date(2026, 6, 30),
    )
    evaluated = plain(
        "Utvärderad",
        stage=Stage.IMPLEMENTATION,
        form="projekt",
        planned_start=dt.date(2026, 1, 1),
        planned_end=dt.date(2026, 6, 30),
    )
    from samverkan.pipeline.models import Evaluation

    Evaluation.objects.create(initiative=evaluated, goal_fulfilment="Ja", should_continue="ja")
    plain("Stilla", stage=Stage.INITIATIVE, last_activity_at=at(2026, 5, 20, 9))
    with time_machine.travel(at(2026, 8, 10, 12), tick=False):
        pipeline.party_invite(initiative=running, actor=handlaggare, organisation=affiliated[1])
    # 27 August: running's evaluation (3 people) and results (handläggare), the second's
    # evaluation and results, the evaluated one's results only, the still one's "no
    # activity", the invitation to rep_b.
    assert reminders_send(now=at(2026, 8, 27, 9)) == 3 + 1 + 1 + 1 + 1 + 1 + 1
    assert not InitiativeReminder.objects.filter(
        initiative=evaluated, kind=ReminderKind.EVALUATION_DUE
    ).exists()
