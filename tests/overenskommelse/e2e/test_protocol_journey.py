"""In real Chromium: staff record a decision with a roll call and download its
extract; the public reads a published extract."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.conftest import axe_violations, pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_staff_record_a_decision_with_a_roll_call_and_download_its_extract(
    live_server, page, handlaggare, no_staff_mfa, chromium
):
    log_in(page, live_server, handlaggare)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Beslut och protokoll"
    ).click()
    page.get_by_role("link", name="Registrera ett sammanträde").click()
    page.get_by_label("Organets namn").fill("Kultur- och fritidsnämnden")
    page.get_by_label("Sammanträdesdatum").fill("2026-11-19")
    page.get_by_label("Justerare").fill("Eva Ek (S)\nOlle Ek (M)")
    page.locator("main form").get_by_role("button", name="Spara sammanträdet").click()
    expect(page.locator(".messages")).to_contain_text("Sammanträdet är registrerat.")

    page.get_by_role("link", name="Lägg till personer").click()
    page.get_by_label("Personer, en per rad").fill(
        "Eva Ek (S)\nOlle Ek (M)\nPia Ek (V) / Rut Ek (V)\nSven Ek (L) / frånvarande"
    )
    page.locator("main form").get_by_role("button", name="Lägg till").click()
    expect(page.locator(".messages")).to_contain_text("4 personer har lagts till.")

    page.get_by_role("link", name="Registrera en paragraf").click()
    page.get_by_label("Paragrafnummer").fill("88")
    page.get_by_label("Diarienummer").fill("KFN 2026/0042")
    page.get_by_label("Rubrik").fill("Föreningsstöd 2027")
    page.get_by_label("Att-satser, en per rad").fill(
        "att anta riktlinjerna,\natt gälla från 2027-01-01."
    )
    page.get_by_label("Offentligt utdrag").check()
    page.locator("main form").get_by_role("button", name="Spara paragrafen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("§ 88 Föreningsstöd 2027")

    page.get_by_role("link", name="Registrera en omröstning").click()
    page.get_by_label("Ja innebär").fill("för bifall till förslaget.")
    page.get_by_label("Nej innebär").fill("för avslag.")
    page.get_by_label("Eva Ek (S)").select_option("ja")
    page.get_by_label("Olle Ek (M)").select_option("nej")
    page.get_by_label("Pia Ek (V)").select_option("ja")
    # The absent member without a substitute is refused a vote, with the reason shown.
    page.get_by_label("Sven Ek (L)").select_option("ja")
    page.locator("main form").get_by_role("button", name="Spara omröstningen").click()
    expect(page.locator(".error-summary")).to_contain_text("Sven Ek (L) var inte närvarande")
    assert axe_violations(page) == []
    page.get_by_label("Sven Ek (L)").select_option("franvarande")
    page.locator("main form").get_by_role("button", name="Spara omröstningen").click()
    expect(page.locator(".messages")).to_contain_text("Omröstningen är registrerad.")
    expect(page.locator("main")).to_contain_text(
        "Med 2 ja-röster mot 1 nej-röster och 0 som avstår"
    )
    assert axe_violations(page) == []

    extract_url = page.url
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ladda ner utdraget (PDF)").click()
    text = pdf_text(download_info.value.path().read_bytes())
    flat = " ".join(text.split())
    assert "Protokollsutdrag" in text and "Kultur- och fritidsnämnden" in text
    assert "§ 88 Föreningsstöd 2027" in flat and "Dnr KFN 2026/0042" in flat
    assert "Summa 2 1 0 1" in flat
    assert "att anta riktlinjerna," in flat and "Utdragsbestyrkande" in flat
    assert "Eva Ek (S)" in text and "Rut Ek" in text

    # The extract is public: anyone may read it.
    anonymous = chromium.new_context(locale="sv-SE")
    public_page = anonymous.new_page()
    public_page.goto(extract_url)
    expect(public_page.get_by_role("heading", level=1)).to_have_text("§ 88 Föreningsstöd 2027")
    assert axe_violations(public_page) == []
    anonymous.close()
