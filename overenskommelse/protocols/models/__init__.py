"""Meetings, paragraphs, divisions and the stored protokollsutdrag."""

from overenskommelse.protocols.models.documents import ParagraphPdf
from overenskommelse.protocols.models.protocols import (
    NOTICE_MIN_DAYS,
    Ballot,
    DecisionClause,
    Division,
    Paragraph,
    ParagraphQuerySet,
    ProtocolMeeting,
    ProtocolMeetingQuerySet,
    ProtocolMember,
    appeal_last_day,
    lines,
    swedish_day_off,
)

__all__ = [
    "NOTICE_MIN_DAYS",
    "Ballot",
    "DecisionClause",
    "Division",
    "Paragraph",
    "ParagraphPdf",
    "ParagraphQuerySet",
    "ProtocolMeeting",
    "ProtocolMeetingQuerySet",
    "ProtocolMember",
    "appeal_last_day",
    "lines",
    "swedish_day_off",
]
