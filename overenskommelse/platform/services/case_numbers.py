"""Diarienummer: the portal's own series, and the numbers staff enter from the
municipality's case system (which is the master).

The portal's own format is "<prefix> <year>/<number>", the number four digits with
leading zeros and counted per year from 1: "ÖK 2026/0001" (`PORTAL_CASE_NUMBER_PREFIX`).
A number is taken under a row lock on its series' counter, so two at once never get the
same one. A number typed in is accepted in the shapes municipalities use ("KS 2020/0882",
"KSN-2020-02097", "2021.123"): letters, digits, spaces and . : / _ -, at least one digit,
at most 40 characters. A number is unique within its type of ärende.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overenskommelse.platform.models.records import CaseNumberSeries
from overenskommelse.platform.records import CaseKind
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_record

CASE_NUMBER_MAX_LENGTH = 40
_SHAPE = re.compile(r"^[^\W_](?:[\w .:/-]*[^\W_])?$")


def portal_prefix() -> str:
    return settings.PORTAL_CASE_NUMBER_PREFIX


def case_number_format(*, prefix: str, year: int, number: int) -> str:
    return f"{prefix} {year}/{number:04d}"


def case_number_next(*, year: int, prefix: str | None = None) -> str:
    """Take the next number of the series (`prefix`, `year`). Call it inside the
    transaction that stores the number: a rollback gives the number back."""
    prefix = prefix or portal_prefix()
    with transaction.atomic():
        CaseNumberSeries.objects.get_or_create(prefix=prefix, year=year)
        series = CaseNumberSeries.objects.select_for_update().get(prefix=prefix, year=year)
        series.last_number += 1
        series.save(update_fields=["last_number"])
    return case_number_format(prefix=prefix, year=year, number=series.last_number)


def case_number_normalise(value: str) -> str:
    """The number as it is stored (NFC, spaces collapsed), or a ValidationError in
    Swedish for an empty or malformed one, or one in the portal's own series."""
    number = " ".join(unicodedata.normalize("NFC", value or "").split())
    if not number:
        raise ValidationError(_("Enter a diarienummer."), code="required")
    if len(number) > CASE_NUMBER_MAX_LENGTH:
        raise ValidationError(
            _("A diarienummer has at most %(max)s characters.") % {"max": CASE_NUMBER_MAX_LENGTH},
            code="max_length",
        )
    if not _SHAPE.match(number) or not any(char.isdigit() for char in number):
        raise ValidationError(
            _(
                "This does not look like a diarienummer. Write it as in the case system, "
                "e.g. “KS 2020/0882” or “KSN-2020-02097”: letters, digits, spaces and "
                ". : / - only, with at least one digit."
            ),
            code="shape",
        )
    if re.match(rf"^{re.escape(portal_prefix())} \d{{4}}/\d+$", number, flags=re.IGNORECASE):
        raise ValidationError(
            _(
                "Numbers in the portal's own series (%(prefix)s) are given with the button "
                "“Assign diarienummer”."
            )
            % {"prefix": portal_prefix()},
            code="portal_series",
        )
    return number


def case_number_in_use(*, kind: CaseKind, number: str, exclude_pk=None) -> bool:
    model = kind.queryset().model
    taken = model._default_manager.filter(**{f"{kind.number_field}__iexact": number})
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    return taken.exists()


@transaction.atomic
def case_number_set(*, actor, kind: CaseKind, obj: models.Model, number: str | None) -> str:
    """Give the ärende `obj` a diarienummer: `number` as entered (it replaces the one it
    had), or, with None, the next of the portal's own series (only while it has none).
    A history row says who and when."""
    require_perm(actor, kind.perm, obj)
    obj = kind.queryset().select_for_update().get(pk=obj.pk)
    old = getattr(obj, kind.number_field)
    if number is None:
        if old:
            raise ValidationError(
                _("The ärende already has the diarienummer %(number)s.") % {"number": old},
                code="has_number",
            )
        new = case_number_next(year=timezone.localdate().year)
        action = "case_number_assigned"
    else:
        new = case_number_normalise(number)
        if new == old:
            return new
        action = "case_number_set"
    if case_number_in_use(kind=kind, number=new, exclude_pk=obj.pk):
        raise ValidationError(
            _("The diarienummer %(number)s is already used by another %(kind)s.")
            % {"number": new, "kind": kind.label},
            code="unique",
        )
    setattr(obj, kind.number_field, new)
    has_updated_at = any(f.name == "updated_at" for f in obj._meta.concrete_fields)
    obj.save(update_fields=[kind.number_field, *(["updated_at"] if has_updated_at else [])])
    history_record(
        subject=obj, actor=actor, action=action, changes={kind.number_field: [old or None, new]}
    )
    return new
