"""On a phone: the main pages of each role fit 320, 390 and 1280 px without sideways
scrolling (wide tables scroll inside their own region), and axe finds nothing at 390
and 1280 px."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from overenskommelse.accounts.models import Role
from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.group import group_demo_load
from overenskommelse.demo.load.initiatives import initiatives_demo_load
from samverkan.group.models import FollowUp
from samverkan.pipeline.models import Initiative
from tests.conftest import axe_violations
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (320, 390, 1280)


def _log_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-post").first.fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile("/mina-sidor/"))


def _check(page, url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    widest = page.evaluate(
        """(w) => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > w && !e.closest('.table-scroll'))
        .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))""",
        width,
    )
    assert scroll <= width, f"{url} is {scroll}px wide at {width}px: {widest}"
    if width != 320:
        assert axe_violations(page) == [], f"{url} at {width}px"


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_fit(live_server, page, width):
    demo_data_load()
    for path in ("/", "/foreningsregistret/", "/samverkan/", "/accounts/login/"):
        _check(page, live_server.url + path, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_pages_fit(live_server, page, no_staff_mfa, width):
    demo_data_load()
    initiatives_demo_load()
    group_demo_load()
    staff = user_with_role(Role.HANDLAGGARE, email="hanna@kommun.example.se")
    _log_in(page, live_server, staff)
    paths = ["/mina-sidor/", "/samverkan/tavla/", "/natverk/"]
    followup = FollowUp.objects.order_by("-year").first()
    if followup is not None:
        paths.append(reverse("samverkansgruppen:followup", kwargs={"year": followup.year}))
    assert len(paths) == 4, "the demo has an initiative with parties and a follow-up"
    for path in paths:
        _check(page, live_server.url + path, width)


@pytest.mark.parametrize("width", (320, 390))
def test_the_initiative_page_fits(live_server, page, no_staff_mfa, width):
    demo_data_load()
    initiatives_demo_load()
    staff = user_with_role(Role.HANDLAGGARE, email="hanna@kommun.example.se")
    _log_in(page, live_server, staff)
    initiative = Initiative.objects.filter(parties__isnull=False).first()
    _check(
        page,
        live_server.url + reverse("pipeline:initiative", kwargs={"uuid": initiative.uuid}),
        width,
    )
