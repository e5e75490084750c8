"""What the domain apps tell the platform about their records (registered in each
app's `AppConfig.ready`), so the platform can number, find and thin them without
importing any domain app.

- `CaseKind`: an ärende type that carries a diarienummer and an arrival date
  (`case_kind_register`); the search "Sök diarienummer" and the form that sets a
  number go through these.
- A thinner (`thinner_register`): the function that removes the records of one
  `RecordType` older than a limit, for the gallring (`services/gallring.py`). A record
  type without a thinner can only be kept (bevaras).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class CaseKind:
    """One type of ärende. `queryset` gives the rows that are ärenden of this type (a
    withdrawal is an Affiliation that has ended), `url` the ärende's staff page."""

    key: str
    label: "StrOrPromise"
    queryset: Callable[[], models.QuerySet]
    perm: str
    url: Callable[[Any], str]
    title: Callable[[Any], str]
    number_field: str = "case_number"
    arrived_field: str = "arrived_on"
    arrived_label: "StrOrPromise" = ""


CASE_KINDS: dict[str, CaseKind] = {}


def case_kind_register(kind: CaseKind) -> None:
    CASE_KINDS[kind.key] = kind


@dataclass
class Thinned:
    """What a thinner removed: how many, and a short line for each (no personal data
    beyond what identifies the record: its type, id and date)."""

    count: int = 0
    items: list[str] = field(default_factory=list)


Thinner = Callable[[datetime], Thinned]
THINNABLE: dict[str, Thinner] = {}


def thinner_register(record_type: str, thinner: Thinner) -> None:
    THINNABLE[record_type] = thinner


def files_delete_after_commit(files: Iterable[FieldFile]) -> None:
    """Remove stored files once the transaction that removed their rows has committed,
    so a rollback leaves both the row and its file."""
    for stored in files:
        if stored and stored.name:
            storage, name = stored.storage, stored.name
            transaction.on_commit(partial(storage.delete, name))
