"""In real Chromium: an association proposes → staff accept and match → parties agree →
genomförande → results → evaluation → uppföljning; the timeline shows every step.
axe-core finds nothing on the proposal form, the board, the list and the initiative."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from samverkan.pipeline.models import Initiative
from tests.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def submit(page, button: str) -> None:
    page.locator("main").get_by_role("button", name=button).click()


def test_whole_pipeline_in_the_browser(
    live_server, page, rep_a, rep_b, handlaggare, forvaltningskontakt, forvaltning,
    affiliated, areas, no_staff_mfa,
):  # fmt: skip
    # The association proposes.
    log_in(page, live_server, rep_a)
    page.goto(live_server.url + "/mina-sidor/")
    page.get_by_role("link", name="Föreslå ett samverkansinitiativ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Föreslå ett initiativ")
    assert axe_violations(page) == []
    page.get_by_label("Rubrik").fill("Rörelse och läxhjälp")
    page.get_by_label("Behovet det möter").fill("Barn i området saknar en trygg eftermiddag.")
    page.get_by_label("Inkludering").check()
    page.get_by_label("Möjlig samverkansform").select_option("iop")
    submit(page, "Skicka förslaget")
    expect(page.locator(".messages")).to_contain_text("Kommunkontoret tittar på förslaget")
    initiative = Initiative.objects.get(title="Rörelse och läxhjälp")

    # Staff accept it from the board and match parties.
    log_in(page, live_server, handlaggare)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_text("För personal").click()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Initiativtavla"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tavla över samverkansinitiativ")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Rörelse och läxhjälp").click()
    page.get_by_label("Åtgärd").select_option("accept")
    page.get_by_label("Handläggare").select_option(str(handlaggare.pk))
    submit(page, "Genomför steget")
    expect(page.locator("#current-stage")).to_have_text("Samverkansinitiativ")
    # Organisations are found by a search on the page (a plain GET form, no script).
    search = page.get_by_role("search", name="Sök en organisation att bjuda in")
    search.get_by_label("Organisationens namn").fill("b")
    search.get_by_role("button", name="Sök").click()
    expect(page.locator("#bjud-in")).to_contain_text("Sökningen är för kort")
    search.get_by_label("Organisationens namn").fill("ening b")
    search.get_by_role("button", name="Sök").click()
    expect(page).to_have_url(re.compile(r"\?sok=ening\+b#bjud-in$"))
    assert axe_violations(page) == []
    page.get_by_role("list", name="Hittade organisationer").get_by_role(
        "button", name=f"Bjud in {affiliated[1].name}"
    ).click()
    expect(page.locator(".messages")).to_contain_text(f"{affiliated[1].name} är inbjuden")
    page.get_by_text("Bjud in en förvaltning").click()
    page.get_by_label("Förvaltning", exact=True).select_option(str(forvaltning.pk))
    page.locator("main").get_by_role("button", name="Bjud in", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"{forvaltning.name} är inbjuden")
    page.get_by_role("link", name="Ändra uppgifterna").click()
    page.get_by_label("Planerad start").fill("2026-12-01")
    page.get_by_label("Planerat slut").fill("2027-06-30")
    page.get_by_label("Form", exact=True).select_option("iop")
    page.get_by_label("Avtals- eller beslutsreferens").fill("IOP-avtal KS 2026/0123")
    page.get_by_label("Budget (kr)").fill("120000")
    submit(page, "Spara")
    # Genomförande is refused until both kinds of party have agreed.
    page.get_by_label("Åtgärd").select_option("start")
    submit(page, "Genomför steget")
    expect(page.locator(".error-summary")).to_contain_text("Genomförandet kan inte starta")
    assert axe_violations(page) == []

    # The invited parties answer; the organisation parties and the förvaltning agree.
    log_in(page, live_server, rep_b)
    page.goto(live_server.url + "/mina-sidor/")
    page.get_by_role("link", name="Rörelse och läxhjälp").click()
    submit(page, f"Tacka ja för {affiliated[1].name}")
    expect(page.locator(".messages")).to_contain_text("Ni deltar i initiativet")
    log_in(page, live_server, forvaltningskontakt)
    page.goto(live_server.url + f"/samverkan/initiativ/{initiative.uuid}/")
    submit(page, f"Tacka ja för {forvaltning.name}")
    submit(page, f"Registrera överenskommelse för {forvaltning.name}")
    expect(page.locator(".messages")).to_contain_text("Er överenskommelse är registrerad")
    log_in(page, live_server, rep_a)
    page.goto(live_server.url + f"/samverkan/initiativ/{initiative.uuid}/")
    submit(page, f"Registrera överenskommelse för {affiliated[0].name}")
    expect(page.locator("main")).not_to_contain_text("Nästa steg")  # parties move no stage

    # Staff start the implementation, then results.
    log_in(page, live_server, handlaggare)
    page.goto(live_server.url + f"/samverkan/initiativ/{initiative.uuid}/")
    page.get_by_label("Åtgärd").select_option("start")
    submit(page, "Genomför steget")
    expect(page.locator("#current-stage")).to_have_text("Genomförande")
    page.get_by_label("Åtgärd").select_option("to_results")
    page.get_by_label("Kommentar eller skäl").fill("Terminen är slut.")
    submit(page, "Genomför steget")
    expect(page.locator("#current-stage")).to_have_text("Resultat och spridning")

    # A party writes the results report; staff mark it reported and move on.
    log_in(page, live_server, rep_b)
    page.goto(live_server.url + f"/samverkan/initiativ/{initiative.uuid}/")
    page.locator("#id_results_text").fill("45 barn deltog varje vecka.")
    page.get_by_label("Var resultatet har spridits").fill("Överenskommelsekonferensen")
    submit(page, "Spara rapporten")
    expect(page.locator(".messages")).to_contain_text("Resultatrapporten är sparad")
    log_in(page, live_server, handlaggare)
    page.goto(live_server.url + f"/samverkan/initiativ/{initiative.uuid}/")
    submit(page, "Markera som rapporterat till samverkansgruppen")
    page.get_by_label("Åtgärd").select_option("evaluate")
    submit(page, "Genomför steget")
    expect(page.locator("#current-stage")).to_have_text("Utvärdering")

    # A party evaluates; staff close for the yearly follow-up.
    log_in(page, live_server, rep_a)
    page.goto(live_server.url + f"/samverkan/initiativ/{initiative.uuid}/")
    page.get_by_label("Måluppfyllelse").fill("Målen nåddes.")
    page.get_by_label("Lärdomar").fill("Starta tidigare nästa gång.")
    page.get_by_label("Fortsätta?").select_option("ja")
    submit(page, "Spara utvärderingen")
    expect(page.locator(".messages")).to_contain_text("Utvärderingen är sparad")
    log_in(page, live_server, handlaggare)
    page.goto(live_server.url + f"/samverkan/initiativ/{initiative.uuid}/")
    page.get_by_label("Åtgärd").select_option("close")
    submit(page, "Genomför steget")
    expect(page.locator("#current-stage")).to_have_text("Uppföljning")
    timeline = page.locator(".timeline")
    for step in [
        "Föreslaget",
        "Godtaget som samverkansinitiativ",
        "Part inbjuden",
        "Inbjudan antagen",
        "Överenskommelse registrerad",
        "Genomförandet startat",
        "Vidare till resultat och spridning",
        "Resultatrapport sparad",
        "Rapporterat till samverkansgruppen",
        "Vidare till utvärdering",
        "Utvärdering tillagd",
        "Avslutat för den årliga uppföljningen",
    ]:
        expect(timeline).to_contain_text(step)
    expect(timeline).to_contain_text("Terminen är slut.")
    assert axe_violations(page) == []

    # The list, and the public page with the reported results.
    page.goto(live_server.url + "/samverkan/lista/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lista över samverkansinitiativ")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/samverkan/tavla/")
    page.screenshot(path="var/test-artifacts/samverkan_board_320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, rep_b)
    page.context.clear_cookies()
    page.goto(live_server.url + f"/samverkan/{initiative.uuid}/")
    expect(page.locator("main")).to_contain_text("45 barn deltog varje vecka.")
