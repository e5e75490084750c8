"""A remiss round in real Chromium: kommunkontoret creates and publishes a remiss, an
association saves a draft and submits, gets a receipt, and kommunkontoret reads the
answer in the compilation page and PDF. The main remiss pages and the handlingsplan
pass axe-core."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from overenskommelse.accounts.models import Role
from overenskommelse.agreement.models import Remiss, RemissAnswer
from overenskommelse.demo.load.foundation import demo_data_load
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

TODAY = timezone.localdate()
HEADINGS = ["Sammanfattning av synpunkterna", "Samverkansområden", "Processen för samverkan"]


def log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("E-post").first.fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile("/mina-sidor/"))


def log_out(page):
    page.get_by_role("navigation", name="Konto").get_by_role("button", name="Logga ut").click()


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


def test_create_publish_answer_and_compile(live_server, page, no_staff_mfa, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    demo_data_load()
    staff = user_with_role(Role.HANDLAGGARE, email="hanna@kommun.example.se")
    organisation = OrganisationFactory(name="Lunds Schackklubb Åttan")
    AffiliationFactory(organisation=organisation)
    representative = UserFactory(email="styrelsen@schack.example.se")
    RepresentationFactory(user=representative, organisation=organisation)

    # 1. Kommunkontoret creates the remiss.
    log_in(page, live_server, staff.email)
    page.goto(live_server.url + "/remisser/ny/")
    page.locator("#id_title").fill("Remiss om handlingsplanen")
    page.locator("#id_case_number").fill("KS 2026/0101")
    page.locator("#id_opens_on").fill(TODAY.isoformat())
    page.locator("#id_closes_on").fill((TODAY + datetime.timedelta(days=30)).isoformat())
    page.locator("#id_instructions").fill("Svara enligt dispositionen.")
    page.locator("#id_disposition").fill("\n".join(HEADINGS))
    meeting_day = (TODAY + datetime.timedelta(days=7)).isoformat()
    page.locator("#id_meetings").fill(f"{meeting_day} 18:00-19:30")
    page.locator("#id_contact_name").fill("Ulrika Dagård")
    page.get_by_role("button", name="Spara remissen").click()

    # 2. It chooses the instanser and publishes.
    expect(page.locator("h1")).to_have_text("Välj remissinstanser")
    page.locator("#id_all_affiliated").check()
    page.get_by_role("button", name="Lägg till de valda").click()
    expect(page.locator("main")).to_contain_text("Lunds Schackklubb Åttan")
    page.get_by_role("button", name="Publicera och bjud in instanserna").click()
    expect(page.locator("main")).to_contain_text("Remissen är publicerad")
    remiss = Remiss.objects.get(case_number="KS 2026/0101")
    assert remiss.status == Remiss.Status.PUBLISHED
    assert any(m.to == [representative.email] for m in mail.outbox)  # the invitation
    page.goto(live_server.url + "/remisser/")
    assert_accessible(page)
    page.goto(live_server.url + f"/remisser/{remiss.uuid}/")
    assert_accessible(page)
    log_out(page)

    # 3. The association finds it under "Mina sidor", saves a draft, then submits.
    log_in(page, live_server, representative.email)
    mine = page.locator("section", has=page.get_by_role("heading", name="Öppna remisser"))
    expect(mine).to_contain_text("Remiss om handlingsplanen")
    expect(mine).to_contain_text("Inte påbörjat")
    mine.get_by_role("link", name="Skriv svaret").click()
    page.get_by_role("button", name="Skicka in svaret").wait_for()
    assert_accessible(page)
    fields = page.locator("main textarea")
    expect(fields).to_have_count(3)
    fields.nth(0).fill("Schackklubben stöder planen i stort.")
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.locator("main")).to_contain_text("Utkastet är sparat")
    assert RemissAnswer.objects.get().status == RemissAnswer.Status.DRAFT
    # The error state: an attachment that is not a PDF or an image.
    page.locator("#id_attachment").set_input_files(
        {"name": "virus.exe", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 not a pdf"}
    )
    page.get_by_role("button", name="Spara som utkast").click()
    expect(page.locator("main .errorlist").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_attachment").set_input_files([])
    page.locator("main textarea").nth(2).fill("Fler mötesplatser för unga.")
    mail.outbox.clear()
    page.get_by_role("button", name="Skicka in svaret").click()
    expect(page.locator("main")).to_contain_text("Ert svar är inskickat")
    answer = RemissAnswer.objects.get()
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.submitted_by == representative
    receipts = [m for m in mail.outbox if representative.email in m.to]
    assert (
        len(receipts) == 1 and "Remiss om handlingsplanen" in receipts[0].subject + receipts[0].body
    )
    log_out(page)

    # 4. Kommunkontoret reads it in the compilation and its PDF.
    log_in(page, live_server, staff.email)
    page.goto(live_server.url + f"/remisser/{remiss.uuid}/")
    page.get_by_role("link", name="Sammanställning av remissvar").click()
    main = page.locator("main")
    expect(main).to_contain_text("Schackklubben stöder planen i stort.")
    expect(main).to_contain_text("Lunds Schackklubb Åttan")
    assert_accessible(page)
    link = page.get_by_role("link", name=re.compile("PDF"))
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = re.sub(r"\s+", " ", pdf_text(response.body()))
    for heading in HEADINGS:
        assert heading in text
    assert "Schackklubben stöder planen i stort." in text
    assert "Fler mötesplatser för unga." in text
    with open("var/test-artifacts/remiss_compilation.pdf", "wb") as out:
        out.write(response.body())

    # 5. The handlingsplan page; kommunkontoret uploads the plan's PDF (a file that is
    # not a PDF is refused on the page first).
    page.goto(live_server.url + "/handlingsplan/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ladda upp planens PDF").click()
    page.locator("#id_file").set_input_files(
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"inte en pdf"}
    )
    page.get_by_role("button", name="Ladda upp", exact=True).click()
    expect(page.locator("main .errorlist").first).to_contain_text("Filens innehåll")
    assert_accessible(page)
    page.locator("#id_title").fill("Antagen handlingsplan")
    page.locator("#id_file").set_input_files(
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n%%EOF\n"}
    )
    page.get_by_role("button", name="Ladda upp", exact=True).click()
    expect(page.locator("main")).to_contain_text("Handlingsplanens PDF är uppladdad.")
    link = page.get_by_role("link", name="Antagen handlingsplan (PDF)")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    page.goto(live_server.url + f"/remisser/{remiss.uuid}/sammanstallning/")
