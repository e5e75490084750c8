"""The yearly follow-up's totals count each initiative once, though an initiative in two
priority areas is counted under both areas; the report says so. Follow-ups approved
before this keep their frozen figures and are still shown, with a note saying how
those totals were counted."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from samverkan.group.models import FollowUp
from samverkan.group.services import followup as followup_services
from samverkan.pipeline.models import Stage
from tests.conftest import pdf_text
from tests.samverkan.group.conftest import followup_pdf, initiative

NOW = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC)
NOTE = "Ett initiativ kan höra till fler än ett prioriterat område"
OVERLAP = "Under 2025 hörde 1 initiativ till fler än ett område."
LEGACY = "Den här uppföljningen godkändes innan totalerna räknade varje initiativ en gång"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def two_areas(followup_data, handlaggare):
    """followup_data (A1, A2, A3 in area 1; B1 in area 2) and AB in both areas, started
    and finished in 2025."""
    initiative(
        title="AB",
        stage=Stage.RESULTS,
        areas=followup_data,
        handlaggare=handlaggare,
        start=datetime.date(2025, 2, 1),
        end=datetime.date(2025, 9, 1),
    )
    return followup_data


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines()]


def test_totals_count_an_initiative_in_two_areas_once(two_areas):
    content = followup_services.followup_compile(year=2025)
    one, two = content["areas"]
    assert (one["total"], two["total"]) == (4, 2)  # AB under both areas
    assert (one["started"], two["started"]) == (2, 1)
    assert (one["finished"], two["finished"]) == (2, 1)
    totals = content["totals"]
    assert totals["initiatives"] == 5  # A1, A2, A3, B1, AB
    assert totals["started"] == 2  # A1, AB
    assert totals["finished"] == 2  # A3, AB
    assert content["in_several_areas"] == 1
    stages = {item["stage"]: item["count"] for item in content["stage_totals"]}
    assert stages[Stage.RESULTS] == 2 and stages[Stage.IMPLEMENTATION] == 2
    assert stages[Stage.INITIATIVE] == 1
    comparison = {row["key"]: row for row in content["comparison"]}
    assert comparison["initiatives"]["year"] == 5
    assert comparison["initiatives"]["previous"] == 0  # all created in 2025


def test_stage_chart_counts_each_initiative_once(two_areas):
    from samverkan.group.charts import followup_charts

    charts = followup_charts(followup_services.followup_compile(year=2025))
    assert "Resultat och spridning: 2" in charts["stages"]


def test_review_page_and_pdf_say_how_they_count(
    client, two_areas, handlaggare, samverkansgruppen_member, no_staff_mfa
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    client.force_login(handlaggare)
    html = client.get(reverse("samverkansgruppen:followup", kwargs={"year": 2025})).content.decode()
    assert NOTE in html and OVERLAP in html
    followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    public = client.get(reverse("samverkansgruppen:followup_public", kwargs={"year": 2025}))
    assert NOTE in public.content.decode()
    text = pdf_text(followup_pdf(client, 2025))
    lines = _lines(text)
    assert "Initiativ (antagna) 5" in lines
    assert "Påbörjade under året 2" in lines
    assert "Avslutade under året 2" in lines
    flat = " ".join(text.split())
    assert NOTE in flat and OVERLAP in flat
    assert LEGACY not in flat


def test_an_older_snapshot_is_still_shown_with_its_own_note(
    client, two_areas, handlaggare, samverkansgruppen_member
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    followup = followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    # What an approval stored before totals were counted once: no stage totals, no
    # count of initiatives in several areas, totals summed over the areas.
    old = dict(followup.snapshot)
    for key in ("stage_totals", "in_several_areas", "counting"):
        old.pop(key)
    old["totals"] = {**old["totals"], "initiatives": 6, "started": 3, "finished": 3}
    old["comparison"] = [
        {**row, "year": old["totals"][row["key"]]} if row["key"] == "initiatives" else row
        for row in old["comparison"]
    ]
    FollowUp.objects.filter(pk=followup.pk).update(snapshot=old)

    content = followup_services.followup_content(FollowUp.objects.get(pk=followup.pk))
    assert content["totals"]["initiatives"] == 6  # the published figure is not rewritten
    stages = {item["stage"]: item["count"] for item in content["stage_totals"]}
    assert stages[Stage.RESULTS] == 3  # summed over the areas, as it was then

    page = client.get(reverse("samverkansgruppen:followup_public", kwargs={"year": 2025}))
    assert page.status_code == 200
    html = page.content.decode()
    assert LEGACY in html and OVERLAP not in html
    text = pdf_text(followup_pdf(client, 2025))
    assert "Initiativ (antagna) 6" in _lines(text)
    assert LEGACY in " ".join(text.split())
