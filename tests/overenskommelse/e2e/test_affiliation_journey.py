"""An association registers, applies, completes, is approved, appears in the register,
withdraws and leaves it, all in real Chromium; and the pages pass axe-core."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from overenskommelse.accounts.models import Role
from overenskommelse.agreement.models import Affiliation, Organisation
from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.platform.models import HistoryEntry, OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from tests.conftest import axe_violations, pdf_text
from tests.factories import (
    PASSWORD,
    AffiliationFactory,
    OrganisationFactory,
    RepresentationFactory,
    UserFactory,
    user_with_role,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIGNED = b"%PDF-1.4\n% signed board protocol\n%%EOF\n"
TODAY = timezone.localdate()
MEETING = (TODAY - datetime.timedelta(days=5)).isoformat()


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-post").first.fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile("/mina-sidor/"))


def log_out(page):
    page.get_by_role("navigation", name="Konto").get_by_role("button", name="Logga ut").click()


def protocol_file(name="protokoll.pdf"):
    return {"name": name, "mimeType": "application/pdf", "buffer": SIGNED}


def test_register_apply_complete_approve_list_and_withdraw(live_server, page, no_staff_mfa):
    board_member = UserFactory(email="styrelsen@schack.example.se")
    user_with_role(Role.HANDLAGGARE, email="hanna@kommun.example.se")

    # 1. Register the association.
    log_in(page, live_server, board_member.email)
    page.get_by_role("link", name="Registrera en organisation").click()
    page.locator("#id_name").fill("Lunds Schackklubb Åttan")
    page.locator("#id_organisation_number").fill("8020000009")
    page.locator("input[name=legal_form][value=ideell_forening]").check()
    page.locator("input[name=activities][value=kultur]").check()
    page.locator("#id_email").fill("info@schack.example.se")
    page.locator("#id_description").fill("Schack för alla åldrar.")
    page.get_by_role("button", name="Registrera organisationen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lunds Schackklubb Åttan")
    expect(page.locator("main")).to_contain_text("802000-0009")

    # 2. The pre-filled protocol extract names the association.
    link = page.get_by_role("link", name="Ladda ner protokollsutdraget (PDF)").first
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(pdf_text(response.body()).split())
    assert "Styrelsen beslutar att ansluta Lunds Schackklubb Åttan till Lunds kommuns" in text

    # Registering makes the board member a pending representative: kommunkontoret
    # confirms them before the application can be sent (test_representation_journey).
    log_out(page)
    log_in(page, live_server, "hanna@kommun.example.se")
    slug = Organisation.objects.get(name="Lunds Schackklubb Åttan").slug
    page.goto(f"{live_server.url}/organisationer/{slug}/")
    page.get_by_role("button", name="Bekräfta förfrågan").click()
    expect(page.locator("main")).to_contain_text("är nu företrädare")
    log_out(page)
    log_in(page, live_server, board_member.email)
    page.goto(f"{live_server.url}/organisationer/{slug}/")

    # 3. Apply with the signed protocol.
    page.get_by_role("link", name="Ansök om anslutning").click()
    expect(page.locator("#id_decision_text")).to_have_value(
        re.compile("Styrelsen beslutar att ansluta Lunds Schackklubb Åttan")
    )
    page.locator("#id_meeting_date").fill(MEETING)
    page.locator("#id_paragraph").fill("4")
    page.locator("#id_protocol").set_input_files(protocol_file())
    page.locator("#id_conditions_confirmed").check()
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.locator("main")).to_contain_text("Ansökan är skickad")
    expect(page.locator(".status")).to_contain_text("Inskickad")
    log_out(page)

    # 4. The handläggare asks for completion.
    log_in(page, live_server, "hanna@kommun.example.se")
    page.get_by_role("navigation", name="Huvudmeny").get_by_text("För personal").click()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Ansökningar").click()
    page.get_by_role("link", name="Lunds Schackklubb Åttan").click()
    page.get_by_label("Begär komplettering").check()
    page.get_by_label("Meddelande till föreningen").fill("Protokollet saknar justerarens namn.")
    page.get_by_role("button", name="Spara beslutet").click()
    expect(page.locator(".status")).to_contain_text("Komplettering begärd")
    log_out(page)

    # 5. The association sees it on Mina sidor, completes and resubmits.
    log_in(page, live_server, board_member.email)
    expect(page.locator("main")).to_contain_text("Komplettering begärd")
    expect(page.locator("main")).to_contain_text("saknar justerarens namn")
    page.get_by_role("link", name=re.compile("Ansökan från")).first.click()
    page.get_by_role("link", name="Komplettera och skicka igen").click()
    expect(page.locator("main")).to_contain_text("Ett protokoll finns sparat")
    page.locator("#id_protocol").set_input_files(protocol_file("justerat.pdf"))
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.locator(".status")).to_contain_text("Inskickad")
    log_out(page)

    # 6. The handläggare approves.
    log_in(page, live_server, "hanna@kommun.example.se")
    page.goto(live_server.url + "/handlaggning/anslutningar/")
    page.get_by_role("link", name="Lunds Schackklubb Åttan").click()
    page.get_by_label("Godkänn").check()
    page.get_by_label("Ansluten från").fill(TODAY.isoformat())
    page.get_by_role("button", name="Spara beslutet").click()
    expect(page.locator(".status")).to_contain_text("Godkänd")
    log_out(page)

    # 7. Anyone finds it in the register and in the open data.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Föreningsregistret"
    ).click()
    expect(page.locator("main")).to_contain_text("1 organisation är ansluten")
    page.get_by_role("link", name="Lunds Schackklubb Åttan").click()
    expect(page.locator("main")).to_contain_text("Ansluten till Överenskommelsen sedan")
    expect(page.locator("main")).not_to_contain_text("802000-0009")
    csv = page.request.get(live_server.url + "/foreningsregistret.csv").text()
    assert "Lunds Schackklubb Åttan" in csv and "802000-0009" not in csv

    # 8. The association withdraws.
    log_in(page, live_server, board_member.email)
    page.get_by_role("link", name="Lunds Schackklubb Åttan").click()
    page.get_by_role("link", name="Utträd ur Överenskommelsen").click()
    page.locator("#id_meeting_date").fill(MEETING)
    page.locator("#id_paragraph").fill("9")
    page.locator("#id_protocol").set_input_files(protocol_file("uttrade.pdf"))
    page.locator("#id_confirm").check()
    page.get_by_role("button", name="Registrera utträdet").click()
    expect(page.locator("main")).to_contain_text("Utträdet är registrerat")
    expect(page.locator("main")).to_contain_text("Inte ansluten.")

    # 9. Gone from the register; the history is kept.
    page.goto(live_server.url + "/foreningsregistret/")
    expect(page.locator("main")).to_contain_text("0 organisationer är anslutna")
    assert (
        "Lunds Schackklubb Åttan"
        not in page.request.get(live_server.url + "/foreningsregistret.csv").text()
    )
    organisation = Organisation.objects.get(name="Lunds Schackklubb Åttan")
    assert Affiliation.objects.filter(organisation=organisation).count() == 1
    actions = list(history_for(subject=organisation).values_list("action", flat=True))
    assert actions[:2] == ["withdrew", "affiliated"] and actions[-1] == "registered"
    application_actions = set(HistoryEntry.objects.values_list("action", flat=True))
    assert {"submit", "request_completion", "approve"} <= application_actions
    subjects = list(OutboxMessage.objects.values_list("subject", flat=True))
    assert any("Komplettera ansökan" in s for s in subjects)
    assert any("är ansluten till Överenskommelsen" in s for s in subjects)
    assert any("har utträtt" in s for s in subjects)
    # The association got a receipt for each thing it sent, at its own addresses only.
    receipts = OutboxMessage.objects.filter(subject__startswith="Kvitto").order_by("pk")
    assert [r.subject.split(" ")[1:3] for r in receipts] == [
        ["ansökan", "från"],
        ["den", "kompletterade"],
        ["utträdet", "för"],
    ]
    for receipt in receipts:
        assert receipt.to == ["info@schack.example.se", "styrelsen@schack.example.se"]
        assert "Det här skickades in" in receipt.body_text
        assert "Det här händer nu" in receipt.body_text
        assert board_member.get_full_name() in receipt.body_text

    # Staff see the history on the organisation's page.
    log_out(page)
    log_in(page, live_server, "hanna@kommun.example.se")
    page.goto(live_server.url + f"/organisationer/{organisation.slug}/")
    history = page.locator("table.history")
    expect(history).to_contain_text("Utträde")
    expect(history).to_contain_text("Ansluten")


# Accessibility ---------------------------------------------------------------------------


@pytest.fixture
def register_world(db):
    demo_data_load()
    for name in ["Ängby BK", "Zebraklubben", "Örby IF"]:
        AffiliationFactory(organisation=OrganisationFactory(name=name, email="a@example.se"))


@pytest.mark.parametrize("width", [1280, 320])
def test_register_and_public_page_have_no_axe_violations(live_server, page, register_world, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/foreningsregistret/")
    names = page.locator(".register-list h2").all_inner_texts()
    assert names.index("Zebraklubben") < names.index("Ängby BK") < names.index("Örby IF")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Ängby BK").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ängby BK")
    assert axe_violations(page) == []


def test_agreement_page_has_no_axe_violations(live_server, page, register_world):
    page.goto(live_server.url + "/overenskommelsen/")
    expect(page.locator("main")).to_contain_text("Integritet och oberoende")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [1280, 320])
def test_organisation_page_and_application_form_with_errors_have_no_axe_violations(
    live_server, page, width
):
    rep = RepresentationFactory(organisation=OrganisationFactory(name="Förening A")).user
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, rep.email)
    page.goto(live_server.url + "/organisationer/forening-a/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ansök om anslutning").click()
    assert axe_violations(page) == []
    page.locator("#id_protocol").set_input_files(
        {"name": "protokoll.pdf", "mimeType": "application/pdf", "buffer": b"bara text"}
    )
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("main")).to_contain_text("inte av en tillåten typ")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
