"""The tillgänglighetsredogörelse, its feedback journey and kommunkontoret's cases,
and the privacy page, in Swedish and English."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from overenskommelse.agreement.models import AccessibilityFeedback, AccessibilityStatement
from overenskommelse.agreement.models.accessibility import FEEDBACK_PROBLEM_MAX_LENGTH
from overenskommelse.platform.models import HistoryEntry, OutboxMessage

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 12, 7, 14, 30, tzinfo=STOCKHOLM)
STATEMENT = reverse("agreement:accessibility")
FEEDBACK = {
    "page": "/foreningsregistret/",
    "problem": "Filtret går inte att använda med tangentbordet.",
    "email": "Besokare@Example.se",
}


@pytest.fixture(autouse=True)
def language_restored():
    """A request in English activates English in this thread; later tests must not inherit it."""
    yield
    translation.deactivate()


def english(client):
    client.cookies["django_language"] = "en"
    return client


# The statement ----------------------------------------------------------------------


@pytest.mark.django_db
def test_statement_in_swedish_follows_diggs_model(client, settings):
    settings.MUNICIPALITY_NAME = "Exempelstads kommun"
    page = client.get(STATEMENT).content.decode()
    assert "<h1>Tillgänglighetsredogörelse</h1>" in page
    assert "Exempelstads kommun står bakom den här webbplatsen" in page
    # The compliance level, what is not accessible and why, the assessment and its method.
    assert "Webbplatsen är delvis förenlig med lagen om tillgänglighet" in page
    assert "Innehåll som inte är tillgängligt" in page and "taggade PDF/A-2a" in page
    assert "Hur vi testat webbplatsen" in page and "axe-core" in page
    assert "Datum för bedömningen" in page and "2026-12-07" in page
    # The feedback form and the supervisory authority's complaint form.
    assert "Rapportera en brist eller begär tillgängligt innehåll" in page
    assert 'action="/tillganglighet/"' in page
    assert 'href="https://www.digg.se/tdosanmalan"' in page
    assert "Anmäl bristande tillgänglighet till Digg" in page


@pytest.mark.django_db
def test_statement_in_english_marks_the_swedish_text(client):
    page = english(client).get(STATEMENT).content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Accessibility statement</h1>" in page
    assert "This site is partially compliant with the law" in page
    assert "How we tested the site" in page and "Report a problem" in page
    assert "Report lacking accessibility to Digg" in page
    # The municipality's own text stays Swedish, and says so to a screen reader.
    assert '<div class="stored-text" lang="sv"><p>PDF-filer som portalen skapar' in page
    assert "The municipality writes this part of the statement in Swedish." in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/integritet/", "/finns-inte/"]
)
def test_every_footer_links_to_the_statement(client, path):
    page = client.get(path).content.decode()
    assert f'<a href="{STATEMENT}">Tillgänglighetsredogörelse</a>' in page


@pytest.mark.django_db
def test_staff_change_the_statement_as_a_new_version(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    edit = reverse("agreement:accessibility_edit")
    form = client.get(edit).context["form"]
    assert "taggade PDF/A-2a" in form.initial["shortcomings"]  # starts from the text in force
    values = {
        "compliance": "helt_forenlig",
        "shortcomings": "Inga kända brister.",
        "not_covered": "",
        "assessed_on": "2027-01-15",
        "method": "Extern granskning av Funka.",
    }
    with time_machine.travel(NOW, tick=False):
        response = client.post(edit, values)
    assert response.status_code == 302 and response["Location"] == STATEMENT
    first = AccessibilityStatement.objects.get(is_current=True)
    assert first.created_by == handlaggare and first.created_by_name
    page = client.get(STATEMENT).content.decode()
    assert "Webbplatsen är helt förenlig" in page and "Extern granskning av Funka." in page
    assert "2027-01-15" in page and "2026-12-07" in page  # assessed, and last updated

    client.post(edit, {**values, "shortcomings": "En brist i kalendern."})
    assert AccessibilityStatement.objects.count() == 2
    current = AccessibilityStatement.objects.get(is_current=True)
    assert current.shortcomings == "En brist i kalendern." and current.pk != first.pk
    entry = HistoryEntry.objects.filter(action="accessibility_statement_changed").first()
    assert entry.actor == handlaggare
    assert entry.changes == {"shortcomings": ["Inga kända brister.", "En brist i kalendern."]}
    versions = client.get(edit).content.decode()
    assert "Tidigare versioner" in versions and "gäller nu" in versions

    # The same text again is no new version.
    response = client.post(edit, {**values, "shortcomings": "En brist i kalendern."}, follow=True)
    assert "Inget ändrades." in response.content.decode()
    assert AccessibilityStatement.objects.count() == 2


@pytest.mark.django_db
def test_a_bad_statement_is_refused_in_swedish(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.post(
        reverse("agreement:accessibility_edit"),
        {"compliance": "nastan", "shortcomings": "", "assessed_on": "igår", "method": "x"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in page and "Fyll i ett giltigt datum." in page
    assert "Detta fält måste fyllas i." in page
    assert not AccessibilityStatement.objects.exists()


# The feedback journey ---------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_journey_from_form_to_answered_case(client, handlaggare, no_staff_mfa, settings):
    settings.MUNICIPALITY_CONTACT_EMAIL = "kommunkontoret@exempel.se"
    with time_machine.travel(NOW, tick=False):
        response = client.post(STATEMENT, FEEDBACK, follow=True)
    assert "Tack. Vi har tagit emot din rapport och skickat ett kvitto" in response.content.decode()
    case = AccessibilityFeedback.objects.get()
    assert case.status == "oppen" and case.email == "besokare@example.se"
    assert case.language == "sv"

    to_office = OutboxMessage.objects.get(to=["kommunkontoret@exempel.se"])
    assert to_office.subject == "Tillgänglighetsrapport: /foreningsregistret/"
    assert FEEDBACK["problem"] in to_office.body_text
    assert reverse("agreement:accessibility_feedback", args=[case.uuid]) in to_office.body_text
    receipt = OutboxMessage.objects.get(to=["besokare@example.se"])
    assert receipt.subject == "Kvitto: din rapport om tillgänglighet"
    assert "Vi tog emot den 7 december 2026 14:30" in receipt.body_text
    assert "https://www.digg.se/tdosanmalan" in receipt.body_text
    # The receipt repeats nothing the sender wrote: the form cannot mail text to others.
    assert FEEDBACK["problem"] not in receipt.body_text + receipt.body_html
    assert FEEDBACK["page"] not in receipt.body_text + receipt.body_html

    client.force_login(handlaggare)
    listing = client.get(reverse("agreement:accessibility_feedback_list")).content.decode()
    detail_url = reverse("agreement:accessibility_feedback", args=[case.uuid])
    assert detail_url in listing and "besokare@example.se" in listing and "Öppen" in listing

    detail = client.get(detail_url).content.decode()
    assert FEEDBACK["problem"] in detail and "Rapport mottagen" in detail
    response = client.post(detail_url, {"action": "feedback_answer", "note": "Svarat per e-post."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "besvarad"
    client.post(detail_url, {"action": "feedback_close", "note": ""})
    case.refresh_from_db()
    assert case.status == "stangd"
    moves = HistoryEntry.objects.filter(object_id=str(case.pk)).order_by("at", "pk")
    assert [m.action for m in moves] == [
        "accessibility_feedback_received",
        "feedback_answer",
        "feedback_close",
    ]
    assert moves[1].actor == handlaggare and moves[1].message == "Svarat per e-post."
    page = client.get(detail_url).content.decode()
    assert "Markerad som besvarad: Svarat per e-post." in page and "Ärendet stängt" in page

    # Closed cases leave the default list (the open ones) but stay under "Stängd".
    assert (
        detail_url
        not in client.get(reverse("agreement:accessibility_feedback_list")).content.decode()
    )
    closed = client.get(reverse("agreement:accessibility_feedback_list"), {"status": "stangd"})
    assert detail_url in closed.content.decode()


@pytest.mark.django_db
def test_reopening_a_case_needs_a_reason(client, handlaggare, no_staff_mfa):
    case = AccessibilityFeedback.objects.create(page="/", problem="Kontrasten.", status="stangd")
    client.force_login(handlaggare)
    url = reverse("agreement:accessibility_feedback", args=[case.uuid])
    response = client.post(url, {"action": "feedback_reopen", "note": " "})
    assert response.status_code == 200 and "Ange ett skäl." in response.content.decode()
    case.refresh_from_db()
    assert case.status == "stangd"
    # A move that does not start from the case's status is not offered, and is refused.
    response = client.post(url, {"action": "feedback_answer"})
    assert (
        response.status_code == 200 and "Välj ett giltigt alternativ" in response.content.decode()
    )
    client.post(url, {"action": "feedback_reopen", "note": "Felet finns kvar."})
    case.refresh_from_db()
    assert case.status == "oppen"


@pytest.mark.django_db
def test_feedback_without_address_gets_no_receipt(client, settings):
    client.post(STATEMENT, {**FEEDBACK, "email": ""})
    assert AccessibilityFeedback.objects.get().email == ""
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [
        [settings.MUNICIPALITY_CONTACT_EMAIL]
    ]


@pytest.mark.django_db
def test_feedback_in_english_gets_an_english_receipt_and_a_swedish_case(client, settings):
    english(client).post(STATEMENT, FEEDBACK)
    assert AccessibilityFeedback.objects.get().language == "en"
    receipt = OutboxMessage.objects.get(to=["besokare@example.se"])
    assert receipt.subject == "Receipt: your report about accessibility"
    to_office = OutboxMessage.objects.get(to=[settings.MUNICIPALITY_CONTACT_EMAIL])
    assert to_office.subject.startswith("Tillgänglighetsrapport:")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"page": "", "problem": ""}, "Detta fält måste fyllas i."),
        ({**FEEDBACK, "problem": "   "}, "Detta fält måste fyllas i."),
        ({**FEEDBACK, "email": "inte-en-adress"}, "Fyll i en giltig e-postadress."),
        (
            {**FEEDBACK, "problem": "x" * (FEEDBACK_PROBLEM_MAX_LENGTH + 1)},
            "Säkerställ att detta värde har som mest 5000 tecken",
        ),
        ({**FEEDBACK, "page": "/" * 501}, "Säkerställ att detta värde har som mest 500 tecken"),
    ],
    ids=["empty", "blank-problem", "bad-email", "long-problem", "long-page"],
)
def test_bad_feedback_is_refused_in_swedish(client, data, message):
    response = client.post(STATEMENT, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_page_a_report_is_about_can_come_with_the_link(client):
    form = client.get(STATEMENT, {"sida": "/handlingsplan/"}).context["form"]
    assert form.initial["page"] == "/handlingsplan/"


# Refusals ---------------------------------------------------------------------------


@pytest.fixture
def case(db):
    return AccessibilityFeedback.objects.create(page="/", problem="Bilden saknar alt-text.")


def _staff_urls(case) -> list[str]:
    return [
        reverse("agreement:accessibility_edit"),
        reverse("agreement:accessibility_feedback_list"),
        reverse("agreement:accessibility_feedback", args=[case.uuid]),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ["rep_a", "forvaltningskontakt", "samverkansgruppen_member"])
def test_only_kommunkontoret_sees_and_handles_the_cases(client, request, case, actor, no_staff_mfa):
    client.force_login(request.getfixturevalue(actor))
    for url in _staff_urls(case):
        assert client.get(url).status_code == 403, url
    response = client.post(_staff_urls(case)[2], {"action": "feedback_close"})
    assert response.status_code == 403
    response = client.post(
        _staff_urls(case)[0],
        {"compliance": "helt_forenlig", "shortcomings": "Inga.", "assessed_on": "2027-01-01",
         "method": "Ingen."},
    )  # fmt: skip
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "oppen"
    assert not AccessibilityStatement.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_for_the_staff_pages(client, case):
    for url in _staff_urls(case):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.post(_staff_urls(case)[2], {"action": "feedback_close"})
    case.refresh_from_db()
    assert case.status == "oppen"


# The privacy page -------------------------------------------------------------------


@pytest.mark.django_db
def test_privacy_page_in_swedish_states_basis_retention_controller_dpo_and_imy(client, settings):
    settings.PORTAL_DATA_CONTROLLER = "Kommunstyrelsen i Exempelstad"
    settings.PORTAL_DATA_CONTROLLER_EMAIL = "ks@exempelstad.se"
    settings.PORTAL_DPO_NAME = "Dataskyddsombudet i Exempelstad"
    settings.PORTAL_DPO_EMAIL = "dso@exempelstad.se"
    page = client.get(reverse("privacy")).content.decode()
    assert "Kommunstyrelsen i Exempelstad" in page and 'href="mailto:ks@exempelstad.se"' in page
    assert "Dataskyddsombudet i Exempelstad" in page and 'href="mailto:dso@exempelstad.se"' in page
    for kind in (
        "Ditt konto",
        "Organisationers representanter",
        "Styrelsebeslut och andra inskickade handlingar",
        "Remissvar",
        "Samverkansgruppens ledamöter",
        "Anmälningar till konferensen",
        "Representanter i nätverk och partnerskap",
        "E-postloggen",
        "Inloggning och tvåstegsverifiering",
        "Historik",
        "Rapporter om tillgänglighet",
    ):
        assert f'<th scope="row">{kind}' in page, kind
    assert "Rättslig grund" in page and "Hur länge" in page
    assert "Allmänt intresse (artikel 6.1 e)" in page
    assert "Rättslig förpliktelse (artikel 6.1 c)" in page
    assert "90 dagar efter att den skickades" in page
    assert "informationshanteringsplan" in page and "arkivlagen" in page
    assert "Integritetsskyddsmyndigheten (IMY)" in page
    assert 'href="https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/"' in page


@pytest.mark.django_db
def test_privacy_page_in_english(client):
    page = english(client).get(reverse("privacy")).content.decode()
    assert '<html lang="en">' in page
    assert "<h1>How the portal handles personal data</h1>" in page
    assert "Controller (personuppgiftsansvarig)" in page
    assert "Data protection officer (dataskyddsombud)" in page
    assert "Legal basis" in page and "How long" in page
    assert "Public interest (article 6.1 e)" in page
    assert "The right to complain" in page and "Integritetsskyddsmyndigheten (IMY)" in page
