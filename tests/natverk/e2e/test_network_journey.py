"""In real Chromium: staff register a network, take a participation through its
stages with a linked decision, add a meeting and download the network's calendar."""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from playwright.sync_api import expect

from overenskommelse.protocols.services import protocols
from tests.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_staff_register_network_participate_on_a_decision_and_download_calendar(
    live_server, page, handlaggare, no_staff_mfa
):
    meeting = protocols.protocol_meeting_create(
        actor=handlaggare,
        organ_name="Kommunstyrelsen",
        organ_kind="kommunstyrelse",
        date=datetime.date(2026, 10, 7),
    )
    protocols.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=301,
        title="Deltagande i SKR-nätverk",
        clauses=["att delta"],
    )
    log_in(page, live_server, handlaggare)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_text("För personal").click()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Nätverk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nätverk och partnerskap")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Registrera ett nätverk").click()
    page.locator("main").get_by_label("Namn").fill("Nätverk för förtroendevalda")
    page.get_by_label("Arrangör").fill("SKL")
    page.get_by_label("Typ").select_option("fortroendevaldanatverk")
    page.get_by_label("Börjar").fill("2027-01-01")
    page.get_by_label("Slutar").fill("2028-12-31")
    page.get_by_label("Avgift per person och år (kr)").fill("1500")
    page.get_by_label("Högsta antal representanter per kommun").fill("2")
    page.locator("main form").get_by_role("button", name="Spara").click()
    expect(page.locator(".messages")).to_contain_text("Nätverket är registrerat.")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Registrera ett deltagande").click()
    expect(page.get_by_label("Kommun")).to_have_value("Lunds kommun")
    page.locator("main form").get_by_role("button", name="Registrera").click()
    expect(page.locator(".facts")).to_contain_text("Ansökt")

    stage_form = page.locator("section", has=page.get_by_role("heading", name="Ändra steg"))
    stage_form.get_by_label("Nytt steg").select_option(label="Beslutad")
    stage_form.get_by_role("button", name="Ändra steg").click()
    expect(page.locator(".facts")).to_contain_text("Beslutad")
    # Taking part without the decision is refused, with the reason on the page.
    stage_form.get_by_label("Nytt steg").select_option(label="Deltar")
    stage_form.get_by_role("button", name="Ändra steg").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Att delta kräver ett kopplat politiskt beslut"
    )
    assert axe_violations(page) == []
    stage_form.get_by_label("Nytt steg").select_option(label="Deltar")
    stage_form.get_by_label("Politiskt beslut").select_option(
        label="Kommunstyrelsen, Lunds kommun 2026-10-07 § 301 Deltagande i SKR-nätverk"
    )
    stage_form.get_by_role("button", name="Ändra steg").click()
    expect(page.locator(".messages")).to_contain_text("Deltagandet är nu ”Deltar”.")
    expect(page.locator(".facts")).to_contain_text("Kommunstyrelsen, Lunds kommun 2026-10-07 § 301")

    page.get_by_role("link", name="Nätverk för förtroendevalda").first.click()
    page.get_by_role("link", name="Lägg till ett möte").click()
    page.get_by_label("Titel").fill("Vårträff")
    page.get_by_label("Datum").fill("2027-05-17")
    page.get_by_label("Börjar").fill("10:00")
    page.get_by_label("Slutar").fill("15:30")
    page.get_by_label("Form").select_option("fysiskt")
    page.get_by_label("Plats").fill("Stockholm")
    page.get_by_label(re.compile(handlaggare.email)).check()
    page.locator("main form").get_by_role("button", name="Spara mötet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vårträff")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Nätverk för förtroendevalda").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner kalendern (.ics)").click()
    text = download_info.value.path().read_bytes()
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    start = event["DTSTART"].dt.astimezone(ZoneInfo("Europe/Stockholm"))
    assert (start.date(), start.hour, start.minute) == (datetime.date(2027, 5, 17), 10, 0)
    assert str(event["LOCATION"]) == "Stockholm"
