"""The register's reads: who is listed, one organisation's page, and the open-data rows
column by column."""

import datetime as dt

import pytest
from django.urls import reverse

from overenskommelse.agreement.models import ActionPlan, OrganisationActivity, PriorityArea
from overenskommelse.agreement.selectors.register import (
    register_export_rows,
    register_public_get,
    register_public_list,
    umbrella_label,
)
from tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def affiliate(name, *, start=dt.date(2024, 3, 1), **kwargs):
    organisation = OrganisationFactory(name=name, **kwargs)
    AffiliationFactory(organisation=organisation, affiliated_from=start)
    return organisation


def test_the_export_has_every_public_column_in_order_of_the_register():
    plan = ActionPlan.objects.create(title="HP", slug="hp", start_year=2025, end_year=2028)
    second_area = PriorityArea.objects.create(plan=plan, number=2, name="Integration", slug="i")
    first_area = PriorityArea.objects.create(plan=plan, number=1, name="Demokrati", slug="d")
    full = affiliate(
        "Bollklubben",
        start=dt.date(2023, 5, 6),
        legal_form="ideell_forening",
        umbrella="annan",
        umbrella_other="Riksidrottsförbundet",
        description="Fotboll för alla.",
        email="info@boll.se",
        website="https://boll.se",
    )
    OrganisationActivity.objects.create(organisation=full, field="idrott")
    OrganisationActivity.objects.create(organisation=full, field="kultur")
    full.priority_areas.set([second_area, first_area])
    bare = affiliate("Afton", legal_form="", umbrella="")
    rows = register_export_rows(register_public_list(), base_url="https://portal.example.se")
    path = reverse("agreement:register_detail", kwargs={"slug": full.slug})
    assert rows == [
        {
            "name": "Afton",
            "legal_form": "",
            "fields_of_activity": [],
            "umbrella": "",
            "priority_areas": [],
            "description": "",
            "email": "",
            "website": "",
            "affiliated_from": "2024-03-01",
            "url": "https://portal.example.se"
            + reverse("agreement:register_detail", kwargs={"slug": bare.slug}),
        },
        {
            "name": "Bollklubben",
            "legal_form": "Ideell förening",
            "fields_of_activity": ["Idrott", "Kultur"],  # by stored value: alphabetical in Swedish
            "umbrella": "Riksidrottsförbundet",
            "priority_areas": ["Demokrati", "Integration"],
            "description": "Fotboll för alla.",
            "email": "info@boll.se",
            "website": "https://boll.se",
            "affiliated_from": "2023-05-06",
            "url": f"https://portal.example.se{path}",
        },
    ]


def test_the_umbrella_is_its_label_unless_another_one_is_named():
    assert umbrella_label(OrganisationFactory.build(umbrella="lips")) == "LIPS"
    assert umbrella_label(OrganisationFactory.build(umbrella="annan", umbrella_other="")) == (
        "Annan paraplyorganisation"
    )
    assert umbrella_label(OrganisationFactory.build(umbrella="lips", umbrella_other="X")) == "LIPS"
    assert umbrella_label(OrganisationFactory.build(umbrella="", umbrella_other="X")) == ""


def test_one_organisations_page_only_while_it_is_affiliated():
    listed = affiliate("Listad")
    OrganisationFactory(name="Olistad", slug="olistad")
    found = register_public_get(slug=listed.slug)
    assert found == listed and found.affiliated_from == dt.date(2024, 3, 1)
    assert register_public_get(slug="olistad") is None
    assert register_public_get(slug="finns-inte") is None


def test_the_list_reads_only_the_public_fields():
    affiliate("Hemlig", postal_address="Hemlig gata 1", organisation_number="802000-0009")
    (organisation,) = register_public_list()
    assert "postal_address" in organisation.get_deferred_fields()
    assert "organisation_number" in organisation.get_deferred_fields()


@pytest.mark.django_db
def test_the_register_reads_its_first_page_from_the_index_in_swedish_order():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'organisation_name_sv_idx'"
        )
        (definition,) = cursor.fetchone()
    assert 'COLLATE "sv-SE-x-icu"' in definition
    for _ in range(3):
        AffiliationFactory()
    query, params = (
        register_public_list().prefetch_related(None).values("pk")[:25].query.sql_with_params()
    )
    with connection.cursor() as cursor:
        # However few rows the test has, the index must serve the register's order.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + query, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "organisation_name_sv_idx" in plan
    assert "Sort Key" not in plan.split("SubPlan")[0]
