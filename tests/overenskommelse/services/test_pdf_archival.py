# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Every PDF is tagged PDF/A-2a (DOS-lagen 2018:1937, and archivable): the protokollsutdrag,
the remiss compilation and the board decision template, each made through the code path
that makes it for users and read back with pikepdf, pdffonts and pdftotext. The yearly
follow-up is checked in tests/samverkan/group/test_followup_pdf_archival.py."""

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from overenskommelse.agreement.models import RemissCompilationPdf
from overenskommelse.agreement.services import remiss as remiss_services
from overenskommelse.agreement.services.affiliation import affiliation_decision_wording
from overenskommelse.agreement.tasks import remiss_compilations_request
from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.protocols import protocols_demo_load
from overenskommelse.platform import pdf
from overenskommelse.protocols.models import Paragraph
from tests.conftest import pdf_text, response_bytes
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)
from tests.pdf_checks import pdf_archival_structure

pytestmark = pytest.mark.django_db


def _flat(pdf_bytes: bytes) -> str:
    return re.sub(r"\s+", " ", pdf_text(pdf_bytes))


def test_the_16_extract_is_tagged_pdfa_with_both_roll_calls_as_tables_with_headers(
    client, handlaggare, no_staff_mfa
):
    demo_data_load()
    protocols_demo_load()
    paragraph = Paragraph.objects.get(number=16, meeting__organ_name="Kommunfullmäktige")
    client.force_login(handlaggare)
    response = client.get(reverse("protocols:paragraph_pdf", kwargs={"uuid": paragraph.uuid}))
    assert response["Content-Type"] == "application/pdf"
    document = response_bytes(response)

    structure = pdf_archival_structure(
        document, title="Protokollsutdrag § 16 – Kommunfullmäktige 2019-01-31"
    )
    assert structure.tags["/H1"] == 1 and structure.tags["/H2"] >= 5
    # Two roll calls; WeasyPrint tags a table that goes on over a page once a page.
    assert structure.tags["/Table"] >= 2 and structure.tags["/Caption"] == 2
    # Seven column headers a roll call (repeated where a table goes on over a page),
    # a row header for each of the 65 members in both votes, and each sum row's.
    assert structure.header_scopes["/Row"] == 2 * (65 + 1)
    assert structure.header_scopes["/Column"] >= 2 * 7
    assert structure.header_scopes["/Column"] % 7 == 0
    assert set(structure.header_scopes) == {"/Row", "/Column"}
    # Every cell names its member (row) and its column: "X under Ja for Anna Ek".
    assert structure.cell_headers and all(len(h) == 2 for h in structure.cell_headers)
    assert structure.tags["/L"] >= 1 and structure.tags["/LI"] >= 1
    assert structure.figure_alts == []
    text = _flat(document)
    assert "§ 16 Överenskommelse till samverkan i Lund" in text
    assert "Med 32 ja-röster mot 27 nej-röster och 6 som avstår" in text


def test_the_remiss_compilation_the_worker_stores_is_tagged_pdfa(
    published_remiss, organisation_a, rep_a, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        remiss_services.remiss_answer_save(
            instans=published_remiss.instanser.get(organisation=organisation_a),
            actor=rep_a,
            texts={s.pk: f"Förening A om {s.heading}" for s in published_remiss.sections.all()},
            version=None,
            submit=True,
        )
    with (
        time_machine.travel(at(2021, 3, 1, 0, 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert remiss_compilations_request() == 1  # the worker renders and stores it
    with RemissCompilationPdf.objects.get(remiss=published_remiss).file.open("rb") as stored:
        document = stored.read()

    structure = pdf_archival_structure(
        document, title="Sammanställning av remissvar – Remiss handlingsplan Lunds Överenskommelse"
    )
    sections = published_remiss.sections.count()
    assert structure.tags["/H1"] == 1
    assert structure.tags["/H2"] == sections + 2  # each section, who answered, who did not
    assert structure.tags["/H3"] >= sections  # Förening A under each section
    assert structure.tags["/L"] == 2 and structure.tags["/LI"] >= 2
    text = _flat(document)
    for section in published_remiss.sections.all():
        assert f"Förening A om {section.heading}" in text
    assert "Kultur- och fritidsnämnden" in text


def test_the_board_decision_template_is_tagged_pdfa_in_the_language_of_the_page(
    client, rep_a, organisation_a
):
    client.force_login(rep_a)
    url = reverse("agreement:affiliation_protocol_template", kwargs={"slug": organisation_a.slug})
    document = response_bytes(client.get(url))

    structure = pdf_archival_structure(document, title="Protokollsutdrag – Förening A")
    assert structure.tags["/H1"] == 1 and structure.tags["/H2"] == 1
    assert structure.tags["/H3"] == 3  # decision, adjustment, certification
    assert structure.tags["/L"] == 1  # the facts to fill in: date, §, place
    assert "Styrelsen beslutar att ansluta Förening A" in _flat(document)

    # In English the document says so, for a screen reader to read it in English.
    with translation.override("en"):
        english = pdf.pdf_render(
            "agreement/pdf/affiliation_decision.html",
            {
                "organisation": organisation_a,
                "decision": affiliation_decision_wording(organisation=organisation_a),
            },
        )
    pdf_archival_structure(english, title="Extract from the minutes – Förening A", lang="en")


def test_the_fetcher_refuses_paths_outside_the_static_files():
    fetcher = pdf.StaticOnlyFetcher()
    for url in (
        "static:../../../../etc/passwd",
        "static:/etc/passwd",
        "static:%2e%2e/%2e%2e/etc/passwd",
        "file:///etc/passwd",
        "https://example.se/logo.png",
        "ftp://example.se/x",
    ):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def test_a_template_cannot_pull_a_local_file_into_the_pdf(tmp_path):
    # Were the file read, its stylesheet would print its word on the page.
    secret = tmp_path / "secret.css"
    secret.write_text('body::after { content: "HEMLIGT"; }')
    html = (
        '<html lang="sv"><head><title>t</title>'
        f'<link rel="stylesheet" href="{secret.as_uri()}"></head><body>'
        f'<p>Synlig</p><img src="{secret.as_uri()}" alt="x">'
        f'<object data="{secret.as_uri()}"></object>'
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{secret.as_uri()}"/></svg>'
        "</body></html>"
    )
    text = pdf_text(pdf.pdf_from_html(html))
    assert "Synlig" in text and "HEMLIGT" not in text
    # The check can see a stylesheet that is let in:
    allowed = html.replace(secret.as_uri(), "data:text/css,p::after{content:'OK'}", 1)
    assert "SynligOK" in pdf_text(pdf.pdf_from_html(allowed))
