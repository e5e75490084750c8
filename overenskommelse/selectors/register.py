"""The public register of affiliated organisations (föreningsregistret) and its open data.

Only public fields leave here: name, legal form, fields of activity, umbrella,
priority areas, description, public e-mail, web site and the affiliation date.
"""

from functools import cache

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Collate, Lower
from django.urls import reverse

from overenskommelse.models import Affiliation, Organisation, OrganisationActivity, PriorityArea

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


def register_public_list() -> QuerySet[Organisation]:
    """Every organisation affiliated now, with its public details, in Swedish order.

    A constant number of queries however many there are: one for the list, one per
    prefetched list (fields of activity, priority areas).
    """
    active = Affiliation.objects.active().filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(Exists(active))
        .annotate(affiliated_from=Subquery(active.values("affiliated_from")[:1]))
        .only(
            "uuid",
            "name",
            "slug",
            "legal_form",
            "umbrella",
            "umbrella_other",
            "description",
            "email",
            "website",
        )
        .prefetch_related(
            Prefetch("activities", queryset=OrganisationActivity.objects.order_by("field")),
            Prefetch("priority_areas", queryset=PriorityArea.objects.order_by("number")),
        )
        .order_by(swedish_order("name"), "pk")
    )


def register_public_get(*, slug: str) -> Organisation | None:
    return register_public_list().filter(slug=slug).first()


def umbrella_label(organisation: Organisation) -> str:
    if organisation.umbrella == Organisation.Umbrella.OTHER and organisation.umbrella_other:
        return organisation.umbrella_other
    return str(organisation.get_umbrella_display()) if organisation.umbrella else ""


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


def register_export_rows(organisations, *, base_url: str) -> list[dict[str, str]]:
    rows = []
    for organisation in organisations:
        path = reverse("overenskommelse:register_detail", kwargs={"slug": organisation.slug})
        rows.append(
            {
                "name": organisation.name,
                "legal_form": str(organisation.get_legal_form_display()),
                "fields_of_activity": [
                    str(activity.get_field_display()) for activity in organisation.activities.all()
                ],
                "umbrella": umbrella_label(organisation),
                "priority_areas": [area.name for area in organisation.priority_areas.all()],
                "description": organisation.description,
                "email": organisation.email,
                "website": organisation.website,
                "affiliated_from": organisation.affiliated_from.isoformat(),
                "url": f"{base_url}{path}",
            }
        )
    return rows
