"""Load the seeds' decisions (`overenskommelse.demo.data.protocols`) as protocols.

Idempotent like `demo_data_load`: meetings are found by organ, municipality and date,
people by name and party, paragraphs by § number, att-satser and omröstningar by
position and ballots by member; a second run changes nothing.
"""

from io import TextIOBase

from django.db import transaction

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.demo.data import protocols as data
from overenskommelse.demo.load.helpers import _say, _upsert
from overenskommelse.protocols.models import (
    Ballot,
    DecisionClause,
    Division,
    Paragraph,
    ProtocolMeeting,
    ProtocolMember,
)


def protocols_demo_load(*, stdout: TextIOBase | None = None) -> list[Paragraph]:
    """Write the demo protocols; return their paragraphs."""
    paragraphs: list[Paragraph] = []
    with transaction.atomic():
        for meeting_data in data.MEETINGS:
            paragraphs.extend(_meeting_load(meeting_data))
    if stdout is not None:
        _say(
            stdout,
            "Protokoll: "
            + ", ".join(
                f"{p.meeting.organ_name} {p.meeting.municipality_name} "
                f"{p.meeting.date:%Y-%m-%d} § {p.number}"
                for p in paragraphs
            ),
        )
    return paragraphs


def _meeting_load(item: data.MeetingData) -> list[Paragraph]:
    body = MunicipalBody.objects.filter(slug=item.body_slug).first() if item.body_slug else None
    meeting, _ = _upsert(
        ProtocolMeeting,
        lookup={
            "organ_name": item.organ_name,
            "municipality_name": item.municipality_name,
            "date": item.date,
        },
        values={
            "body": body,
            "organ_kind": item.organ_kind,
            "start_time": item.start_time,
            "end_time": item.end_time,
            "time_note": item.time_note,
            "place": item.place,
            "chair": item.chair,
            "secretary": item.secretary,
            "adjusters": "\n".join(item.adjusters),
            "adjustment_place_time": item.adjustment_place_time,
            "adjusted_on": item.adjusted_on,
            "paragraph_span": item.paragraph_span,
            "notice_posted_on": item.notice_posted_on,
            "notice_removed_on": item.notice_removed_on,
            "protocol_kept_at": item.protocol_kept_at,
        },
    )
    seats: dict[str, ProtocolMember] = {}
    for position, row in enumerate(item.roll_call, start=1):
        seats[row.name], _ = _upsert(
            ProtocolMember,
            lookup={
                "meeting": meeting,
                "kind": ProtocolMember.Kind.MEMBER,
                "name": row.name,
                "party": row.party,
            },
            values={
                "position": position,
                "is_present": not row.substitute,
                "substitute_name": row.substitute,
                "substitute_party": row.party if row.substitute else "",
                "role_note": item.member_notes.get(row.name, ""),
            },
        )
    for kind, people in (
        (ProtocolMember.Kind.MEMBER, item.members),
        (ProtocolMember.Kind.SUBSTITUTE, item.substitutes),
        (ProtocolMember.Kind.OTHER, item.others),
    ):
        for number, person in enumerate(people, start=1):
            _upsert(
                ProtocolMember,
                lookup={
                    "meeting": meeting,
                    "kind": kind,
                    "name": person.name,
                    "party": person.party,
                },
                values={"position": number, "is_present": True, "role_note": person.note},
            )

    paragraphs = []
    for paragraph_data in item.paragraphs:
        paragraph = _paragraph_load(meeting, paragraph_data)
        for position, division_data in enumerate(paragraph_data.divisions, start=1):
            division, _ = _upsert(
                Division,
                lookup={"paragraph": paragraph, "position": position},
                values={
                    "question": division_data.question,
                    "yes_means": division_data.yes_means,
                    "no_means": division_data.no_means,
                    "outcome": division_data.outcome,
                },
            )
            for row in item.roll_call:
                _upsert(
                    Ballot,
                    lookup={"division": division, "member": seats[row.name]},
                    values={"choice": getattr(row, division_data.votes)},
                )
        paragraphs.append(paragraph)
    return paragraphs


def _paragraph_load(meeting: ProtocolMeeting, item: data.ParagraphData) -> Paragraph:
    paragraph, _ = _upsert(
        Paragraph,
        lookup={"meeting": meeting, "number": item.number},
        values={
            "case_number": item.case_number,
            "title": item.title,
            "decision_intro": item.decision_intro,
            "summary": item.summary,
            "basis": "\n".join(item.basis),
            "speeches": item.speeches,
            "proposals": "\n".join(item.proposals),
            "procedure": item.procedure,
            "reservations": item.reservations,
            "sent_to": "\n".join(item.sent_to),
            "sent_for_action": "\n".join(item.sent_for_action),
            "sent_for_information": "\n".join(item.sent_for_information),
            "is_public": item.is_public,
            "kind": item.kind,
        },
    )
    for position, text in enumerate(item.clauses, start=1):
        _upsert(
            DecisionClause,
            lookup={"paragraph": paragraph, "position": position},
            values={"text": text},
        )
    return paragraph
