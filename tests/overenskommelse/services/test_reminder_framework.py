# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""The reminder framework the sweeps of all three apps share: the send hour in local
time across the summer-time changes, the setting that moves it, and claim, then send."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.template import TemplateDoesNotExist
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from overenskommelse.agreement.models import AnnualUpdateRequest, Remiss
from overenskommelse.agreement.services.remiss_reminders import reminder_due_at
from overenskommelse.platform.models import OutboxMessage, ReminderClaim
from overenskommelse.platform.services.reminders import (
    local_at,
    reminder_claim,
    reminder_claim_many,
    reminder_claim_update,
    reminder_send,
    reminder_send_at,
)
from tests.factories import OrganisationFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

UTC = dt.UTC
STHLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2027, 1, 10, 9, 0, tzinfo=STHLM)


# local_at -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "utc"),
    [
        # Summer time starts on 28 March 2027: 08:00 is 07:00 UTC before, 06:00 after.
        (dt.date(2027, 3, 27), dt.datetime(2027, 3, 27, 7, 0, tzinfo=UTC)),
        (dt.date(2027, 3, 28), dt.datetime(2027, 3, 28, 6, 0, tzinfo=UTC)),
        # It ends on 31 October 2027: back to 07:00 UTC that morning.
        (dt.date(2027, 10, 30), dt.datetime(2027, 10, 30, 6, 0, tzinfo=UTC)),
        (dt.date(2027, 10, 31), dt.datetime(2027, 10, 31, 7, 0, tzinfo=UTC)),
    ],
)
def test_local_at_is_eight_in_stockholm_on_both_sides_of_the_change(day, utc):
    moment = local_at(day)
    assert moment == utc
    assert timezone.localtime(moment, STHLM).time() == dt.time(8, 0)
    assert timezone.localdate(moment, STHLM) == day


def test_local_at_takes_a_time_of_its_own():
    assert local_at(dt.date(2027, 7, 1), dt.time(0, 0)) == dt.datetime(
        2027, 6, 30, 22, 0, tzinfo=UTC
    )


def test_a_time_the_change_skips_or_repeats_still_has_one_moment():
    # 02:30 does not exist on 28 March: it counts as 03:30 summer time.
    skipped = local_at(dt.date(2027, 3, 28), dt.time(2, 30))
    assert skipped == dt.datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert skipped.time() == dt.time(3, 30)
    # 02:30 happens twice on 31 October: the first, still summer time.
    # (A wall time in the repeated hour never equals a time of another zone, PEP 495,
    # so it is compared in UTC.)
    repeated = local_at(dt.date(2027, 10, 31), dt.time(2, 30))
    assert repeated.astimezone(UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert repeated < dt.datetime(2027, 10, 31, 0, 31, tzinfo=UTC)


def test_local_at_is_stockholm_time_whatever_time_zone_is_active():
    with timezone.override("America/New_York"):
        assert local_at(dt.date(2027, 1, 11)) == dt.datetime(2027, 1, 11, 7, 0, tzinfo=UTC)


def test_the_send_hour_is_eight_by_default(settings):
    assert settings.PORTAL_REMINDER_SEND_AT == "08:00"
    assert reminder_send_at() == dt.time(8, 0)


@override_settings(PORTAL_REMINDER_SEND_AT="06:30")
def test_the_setting_moves_the_send_hour():
    assert reminder_send_at() == dt.time(6, 30)
    assert local_at(dt.date(2027, 1, 11)) == dt.datetime(2027, 1, 11, 5, 30, tzinfo=UTC)
    assert local_at(dt.date(2027, 6, 11)) == dt.datetime(2027, 6, 11, 4, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_the_setting_moves_the_sweeps_due_times_too(settings, published_remiss):
    assert reminder_due_at(published_remiss, 14) == dt.datetime(2021, 2, 14, 8, 0, tzinfo=STHLM)
    settings.PORTAL_REMINDER_SEND_AT = "09:15"
    assert reminder_due_at(published_remiss, 14) == dt.datetime(2021, 2, 14, 9, 15, tzinfo=STHLM)


def _settings_in_a_new_process(send_at: str) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.PORTAL_REMINDER_SEND_AT)"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=Path(__file__).resolve().parents[3],
        env={**os.environ, "PORTAL_REMINDER_SEND_AT": send_at},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_send_hour_is_read_from_the_environment_and_a_malformed_one_refused():
    result = _settings_in_a_new_process("07:45")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "07:45"
    result = _settings_in_a_new_process("8 o'clock")
    assert result.returncode != 0
    assert "PORTAL_REMINDER_SEND_AT must be a time" in result.stderr


# Claims ----------------------------------------------------------------------------


def test_the_claim_models_share_the_abstract_claim():
    from natverk.models import MeetingReminder, WindowReminder
    from overenskommelse.agreement.models import RemissReminder
    from samverkan.group.models import GroupReminder
    from samverkan.pipeline.models import InitiativeReminder

    claims = (
        AnnualUpdateRequest,
        RemissReminder,
        InitiativeReminder,
        GroupReminder,
        MeetingReminder,
        WindowReminder,
    )
    for model in claims:
        assert issubclass(model, ReminderClaim)
        assert any(c.fields for c in model._meta.constraints), model
    names = {str(m._meta.get_field("sent_at").verbose_name) for m in claims}
    assert len(names) == 1


@pytest.mark.django_db
def test_a_claim_made_twice_is_taken_once():
    organisation = OrganisationFactory()
    assert reminder_claim(AnnualUpdateRequest, now=NOW, organisation=organisation, year=2027)
    assert not reminder_claim(AnnualUpdateRequest, now=NOW, organisation=organisation, year=2027)
    assert reminder_claim(AnnualUpdateRequest, now=NOW, organisation=organisation, year=2028)
    claim = AnnualUpdateRequest.objects.get(year=2027)
    assert claim.sent_at == NOW


@pytest.mark.django_db(transaction=True)
def test_a_refused_claim_leaves_the_surrounding_transaction_usable():
    organisation = OrganisationFactory()
    with transaction.atomic():
        assert reminder_claim(AnnualUpdateRequest, now=NOW, organisation=organisation, year=2027)
        assert not reminder_claim(
            AnnualUpdateRequest, now=NOW, organisation=organisation, year=2027
        )
        assert AnnualUpdateRequest.objects.count() == 1  # no broken transaction
    assert AnnualUpdateRequest.objects.count() == 1


def _send(organisation, **overrides) -> bool:
    arguments = {
        "now": NOW,
        "to": ["forening@example.se"],
        "template": "agreement/email/annual_update",
        "context": {"organisation": organisation, "year": 2027, "url": "http://x/"},
        "organisation": organisation,
        "year": 2027,
    }
    return reminder_send(AnnualUpdateRequest, **{**arguments, **overrides})


@pytest.mark.django_db
def test_claim_then_send_mails_once():
    organisation = OrganisationFactory()
    assert _send(organisation) is True
    assert _send(organisation) is False
    assert AnnualUpdateRequest.objects.count() == 1
    mail = OutboxMessage.objects.get()
    assert mail.to == ["forening@example.se"]


@pytest.mark.django_db
def test_a_mail_that_fails_leaves_no_claim():
    organisation = OrganisationFactory()
    with pytest.raises(TemplateDoesNotExist):
        _send(organisation, template="overenskommelse/email/no_such_mail")
    assert not AnnualUpdateRequest.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert _send(organisation) is True  # the next run sends it


@pytest.mark.django_db
def test_many_claims_in_two_queries_each_key_once():
    organisations = OrganisationFactory.create_batch(4)
    reminder_claim(AnnualUpdateRequest, now=NOW, organisation=organisations[1], year=2027)
    keys = [{"organisation": o, "year": 2027} for o in organisations]
    with CaptureQueriesContext(connection) as queries:
        claimed = reminder_claim_many(AnnualUpdateRequest, keys, now=NOW)
    assert claimed == [True, False, True, True]
    assert len(queries) == 2
    assert AnnualUpdateRequest.objects.count() == 4
    assert reminder_claim_many(AnnualUpdateRequest, keys, now=NOW) == [False] * 4
    assert AnnualUpdateRequest.objects.count() == 4


@pytest.mark.django_db
def test_no_keys_no_queries():
    with CaptureQueriesContext(connection) as queries:
        assert reminder_claim_many(AnnualUpdateRequest, [], now=NOW) == []
    assert len(queries) == 0


@pytest.mark.django_db
def test_a_column_claim_is_set_once(published_remiss):
    rows = Remiss.objects.filter(pk=published_remiss.pk)
    assert reminder_claim_update(rows, "summary_sent_at", now=NOW) is True
    assert reminder_claim_update(rows, "summary_sent_at", now=NOW) is False
    assert rows.get().summary_sent_at == NOW


def test_the_send_hour_may_also_be_given_as_a_time(settings):
    import datetime as _dt

    from overenskommelse.platform.services.reminders import reminder_send_at

    settings.PORTAL_REMINDER_SEND_AT = _dt.time(7, 15)
    assert reminder_send_at() == _dt.time(7, 15)
    settings.PORTAL_REMINDER_SEND_AT = "06:45"
    assert reminder_send_at() == _dt.time(6, 45)
