"""Reading protocols: lists with a fixed number of queries, and one § as an extract."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

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


def protocol_meeting_list(*, user=None) -> QuerySet[ProtocolMeeting]:
    """Sammanträden a user may read: all for kommunkontoret, the justerade for everyone
    else (counting only their public paragraphs)."""
    staff = user is None or is_kommunkontoret(user)
    meetings = ProtocolMeeting.objects.select_related("body")
    if not staff:
        meetings = meetings.adjusted(timezone.localdate())
    paragraphs = Q() if staff else Q(paragraphs__is_public=True)
    return meetings.annotate(
        paragraph_count=Count("paragraphs", filter=paragraphs, distinct=True),
        member_count=Count(
            "members", filter=Q(members__kind=ProtocolMember.Kind.MEMBER), distinct=True
        ),
    )


def protocol_meeting_detail(*, meeting: ProtocolMeeting, user=None) -> dict:
    """The protocol of a sammanträde: its people and its paragraphs, every one for
    kommunkontoret and the public ones for everyone else."""
    members = list(meeting.members.all())
    paragraphs = meeting.paragraphs.all().order_by("number")
    if user is not None and not is_kommunkontoret(user):
        paragraphs = paragraphs.public()
    return {
        "members": [m for m in members if m.kind == ProtocolMember.Kind.MEMBER],
        "substitutes": [m for m in members if m.kind == ProtocolMember.Kind.SUBSTITUTE],
        "others": [m for m in members if m.kind == ProtocolMember.Kind.OTHER],
        "paragraphs": list(paragraphs),
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
        # The protocol is the organ's, so it carries the organ's municipality, in the
        # PDF's margins too (pdf/base.html reads `municipality_name`).
        "municipality_name": paragraph.meeting.municipality_name,
        "paragraph": paragraph,
        "meeting": paragraph.meeting,
        "clauses": list(paragraph.clauses.all()),
        "divisions": extracts,
    }
