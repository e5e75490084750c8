"""axe-core finds no WCAG 2.1 A/AA violations on the public entry pages, the
tillgänglighetsredogörelse and the privacy page (in Swedish and English), and on the
feedback journey through to kommunkontoret's list of cases."""

import re

import pytest
from playwright.sync_api import expect

from overenskommelse.accounts.models import Role
from overenskommelse.agreement.models import AccessibilityFeedback
from overenskommelse.demo.load.foundation import demo_data_load
from tests.conftest import axe_violations
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    demo_data_load()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/kontaktvagar/",
        "/accounts/password/reset/",
        "/tillganglighet/",
        "/integritet/",
    ],
)
def test_page_has_no_axe_violations(live_server, page, demo, path):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []


def test_sign_up_error_state_has_no_axe_violations(live_server, page):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Förnamn").fill("Stina")
    page.get_by_label("Efternamn").fill("Styrelse")
    page.get_by_label("E-postadress").fill("inte-en-adress@x")
    page.locator("#id_password1").fill("kort")
    page.locator("#id_password2").fill("annat")
    page.locator("main form").get_by_role("button").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert axe_violations(page) == []


def test_start_page_works_at_320_px(live_server, page, demo):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"horizontal scrolling at 320 px: {width}px wide"
    assert axe_violations(page) == []


def test_skip_link_moves_focus_to_main(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/tillganglighet/", "/integritet/"])
def test_english_statement_and_privacy_have_no_axe_violations(live_server, page, path):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert axe_violations(page) == []


def test_feedback_journey_has_no_axe_violations(live_server, page, no_staff_mfa):
    """A visitor reports a problem (first with a mistake), kommunkontoret finds it in
    its list and marks it answered; every page on the way passes axe."""
    page.goto(live_server.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillgänglighetsredogörelse")
    page.get_by_label("Vilken sida eller vilket dokument?").fill("/foreningsregistret/")
    page.get_by_label("Din e-postadress (frivilligt)").fill("inte-en-adress")
    page.get_by_role("button", name="Skicka rapporten").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Vad är problemet?").fill("Filtret går inte att nå med tangentbordet.")
    page.get_by_label("Din e-postadress (frivilligt)").fill("besokare@example.se")
    page.get_by_role("button", name="Skicka rapporten").click()
    expect(page.get_by_role("status")).to_contain_text("Vi har tagit emot din rapport")
    case = AccessibilityFeedback.objects.get()

    staff = user_with_role(Role.HANDLAGGARE, email="hanna@kommun.example.se")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-post").first.fill(staff.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile("/mina-sidor/"))

    page.goto(live_server.url + "/handlaggning/tillganglighet/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile(r"\d{4}-\d{2}-\d{2}")).click()
    expect(page).to_have_url(re.compile(str(case.uuid)))
    assert axe_violations(page) == []
    page.get_by_label("Markera som besvarad").check()
    page.get_by_label("Anteckning").fill("Svarat per e-post.")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".status")).to_contain_text("Besvarad")
    assert axe_violations(page) == []

    page.goto(live_server.url + "/tillganglighet/andra/")
    assert axe_violations(page) == []
