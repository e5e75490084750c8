# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Remiss reminders 14 and 3 days before the last day, once per instans and step, and
the summary the day after; a real worker over Redis sends each once, nothing on a rerun."""

import pytest
import time_machine

from overenskommelse.models import OutboxMessage, RemissAnswer, RemissReminder
from overenskommelse.services import remiss as services
from overenskommelse.services.remiss_reminders import (
    reminder_skip_reason,
    remiss_reminders_send,
    remiss_summaries_send,
)
from overenskommelse.tasks import remiss_reminders_send as remiss_task
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
    from overenskommelse.models import (
        MunicipalBody,
        Organisation,
        Remiss,
        RemissInstans,
        Representation,
        Role,
        RoleAssignment,
        User,
    )

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

    from overenskommelse.models import Remiss

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
