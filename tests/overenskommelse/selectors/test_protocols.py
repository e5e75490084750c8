"""Reading protocols: who sees which §, the lists' counts, and the extract's roll calls."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from overenskommelse.protocols.models import Ballot, ProtocolMember
from overenskommelse.protocols.selectors.protocols import (
    decision_choices,
    paragraph_extract,
    protocol_meeting_detail,
    protocol_meeting_list,
    protocol_paragraph_list,
)
from overenskommelse.protocols.services import protocols as services

pytestmark = pytest.mark.django_db


def _meeting(actor, organ: str, day: dt.date):
    return services.protocol_meeting_create(actor=actor, date=day, organ_name=organ)


def _paragraph(actor, meeting, number: int, *, is_public: bool = True):
    return services.paragraph_create(
        meeting=meeting,
        actor=actor,
        number=number,
        title=f"Ärende {number}",
        clauses=["att bifalla"],
        is_public=is_public,
    )


@pytest.fixture
def paragraphs(handlaggare):
    old = _meeting(handlaggare, "Kommunstyrelsen", dt.date(2024, 5, 1))
    new_b = _meeting(handlaggare, "Kommunstyrelsen", dt.date(2025, 5, 1))
    new_a = _meeting(handlaggare, "Kommunfullmäktige", dt.date(2025, 5, 1))
    return {
        "old": _paragraph(handlaggare, old, 1),
        "b2": _paragraph(handlaggare, new_b, 2),
        "b1": _paragraph(handlaggare, new_b, 1),
        "a9": _paragraph(handlaggare, new_a, 9),
        "hidden": _paragraph(handlaggare, new_a, 3, is_public=False),
    }


def test_kommunkontoret_reads_every_paragraph_newest_meeting_first(paragraphs, handlaggare):
    p = paragraphs
    assert list(protocol_paragraph_list(user=handlaggare)) == [
        p["hidden"],
        p["a9"],
        p["b1"],
        p["b2"],
        p["old"],
    ]


@pytest.mark.parametrize("who", ["anonymous", "rep_a"])
def test_others_read_only_the_public_paragraphs(paragraphs, request, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    p = paragraphs
    assert list(protocol_paragraph_list(user=user)) == [p["a9"], p["b1"], p["b2"], p["old"]]


def test_decision_choices_are_every_paragraph_newest_first_by_number(paragraphs):
    p = paragraphs
    assert list(decision_choices()) == [p["b1"], p["b2"], p["hidden"], p["a9"], p["old"]]


def test_the_meeting_list_counts_paragraphs_and_members_only(handlaggare):
    meeting = _meeting(handlaggare, "Kommunstyrelsen", dt.date(2025, 5, 1))
    empty = _meeting(handlaggare, "Kommunfullmäktige", dt.date(2025, 6, 1))
    services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="Anna (S)\nBo (M) / frånvarande\nCia (V)"
    )
    services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="Dan (S)", kind=ProtocolMember.Kind.SUBSTITUTE
    )
    _paragraph(handlaggare, meeting, 1)
    _paragraph(handlaggare, meeting, 2)
    counts = {m.pk: (m.paragraph_count, m.member_count) for m in protocol_meeting_list()}
    assert counts == {meeting.pk: (2, 3), empty.pk: (0, 0)}
    assert {m.body for m in protocol_meeting_list()} == {None}


def test_the_meeting_detail_groups_the_people_and_orders_the_paragraphs(handlaggare):
    meeting = _meeting(handlaggare, "Kommunstyrelsen", dt.date(2025, 5, 1))
    members = services.protocol_members_add(meeting=meeting, actor=handlaggare, text="A (S)\nB (M)")
    substitutes = services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="C (S)", kind=ProtocolMember.Kind.SUBSTITUTE
    )
    others = services.protocol_members_add(
        meeting=meeting, actor=handlaggare, text="D", kind=ProtocolMember.Kind.OTHER
    )
    second = _paragraph(handlaggare, meeting, 2)
    first = _paragraph(handlaggare, meeting, 1)
    assert protocol_meeting_detail(meeting=meeting) == {
        "members": members,
        "substitutes": substitutes,
        "others": others,
        "paragraphs": [first, second],
    }


def test_the_extract_holds_the_paragraph_its_clauses_and_counted_roll_calls(handlaggare):
    meeting = _meeting(handlaggare, "Kommunfullmäktige", dt.date(2025, 5, 1))
    anna, bo, cia, dan, eva = services.protocol_members_add(
        meeting=meeting,
        actor=handlaggare,
        text="Anna (S)\nBo (M)\nCia (V)\nDan (L)\nEva (C) / frånvarande",
    )
    paragraph = services.paragraph_create(
        meeting=meeting, actor=handlaggare, number=4, title="Budget", clauses=["att A", "att B"]
    )
    Y, N, A, F = Ballot.Choice.YES, Ballot.Choice.NO, Ballot.Choice.ABSTAIN, Ballot.Choice.ABSENT
    first = services.division_record(
        paragraph=paragraph,
        actor=handlaggare,
        yes_means="bifall",
        no_means="avslag",
        # Cast out of order: the roll call reads in the members' order.
        ballots=[(cia, N), (anna, Y), (eva, F), (bo, Y), (dan, A)],
    )
    second = services.division_record(
        paragraph=paragraph,
        actor=handlaggare,
        yes_means="bifall",
        no_means="avslag",
        ballots=[(anna, N), (bo, N), (cia, N), (dan, Y)],
    )
    extract = paragraph_extract(paragraph=paragraph)
    assert extract["paragraph"] == paragraph and extract["meeting"] == meeting
    assert [c.text for c in extract["clauses"]] == ["att A", "att B"]
    one, two = extract["divisions"]
    assert (one.division, two.division) == (first, second)
    assert [(b.member, b.choice) for b in one.rows] == [
        (anna, Y),
        (bo, Y),
        (cia, N),
        (dan, A),
        (eva, F),
    ]
    assert (one.yes, one.no, one.abstain, one.absent) == (2, 1, 1, 1)
    assert (two.yes, two.no, two.abstain, two.absent) == (1, 3, 0, 0)


def _division_meeting(actor, names: list[str], body=None):
    meeting = services.protocol_meeting_create(
        actor=actor, date=dt.date(2025, 5, 1), body=body, organ_name="Kommunfullmäktige"
    )
    members = services.protocol_members_add(meeting=meeting, actor=actor, text="\n".join(names))
    paragraph = services.paragraph_create(
        meeting=meeting, actor=actor, number=4, title="Budget", clauses=["att A", "att B"]
    )
    services.division_record(
        paragraph=paragraph,
        actor=actor,
        yes_means="bifall",
        no_means="avslag",
        ballots=[(m, Ballot.Choice.YES) for m in members],
    )
    return paragraph, members


def test_the_roll_call_follows_the_members_order_when_it_was_changed_after_adding(handlaggare):
    paragraph, (anna, bo, cia) = _division_meeting(handlaggare, ["Anna (S)", "Bo (M)", "Cia (V)"])
    for position, member in enumerate((cia, anna, bo)):
        ProtocolMember.objects.filter(pk=member.pk).update(position=position)
    (division,) = paragraph_extract(paragraph=paragraph)["divisions"]
    assert [b.member.name for b in division.rows] == ["Cia", "Anna", "Bo"]


def _extract_queries(paragraph) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        extract = paragraph_extract(paragraph=paragraph)
        assert extract["meeting"].body.name and extract["paragraph"].meeting.organ_name
        assert [c.text for c in extract["clauses"]] == ["att A", "att B"]
        assert all(b.member.name for d in extract["divisions"] for b in d.rows)
    return len(queries)


def test_the_extract_reads_in_four_queries_however_many_members_vote(handlaggare):
    from tests.factories import MunicipalBodyFactory

    body = MunicipalBodyFactory(name="Kommunfullmäktige")
    three, _ = _division_meeting(handlaggare, [f"Ledamot {n} (S)" for n in range(3)], body)
    seven, _ = _division_meeting(handlaggare, [f"Ledamot {n} (M)" for n in range(7)], body)
    # The paragraph with its meeting and body, its clauses, its divisions, their ballots.
    assert _extract_queries(three) == _extract_queries(seven) == 4
