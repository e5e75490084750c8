"""Starting the yearly follow-up ("Påbörja uppföljningen"): the year box proposes the
year that is due and has no follow-up yet, and a year that cannot be started gives a
Swedish message on the page, never a 500."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from overenskommelse.platform.models import HistoryEntry
from samverkan.group.models import FollowUp
from samverkan.group.services import followup as followup_services

NOW = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC)
# 00:30 on New Year's Day in Stockholm is still 31 December in UTC.
NEW_YEAR_STOCKHOLM = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
URL = "samverkansgruppen:followups"


@pytest.mark.parametrize(
    ("existing", "today", "expected"),
    [
        (set(), datetime.date(2026, 11, 25), 2025),
        ({2025}, datetime.date(2026, 11, 25), 2026),
        ({2024}, datetime.date(2026, 2, 1), 2025),
        ({2025, 2026}, datetime.date(2026, 11, 25), None),
        ({2026}, datetime.date(2027, 1, 1), 2027),
    ],
)
def test_suggested_year(existing, today, expected):
    assert followup_services.followup_suggested_year(existing=existing, today=today) == expected


def _year_box(response) -> str | None:
    return response.context["form"]["year"].value()


def test_box_proposes_last_year_when_it_has_no_follow_up(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse(URL))
    assert response.status_code == 200
    assert _year_box(response) == 2025
    assert 'name="year" value="2025"' in response.content.decode()


def test_box_skips_a_year_that_has_a_follow_up_and_the_first_click_works(
    client, handlaggare, areas, no_staff_mfa
):
    client.force_login(handlaggare)
    with time_machine.travel(NOW, tick=False):
        followup_services.followup_create(actor=handlaggare, year=2025)
        response = client.get(reverse(URL))
        assert _year_box(response) == 2026
        started = client.post(reverse(URL), {"year": _year_box(response)})
    assert started.status_code == 302
    assert started["Location"] == reverse("samverkansgruppen:followup", kwargs={"year": 2026})
    assert sorted(FollowUp.objects.values_list("year", flat=True)) == [2025, 2026]


def test_box_is_empty_when_last_year_and_this_year_are_started(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    with time_machine.travel(NOW, tick=False):
        for year in (2025, 2026):
            followup_services.followup_create(actor=handlaggare, year=year)
        response = client.get(reverse(URL))
    assert _year_box(response) is None


def test_box_uses_the_stockholm_date_at_new_year(client, handlaggare, no_staff_mfa):
    with time_machine.travel(NEW_YEAR_STOCKHOLM, tick=False):
        client.force_login(handlaggare)
        response = client.get(reverse(URL))
    # 2027-01-01 00:30 in Lund: the follow-up of 2026 is due (UTC would still say 2025).
    assert _year_box(response) == 2026


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2025", "Det finns redan en uppföljning för 2025."),
        ("", "Detta fält måste fyllas i."),
        ("tjugo", "Fyll i ett heltal."),
        ("1800", "Kontrollera att detta värde är större än eller lika med 2019."),
        ("99999999999999999999", "Kontrollera att detta värde är mindre än eller lika med 2100."),
        ("2027", "Uppföljningen av 2027 kan påbörjas först under 2027."),
    ],
)
def test_year_that_cannot_be_started_gives_a_swedish_message(
    client, handlaggare, no_staff_mfa, year, message
):
    client.force_login(handlaggare)
    with time_machine.travel(NOW, tick=False):
        followup_services.followup_create(actor=handlaggare, year=2025)
        before = HistoryEntry.objects.count()
        response = client.post(reverse(URL), {"year": year})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(FollowUp.objects.values_list("year", flat=True)) == [2025]
    assert HistoryEntry.objects.count() == before


@pytest.mark.parametrize("who", ["samverkansgruppen_member", "rep_a", "forvaltningskontakt"])
def test_only_kommunkontoret_starts_a_follow_up(request, client, no_staff_mfa, who):
    client.force_login(request.getfixturevalue(who))
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse(URL), {"year": "2025"})
    assert response.status_code == 403
    assert not FollowUp.objects.exists()


def test_service_refuses_a_year_not_begun(handlaggare):
    with time_machine.travel(NEW_YEAR_STOCKHOLM, tick=False):
        # 2027 has begun in Stockholm, though not in UTC.
        assert followup_services.followup_create(actor=handlaggare, year=2027).year == 2027
        with pytest.raises(ValidationError, match="2028"):
            followup_services.followup_create(actor=handlaggare, year=2028)
