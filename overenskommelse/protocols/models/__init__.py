"""Meetings, paragraphs, divisions and the stored protokollsutdrag."""

from overenskommelse.protocols.models.documents import ParagraphPdf
from overenskommelse.protocols.models.protocols import (
    Ballot,
    DecisionClause,
    Division,
    Paragraph,
    ParagraphQuerySet,
    ProtocolMeeting,
    ProtocolMember,
    lines,
)

__all__ = [
    "Ballot",
    "DecisionClause",
    "Division",
    "Paragraph",
    "ParagraphPdf",
    "ParagraphQuerySet",
    "ProtocolMeeting",
    "ProtocolMember",
    "lines",
]
