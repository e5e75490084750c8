"""The public register of affiliated organisations (föreningsregistret) and its open data.

Only public fields leave here: name, legal form, fields of activity, umbrella,
priority areas, description, public e-mail, web site and the affiliation date.
"""

import json
from functools import cache
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Collate, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from overenskommelse.agreement.models import (
    ActivityField,
    Affiliation,
    Organisation,
    OrganisationActivity,
    PriorityArea,
)
from overenskommelse.platform.csv_export import csv_bytes

# ICU's Swedish collation sorts … x, y, z, å, ä, ö and ignores case.
SWEDISH_COLLATION = "sv-SE-x-icu"


@cache
def _has_collation(vendor: str, alias: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [SWEDISH_COLLATION])
        return cursor.fetchone() is not None


def swedish_order(field: str):
    """An ORDER BY expression that sorts `field` in Swedish alphabetical order.

    PostgreSQL's default collation here is C.UTF-8 (byte order), so the ICU Swedish
    collation is asked for explicitly. SQLite (`make run`) has no ICU: there the
    name is compared case-insensitively, which still puts å, ä, ö after z (though
    Ä before Å for capitals).
    """
    if connection.vendor == "postgresql" and _has_collation(connection.vendor, connection.alias):
        return Collate(F(field), SWEDISH_COLLATION).asc()
    return Lower(field).asc()


# The organisation fields the register shows and exports; nothing else leaves here.
PUBLIC_FIELDS = (
    "name",
    "slug",
    "legal_form",
    "umbrella",
    "umbrella_other",
    "description",
    "email",
    "website",
)


def register_public_list() -> QuerySet[Organisation]:
    """Every organisation affiliated now, with its public details, in Swedish order.

    A constant number of queries however many there are: one for the list, one per
    prefetched list (fields of activity, priority areas).
    """
    active = Affiliation.objects.active().filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(Exists(active))
        .annotate(affiliated_from=Subquery(active.values("affiliated_from")[:1]))
        .only("uuid", *PUBLIC_FIELDS)
        .prefetch_related(
            Prefetch("activities", queryset=OrganisationActivity.objects.order_by("field")),
            Prefetch("priority_areas", queryset=PriorityArea.objects.order_by("number")),
        )
        .order_by(swedish_order("name"), "pk")
    )


def register_public_get(*, slug: str) -> Organisation | None:
    return register_public_list().filter(slug=slug).first()


def umbrella_label(organisation: Organisation) -> str:
    return _umbrella_text(organisation.umbrella, organisation.umbrella_other)


def _umbrella_text(code: str, other: str) -> str:
    if code == Organisation.Umbrella.OTHER and other:
        return other
    return str(Organisation.Umbrella(code).label) if code else ""


# The columns of the open data, in order; the labels are the CSV header.
EXPORT_COLUMNS = (
    "name",
    "legal_form",
    "fields_of_activity",
    "umbrella",
    "priority_areas",
    "description",
    "email",
    "website",
    "affiliated_from",
    "url",
)

# One organisation as the export has it: strings, and the two lists (activities, areas).
RegisterRow = dict[str, str | list[str]]


def register_export_rows(organisations: QuerySet, *, base_url: str) -> list[RegisterRow]:
    """The open-data rows of `organisations` (a `register_public_list` queryset), in its
    order. Three queries of plain values, whatever the number of rows: the export of
    the whole register is the heaviest public read."""
    rows = list(
        organisations.prefetch_related(None).values("pk", *PUBLIC_FIELDS, "affiliated_from")
    )
    # A subquery, not the ids: binding thousands of parameters costs more than the query.
    return _labelled(rows, organisations.order_by().values("pk"), base_url=base_url)


def register_page_rows(page_of_organisations) -> list[RegisterRow]:
    """The rows of one page of the register (the organisations of a paginator's page,
    a slice of a `register_public_list` queryset), as the export has them: the labels
    are made here, once, so the template only prints strings. Three queries."""
    rows = list(
        page_of_organisations.prefetch_related(None).values("pk", *PUBLIC_FIELDS, "affiliated_from")
    )
    return _labelled(rows, [row["pk"] for row in rows], base_url="")


def _labelled(rows: list[dict], ids, *, base_url: str) -> list[RegisterRow]:
    activity_label = dict(ActivityField.choices)
    activities: dict[int, list[str]] = {}
    for org_id, field in (
        OrganisationActivity.objects.filter(organisation_id__in=ids)
        .order_by("field")
        .values_list("organisation_id", "field")
    ):
        activities.setdefault(org_id, []).append(str(activity_label.get(field, field)))
    areas: dict[int, list[str]] = {}
    through = Organisation.priority_areas.through
    for org_id, name in (
        through.objects.filter(organisation_id__in=ids)
        .order_by("priorityarea__number")
        .values_list("organisation_id", "priorityarea__name")
    ):
        areas.setdefault(org_id, []).append(name)
    legal_form_label = {value: str(label) for value, label in Organisation.LegalForm.choices}
    # reverse() once: the slug is the only part that changes.
    marker = "slug-marker"
    path = reverse("agreement:register_detail", kwargs={"slug": marker})
    return [
        {
            "name": row["name"],
            "legal_form": legal_form_label.get(row["legal_form"], row["legal_form"]),
            "fields_of_activity": activities.get(row["pk"], []),
            "umbrella": _umbrella_text(row["umbrella"], row["umbrella_other"]),
            "priority_areas": areas.get(row["pk"], []),
            "description": row["description"],
            "email": row["email"],
            "website": row["website"],
            "affiliated_from": row["affiliated_from"].isoformat(),
            "url": base_url + path.replace(marker, row["slug"]),
        }
        for row in rows
    ]


def register_csv_table(rows: list[RegisterRow]) -> list[list[Any]]:
    """The open data as CSV rows, the header (in the active language) first."""
    headers = {
        "name": _("Name"),
        "legal_form": _("Legal form"),
        "fields_of_activity": _("Fields of activity"),
        "umbrella": _("Umbrella organisation"),
        "priority_areas": _("Priority areas"),
        "description": _("Description"),
        "email": _("E-mail"),
        "website": _("Web site"),
        "affiliated_from": _("Affiliated from"),
        "url": _("Page in the register"),
    }
    return [
        [headers[c] for c in EXPORT_COLUMNS],
        *(
            ["; ".join(v) if isinstance(v, list) else v for v in (row[c] for c in EXPORT_COLUMNS)]
            for row in rows
        ),
    ]


def register_json_document(rows: list[RegisterRow]) -> dict[str, Any]:
    return {
        "municipality": settings.MUNICIPALITY_NAME,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "count": len(rows),
        "organisations": rows,
    }


def register_export_bytes(format: str, organisations: QuerySet | None = None) -> bytes:
    """The open data of `organisations` (the whole register by default) as the file
    the download gives: CSV in UTF-8 with a byte-order mark, or JSON."""
    if organisations is None:
        organisations = register_public_list()
    rows = register_export_rows(organisations, base_url=settings.PORTAL_BASE_URL)
    if format == "csv":
        return csv_bytes(register_csv_table(rows))
    document = register_json_document(rows)
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
