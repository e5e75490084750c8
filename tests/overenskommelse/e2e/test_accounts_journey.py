"""A newcomer signs up, reads the verification mail in the dev mailbox, logs in."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "ett-långt-lösenord-42"


@pytest.fixture
def dev_mailbox(settings, tmp_path):
    """Mail as `make run` has it: files in a folder, readable at /dev/mail/."""
    settings.EMAIL_BACKEND = "overenskommelse.platform.mailbox.FolderEmailBackend"
    settings.PORTAL_MAILBOX_DIR = tmp_path / "mail"
    settings.PORTAL_SHOW_MAILBOX = True
    return settings.PORTAL_MAILBOX_DIR


def test_sign_up_verify_by_mail_log_in_and_land_on_my_pages(live_server, page, dev_mailbox):
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("Överenskommelsen"))
    page.get_by_role("navigation", name="Konto").get_by_role("link", name="Skapa konto").click()

    page.get_by_label("Förnamn").fill("Stina")
    page.get_by_label("Efternamn").fill("Styrelse")
    page.get_by_label("E-postadress").fill("styrelsen@forening.example.se")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form").get_by_role("button").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Verifiera")
    page.get_by_role("link", name="Öppna brevlådan").click()
    page.locator(".mail-list a").first.click()
    expect(page.locator(".mail-body")).to_contain_text("Stina Styrelse")
    expect(page.locator(".mail-body")).to_contain_text("Överenskommelsen, Lunds kommun")
    page.locator(".mail-body a[href*='/accounts/']").click()

    page.locator("main form").get_by_role("button", name="Verifiera").click()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-post").first.fill("styrelsen@forening.example.se")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Logga in").click()

    expect(page).to_have_url(live_server.url + "/mina-sidor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina sidor")
    expect(page.locator("main")).to_contain_text("styrelsen@forening.example.se")
    # Others see the name given at sign-up, and so does the header.
    account_nav = page.get_by_role("navigation", name="Konto")
    expect(account_nav).to_contain_text("Stina Styrelse")
    expect(account_nav).not_to_contain_text("styrelsen@forening.example.se")
    expect(page.locator(".notice", has_text="Lägg till ditt namn")).to_have_count(0)
    account_nav.get_by_role("link", name="Stina Styrelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Namn och telefon")
    page.get_by_label("Förnamn").fill("Kristina")
    page.locator("main form").get_by_role("button", name="Spara").click()
    expect(account_nav).to_contain_text("Kristina Styrelse")
    expect(page.locator("table.history")).to_contain_text("Namn eller telefon ändrat")
    assert list(dev_mailbox.glob("*.eml")), "the verification mail was written to the folder"


def test_password_reset_through_the_dev_mailbox(live_server, page, dev_mailbox):
    from tests.factories import UserFactory

    UserFactory(email="glomsk@example.se")
    page.goto(live_server.url + "/accounts/password/reset/")
    page.get_by_label("E-post").fill("glomsk@example.se")
    page.locator("main form").get_by_role("button").click()
    page.get_by_role("link", name="Öppna brevlådan").click()
    page.locator(".mail-list a").first.click()
    page.locator(".mail-body a[href*='/accounts/']").click()

    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Ändra lösenord").click()
    expect(page.locator("main")).to_contain_text("ändrat")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-post").first.fill("glomsk@example.se")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(live_server.url + "/mina-sidor/")
