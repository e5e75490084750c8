"""Faults through the deployed tier: the portal's Redis stops (SIGTERM, as a service
manager stops it) while people use the site, then starts again, empty.

While it is down, a visitor reads the start page, the register, its CSV and a public
PDF; the föreningsrepresentant logs in, opens Mina sidor, submits an affiliation
application with its signed protocol and a remiss answer. Nothing may answer 5xx,
both submissions must be stored, and their mail must wait in the outbox. Once Redis is
back, the worker and beat reconnect by themselves, and every waiting mail reaches the
SMTP server exactly once (the outbox-flush beat entry runs every minute).
"""

import re
import time
from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.conftest import pdf_text
from tests.deployed.browser import REPRESENTATIVE, ServerErrors, log_in
from tests.processes import wait_until

pytestmark = pytest.mark.e2e

PIL = "Paraplyorganisationen för idrottsföreningar i Lund (PIL)"
SIGNED = b"%PDF-1.4\n% signed board protocol of Driftsatta foreningen\n%%EOF\n"
DELIVERY_TIMEOUT = 150  # a flush a minute, the worker's reconnect back-off, the grace


def _server_errors_logged(deployed, since: int) -> list[str]:
    """gunicorn's access log lines with a 5xx status, written after offset `since`."""
    lines = deployed.web.log_text()[since:].splitlines()
    return [line for line in lines if re.search(r'" 5\d\d ', line)]


def _outbox_since(deployed, since) -> list[tuple]:
    """(uuid, status, recipients, subject) of the outbox rows written since `since`."""
    return deployed.sql(
        'SELECT uuid::text, status, "to", subject FROM platform_outboxmessage'
        " WHERE created_at >= %s ORDER BY id",
        [since],
    )


def test_redis_down_loses_nothing_and_mail_goes_out_once_when_it_is_back(deployed, page):
    base = deployed.url
    scenario = deployed.scenario
    errors = ServerErrors(page)
    (started,) = deployed.sql("SELECT now()")[0]
    web_from = len(deployed.web.log_text())
    mails_before = len(deployed.smtp.received)

    deployed.redis.stop()
    try:
        # A visitor's page views.
        assert page.goto(base + "/").status == 200
        expect(page).to_have_title(re.compile("Överenskommelsen"))
        assert page.goto(base + "/foreningsregistret/").status == 200
        expect(page.locator("main")).to_contain_text(PIL)
        csv = page.request.get(base + "/foreningsregistret.csv")
        assert csv.status == 200 and PIL in csv.text()
        page.goto(base + "/protokoll/")
        page.get_by_role("link", name=re.compile("Överenskommelse till samverkan i Lund")).click()
        href = page.get_by_role("link", name="Ladda ner utdraget (PDF)").get_attribute("href")
        pdf = page.request.get(base + href)
        assert pdf.status == 200 and "civila samhället" in pdf_text(pdf.body())

        # The föreningsrepresentant logs in and reaches Mina sidor.
        log_in(page, base, REPRESENTATIVE)
        expect(page).to_have_url(base + "/mina-sidor/")
        expect(page.locator("main")).to_contain_text("Driftsatta föreningen")

        # An affiliation application with its signed protocol.
        page.goto(base + f"/organisationer/{scenario['applicant_slug']}/anslutning/")
        page.locator("#id_meeting_date").fill("2026-11-02")
        page.locator("#id_paragraph").fill("7")
        page.locator("#id_protocol").set_input_files(
            {"name": "protokoll.pdf", "mimeType": "application/pdf", "buffer": SIGNED}
        )
        page.locator("#id_conditions_confirmed").check()
        page.get_by_role("button", name="Skicka ansökan").click()
        expect(page.locator("main")).to_contain_text("Ansökan är skickad")

        # A remiss answer, submitted.
        page.goto(base + f"/remisser/svar/{scenario['answer_instans']}/")
        page.get_by_label("1. Sammanfattning").fill("PIL svarar medan Redis är nere.")
        page.get_by_role("button", name="Skicka in svaret").click()
        expect(page.locator("main")).to_contain_text("Ert svar är inskickat")

        assert errors.seen == [], errors.seen
        assert _server_errors_logged(deployed, web_from) == []

        # Stored: the application with its file, the answer with its text.
        (application,) = deployed.sql(
            "SELECT a.status, a.protocol FROM agreement_affiliationapplication a"
            " JOIN agreement_organisation o ON o.id = a.organisation_id WHERE o.slug = %s",
            [scenario["applicant_slug"]],
        )
        assert application[0] == "inskickad"
        assert (deployed.folder / "protected" / application[1]).read_bytes() == SIGNED
        answer = deployed.sql(
            "SELECT a.status, t.text FROM agreement_remissanswer a"
            " JOIN agreement_remissinstans i ON i.id = a.instans_id"
            " JOIN agreement_remissanswertext t ON t.answer_id = a.id"
            " WHERE i.uuid = %s AND t.text <> ''",
            [scenario["answer_instans"]],
        )
        assert answer == [("inskickat", "PIL svarar medan Redis är nere.")]

        # Their mail waits in the outbox; nothing has left.
        waiting = _outbox_since(deployed, started)
        assert waiting, "the submissions' mail is in the outbox"
        assert {status for _, status, _to, _subject in waiting} == {"vantar"}
        assert any(REPRESENTATIVE in to for _, _status, to, _subject in waiting), waiting
        assert len(deployed.smtp.received) == mails_before
    finally:
        if not (deployed.redis.process and deployed.redis.process.running):
            deployed.redis.start()

    # Redis is back: every waiting mail is delivered, each exactly once (the
    # Message-ID is made from the outbox row's uuid, the same on every attempt).
    uuids = {row[0] for row in waiting}

    def all_sent() -> bool:
        statuses = {u: status for u, status, _to, _subject in _outbox_since(deployed, started)}
        return all(statuses[u] == "skickat" for u in uuids)

    assert wait_until(all_sent, DELIVERY_TIMEOUT, interval=1), _outbox_since(deployed, started)
    time.sleep(3)  # a second delivery, were there one, would be on its way by now
    delivered = Counter(
        m.message["Message-ID"].strip("<>").split("@")[0]
        for m in deployed.smtp.received[mails_before:]
    )
    assert {u: delivered[u] for u in uuids} == dict.fromkeys(uuids, 1)
    for u, _status, to, subject in waiting:
        (mail,) = [
            m for m in deployed.smtp.received if m.message["Message-ID"].startswith(f"<{u}@")
        ]
        assert (sorted(mail.recipients), mail.subject) == (sorted(to), subject)
    assert errors.seen == []
