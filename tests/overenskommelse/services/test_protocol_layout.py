"""The protokollsutdrag reads like the seeds' protocols: read back with pdftotext.

The head of every page carries the municipality, the organ, the sammanträdesdatum and
the §; the foot of every page "Justerandes signatur", "Utdragsbestyrkande" and the page
as "1 (2)". The municipality is the meeting's own, never the portal's."""

import datetime as dt
import re

import pytest

from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.protocols import protocols_demo_load
from overenskommelse.platform.pdf import pdf_render
from overenskommelse.protocols.models import Paragraph
from overenskommelse.protocols.selectors.protocols import paragraph_extract
from overenskommelse.protocols.services import protocols as services
from tests.conftest import pdf_text

pytestmark = pytest.mark.django_db


def _pages(paragraph: Paragraph) -> list[str]:
    pdf = pdf_render("protocols/pdf/protokollsutdrag.html", paragraph_extract(paragraph=paragraph))
    pages = pdf_text(pdf).split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


@pytest.fixture
def demo(db):
    demo_data_load()
    protocols_demo_load()


@pytest.fixture
def long_extract(handlaggare) -> Paragraph:
    """A § of another municipality's organ long enough for three pages or more."""
    meeting = services.protocol_meeting_create(
        actor=handlaggare,
        organ_name="Kommunfullmäktige",
        organ_kind="kommunfullmaktige",
        municipality_name="Eslövs kommun",
        date=dt.date(2026, 3, 2),
        start_time=dt.time(18),
        end_time=dt.time(21, 30),
        place="Medborgarhuset",
        secretary="Eva Ek",
        adjusters="Anna Ek (S)\nBo Berg (M)",
        adjustment_place_time="Stadshuset, 2026-03-09 kl. 10.00",
        adjusted_on=dt.date(2026, 3, 9),
        paragraph_span="§ 1-20",
        notice_posted_on=dt.date(2026, 3, 10),
        notice_removed_on=dt.date(2026, 4, 1),
        protocol_kept_at="Stadshuset, Eslöv",
    )
    return services.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=12,
        title="Föreningsstöd",
        decision_intro="Kommunfullmäktige beslutar",
        clauses=["att anta reglerna."],
        summary="\n\n".join(
            f"Stycke {n}. " + "Ett långt underlag om föreningsstöd. " * 30 for n in range(8)
        ),
        sent_to="Kommunstyrelsen\nAkten",
    )


def test_every_page_of_a_long_extract_has_the_head_and_the_foot(long_extract):
    pages = _pages(long_extract)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "Eslövs kommun" in page and "Kommunfullmäktige" in page
        assert "Protokollsutdrag" in page and "Sammanträdesdatum: 2026-03-02" in page
        assert "§ 12" in page
        assert "Justerandes signatur" in page and "Utdragsbestyrkande" in page
        assert f"{number} ({len(pages)})" in page
        assert "Lunds kommun" not in page


def test_the_extract_has_place_and_time_recipients_and_a_full_notice_block(long_extract):
    text = " ".join(_pages(long_extract))
    assert "Plats och tid Medborgarhuset, 2026-03-02 klockan 18.00–21.30" in text
    assert "Beslut expedieras till Kommunstyrelsen Akten" in text
    notice = text[text.index("ANSLAG/BEVIS") :]
    for expected in (
        "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
        "Organ Kommunfullmäktige, Eslövs kommun",
        "Sammanträdesdatum 2026-03-02",
        "Paragrafer § 1-20",
        "Datum då anslaget sätts upp 2026-03-10",
        "Datum då anslaget tas ned 2026-04-01",
        "Förvaringsplats för protokollet Stadshuset, Eslöv",
        "Underskrift Eva Ek",
    ):
        assert expected in notice
    # Three weeks from the anslag of 2026-03-10 (the label may wrap around the date).
    assert re.search(r"Sista dag för överklagande (\(laglighetsprövning\) )?2026-03-31", notice)
    assert "Justeringsdatum 2026-03-09" in text


def test_the_roll_call_keeps_the_seeds_columns(demo):
    paragraph = Paragraph.objects.get(number=16)
    text = " ".join(_pages(paragraph))
    assert text.count("Ledamöter Parti Ersättare Ja Nej Avst Frånv") >= 2


def test_uppsalas_246_is_uppsalas_and_a_proposal(demo):
    paragraph = Paragraph.objects.get(number=246)
    pages = _pages(paragraph)
    text = " ".join(pages)
    assert "Lunds kommun" not in text
    for page in pages:
        assert "Uppsala kommun" in page and "Kommunstyrelsens arbetsutskott" in page
        assert "Sammanträdesdatum: 2020-08-18" in page and "§ 246" in page
    assert (
        "Förslag till beslut Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen besluta"
        in (text)
    )
    assert "att delta i Sveriges kommuner och regioners utvecklingsnätverk Samhällskontrakt" in text
    assert "Dnr KSN-2020-02097" in text and "Beslutsgång" in text
    # Seed 000 gives no anslag: the block is there, with nothing made up.
    assert "ANSLAG/BEVIS" in text and "Datum då anslaget sätts upp –" in text
    assert "Protokollet är justerat" not in text


def test_the_web_page_of_246_shows_the_proposal_and_no_lunds_kommun(demo, client):
    paragraph = Paragraph.objects.get(number=246)
    html = client.get(f"/protokoll/paragraf/{paragraph.uuid}/").content.decode()
    assert "Förslag till beslut" in html and "Uppsala kommun" in html
    assert "Sista dag för överklagande (laglighetsprövning)" in html
    extract = html[html.index('<article class="extract">') :]
    assert "Lunds kommun" not in extract
