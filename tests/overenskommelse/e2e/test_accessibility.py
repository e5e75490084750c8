"""axe-core finds no WCAG 2.1 A/AA violations on the public entry pages."""

import pytest
from playwright.sync_api import expect

from overenskommelse.demo.load.foundation import demo_data_load
from tests.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    demo_data_load()


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/accounts/signup/", "/kontaktvagar/", "/accounts/password/reset/"],
)
def test_page_has_no_axe_violations(live_server, page, demo, path):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []


def test_sign_up_error_state_has_no_axe_violations(live_server, page):
    page.goto(live_server.url + "/accounts/signup/")
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
