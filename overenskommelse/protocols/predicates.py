"""Predicates of the protocols app."""

import rules
from django.utils import timezone


@rules.predicate
def is_public_paragraph(user, paragraph) -> bool:
    """A protocol paragraph whose extract is marked public."""
    return paragraph is not None and bool(paragraph.is_public)


@rules.predicate
def is_adjusted_meeting(user, meeting) -> bool:
    """A sammanträde whose protocol is justerat: from then on it is an allmän handling
    that anyone may read (its paragraphs that are not public stay for staff)."""
    return meeting is not None and meeting.is_adjusted(timezone.localdate())
