"""What a person does in Chromium against the deployed portal: log in with the demo
accounts, set up and enter TOTP codes, and notice every response that is a 5xx."""

from __future__ import annotations

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page, Response, expect

PASSWORD = "demo-losenord-2026"  # README, "Demo accounts"
REPRESENTATIVE = "foreningsrepresentant@demo.example.se"
HANDLAGGARE = "handlaggare@demo.example.se"
FORVALTNINGSKONTAKT = "forvaltningskontakt@demo.example.se"
SAMVERKANSGRUPPEN = "samverkansgruppen@demo.example.se"
ADMIN = "admin@demo.example.se"
TOTP_PERIOD = 30


class ServerErrors:
    """Every response of the page's context with a 5xx status, as (status, url)."""

    def __init__(self, page: Page) -> None:
        self.seen: list[tuple[int, str]] = []
        self.responses = 0
        page.context.on("response", self._record)

    def _record(self, response: Response) -> None:
        self.responses += 1
        if response.status >= 500:
            self.seen.append((response.status, response.url))


def log_in(page: Page, base: str, email: str, *, next_path: str = "") -> None:
    """The log-in form with the password; where it lands is up to the portal."""
    page.goto(base + "/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("E-post").first.fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def log_out(page: Page) -> None:
    page.get_by_role("navigation", name="Konto").get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("navigation", name="Konto")).to_contain_text("Logga in")


_used: set[tuple[str, int]] = set()


def totp_code(secret: str) -> str:
    """The current RFC 6238 code (allauth's own HOTP), never one already used: allauth
    refuses a code twice, so a second log-in in the same period waits for the next.
    A code about to expire is not used either (the server allows no drift)."""
    while True:
        now = time.time()
        counter = int(now) // TOTP_PERIOD
        left = TOTP_PERIOD - now % TOTP_PERIOD
        if (secret, counter) not in _used and left > 3:
            _used.add((secret, counter))
            return format_hotp_value(hotp_value(secret, counter))
        time.sleep(left + 0.2)


def set_up_totp(page: Page, base: str) -> str:
    """Staff land on the TOTP set-up after the password (allauth asks for it again
    first); read the secret from the page, activate, return the secret."""
    expect(page).to_have_url(re.compile(r"/accounts/(reauthenticate|2fa/totp/activate)/"))
    if "/reauthenticate/" in page.url:
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form").get_by_role("button", name="Verifiera").click()
    expect(page).to_have_url(base + "/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivera autentiseringsapp")
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form").get_by_role("button", name="Aktivera").click()
    expect(page.locator(".messages")).to_contain_text("Autentiseringsapp aktiverad")
    return secret


def enter_totp(page: Page, secret: str) -> None:
    """The second step of a log-in for an account with TOTP."""
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form").get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
