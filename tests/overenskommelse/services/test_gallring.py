"""Gallring under the retention schedule: a rule that keeps removes nothing; a rule
that thins removes only what is older than its period (before, at and after the
limit, on a frozen clock); each run writes its protocol; a second run removes
nothing more."""

# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from overenskommelse.agreement.models import (
    AffiliationApplication,
    RemissAnswer,
    RemissAnswerAttachment,
)
from overenskommelse.agreement.services.remiss import remiss_answer_save
from overenskommelse.platform.models import (
    GallringEntry,
    GallringRun,
    OutboxMessage,
    RecordType,
    RetentionRule,
)
from overenskommelse.platform.services.gallring import gallring_limit, gallring_run
from overenskommelse.platform.tasks import gallring_run as gallring_task
from tests.factories import AffiliationApplicationFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db


def rule(record_type: str) -> RetentionRule:
    return RetentionRule.objects.get(record_type=record_type)


def sent_mail(sent_at: dt.datetime) -> OutboxMessage:
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="Kvitto", body_text="B")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=sent_at
    )
    return message


def entry(run: GallringRun, record_type: str) -> GallringEntry:
    return run.entries.get(record_type=record_type)


def test_the_schedule_is_seeded_for_every_record_type_and_keeps_the_records_of_law():
    rules = {r.record_type: (r.action, r.period_months) for r in RetentionRule.objects.all()}
    assert set(rules) == set(RecordType.values)
    for kept in ("ansokan", "uttrade", "remissvar", "initiativ", "uppfoljning", "protokoll"):
        assert rules[kept] == ("bevaras", None)
    assert rules["utkorg_skickad"] == ("gallras", 3)


def test_the_limit_is_months_on_the_stockholm_calendar():
    # Across the change to summer time (29 March 2026): still 10:00 local time.
    assert gallring_limit(now=at(2026, 6, 30, 10), months=3) == at(2026, 3, 30, 10)
    assert gallring_limit(now=at(2026, 5, 31, 10), months=3) == at(2026, 2, 28, 10)


@pytest.mark.parametrize(
    "sent_at, removed",
    [
        (at(2026, 3, 1, 10, 0, 1), 0),  # younger than three months: stays
        (at(2026, 3, 1, 10), 0),  # exactly at the limit: not older, stays
        (at(2026, 3, 1, 9, 59, 59), 1),  # older: goes
    ],
)
def test_a_thinning_rule_removes_only_what_is_older_than_its_period(sent_at, removed):
    message = sent_mail(sent_at)
    with time_machine.travel(at(2026, 6, 1, 10), tick=False):
        run = gallring_run()
    assert OutboxMessage.objects.filter(pk=message.pk).exists() is not bool(removed)
    line = entry(run, "utkorg_skickad")
    assert (line.removed, line.action, line.period_months) == (removed, "gallras", 3)
    assert line.older_than == at(2026, 3, 1, 10)
    assert line.items == ([f"E-post {message.uuid} skickad 2026-03-01"] if removed else [])


def test_a_keeping_rule_removes_nothing_however_old():
    RetentionRule.objects.filter(record_type="utkorg_skickad").update(
        action="bevaras", period_months=None
    )
    message = sent_mail(at(2016, 1, 1))
    with time_machine.travel(at(2026, 6, 1, 10), tick=False):
        run = gallring_run()
    assert OutboxMessage.objects.filter(pk=message.pk).exists()
    line = entry(run, "utkorg_skickad")
    assert (line.action, line.removed, line.older_than) == ("bevaras", 0, None)


def test_each_run_writes_its_protocol_and_a_second_run_removes_nothing_more():
    old = [sent_mail(at(2025, 1, d)) for d in (1, 2)]
    recent = sent_mail(at(2026, 5, 1))
    with time_machine.travel(at(2026, 6, 1, 3, 17), tick=False):
        assert gallring_task() == 2
        assert gallring_task() == 0
    first, second = GallringRun.objects.order_by("pk")
    assert first.run_by == "Systemet" and first.finished_at is not None
    assert first.started_at == at(2026, 6, 1, 3, 17)
    # One line per rule, every rule of the schedule: what, how many, under which rule.
    assert first.entries.count() == RetentionRule.objects.count() == second.entries.count()
    assert entry(first, "utkorg_skickad").removed == 2
    assert entry(first, "utkorg_skickad").rule == rule("utkorg_skickad")
    assert entry(second, "utkorg_skickad").removed == 0
    assert not OutboxMessage.objects.filter(pk__in=[m.pk for m in old]).exists()
    assert OutboxMessage.objects.filter(pk=recent.pk).exists()


def test_a_record_type_the_portal_only_keeps_cannot_be_set_to_thin():
    kept = rule("remissvar")
    kept.action, kept.period_months = "gallras", 12
    with pytest.raises(ValidationError) as refused:
        kept.full_clean()
    assert "action" in refused.value.message_dict
    thin = rule("utkorg_skickad")
    thin.period_months = None
    with pytest.raises(ValidationError) as refused:
        thin.full_clean()
    assert "period_months" in refused.value.message_dict


def test_even_a_rule_forced_to_thin_a_kept_type_in_the_database_removes_nothing():
    """No thinner exists for submitted applications: a rule changed behind the admin's
    back still cannot remove them."""
    RetentionRule.objects.filter(record_type="ansokan").update(action="gallras", period_months=1)
    application = AffiliationApplicationFactory(submitted_at=at(2010, 1, 1))
    with time_machine.travel(at(2026, 6, 1, 10), tick=False):
        run = gallring_run()
    assert AffiliationApplication.objects.filter(pk=application.pk).exists()
    assert entry(run, "ansokan").removed == 0


def test_application_drafts_never_submitted_go_after_a_year_untouched(organisation_a):
    with time_machine.travel(at(2025, 5, 1, 12), tick=False):
        draft = AffiliationApplicationFactory(
            organisation=organisation_a, status="utkast", submitted_at=None
        )
        submitted = AffiliationApplicationFactory(submitted_at=at(2025, 5, 1, 12))
    with time_machine.travel(at(2026, 5, 1, 11), tick=False):
        gallring_run()
    assert AffiliationApplication.objects.filter(pk=draft.pk).exists()  # not a year yet
    with time_machine.travel(at(2026, 5, 1, 13), tick=False):
        run = gallring_run()
    assert not AffiliationApplication.objects.filter(pk=draft.pk).exists()
    assert AffiliationApplication.objects.filter(pk=submitted.pk).exists()
    line = entry(run, "ansokan_utkast")
    assert line.removed == 1 and str(draft.uuid) in line.items[0]
    # Its field-level history (the trigger's copy of the deleted row) went too.
    from django.apps import apps

    events = apps.get_model("agreement", "AffiliationApplicationEvent").objects
    assert not events.filter(pgh_obj_id=draft.pk).exists()


def test_remiss_drafts_go_six_months_after_the_remiss_closed_and_answers_stay(
    published_remiss, rep_a, namnd_contact
):
    """The remiss closes at the end of 28 February 2021; its drafts go from 1 September."""
    organisation_instans = published_remiss.instanser.get(organisation__isnull=False)
    body_instans = published_remiss.instanser.filter(municipal_body__isnull=False).first()
    section = published_remiss.sections.first()
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        draft = remiss_answer_save(
            instans=organisation_instans, actor=rep_a, texts={section.pk: "Utkast"}, version=None
        )
        RemissAnswerAttachment.objects.create(
            answer=draft,
            title="Bilaga",
            file="remiss/answers/b.pdf",
            content_type="application/pdf",
        )
        submitted = remiss_answer_save(
            instans=body_instans,
            actor=namnd_contact,
            texts={section.pk: "Nämndens svar"},
            version=None,
            submit=True,
        )
    with time_machine.travel(at(2021, 8, 31, 23, 59), tick=False):
        gallring_run()
    assert RemissAnswer.objects.filter(pk=draft.pk).exists()  # the limit is 1 March + 6 months
    with time_machine.travel(at(2021, 9, 1, 0, 1), tick=False):
        run = gallring_run()
    assert not RemissAnswer.objects.filter(pk=draft.pk).exists()
    assert not RemissAnswerAttachment.objects.filter(answer_id=draft.pk).exists()
    assert RemissAnswer.objects.filter(pk=submitted.pk, status="inskickat").exists()
    assert entry(run, "remissvar_utkast").removed == 1
    assert entry(run, "remissvar").removed == 0


@pytest.mark.usefixtures("no_staff_mfa")
def test_staff_edit_the_schedule_and_read_the_protocol_in_the_admin(client, admin_user):
    gallring_run()
    client.force_login(admin_user)
    kept = rule("remissvar")
    change = f"/admin/platform/retentionrule/{kept.pk}/change/"
    assert client.get("/admin/platform/retentionrule/").status_code == 200
    refused = client.post(change, {"action": "gallras", "period_months": "12", "basis": "x"})
    assert refused.status_code == 200
    assert "Portalen kan inte gallra" in refused.content.decode()
    assert rule("remissvar").action == "bevaras"
    thin = rule("utkorg_skickad")
    changed = client.post(
        f"/admin/platform/retentionrule/{thin.pk}/change/",
        {"action": "gallras", "period_months": "6", "basis": "Beslut 2026-12-01"},
    )
    assert changed.status_code == 302
    thin.refresh_from_db()
    assert (thin.period_months, thin.updated_by) == (6, admin_user)
    run = GallringRun.objects.get()
    assert client.get("/admin/platform/gallringrun/").status_code == 200
    assert client.get(f"/admin/platform/gallringrun/{run.pk}/change/").status_code == 200


def test_closed_accessibility_reports_go_two_years_after_closing_and_open_ones_stay():
    from overenskommelse.agreement.models import AccessibilityFeedback

    with time_machine.travel(at(2024, 3, 1, 12), tick=False):
        closed = AccessibilityFeedback.objects.create(
            page="/", problem="Kontrasten är för låg.", status="stangd"
        )
        still_open = AccessibilityFeedback.objects.create(page="/", problem="Fokus syns inte.")
    assert rule("tillganglighetsrapport").action == "gallras"
    assert rule("tillganglighetsrapport").period_months == 24
    with time_machine.travel(at(2026, 3, 1, 11), tick=False):
        gallring_run()
    assert AccessibilityFeedback.objects.filter(pk=closed.pk).exists()  # not two years yet
    with time_machine.travel(at(2026, 3, 1, 13), tick=False):
        run = gallring_run()
    assert not AccessibilityFeedback.objects.filter(pk=closed.pk).exists()
    assert AccessibilityFeedback.objects.filter(pk=still_open.pk).exists()
    line = entry(run, "tillganglighetsrapport")
    assert line.removed == 1 and str(closed.uuid) in line.items[0]
