"""Recording decisions: the § 16 extract, roll-call rules and § numbers."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from overenskommelse import demo_protocols
from overenskommelse.models import Ballot, Paragraph, ProtocolMember
from overenskommelse.pdf import pdf_render
from overenskommelse.selectors.history import history_for
from overenskommelse.selectors.protocols import paragraph_extract
from overenskommelse.services import protocols as services
from overenskommelse.services.demo import demo_data_load
from overenskommelse.services.demo_protocols import protocols_demo_load
from tests.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    demo_data_load()
    return protocols_demo_load()


@pytest.fixture
def paragraph_16(demo) -> Paragraph:
    return Paragraph.objects.get(number=16, meeting__organ_name="Kommunfullmäktige")


def _pdf_of(paragraph: Paragraph) -> str:
    return pdf_text(
        pdf_render(
            "overenskommelse/pdf/protokollsutdrag.html", paragraph_extract(paragraph=paragraph)
        )
    )


def test_the_seed_roll_calls_count_back_to_the_protocol():
    rows = demo_protocols.KF_2019_01_31_ROLL_CALL
    assert len(rows) == 65
    assert [sum(r.preliminary == c for r in rows) for c in ("ja", "nej", "avstar")] == [28, 6, 31]
    assert [sum(r.main == c for r in rows) for c in ("ja", "nej", "avstar")] == [32, 27, 6]


def test_paragraph_16_extract_pdf_shows_header_votes_att_satser_and_adjusters(paragraph_16):
    text = _pdf_of(paragraph_16)
    flat = " ".join(text.split())
    assert "Kommunfullmäktige" in text and "Lunds kommun" in text
    assert "Protokollsutdrag" in text
    assert "Sammanträdesdatum: 2019-01-31" in flat
    assert "§ 16 Överenskommelse till samverkan i Lund" in flat
    assert "Dnr KS 2016/0688" in flat
    # Both roll calls with their sums, counted from the ballots.
    sums = re.findall(r"Summa\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", text)
    assert sums == [("28", "6", "31", "0"), ("32", "27", "6", "0")]
    assert "Med 28 ja-röster mot 6 nej-röster och 31 som avstår" in flat
    assert "Med 32 ja-röster mot 27 nej-röster och 6 som avstår" in flat
    assert "Eleni Rezaïi Liakou" in text and "Sebastian Persson" in text
    # The decision and its att-satser.
    assert "Kommunfullmäktige beslutar" in flat
    assert "att anta förslaget till Lunds Överenskommelse," in flat
    assert (
        "att ge kommunstyrelsen i uppdrag att ansvara för samordningen av genomförandet av "
        "Lunds Överenskommelse." in flat
    )
    assert "Justerare" in text
    assert "Lars V Andersson (C)" in text and "Lennart Prytz (S)" in text
    assert "Utdragsbestyrkande" in text
    assert "Reservationer" in text and "Beslutet skickas till" in text
    assert "Sida 1 (av" in text


def test_sums_follow_the_roll_call_not_a_typed_number(paragraph_16):
    main = paragraph_16.divisions.get(position=2)
    ballot = main.ballots.get(member__name="Mats Helmfrid")
    Ballot.objects.filter(pk=ballot.pk).update(choice=Ballot.Choice.NO)
    extract = paragraph_extract(paragraph=paragraph_16)
    assert (extract["divisions"][1].yes, extract["divisions"][1].no) == (31, 28)


def test_demo_load_is_idempotent(demo):
    counts = (Paragraph.objects.count(), Ballot.objects.count(), ProtocolMember.objects.count())
    protocols_demo_load()
    assert counts == (
        Paragraph.objects.count(),
        Ballot.objects.count(),
        ProtocolMember.objects.count(),
    )
    assert counts[1] == 130
    assert set(Paragraph.objects.values_list("number", "case_number")) == {
        (16, "KS 2016/0688"),
        (442, "KS 2020/0882"),
        (246, "KSN-2020-02097"),
    }


# Recording ---------------------------------------------------------------------


@pytest.fixture
def meeting(handlaggare):
    meeting = services.protocol_meeting_create(
        actor=handlaggare,
        organ_name="Samverkansgruppen",
        date=__import__("datetime").date(2026, 11, 20),
    )
    services.protocol_members_add(
        meeting=meeting,
        actor=handlaggare,
        text="Anna Ek (S)\nBo Ek (M) / Cia Ek (M)\nDan Ek (V) / frånvarande",
    )
    return meeting


@pytest.fixture
def paragraph(meeting, handlaggare):
    return services.paragraph_create(
        meeting=meeting, actor=handlaggare, number=5, title="Uppföljning", clauses=["att godkänna"]
    )


def _members(meeting):
    return {m.name: m for m in meeting.members.all()}


def test_a_member_line_reads_substitutes_and_absence(meeting):
    members = _members(meeting)
    assert members["Anna Ek"].may_vote and members["Anna Ek"].party == "S"
    assert members["Bo Ek"].substitute_name == "Cia Ek" and members["Bo Ek"].may_vote
    assert not members["Dan Ek"].may_vote


def test_a_bad_member_line_is_refused_in_swedish(meeting, handlaggare):
    with pytest.raises(ValidationError, match="Rad 1"):
        services.protocol_members_add(meeting=meeting, actor=handlaggare, text="Eva (S) (M)")


def test_a_member_voting_twice_is_refused(paragraph, handlaggare, meeting):
    anna = _members(meeting)["Anna Ek"]
    with pytest.raises(ValidationError, match="har redan röstat"):
        services.division_record(
            paragraph=paragraph,
            actor=handlaggare,
            yes_means="bifall",
            no_means="avslag",
            ballots=[(anna, "ja"), (anna, "nej")],
        )
    assert not paragraph.divisions.exists()
    division = services.division_record(
        paragraph=paragraph, actor=handlaggare, yes_means="b", no_means="a", ballots=[(anna, "ja")]
    )
    with pytest.raises(ValidationError, match="har redan röstat"):
        services.ballot_cast(division=division, member=anna, choice="nej")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(division=division, member=anna, choice="nej")


def test_an_absent_member_cannot_vote_but_a_serving_substitute_can(paragraph, handlaggare, meeting):
    members = _members(meeting)
    with pytest.raises(ValidationError, match="inte närvarande"):
        services.division_record(
            paragraph=paragraph,
            actor=handlaggare,
            yes_means="bifall",
            no_means="avslag",
            ballots=[(members["Dan Ek"], "ja")],
        )
    division = services.division_record(
        paragraph=paragraph,
        actor=handlaggare,
        yes_means="bifall",
        no_means="avslag",
        ballots=[
            (members["Anna Ek"], "ja"),
            (members["Bo Ek"], "nej"),
            (members["Dan Ek"], "franvarande"),
        ],
    )
    extract = paragraph_extract(paragraph=paragraph)["divisions"][0]
    assert (extract.yes, extract.no, extract.abstain, extract.absent) == (1, 1, 0, 1)
    assert division.ballots.count() == 3
    assert [e.action for e in history_for(subject=paragraph)] == [
        "division_recorded",
        "paragraph_recorded",
    ]


def test_a_member_of_another_meeting_cannot_vote(paragraph, handlaggare):
    other = services.protocol_meeting_create(
        actor=handlaggare,
        organ_name="Kommunstyrelsen",
        date=__import__("datetime").date(2026, 1, 1),
    )
    (stranger,) = services.protocol_members_add(meeting=other, actor=handlaggare, text="X Y (L)")
    with pytest.raises(ValidationError, match="inte med på detta sammanträde"):
        services.division_record(
            paragraph=paragraph,
            actor=handlaggare,
            yes_means="b",
            no_means="a",
            ballots=[(stranger, "ja")],
        )


def test_a_paragraph_number_used_twice_in_one_meeting_is_refused(paragraph, meeting, handlaggare):
    with pytest.raises(ValidationError, match="§ 5 finns redan"):
        services.paragraph_create(
            meeting=meeting, actor=handlaggare, number=5, title="Annat", clauses=["att x"]
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Paragraph.objects.create(meeting=meeting, number=5, title="Dubblett")


def test_a_decision_needs_an_att_sats(meeting, handlaggare):
    with pytest.raises(ValidationError, match="minst en att-sats"):
        services.paragraph_create(
            meeting=meeting, actor=handlaggare, number=6, title="T", clauses=[" "]
        )
