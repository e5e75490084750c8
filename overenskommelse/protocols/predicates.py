"""Predicates of the protocols app."""

import rules


@rules.predicate
def is_public_paragraph(user, paragraph) -> bool:
    """A protocol paragraph whose extract is marked public."""
    return paragraph is not None and bool(paragraph.is_public)
