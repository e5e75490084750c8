"""Every CSV the portal writes escapes cells a spreadsheet would run as a formula.

`CSV_ENDPOINTS` is checked against the URL configuration, and the code is checked
for CSV writers outside `overenskommelse/platform/csv_export.py`: a new CSV that bypasses the
shared helper, or has no hostile-data test here, fails.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from overenskommelse.agreement.models import ActionPlan, PriorityArea
from overenskommelse.platform.csv_export import csv_cell, csv_text
from samverkan.group.models import Conference, ConferenceRegistration
from samverkan.pipeline.models import Initiative, InitiativeParty
from tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "@SUM(1)", "-2+3", "\tx", "\rx", "\nx"]
REPO = Path(__file__).resolve().parent.parent


def _rows(response, delimiter: str) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _assert_escaped(rows: list[list[str]], column: int) -> None:
    cells = {row[column] for row in rows[1:]}
    assert cells >= {"'" + value for value in HOSTILE}
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), row


# The helper -------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_begins_a_formula_gets_a_quote(value):
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (-5, -5),
        (0, 0),
        (1.5, 1.5),
        ("Förening A", "Förening A"),
        ("a=b", "a=b"),
        (None, ""),
        (datetime.date(2026, 1, 2), "2026-01-02"),
    ],
)
def test_numbers_and_plain_text_are_left_alone(value, cell):
    assert csv_cell(value) == cell


def test_text_holding_the_other_separator_stays_one_quoted_cell():
    text = csv_text([["Förening;=1+1", -5]], delimiter=",")
    assert text == '"Förening;=1+1",-5\r\n'
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [["Förening;=1+1,-5"]]


# Every endpoint -------------------------------------------------------------


def test_register_csv(client):
    for index, name in enumerate(HOSTILE):
        organisation = OrganisationFactory(
            name=name, slug=f"fientlig-{index}", description=name, email=f"f{index}@example.se"
        )
        AffiliationFactory(organisation=organisation)
    rows = _rows(client.get(reverse("agreement:register_csv")), delimiter=",")
    _assert_escaped(rows, column=0)


def test_samverkan_list_csv(client, handlaggare, no_staff_mfa):
    plan = ActionPlan.objects.create(
        title="Handlingsplan", slug="hp", start_year=2021, end_year=2028, status="antagen"
    )
    area = PriorityArea.objects.create(plan=plan, number=1, name="@Område", slug="omrade")
    for index, title in enumerate(HOSTILE):
        initiative = Initiative.objects.create(
            title=title, need="Behov", handlaggare=handlaggare, last_activity_at=timezone.now()
        )
        initiative.areas.add(area)
        InitiativeParty.objects.create(
            initiative=initiative,
            organisation=OrganisationFactory(name=f"-Part {index}"),
            status="deltar",
            invited_at=timezone.now(),
        )
    client.force_login(handlaggare)
    rows = _rows(client.get(reverse("pipeline:list_csv")), delimiter=";")
    _assert_escaped(rows, column=0)
    assert {row[3] for row in rows[1:]} == {"'@Område"}
    assert {row[5] for row in rows[1:]} == {f"'-Part {n}" for n in range(len(HOSTILE))}


def test_conference_attendees_csv(client, handlaggare, no_staff_mfa):
    conference = Conference.objects.create(
        year=2099,
        title="Överenskommelsekonferens",
        date=datetime.date(2099, 5, 1),
        start_time=datetime.time(9),
        place="Hallen",
        programme="Program",
        places=50,
        registration_closes_on=datetime.date(2099, 4, 1),
    )
    for index, name in enumerate(HOSTILE):
        ConferenceRegistration.objects.create(
            conference=conference,
            name=name,
            email=f"p{index}@example.se",
            represents="+Förening",
            status=ConferenceRegistration.Status.REGISTERED,
        )
    client.force_login(handlaggare)
    url = reverse("samverkansgruppen:conference_csv", kwargs={"uuid": conference.uuid})
    rows = _rows(client.get(url), delimiter=";")
    _assert_escaped(rows, column=0)
    assert {row[2] for row in rows[1:]} == {"'+Förening"}


# Nothing bypasses the helper ------------------------------------------------

# Each CSV URL and the test above that fills it with hostile data.
CSV_ENDPOINTS = {
    "agreement:register_csv": test_register_csv,
    "pipeline:list_csv": test_samverkan_list_csv,
    "samverkansgruppen:conference_csv": test_conference_attendees_csv,
}


def _url_names(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", str(entry.pattern)


def test_every_csv_url_has_a_hostile_data_test():
    csv_urls = {
        name for name, route in _url_names(get_resolver()) if re.search(r"csv", route + name, re.I)
    }
    assert csv_urls == set(CSV_ENDPOINTS)


def test_no_csv_is_written_outside_the_shared_helper():
    helper = REPO / "overenskommelse" / "platform" / "csv_export.py"
    offenders = []
    for app in ("overenskommelse", "samverkan", "natverk", "config"):
        for path in (REPO / app).rglob("*.py"):
            if path == helper:
                continue
            source = path.read_text()
            if re.search(r"\bcsv\.(writer|DictWriter)\b|^import csv|^from csv ", source, re.M):
                offenders.append(str(path.relative_to(REPO)))
            if "text/csv" in source:
                offenders.append(f"{path.relative_to(REPO)} (text/csv)")
    assert offenders == []
