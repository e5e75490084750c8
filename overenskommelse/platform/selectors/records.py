"""Reads of the records registry: finding an ärende by its diarienummer."""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q

from overenskommelse.platform.records import CASE_KINDS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class CaseHit:
    kind: "StrOrPromise"
    number: str
    title: str
    url: str
    arrived_on: date | None
    exact: bool


def case_search(*, query: str) -> list[CaseHit]:
    """Every ärende whose diarienummer is `query` or starts with it (case and
    spacing ignored), the exact ones first, at most SEARCH_LIMIT of each type."""
    query = " ".join(query.split())
    if not query:
        return []
    hits: list[CaseHit] = []
    for kind in CASE_KINDS.values():
        field = kind.number_field
        rows = (
            kind.queryset()
            .filter(Q(**{f"{field}__istartswith": query}))
            .order_by(field)[:SEARCH_LIMIT]
        )
        for row in rows:
            number = getattr(row, field)
            hits.append(
                CaseHit(
                    kind=kind.label,
                    number=number,
                    title=kind.title(row),
                    url=kind.url(row),
                    arrived_on=getattr(row, kind.arrived_field),
                    exact=number.casefold() == query.casefold(),
                )
            )
    return sorted(hits, key=lambda hit: (not hit.exact, hit.number.casefold()))
