"""Every date that comes from "now" is the Europe/Stockholm date.

At 00:30 in Stockholm it is still the day before in UTC (23:30). A date taken from
`timezone.now().date()` is then a day early; `timezone.localdate()` is right. The
source is checked for the wrong idiom, and a few acts are done at 00:30.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from overenskommelse.agreement.models import Remiss
from overenskommelse.agreement.services.affiliation import affiliation_withdraw
from tests.factories import AffiliationFactory

REPO = Path(__file__).resolve().parents[2]
UTC = dt.UTC
# 2026-03-02 00:30 in Stockholm (CET, UTC+1) and 2026-08-03 00:30 (CEST, UTC+2).
WINTER_0030 = dt.datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
SUMMER_0030 = dt.datetime(2026, 8, 2, 22, 30, tzinfo=UTC)
WRONG = re.compile(r"now\(\)\.date\(\)|\bnow\.date\(\)|date\.today\(\)|datetime\.now\(\)")


def test_no_code_takes_the_utc_date_of_now():
    offenders = []
    for app in ("overenskommelse", "samverkan", "natverk", "config"):
        for path in (REPO / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if WRONG.search(line):
                    offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == [], "use timezone.localdate():\n" + "\n".join(offenders)


@pytest.mark.parametrize("moment", [WINTER_0030, SUMMER_0030], ids=["winter", "summer"])
def test_the_local_date_at_half_past_midnight_is_the_new_day(moment):
    with time_machine.travel(moment, tick=False):
        assert timezone.now().date() == moment.date()  # UTC: still the day before
        assert timezone.localdate() == moment.date() + dt.timedelta(days=1)


@pytest.mark.parametrize("moment", [WINTER_0030, SUMMER_0030], ids=["winter", "summer"])
def test_a_withdrawal_at_half_past_midnight_ends_on_the_stockholm_date(rep_a, moment):
    affiliation = AffiliationFactory(organisation=rep_a.representations.get().organisation)
    with time_machine.travel(moment, tick=False):
        affiliation_withdraw(
            organisation=affiliation.organisation,
            actor=rep_a,
            meeting_date=dt.date(2026, 2, 20),
            paragraph="4",
            protocol=SimpleUploadedFile("p.pdf", b"%PDF-1.4\n%%EOF"),
        )
    affiliation.refresh_from_db()
    assert affiliation.ended_on == moment.date() + dt.timedelta(days=1)


@pytest.mark.django_db
def test_a_remiss_closes_at_midnight_in_stockholm_not_in_utc(handlaggare):
    remiss = Remiss.objects.create(
        title="Remiss",
        opens_on=dt.date(2026, 2, 1),
        closes_on=dt.date(2026, 3, 1),
        status=Remiss.Status.PUBLISHED,
        published_at=dt.datetime(2026, 2, 1, 8, tzinfo=UTC),
        created_by=handlaggare,
    )
    last_minute = dt.datetime(2026, 3, 1, 22, 59, tzinfo=UTC)  # 23:59 in Stockholm
    assert not remiss.is_closed(last_minute)
    assert Remiss.objects.open(last_minute).filter(pk=remiss.pk).exists()
    assert remiss.is_closed(WINTER_0030)  # 00:30 the day after, 23:30 UTC the last day
    assert not Remiss.objects.open(WINTER_0030).filter(pk=remiss.pk).exists()


@pytest.mark.django_db
def test_the_register_export_is_named_by_the_stockholm_date(client):
    with time_machine.travel(WINTER_0030, tick=False):
        response = client.get(reverse("agreement:register_csv"))
    assert "foreningsregistret-2026-03-02.csv" in response["Content-Disposition"]
