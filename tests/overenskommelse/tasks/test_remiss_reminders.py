# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Remiss reminders 14 and 3 days before the last day, once per instans and step, and
the summary the day after; a real worker over Redis sends each once, nothing on a rerun."""

import pytest
import time_machine

from overenskommelse.accounts.models import MunicipalBody, RoleAssignment
from overenskommelse.agreement.models import Remiss, RemissAnswer, RemissReminder, Representation
from overenskommelse.agreement.services import remiss as services
from overenskommelse.agreement.services.remiss_reminders import (
    reminder_days,
    reminder_due_at,
    reminder_skip_reason,
    remiss_reminders_and_summaries_send,
    remiss_reminders_send,
    remiss_summaries_send,
    step_skip_reason,
    summary_skip_reason,
)
from overenskommelse.agreement.tasks import remiss_reminders_send as remiss_task
from overenskommelse.platform.models import OutboxMessage
from tests.factories import RepresentationFactory, UserFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "now", "reason"),
    [
        (14, at(2021, 2, 14, 7, 59), "not yet due"),
        (14, at(2021, 2, 14, 8, 0), None),
        (14, at(2021, 2, 25, 8, 0), "superseded by a later reminder"),
        (3, at(2021, 2, 25, 7, 59), "not yet due"),
        (3, at(2021, 2, 28, 23, 59, 59), None),
        (3, at(2021, 3, 1, 0, 0), "remiss closed"),
        (7, at(2021, 2, 21, 9), "unknown step"),
    ],
)
def test_skip_reason_before_at_and_after(published_remiss, days, now, reason):
    instans = published_remiss.instanser.first()
    assert reminder_skip_reason(instans, days, now) == reason
    assert reminder_skip_reason(instans, 14, now, submitted=True) in (
        "already answered",
        "unknown step",
    )


@pytest.mark.django_db
def test_configurable_steps(published_remiss, settings):
    settings.REMISS_REMINDER_DAYS = [7]
    instans = published_remiss.instanser.first()
    assert reminder_skip_reason(instans, 7, at(2021, 2, 21, 8, 0)) is None
    assert reminder_skip_reason(instans, 14, at(2021, 2, 21, 8, 0)) == "unknown step"


@pytest.mark.django_db
def test_sweep_reminds_only_those_without_a_submitted_answer_once(
    published_remiss, organisation_a, rep_a, namnd_contact
):
    instans_a = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(at(2021, 2, 10, 12), tick=False):
        services.remiss_answer_save(
            instans=instans_a,
            actor=rep_a,
            texts={s.pk: "Vi svarar." for s in published_remiss.sections.all()},
            version=None,
            submit=True,
        )
    with time_machine.travel(at(2021, 2, 14, 9), tick=False):
        assert remiss_reminders_send() == 1
        assert remiss_reminders_send() == 0
    rows = list(RemissReminder.objects.select_related("instans__municipal_body"))
    assert [(r.instans.name, r.days_before) for r in rows] == [("Kultur- och fritidsnämnden", 14)]
    mail = OutboxMessage.objects.get(subject__startswith="Påminnelse")
    assert namnd_contact.email in mail.to


@pytest.mark.django_db
def test_summary_the_day_after_the_deadline_once(published_remiss, handlaggare):
    with time_machine.travel(at(2021, 3, 1, 7, 59), tick=False):
        assert remiss_summaries_send() == 0
    with time_machine.travel(at(2021, 3, 1, 8, 0), tick=False):
        assert remiss_summaries_send() == 1
        assert remiss_summaries_send() == 0
    mail = OutboxMessage.objects.get(subject__contains="har stängt")
    assert mail.to == [handlaggare.email]
    assert "Svarade inte (2)" in mail.body_text


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_worker_sends_each_step_once_and_nothing_on_a_rerun(redis_worker, published_remiss):
    with time_machine.travel(at(2021, 2, 14, 9), tick=False):
        first = remiss_task.apply_async(ignore_result=False).get(timeout=30)
        second = remiss_task.apply_async(ignore_result=False).get(timeout=30)
    with time_machine.travel(at(2021, 2, 26, 9), tick=False):  # late run for the 3-day step
        third = remiss_task.apply_async(ignore_result=False).get(timeout=30)
        fourth = remiss_task.apply_async(ignore_result=False).get(timeout=30)
    assert (first, second, third, fourth) == (2, 0, 2, 0)
    steps = sorted((r.instans.name, r.days_before) for r in RemissReminder.objects.all())
    assert steps == [
        ("Förening A", 3),
        ("Förening A", 14),
        ("Kultur- och fritidsnämnden", 3),
        ("Kultur- och fritidsnämnden", 14),
    ]
    assert not RemissAnswer.objects.exists()


def _remiss_with_instanser(handlaggare, n: int, tag: str):
    """A published remiss due for its 14-day reminder on 2021-02-14, with n instanser:
    organisations with a confirmed representative, and nämnder with a contact whose
    förvaltning serves them (both recipient paths)."""
    from overenskommelse.accounts.models import MunicipalBody, Role, RoleAssignment, User
    from overenskommelse.agreement.models import Organisation, Remiss, RemissInstans, Representation

    with time_machine.travel(at(2021, 1, 10, 10), tick=False):
        remiss = services.remiss_create(
            actor=handlaggare,
            title=f"Remiss {tag}",
            case_number=f"KS 2021/{n:04d}",
            opens_on=at(2021, 1, 11).date(),
            closes_on=at(2021, 2, 28).date(),
        )
    half = n // 2
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"{tag} förening {i}", slug=f"{tag}-forening-{i}") for i in range(half)
    )
    namnder = MunicipalBody.objects.bulk_create(
        MunicipalBody(name=f"{tag} nämnd {i}", slug=f"{tag}-namnd-{i}", kind="namnd")
        for i in range(n - half)
    )
    forvaltningar = MunicipalBody.objects.bulk_create(
        MunicipalBody(name=f"{tag} förv {i}", slug=f"{tag}-forv-{i}", parent=b)
        for i, b in enumerate(namnder)
    )
    reps = User.objects.bulk_create(User(email=f"{tag}-rep{i}@example.se") for i in range(half))
    contacts = User.objects.bulk_create(
        User(email=f"{tag}-kontakt{i}@example.se") for i in range(n - half)
    )
    Representation.objects.bulk_create(
        Representation(user=u, organisation=o, status=Representation.Status.CONFIRMED)
        for u, o in zip(reps, orgs, strict=True)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=u, role=Role.FORVALTNINGSKONTAKT, municipal_body=f)
        for u, f in zip(contacts, forvaltningar, strict=True)
    )
    RemissInstans.objects.bulk_create(
        [RemissInstans(remiss=remiss, organisation=o, source="vald") for o in orgs]
        + [RemissInstans(remiss=remiss, municipal_body=b, source="vald") for b in namnder]
    )
    Remiss.objects.filter(pk=remiss.pk).update(
        status=Remiss.Status.PUBLISHED, published_at=at(2021, 1, 11, 8)
    )
    return remiss


@pytest.mark.django_db
def test_sweep_query_count_does_not_grow_with_the_instanser(handlaggare):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from overenskommelse.agreement.models import Remiss

    counts = {}
    for n in (6, 300):
        remiss = _remiss_with_instanser(handlaggare, n, f"r{n}")
        with (
            time_machine.travel(at(2021, 2, 14, 9), tick=False),
            CaptureQueriesContext(connection) as queries,
        ):
            assert remiss_reminders_send() == n
        counts[n] = len(queries)
        Remiss.objects.filter(pk=remiss.pk).update(status=Remiss.Status.WITHDRAWN)
    assert counts[6] == counts[300] <= 10, counts
    # Every instans got one mail, addressed to its own people.
    mails = OutboxMessage.objects.filter(subject__startswith="Påminnelse")
    assert mails.count() == 306
    to = sorted(m.to[0] for m in mails if m.to[0].startswith("r300-"))
    assert len(to) == 300
    assert "r300-rep0@example.se" in to
    assert "r300-kontakt0@example.se" in to
    body = next(m for m in mails if m.to == ["r300-rep0@example.se"]).body_text
    assert "r300 förening 0" in body


# The rules of the sweeps, one at a time ----------------------------------------------


@pytest.mark.parametrize(
    ("configured", "steps"),
    [([3, 14], (14, 3)), ((14, 3, 14), (14, 3)), ("3, 14,,7", (14, 7, 3)), ([], ())],
)
def test_reminder_days_are_the_configured_steps_largest_first(settings, configured, steps):
    settings.REMISS_REMINDER_DAYS = configured
    assert reminder_days() == steps


@pytest.mark.django_db
def test_a_step_is_due_at_eight_local_time_the_given_days_before_the_last_day(published_remiss):
    assert reminder_due_at(published_remiss, 14) == at(2021, 2, 14, 8, 0)
    assert reminder_due_at(published_remiss, 3) == at(2021, 2, 25, 8, 0)


@pytest.mark.django_db
def test_a_step_is_still_due_until_the_next_one_is(published_remiss):
    instans = published_remiss.instanser.first()
    assert reminder_skip_reason(instans, 14, at(2021, 2, 25, 7, 59)) is None
    assert step_skip_reason(published_remiss, 3, at(2021, 2, 28, 12)) is None


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Remiss.Status.DRAFT, Remiss.Status.WITHDRAWN])
def test_no_reminder_for_a_remiss_not_published(published_remiss, status):
    Remiss.objects.filter(pk=published_remiss.pk).update(status=status)
    instans = published_remiss.instanser.select_related("remiss").first()
    now = at(2021, 2, 14, 9)
    assert reminder_skip_reason(instans, 14, now) == "remiss not published"
    assert reminder_skip_reason(instans, 14, now, submitted=True) == "remiss not published"
    assert step_skip_reason(instans.remiss, 14, now) == "remiss not published"
    with time_machine.travel(now, tick=False):
        assert remiss_reminders_send() == 0


@pytest.mark.django_db
def test_an_answered_instans_is_not_reminded_even_when_the_step_is_due(published_remiss):
    instans = published_remiss.instanser.first()
    assert reminder_skip_reason(instans, 14, at(2021, 2, 14, 9), submitted=True) == (
        "already answered"
    )


@pytest.mark.django_db
def test_without_steps_the_sweep_sends_nothing(published_remiss, settings):
    settings.REMISS_REMINDER_DAYS = []
    assert remiss_reminders_send(now=at(2021, 2, 14, 9)) == 0
    assert not RemissReminder.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "now", [at(2021, 2, 14, 7, 59), at(2021, 3, 1, 0, 0), at(2021, 2, 1, 9)], ids=str
)
def test_the_sweep_sends_nothing_before_the_first_step_or_after_the_deadline(published_remiss, now):
    assert remiss_reminders_send(now=now) == 0
    assert (
        not RemissReminder.objects.exists()
        and not OutboxMessage.objects.filter(subject__startswith="Påminnelse").exists()
    )


@pytest.mark.django_db
def test_the_sweep_claims_each_step_when_it_sends_and_links_each_answer_page(
    published_remiss, organisation_a, rep_a, namnd_contact, settings
):
    sent = at(2021, 2, 14, 9)
    assert remiss_reminders_send(now=sent) == 2
    assert sorted(
        (r.instans.name, r.days_before, r.sent_at)
        for r in RemissReminder.objects.select_related("instans")
    ) == [("Förening A", 14, sent), ("Kultur- och fritidsnämnden", 14, sent)]
    for instans, person in (
        (published_remiss.instanser.get(organisation=organisation_a), rep_a),
        (published_remiss.instanser.get(organisation=None), namnd_contact),
    ):
        mail = OutboxMessage.objects.get(
            subject__startswith="Påminnelse", to__contains=[person.email]
        )
        url = f"{settings.PORTAL_BASE_URL}/remisser/svar/{instans.uuid}/"
        assert instans.name in mail.body_text and url in mail.body_text
        assert f'href="{url}"' in mail.body_html
        assert published_remiss.title in mail.subject
    # The 3-day step, late, is claimed as its own step.
    assert remiss_reminders_send(now=at(2021, 2, 26, 9)) == 2
    assert sorted(RemissReminder.objects.values_list("days_before", flat=True)) == [3, 3, 14, 14]


@pytest.mark.django_db
def test_a_draft_answer_is_still_reminded(published_remiss, organisation_a, rep_a):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(at(2021, 2, 10, 12), tick=False):
        services.remiss_answer_save(
            instans=instans, actor=rep_a, texts={}, version=None, submit=False
        )
    assert remiss_reminders_send(now=at(2021, 2, 14, 9)) == 2


@pytest.mark.django_db
def test_an_instans_nobody_can_be_told_about_is_not_claimed(published_remiss, organisation_a):
    Representation.objects.filter(organisation=organisation_a).delete()
    assert remiss_reminders_send(now=at(2021, 2, 14, 9)) == 1
    assert [r.instans.organisation for r in RemissReminder.objects.all()] == [None]
    # Once it has a representative, the step is sent to it (the claim was not taken).
    RepresentationFactory(organisation=organisation_a)
    assert remiss_reminders_send(now=at(2021, 2, 14, 10)) == 1
    assert RemissReminder.objects.count() == 2


@pytest.mark.django_db
def test_nobody_to_tell_anywhere_sends_nothing(published_remiss, organisation_a, namnd_contact):
    Representation.objects.filter(organisation=organisation_a).delete()
    RoleAssignment.objects.filter(user=namnd_contact).delete()
    MunicipalBody.objects.update(contact_email="")
    assert remiss_reminders_send(now=at(2021, 2, 14, 9)) == 0
    assert not RemissReminder.objects.exists()


@pytest.mark.django_db
def test_each_remiss_in_a_sweep_gets_its_own_reminders(
    published_remiss, handlaggare, organisation_a, rep_a
):
    with time_machine.travel(at(2021, 1, 5, 10), tick=False):
        second = services.remiss_create(
            actor=handlaggare,
            title="Andra remissen",
            opens_on=at(2021, 1, 6).date(),
            closes_on=at(2021, 2, 28).date(),
        )
        services.remiss_instanser_add(
            remiss=second, actor=handlaggare, organisations=[organisation_a]
        )
        services.remiss_transition(remiss=second, actor=handlaggare, name="publish")
    assert remiss_reminders_send(now=at(2021, 2, 14, 9)) == 3
    subjects = sorted(
        OutboxMessage.objects.filter(
            subject__startswith="Påminnelse", to=[rep_a.email]
        ).values_list("subject", flat=True)
    )
    assert len(subjects) == 2
    assert "Andra remissen" in subjects[0] and published_remiss.title in subjects[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "reason"),
    [
        (at(2021, 3, 1, 7, 59), "not yet due"),
        (at(2021, 3, 1, 8, 0), None),
        (at(2021, 3, 31, 7, 59), None),
        (at(2021, 3, 31, 8, 0), "outside the look-back window"),
    ],
)
def test_summary_skip_reason_before_at_and_after(published_remiss, now, reason):
    assert summary_skip_reason(published_remiss, now) == reason


@pytest.mark.django_db
def test_no_summary_twice_nor_of_a_remiss_not_published(published_remiss):
    now = at(2021, 3, 2, 9)
    published_remiss.summary_sent_at = now
    assert summary_skip_reason(published_remiss, now) == "already sent"
    published_remiss.status = Remiss.Status.WITHDRAWN
    assert summary_skip_reason(published_remiss, now) == "remiss not published"


@pytest.mark.django_db
def test_a_missed_summary_is_caught_up_within_the_window(published_remiss, handlaggare):
    late = at(2021, 3, 31, 7, 59)
    assert remiss_summaries_send(now=late) == 1
    published_remiss.refresh_from_db()
    assert published_remiss.summary_sent_at == late


@pytest.mark.django_db
def test_no_summary_outside_the_window(published_remiss, handlaggare):
    assert remiss_summaries_send(now=at(2021, 3, 31, 8, 0)) == 0
    assert remiss_summaries_send(now=at(2021, 2, 28, 12, 0)) == 0
    published_remiss.refresh_from_db()
    assert published_remiss.summary_sent_at is None


@pytest.mark.django_db
def test_the_summary_goes_to_the_handlaggare_and_the_author_and_lists_the_answers(
    published_remiss, handlaggare, organisation_a, rep_a, settings
):
    author = UserFactory(email="forfattare@example.se")
    Remiss.objects.filter(pk=published_remiss.pk).update(created_by=author)
    texts = {s.pk: "Vårt svar." for s in published_remiss.sections.all()}
    for instans, received in (
        (published_remiss.instanser.get(organisation=organisation_a), at(2021, 3, 1, 0, 0)),
        (published_remiss.instanser.get(organisation=None), at(2021, 2, 28, 23, 59)),
    ):
        services.remiss_answer_register(
            instans=instans,
            actor=handlaggare,
            texts=texts,
            channel=RemissAnswer.Channel.EMAIL,
            received_at=received,
        )
    assert remiss_summaries_send(now=at(2021, 3, 1, 8, 30)) == 1
    mail = OutboxMessage.objects.get(subject__contains="har stängt")
    assert mail.to == sorted([handlaggare.email, "forfattare@example.se"])
    assert "Svarade i tid (1):\n- Kultur- och fritidsnämnden\n" in mail.body_text
    assert "Svarade för sent (1):\n- Förening A\n" in mail.body_text
    assert "Svarade inte (0):\n-\n" in mail.body_text
    url = f"{settings.PORTAL_BASE_URL}/remisser/{published_remiss.uuid}/sammanstallning/"
    assert url in mail.body_text


@pytest.mark.django_db
def test_an_inactive_author_is_not_told(published_remiss, handlaggare):
    author = UserFactory(email="slutat@example.se", is_active=False)
    Remiss.objects.filter(pk=published_remiss.pk).update(created_by=author)
    assert remiss_summaries_send(now=at(2021, 3, 1, 9)) == 1
    assert OutboxMessage.objects.get(subject__contains="har stängt").to == [handlaggare.email]


@pytest.mark.django_db
def test_nobody_to_tell_leaves_the_summary_unsent(published_remiss, handlaggare):
    Remiss.objects.filter(pk=published_remiss.pk).update(created_by=None)
    RoleAssignment.objects.filter(user=handlaggare).delete()
    assert remiss_summaries_send(now=at(2021, 3, 1, 9)) == 0
    published_remiss.refresh_from_db()
    assert published_remiss.summary_sent_at is None


@pytest.mark.django_db
def test_the_combined_sweep_counts_reminders_and_summaries(published_remiss, handlaggare):
    assert remiss_reminders_and_summaries_send(now=at(2021, 2, 14, 9)) == 2
    assert remiss_reminders_and_summaries_send(now=at(2021, 3, 1, 9)) == 1


def _published(handlaggare, title, opens_on, closes_on, *, author=None):
    """A published remiss without instanser (a summary lists nobody)."""
    remiss = services.remiss_create(
        actor=handlaggare, title=title, opens_on=opens_on, closes_on=closes_on
    )
    Remiss.objects.filter(pk=remiss.pk).update(
        status=Remiss.Status.PUBLISHED, published_at=at(2020, 11, 1, 9), created_by=author
    )
    return Remiss.objects.get(pk=remiss.pk)


@pytest.mark.django_db
def test_each_closed_remiss_gets_its_own_summary(published_remiss, handlaggare):
    other = _published(
        handlaggare, "Andra remissen", at(2020, 12, 2).date(), at(2021, 2, 27).date()
    )
    now = at(2021, 3, 1, 9)
    assert remiss_summaries_send(now=now) == 2
    assert set(Remiss.objects.values_list("summary_sent_at", flat=True)) == {now}
    subjects = sorted(
        OutboxMessage.objects.filter(subject__contains="har stängt").values_list(
            "subject", flat=True
        )
    )
    assert len(subjects) == 2
    assert "Andra remissen" in subjects[0] and published_remiss.title in subjects[1]
    assert other.title in OutboxMessage.objects.get(subject=subjects[0]).body_text


@pytest.mark.django_db
def test_a_remiss_outside_the_window_does_not_stop_the_next(published_remiss, handlaggare):
    # Listed first (it opened later) and past its window; the next is still in its own.
    later = _published(handlaggare, "Stängde 1 mars", at(2020, 11, 1).date(), at(2021, 3, 1).date())
    assert remiss_summaries_send(now=at(2021, 3, 31, 9)) == 1
    later.refresh_from_db()
    published_remiss.refresh_from_db()
    assert (later.summary_sent_at, published_remiss.summary_sent_at) == (at(2021, 3, 31, 9), None)


@pytest.mark.django_db
def test_a_remiss_with_nobody_to_tell_does_not_stop_the_next(published_remiss, handlaggare):
    RoleAssignment.objects.filter(user=handlaggare).delete()
    Remiss.objects.filter(pk=published_remiss.pk).update(created_by=None)
    author = UserFactory(email="forfattare@example.se")
    other = _published(
        handlaggare, "Andra remissen", at(2020, 11, 1).date(), at(2021, 2, 27).date(), author=author
    )
    assert remiss_summaries_send(now=at(2021, 3, 1, 9)) == 1
    assert OutboxMessage.objects.get(subject__contains="har stängt").to == ["forfattare@example.se"]
    other.refresh_from_db()
    assert other.summary_sent_at == at(2021, 3, 1, 9)


@pytest.mark.django_db
def test_a_summary_claimed_by_a_parallel_run_is_not_sent_again(published_remiss, handlaggare):
    from unittest import mock

    from overenskommelse.agreement.services import remiss_reminders

    other = _published(
        handlaggare, "Andra remissen", at(2020, 11, 1).date(), at(2021, 2, 27).date()
    )
    real = remiss_reminders.summary_skip_reason

    def claimed_meanwhile(remiss, now):
        if remiss.pk == published_remiss.pk:  # listed first; another worker sends it now
            Remiss.objects.filter(pk=remiss.pk).update(summary_sent_at=now)
        return real(remiss, now)

    with mock.patch.object(remiss_reminders, "summary_skip_reason", claimed_meanwhile):
        assert remiss_summaries_send(now=at(2021, 3, 1, 9)) == 1
    (mail,) = OutboxMessage.objects.filter(subject__contains="har stängt")
    assert "Andra remissen" in mail.subject
    other.refresh_from_db()
    assert other.summary_sent_at == at(2021, 3, 1, 9)
