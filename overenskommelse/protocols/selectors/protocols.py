"""Reading protocols: lists with a fixed number of queries, and one § as an extract."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet

from overenskommelse.accounts.predicates import is_kommunkontoret
from overenskommelse.protocols.models import (
    Ballot,
    Division,
    Paragraph,
    ProtocolMeeting,
    ProtocolMember,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def protocol_paragraph_list(*, user) -> QuerySet[Paragraph]:
    """Paragraphs a user may read: public ones for everyone, all for kommunkontoret."""
    paragraphs = Paragraph.objects.select_related("meeting").order_by(
        "-meeting__date", "meeting__organ_name", "number"
    )
    if not is_kommunkontoret(user):
        paragraphs = paragraphs.public()
    return paragraphs


def protocol_meeting_list() -> QuerySet[ProtocolMeeting]:
    return ProtocolMeeting.objects.select_related("body").annotate(
        paragraph_count=Count("paragraphs", distinct=True),
        member_count=Count(
            "members", filter=Q(members__kind=ProtocolMember.Kind.MEMBER), distinct=True
        ),
    )


def protocol_meeting_detail(*, meeting: ProtocolMeeting) -> dict:
    members = list(meeting.members.all())
    return {
        "members": [m for m in members if m.kind == ProtocolMember.Kind.MEMBER],
        "substitutes": [m for m in members if m.kind == ProtocolMember.Kind.SUBSTITUTE],
        "others": [m for m in members if m.kind == ProtocolMember.Kind.OTHER],
        "paragraphs": list(meeting.paragraphs.all().order_by("number")),
    }


def decision_choices() -> QuerySet[Paragraph]:
    """Paragraphs to link as a decision (e.g. a municipality's decision to take part)."""
    return Paragraph.objects.select_related("meeting").order_by("-meeting__date", "number")


@dataclass
class DivisionExtract:
    division: Division
    rows: list[Ballot]
    yes: int
    no: int
    abstain: int
    absent: int


class DivisionTallies(TypedDict):
    yes_count: int
    no_count: int
    abstain_count: int
    absent_count: int


def division_tallies(
    divisions: QuerySet[Division],
) -> "QuerySet[WithAnnotations[Division, DivisionTallies]]":
    """Each omröstning with its sums counted from the roll call by the database."""

    def count(choice: str) -> Count:
        return Count("ballots", filter=Q(ballots__choice=choice))

    return divisions.annotate(
        yes_count=count(Ballot.Choice.YES),
        no_count=count(Ballot.Choice.NO),
        abstain_count=count(Ballot.Choice.ABSTAIN),
        absent_count=count(Ballot.Choice.ABSENT),
    )


def paragraph_extract(*, paragraph: Paragraph) -> dict:
    """Everything a protokollsutdrag shows, in a fixed number of queries."""
    paragraph = (
        Paragraph.objects.select_related("meeting", "meeting__body")
        .prefetch_related("clauses")
        .get(pk=paragraph.pk)
    )
    divisions = division_tallies(paragraph.divisions.all()).prefetch_related(
        Prefetch(
            "ballots",
            queryset=Ballot.objects.select_related("member").order_by(
                "member__position", "member__pk"
            ),
        )
    )
    extracts = [
        DivisionExtract(
            division=division,
            rows=list(division.ballots.all()),
            yes=division.yes_count,
            no=division.no_count,
            abstain=division.abstain_count,
            absent=division.absent_count,
        )
        for division in divisions
    ]
    return {
        "paragraph": paragraph,
        "meeting": paragraph.meeting,
        "clauses": list(paragraph.clauses.all()),
        "divisions": extracts,
    }
