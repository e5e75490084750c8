"""The account pages and mails speak today's Swedish (Språkrådet): "e-postadress" and
"mejl", never allauth's old "epost-adress" or "Verifierings-mail"; the log-in page asks
for a sign-up with a sentence of its own."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

OLD = re.compile(r"\b[Ee]post|[Ee]-post-adress|Verifierings-mail|\bmail(et)?\b|verification")
ALLAUTH_PO = (
    Path(__import__("allauth").__file__).parent / "locale" / "sv" / "LC_MESSAGES" / "django.po"
)


def _allauth_msgids_with_old_spellings() -> list[str]:
    """The msgids whose Swedish in allauth's catalogue uses an old spelling."""
    found, msgid, msgstr, key = [], "", "", ""
    for line in [*ALLAUTH_PO.read_text().splitlines(), ""]:
        if line.startswith("msgid "):
            if msgid and OLD.search(msgstr):
                found.append(msgid)
            msgid, msgstr, key = line[7:-1], "", "msgid"
        elif line.startswith("msgstr"):
            msgstr, key = line.split(" ", 1)[1][1:-1], "msgstr"
        elif line.startswith('"') and key == "msgid":
            msgid += line[1:-1]
        elif line.startswith('"') and key == "msgstr":
            msgstr += line[1:-1]
        elif line.startswith("msgid_plural"):
            key = ""
    if msgid and OLD.search(msgstr):
        found.append(msgid)
    return [m.encode().decode("unicode_escape").encode("latin-1").decode() for m in found]


def test_allauth_has_old_spellings_to_override():
    assert len(_allauth_msgids_with_old_spellings()) > 30


@pytest.mark.parametrize("msgid", _allauth_msgids_with_old_spellings())
def test_every_old_spelling_is_overridden(msgid):
    with translation.override("sv"):
        swedish = gettext(msgid)
    assert not OLD.search(swedish), swedish


def test_the_login_page_asks_for_a_sign_up_in_its_own_words(client):
    html = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Har du inget konto än?" in html
    assert "Skapa ett konto</a>" in html
    assert "Har du redan ett konto" not in html


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_the_account_pages_use_no_old_spelling(client, name):
    html = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert not OLD.search(re.sub(r"<[^>]+>", " ", html)), name
