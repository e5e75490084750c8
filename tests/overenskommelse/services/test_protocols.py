"""Recording decisions: the § 16 extract, roll-call rules and § numbers."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from overenskommelse.demo.data import protocols as demo_protocols
from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.protocols import protocols_demo_load
from overenskommelse.platform.pdf import pdf_render
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.protocols.models import (
    Ballot,
    Division,
    Paragraph,
    ProtocolMeeting,
    ProtocolMember,
)
from overenskommelse.protocols.selectors.protocols import paragraph_extract
from overenskommelse.protocols.services import protocols as services
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
        pdf_render("protocols/pdf/protokollsutdrag.html", paragraph_extract(paragraph=paragraph))
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
    assert "Reservationer" in text and "Beslut expedieras till" in text
    assert "1 (7)" in text


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
    with pytest.raises(ValidationError) as refused:
        services.ballot_cast(division=division, member=anna, choice="nej")
    assert refused.value.messages == ["Anna Ek (S) har redan röstat i denna omröstning."]
    assert list(division.ballots.values_list("choice", flat=True)) == ["ja"]
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


# The rules one at a time, with their exact Swedish reasons ------------------------------


def _refused(call, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.messages


def test_member_lines_read_party_substitute_and_the_absent_words():
    parsed = services.protocol_member_lines_parse(
        "  Anna Ek  ( S )  \n\nBo Ek / Cia Ek\nDan Ek (V) / Frånvarande\n"
        "Eva Ek (L)/franvarande\nFia Ek (C) / ABSENT\nGus Ek (KD) / Hugo Ek ( KD )"
    )
    assert parsed == [
        services.MemberLine("Anna Ek", "S"),
        services.MemberLine("Bo Ek", "", False, "Cia Ek", ""),
        services.MemberLine("Dan Ek", "V", False),
        services.MemberLine("Eva Ek", "L", False),
        services.MemberLine("Fia Ek", "C", False),
        services.MemberLine("Gus Ek", "KD", False, "Hugo Ek", "KD"),
    ]
    for nothing in (None, "", " \n "):  # a form field left out, or blank
        with pytest.raises(ValidationError) as refused:
            services.protocol_member_lines_parse(nothing)
        assert refused.value.messages == ["Skriv minst en person, en per rad."]


def test_a_bad_line_is_named_by_its_number_counting_blank_lines():
    assert _refused(services.protocol_member_lines_parse, text="Anna (S)\n\n(M)") == [
        "Rad 3 (”(M)”) är inte skriven som ”Namn (Parti)”."
    ]
    assert _refused(services.protocol_member_lines_parse, text="Anna (S) / Bo (M) (L)") == [
        "Rad 1: ersättaren ”Bo (M) (L)” är inte skriven som ”Namn (Parti)”."
    ]
    assert _refused(services.protocol_member_lines_parse, text=" \n  ") == [
        "Skriv minst en person, en per rad."
    ]


@pytest.mark.parametrize(
    ("line", "ok"),
    [
        ("N" * 200 + " (" + "P" * 20 + ")", True),
        ("N" * 201 + " (S)", False),
        ("Anna (" + "P" * 21 + ")", False),
        ("Anna (S) / " + "N" * 201 + " (S)", False),
        ("Anna (S) / Bo (" + "P" * 21 + ")", False),
    ],
)
def test_a_name_or_party_longer_than_its_column_is_refused(line, ok):
    if ok:
        assert len(services.protocol_member_lines_parse(line)) == 1
    else:
        assert _refused(services.protocol_member_lines_parse, text=line) == [
            "Rad 1 är för lång: ett namn har högst 200 tecken och ett parti högst 20."
        ]


def test_a_meeting_is_stored_with_its_defaults_and_recorded(handlaggare, forvaltning):
    import datetime as dt

    meeting = services.protocol_meeting_create(
        actor=handlaggare,
        date=dt.date(2026, 5, 4),
        body=forvaltning,
        start_time=dt.time(18),
        end_time=dt.time(18),
        notice_posted_on=dt.date(2026, 5, 10),
        notice_removed_on=dt.date(2026, 5, 31),
        adjusters=" Anna Ek \n\n Bo Ek ",
        place="Stadshuset",
    )
    stored = ProtocolMeeting.objects.get(pk=meeting.pk)
    assert (stored.organ_name, stored.municipality_name, stored.body) == (
        forvaltning.name,
        "Lunds kommun",
        forvaltning,
    )
    assert (stored.adjusters, stored.place, stored.created_by) == (
        "Anna Ek\nBo Ek",
        "Stadshuset",
        handlaggare,
    )
    assert (stored.start_time, stored.end_time) == (dt.time(18), dt.time(18))
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor) == ("protocol_meeting_created", handlaggare)
    other = services.protocol_meeting_create(
        actor=handlaggare,
        date=dt.date(2026, 5, 4),
        body=forvaltning,
        organ_name=" Samverkansgruppen ",
        municipality_name=" Eslövs kommun ",
    )
    assert (other.organ_name, other.municipality_name, other.created_by) == (
        "Samverkansgruppen",
        "Eslövs kommun",
        handlaggare,
    )
    unset = ProtocolMeeting.objects.get(pk=other.pk)
    texts = ("time_note", "place", "chair", "secretary", "adjusters")
    more = ("adjustment_place_time", "paragraph_span", "protocol_kept_at")
    assert [getattr(unset, name) for name in (*texts, *more)] == [""] * 8
    assert (unset.notice_posted_on, unset.notice_removed_on) == (None, None)


def test_a_meeting_keeps_every_detail_it_is_given(handlaggare, forvaltning):
    import datetime as dt

    details = {
        "time_note": "Ajournering 19.00–19.15",
        "place": "Stadshuset, Lund",
        "chair": "Anna Ek (S)",
        "secretary": "Bo Ek",
        "adjustment_place_time": "Stadshuset 2026-05-08",
        "paragraph_span": "§§ 1–12",
        "protocol_kept_at": "Kommunkontoret",
    }
    meeting = services.protocol_meeting_create(
        actor=handlaggare,
        date=dt.date(2026, 5, 4),
        body=forvaltning,
        notice_posted_on=dt.date(2026, 5, 9),
        notice_removed_on=dt.date(2026, 5, 31),
        **details,
    )
    stored = ProtocolMeeting.objects.get(pk=meeting.pk)
    assert {name: getattr(stored, name) for name in details} == details
    assert (stored.notice_posted_on, stored.notice_removed_on) == (
        dt.date(2026, 5, 9),
        dt.date(2026, 5, 31),
    )


def test_a_meeting_needs_an_organ_and_times_and_notice_in_order(handlaggare):
    import datetime as dt

    day = dt.date(2026, 5, 4)
    create = services.protocol_meeting_create
    assert _refused(create, actor=handlaggare, date=day, organ_name="  ") == [
        "Välj ett organ eller skriv dess namn."
    ]
    assert _refused(
        create,
        actor=handlaggare,
        date=day,
        organ_name="KS",
        start_time=dt.time(18),
        end_time=dt.time(17, 59),
    ) == ["Sammanträdet kan inte sluta innan det börjar."]
    assert _refused(
        create,
        actor=handlaggare,
        date=day,
        organ_name="KS",
        notice_posted_on=dt.date(2026, 5, 10),
        notice_removed_on=dt.date(2026, 5, 9),
    ) == ["Anslaget ska sitta uppe i minst tre veckor: det kan tas ned tidigast 2026-05-31."]
    assert not ProtocolMeeting.objects.exists()
    # Only a start, or only a posting date, is fine.
    create(actor=handlaggare, date=day, organ_name="KS", start_time=dt.time(18))
    create(actor=handlaggare, date=day, organ_name="KS", notice_removed_on=dt.date(2026, 5, 9))


def test_people_are_added_after_those_there_are_and_recorded(meeting, handlaggare):
    added = services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="Eva Ek (L)\nFia Ek"
    )
    assert [(m.position, m.name, m.party, m.kind) for m in added] == [
        (4, "Eva Ek", "L", ProtocolMember.Kind.MEMBER),
        (5, "Fia Ek", "", ProtocolMember.Kind.MEMBER),
    ]
    others = services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="Gus Ek", kind=ProtocolMember.Kind.OTHER
    )
    assert [(m.position, m.kind) for m in others] == [(1, ProtocolMember.Kind.OTHER)]
    entry = history_for(subject=meeting).filter(action="protocol_members_added").first()
    assert (entry.actor, entry.changes) == (handlaggare, {"members": [None, ["Gus Ek"]]})
    dan = meeting.members.get(name="Dan Ek")
    assert (dan.is_present, dan.substitute_name) == (False, "")
    bo = meeting.members.get(name="Bo Ek")
    assert (bo.is_present, bo.substitute_name, bo.substitute_party) == (False, "Cia Ek", "M")


def test_a_person_listed_twice_is_refused(meeting, handlaggare):
    add = services.protocol_members_add
    assert _refused(add, meeting=meeting, actor=handlaggare, text="Anna Ek (S)") == [
        "Anna Ek finns redan med på detta sammanträde."
    ]
    assert _refused(add, meeting=meeting, actor=handlaggare, text="Eva (L)\nEva (L)") == [
        "Eva finns redan med på detta sammanträde."
    ]
    # The same name in another party, or among the substitutes, is someone else.
    add(meeting=meeting, actor=handlaggare, text="Anna Ek (M)")
    add(meeting=meeting, actor=handlaggare, text="Anna Ek (S)", kind=ProtocolMember.Kind.SUBSTITUTE)
    assert meeting.members.filter(name="Anna Ek").count() == 3


@pytest.mark.parametrize("line", ["Eva (L) / Fia (L)", "Eva (L) / frånvarande"])
def test_only_members_serve_through_a_substitute_or_are_absent(meeting, handlaggare, line):
    assert _refused(
        services.protocol_members_add,
        meeting=meeting,
        actor=handlaggare,
        text=line,
        kind=ProtocolMember.Kind.SUBSTITUTE,
    ) == ["Bara ledamöter kan ha en tjänstgörande ersättare eller vara frånvarande (Eva)."]


def test_a_paragraph_is_stored_trimmed_with_its_clauses_and_recorded(meeting, handlaggare):
    paragraph = services.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=7,
        title=" Budget ",
        clauses=[" att anta ", "", "  ", "att redovisa"],
        case_number=" KS 2026/1 ",
        decision_intro=" Nämnden beslutar ",
        basis="a\n\n b ",
        sent_to=" x \nx2",
        sent_for_action="y\n\ny2",
        sent_for_information=" z\n\nw",
        is_public=True,
    )
    stored = Paragraph.objects.get(pk=paragraph.pk)
    assert (stored.title, stored.case_number, stored.decision_intro) == (
        "Budget",
        "KS 2026/1",
        "Nämnden beslutar",
    )
    assert (stored.basis, stored.sent_to, stored.sent_for_action, stored.sent_for_information) == (
        "a\nb",
        "x\nx2",
        "y\ny2",
        "z\nw",
    )
    assert stored.is_public and stored.created_by == handlaggare
    assert [(c.position, c.text) for c in stored.clauses.order_by("position")] == [
        (1, "att anta"),
        (2, "att redovisa"),
    ]
    entry = history_for(subject=stored).get()
    assert (entry.action, entry.actor, entry.message, entry.changes) == (
        "paragraph_recorded",
        handlaggare,
        str(stored),
        {"att_satser": [None, ["att anta", "att redovisa"]]},
    )


PARAGRAPH_TEXTS = (
    "case_number",
    "decision_intro",
    "summary",
    "basis",
    "speeches",
    "proposals",
    "procedure",
    "reservations",
    "sent_to",
    "sent_for_action",
    "sent_for_information",
)


def test_a_paragraph_given_only_its_title_has_every_other_text_empty(meeting, handlaggare):
    paragraph = services.paragraph_create(
        meeting=meeting, actor=handlaggare, number=8, title="Övrigt", clauses=["att notera"]
    )
    stored = Paragraph.objects.get(pk=paragraph.pk)
    assert [getattr(stored, name) for name in PARAGRAPH_TEXTS] == [""] * len(PARAGRAPH_TEXTS)
    assert not stored.is_public


def test_a_paragraph_keeps_every_text_it_is_given(meeting, handlaggare):
    texts = {name: f"Text för {name}" for name in PARAGRAPH_TEXTS}
    paragraph = services.paragraph_create(
        meeting=meeting, actor=handlaggare, number=9, title="Allt", clauses=["att"], **texts
    )
    stored = Paragraph.objects.get(pk=paragraph.pk)
    assert {name: getattr(stored, name) for name in PARAGRAPH_TEXTS} == texts


def test_a_paragraph_needs_a_title_and_a_free_number(meeting, handlaggare, paragraph):
    create = services.paragraph_create
    assert _refused(
        create, meeting=meeting, actor=handlaggare, number=8, title="  ", clauses=["att x"]
    ) == ["Paragrafen behöver en rubrik."]
    assert _refused(
        create, meeting=meeting, actor=handlaggare, number=5, title="T", clauses=["att x"]
    ) == ["§ 5 finns redan i detta sammanträde."]
    assert _refused(
        create, meeting=meeting, actor=handlaggare, number=8, title="T", clauses=[None, ""]
    ) == ["Ett beslut har minst en att-sats."]


def test_publishing_a_paragraph_is_recorded_once_per_change(paragraph, handlaggare):
    services.paragraph_publish(paragraph=paragraph, actor=handlaggare, is_public=True)
    services.paragraph_publish(paragraph=paragraph, actor=handlaggare, is_public=True)
    assert Paragraph.objects.get(pk=paragraph.pk).is_public
    services.paragraph_publish(paragraph=paragraph, actor=handlaggare, is_public=False)
    assert not Paragraph.objects.get(pk=paragraph.pk).is_public
    rows = history_for(subject=paragraph).exclude(action="paragraph_recorded").order_by("pk")
    assert [(r.action, r.actor, r.changes) for r in rows] == [
        ("paragraph_published", handlaggare, {"is_public": [False, True]}),
        ("paragraph_unpublished", handlaggare, {"is_public": [True, False]}),
    ]


def test_publishing_writes_only_the_flag_over_an_edit_made_meanwhile(paragraph, handlaggare):
    Paragraph.objects.filter(pk=paragraph.pk).update(title="Rättad rubrik")
    services.paragraph_publish(paragraph=paragraph, actor=handlaggare, is_public=True)
    stored = Paragraph.objects.get(pk=paragraph.pk)
    assert (stored.is_public, stored.title) == (True, "Rättad rubrik")


def test_a_vote_must_be_a_choice_by_a_member(paragraph, handlaggare, meeting):
    division = services.division_record(
        paragraph=paragraph,
        actor=handlaggare,
        yes_means="b",
        no_means="a",
        ballots=[(_members(meeting)["Anna Ek"], "ja")],
    )
    bo = _members(meeting)["Bo Ek"]
    assert _refused(services.ballot_cast, division=division, member=bo, choice="kanske") == [
        "”kanske” är ingen röst."
    ]
    (guest,) = services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="Gäst", kind=ProtocolMember.Kind.OTHER
    )
    assert _refused(services.ballot_cast, division=division, member=guest, choice="ja") == [
        "Gäst är inte ledamot och kan inte rösta."
    ]
    dan = _members(meeting)["Dan Ek"]
    absent = services.ballot_cast(division=division, member=dan, choice="franvarande")
    assert (absent.division, absent.member, absent.choice) == (division, dan, "franvarande")


def test_a_division_needs_its_voting_order_and_a_roll_call(paragraph, handlaggare, meeting):
    anna = _members(meeting)["Anna Ek"]
    record = services.division_record
    for yes, no in (("  ", "avslag"), ("bifall", "")):
        assert _refused(
            record,
            paragraph=paragraph,
            actor=handlaggare,
            yes_means=yes,
            no_means=no,
            ballots=[(anna, "ja")],
        ) == ["Ange vad Ja och vad Nej innebär (voteringsordningen)."]
    assert _refused(
        record, paragraph=paragraph, actor=handlaggare, yes_means="b", no_means="a", ballots=[]
    ) == ["Voteringslistan är tom: ange hur varje ledamot röstade."]


def test_divisions_are_numbered_trimmed_and_recorded(paragraph, handlaggare, meeting):
    members = _members(meeting)
    first = services.division_record(
        paragraph=paragraph,
        actor=handlaggare,
        yes_means=" bifall ",
        no_means=" avslag ",
        question=" Bifall? ",
        outcome=" Bifallet ",
        ballots=[(members["Anna Ek"], "ja"), (members["Bo Ek"], "nej")],
    )
    second = services.division_record(
        paragraph=paragraph,
        actor=handlaggare,
        yes_means="b",
        no_means="a",
        ballots=[(members["Anna Ek"], "avstar")],
    )
    stored = Division.objects.get(pk=first.pk)
    assert (
        stored.position,
        stored.question,
        stored.yes_means,
        stored.no_means,
        stored.outcome,
    ) == (
        1,
        "Bifall?",
        "bifall",
        "avslag",
        "Bifallet",
    )
    assert second.position == 2
    unasked = Division.objects.get(pk=second.pk)
    assert (unasked.question, unasked.outcome) == ("", "")
    rows = history_for(subject=paragraph).filter(action="division_recorded")
    assert {r.actor for r in rows} == {handlaggare}
    messages = [r.message for r in rows]
    assert sorted(messages) == [
        "Omröstning 1 registrerad med 2 röster.",
        "Omröstning 2 registrerad med 1 röster.",
    ]
