"""Forms in real Chromium: required fields are marked, a server-side error puts focus
on the error summary whose links lead to the fields, what cannot be undone asks for a
ticked confirmation (refused without it, done with it), and the staff menu keeps to
one row at 1280 px and folds into a disclosure at 390 px. axe finds nothing at 390
and 1280 px on these pages."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from overenskommelse.accounts.models import User
from overenskommelse.agreement.models import Remiss
from tests.conftest import axe_violations
from tests.factories import PASSWORD
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)


def _log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _no_axe_violations(page, where: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert axe_violations(page) == [], f"{where} at {width}px"


def test_account_deletion_leads_to_its_errors_and_needs_the_confirmation(live_server, page, rep_a):
    _log_in(page, live_server, rep_a)
    page.goto(live_server.url + "/mina-sidor/radera-konto/")
    # Required fields: the marker, its legend, required and aria-required.
    expect(page.locator("main")).to_contain_text("Fält markerade med * måste fyllas i.")
    password = page.locator("#id_password")
    expect(password).to_have_attribute("required", "")
    expect(password).to_have_attribute("aria-required", "true")
    expect(page.locator("label[for=id_password] .required")).to_have_text("*")

    # Sent without the box: refused, focus on the summary, which leads to the box.
    password.fill(PASSWORD)
    page.get_by_role("button", name="Ta bort mitt konto").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Kryssa i att du förstår att detta inte kan ångras.")
    rep_a.refresh_from_db()
    assert rep_a.is_active
    _no_axe_violations(page, "the refused account deletion")
    summary.get_by_role("link", name=re.compile("Kryssa i")).click()
    expect(page.locator("#id_confirm")).to_be_focused()

    # With the box ticked it is done.
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_confirm").check()
    page.get_by_role("button", name="Ta bort mitt konto").click()
    expect(page.locator("main")).to_contain_text("Ditt konto är borttaget")
    assert not User.objects.get(pk=rep_a.pk).is_active


def test_withdrawing_a_remiss_needs_the_confirmation(
    live_server,
    page,
    handlaggare,
    no_staff_mfa,
    published_remiss,  # noqa: F811
):
    _log_in(page, live_server, handlaggare)
    page.goto(f"{live_server.url}/remisser/{published_remiss.uuid}/")
    _no_axe_violations(page, "the remiss page")
    page.get_by_label("Skäl att återkalla remissen").fill("Fel underlag skickades ut.")
    page.get_by_role("button", name="Återkalla remissen").click()
    expect(page.locator("main")).to_contain_text(
        "Kryssa i att du förstår att återkallelsen av remissen inte kan ångras."
    )
    published_remiss.refresh_from_db()
    assert published_remiss.status == Remiss.Status.PUBLISHED

    page.get_by_label("Skäl att återkalla remissen").fill("Fel underlag skickades ut.")
    page.get_by_label("Jag förstår att återkallelsen av remissen inte kan ångras.").check()
    page.get_by_role("button", name="Återkalla remissen").click()
    expect(page.locator("main")).to_contain_text("Remissen är återkallad.")
    published_remiss.refresh_from_db()
    assert published_remiss.status == Remiss.Status.WITHDRAWN


ROWS = """() => {
  const nav = document.querySelector('nav.main-nav > ul');
  const lines = [...nav.children].map(li => li.getBoundingClientRect())
    .map(r => Math.round(r.top + r.height / 2));
  return new Set(lines).size;
}"""


def test_the_staff_menu_takes_one_row_at_1280_and_folds_at_390(
    live_server, page, admin_user, no_staff_mfa
):
    _log_in(page, live_server, admin_user)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    line = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    height = nav.bounding_box()["height"]
    assert page.evaluate(ROWS) == 1, page.evaluate(
        "[...document.querySelectorAll('nav.main-nav > ul > li')].map(li => "
        "JSON.stringify(li.getBoundingClientRect()))"
    )
    assert height < 2 * (line + 20), f"the menu is {height}px high"
    expect(nav.get_by_role("link", name="Initiativtavla")).to_be_hidden()
    nav.get_by_text("För personal").click()
    expect(nav.get_by_role("link", name="Initiativtavla")).to_be_visible()
    _no_axe_violations(page, "the home page with the staff menu open")
    nav.get_by_role("link", name="Ansökningar").click()
    expect(page).to_have_url(re.compile("/handlaggning/anslutningar/"))
    expect(nav.locator("summary.current")).to_have_text("För personal")

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(nav.get_by_role("link", name="Ansökningar")).to_be_hidden()
    nav.get_by_text("För personal").click()
    expect(nav.get_by_role("link", name="Ansökningar")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
