"""In real Chromium: one samverkansgruppen member comments on the follow-up, another
approves it; then it is public (anonymous reader) with its charts. axe-core finds
nothing on the group page, the follow-up review page, the public follow-up and the
conference page."""

import datetime

import pytest
from playwright.sync_api import expect

from overenskommelse.accounts.models import Role
from samverkan.group.models import FollowUp
from samverkan.group.services import conference as conference_services
from samverkan.group.services import followup as followup_services
from tests.conftest import axe_violations
from tests.factories import user_with_role
from tests.samverkan.e2e.test_journey import log_in, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_comments_another_approves_then_public(
    live_server, page, handlaggare, samverkansgruppen_member, full_group, followup_data,
    no_staff_mfa,
):  # fmt: skip
    other = user_with_role(Role.SAMVERKANSGRUPPEN, email="sg2@example.se", first_name="Greta")
    followup_services.followup_create(actor=handlaggare, year=2025)
    public_url = live_server.url + "/samverkan/uppfoljning/2025/"

    page.goto(public_url)
    assert page.url != public_url  # not yet public: sent to log in

    log_in(page, live_server, samverkansgruppen_member)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_text("För personal").click()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Samverkansgruppen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkansgruppen")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Årliga uppföljningar").click()
    page.get_by_role("link", name="Uppföljning 2025").click()
    expect(page.locator("#followup-status")).to_have_text("Under granskning")
    expect(page.locator("svg[aria-labelledby^='chart-areas']")).to_have_count(1)
    assert axe_violations(page) == []
    page.get_by_label("Avsnitt", exact=False).and_(page.locator("select")).select_option("areas")
    page.locator("#id_text").fill("Bra att läxhjälpen syns.")
    submit(page, "Spara kommentaren")
    expect(page.locator(".messages")).to_contain_text("Din kommentar har sparats")
    expect(page.locator("#section-areas").locator("xpath=..")).to_contain_text(
        "Bra att läxhjälpen syns."
    )

    log_in(page, live_server, other)
    page.goto(live_server.url + "/samverkan/uppfoljning/arbete/2025/")
    submit(page, "Godkänn och publicera")
    expect(page.locator(".messages")).to_contain_text("Uppföljningen är godkänd och publicerad")
    expect(page.locator("#followup-status")).to_contain_text("godkänd av Greta")
    followup = FollowUp.objects.get(year=2025)
    assert followup.approved_by == other

    page.context.clear_cookies()
    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Den årliga uppföljningen av handlingsplanen 2025"
    )
    expect(page.locator("main")).to_contain_text("Godkänd av samverkansgruppen")
    expect(page.locator("main")).to_contain_text("1. Inkludering")
    assert axe_violations(page) == []


def test_conference_page_is_accessible(live_server, page, handlaggare):
    conference = conference_services.conference_create(
        actor=handlaggare, title="Överenskommelsekonferensen 2099",
        date=datetime.date(2099, 5, 1), start_time=datetime.time(9), place="Stadshallen",
        programme="Inledning\nWorkshop", places=1,
        registration_closes_on=datetime.date(2099, 4, 20),
    )  # fmt: skip
    page.goto(live_server.url + f"/samverkan/konferens/{conference.uuid}/")
    assert axe_violations(page) == []
    page.get_by_label("Namn").fill("Anna Andersson")
    page.get_by_label("E-post").fill("anna@example.se")
    submit(page, "Anmäl dig till konferensen")
    expect(page.locator("#registration-status")).to_contain_text("Anmäld")
    assert axe_violations(page) == []
