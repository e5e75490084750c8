"""The public register, its open data, and the Överenskommelse's pages."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from overenskommelse.agreement.models import AgreementVersion, OrganisationActivity
from overenskommelse.demo.load.foundation import demo_data_load
from tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def affiliate(name: str, **kwargs):
    organisation = OrganisationFactory(name=name, **kwargs)
    AffiliationFactory(organisation=organisation)
    return organisation


def test_names_sort_in_swedish_order_with_a_a_o_after_z(client):
    for name in ["Örby IF", "Zebraklubben", "Ängby BK", "åbo vänner", "Adelsö SK", "bagarna"]:
        affiliate(name)
    page = client.get(reverse("agreement:register"))
    names = [o.name for o in page.context["organisations"]]
    assert names == ["Adelsö SK", "bagarna", "Zebraklubben", "åbo vänner", "Ängby BK", "Örby IF"]


def test_only_affiliated_organisations_are_listed_with_a_count(client):
    affiliate("Ansluten förening")
    OrganisationFactory(name="Inte ansluten")
    withdrawn = OrganisationFactory(name="Utträdd förening")
    AffiliationFactory(
        organisation=withdrawn,
        affiliated_from=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2025, 1, 1),
    )
    html = client.get(reverse("agreement:register")).content.decode()
    assert "Ansluten förening" in html
    assert "Inte ansluten" not in html and "Utträdd förening" not in html
    assert "1 organisation är ansluten till Överenskommelsen." in html


def test_search_and_filters(client):
    sport = affiliate("Lunds Bollklubb", legal_form="ideell_forening")
    OrganisationActivity.objects.create(organisation=sport, field="idrott")
    church = affiliate("Församlingen", legal_form="trossamfund", umbrella="lips")
    url = reverse("agreement:register")
    assert [o.name for o in client.get(url, {"q": "boll"}).context["organisations"]] == [sport.name]
    assert [o.name for o in client.get(url, {"field": "idrott"}).context["organisations"]] == [
        sport.name
    ]
    assert [
        o.name for o in client.get(url, {"legal_form": "trossamfund"}).context["organisations"]
    ] == [church.name]
    assert [o.name for o in client.get(url, {"umbrella": "lips"}).context["organisations"]] == [
        church.name
    ]
    # A value that is not a choice shows a message in the form, not an error page.
    response = client.get(url, {"legal_form": "<script>"})
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()


def test_register_is_paginated(client):
    for n in range(30):
        affiliate(f"Förening {n:02d}")
    first = client.get(reverse("agreement:register"))
    assert len(first.context["organisations"]) == 25
    second = client.get(reverse("agreement:register"), {"page": 2})
    assert len(second.context["organisations"]) == 5
    assert client.get(reverse("agreement:register"), {"page": 9}).status_code == 404


@pytest.mark.parametrize("count", [10, 500])
def test_register_queries_do_not_grow(client, django_assert_max_num_queries, count):
    organisations = OrganisationFactory.create_batch(count)
    for organisation in organisations:
        AffiliationFactory(organisation=organisation)
        OrganisationActivity.objects.create(organisation=organisation, field="kultur")
    client.get(reverse("agreement:register"))  # warm the collation check
    with django_assert_max_num_queries(8):
        client.get(reverse("agreement:register"))
    with django_assert_max_num_queries(8):
        client.get(reverse("agreement:register_csv"))
    with django_assert_max_num_queries(8):
        client.get(reverse("agreement:register_json"))


PRIVATE = {"organisation_number": "802000-0009", "postal_address": "Hemlig gata 1"}


def test_open_data_has_public_fields_only(client):
    organisation = affiliate(
        "Öppna föreningen",
        email="info@oppna.example.se",
        website="https://oppna.example.se",
        description="Vi är öppna.",
        **PRIVATE,
    )
    OrganisationActivity.objects.create(organisation=organisation, field="idrott")
    response = client.get(reverse("agreement:register_csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Namn" and rows[1][0] == "Öppna föreningen"
    assert "Idrott" in rows[1] and "info@oppna.example.se" in rows[1]
    data = json.loads(client.get(reverse("agreement:register_json")).content)
    assert data["count"] == 1
    assert data["organisations"][0]["name"] == "Öppna föreningen"
    for secret in PRIVATE.values():
        assert secret not in text
        assert secret not in json.dumps(data, ensure_ascii=False)


def test_public_page_shows_public_fields_only_and_404_when_not_affiliated(client):
    organisation = affiliate("Synliga föreningen", **PRIVATE)
    html = client.get(
        reverse("agreement:register_detail", kwargs={"slug": organisation.slug})
    ).content.decode()
    assert "Synliga föreningen" in html and "Ansluten till Överenskommelsen sedan" in html
    for secret in PRIVATE.values():
        assert secret not in html
    hidden = OrganisationFactory(name="Dold")
    response = client.get(reverse("agreement:register_detail", kwargs={"slug": hidden.slug}))
    assert response.status_code == 404


def test_agreement_pages_show_principles_commitments_and_older_versions(client):
    demo_data_load()
    html = client.get(reverse("agreement:agreement")).content.decode()
    assert "Kommunfullmäktige 2019-01-31 § 16" in html
    assert "6 principer" in html and "8 åtaganden" in html
    assert 'href="#princip-1"' in html  # commitments link to their principles
    assert "Anslutning sker genom att föreningen" in html
    AgreementVersion.objects.create(
        title="Överenskommelse (första versionen)", version_date=datetime.date(2017, 5, 1)
    )
    html = client.get(reverse("agreement:agreement")).content.decode()
    assert "Alla versioner" in html
    old = client.get(
        reverse("agreement:agreement_version", kwargs={"version_date": "2017-05-01"})
    ).content.decode()
    assert "Äldre version" in old and "första versionen" in old
    missing = reverse("agreement:agreement_version", kwargs={"version_date": "2017-13-01"})
    assert client.get(missing).status_code == 404


def test_each_card_links_to_its_page_and_equal_names_keep_their_order(client):
    first = affiliate("Tvillingföreningen", slug="tvilling-1")
    second = affiliate("Tvillingföreningen", slug="tvilling-2")
    html = client.get(reverse("agreement:register")).content.decode()
    links = [f'<a href="/foreningsregistret/{o.slug}/">' for o in (first, second)]
    assert all(link in html for link in links)
    assert html.index(links[0]) < html.index(links[1])  # same name: the older first
    page = client.get(reverse("agreement:register"))
    assert [o.pk for o in page.context["organisations"]] == [first.pk, second.pk]


def test_the_organisation_page_lists_fields_and_areas_in_order_with_its_own_umbrella(client):
    from overenskommelse.agreement.models import ActionPlan, PriorityArea

    organisation = affiliate(
        "Paraplyföreningen", umbrella="annan", umbrella_other="Lunds idrottsråd"
    )
    for field in ("socialt", "kultur", "idrott"):
        OrganisationActivity.objects.create(organisation=organisation, field=field)
    plan = ActionPlan.objects.create(
        title="Handlingsplan", slug="hp", start_year=2026, end_year=2028, status="antagen"
    )
    areas = [
        PriorityArea.objects.create(plan=plan, number=n, name=f"Område {n}", slug=f"o{n}")
        for n in (3, 1, 2)
    ]
    organisation.priority_areas.set(areas)
    html = client.get(
        reverse("agreement:register_detail", kwargs={"slug": organisation.slug})
    ).content.decode()
    assert "Lunds idrottsråd" in html
    # In the order of the stored values (idrott, kultur, socialt), not as added.
    positions = [html.index(label) for label in ("Idrott", "Kultur", "Socialt arbete")]
    assert positions == sorted(positions)
    positions = [html.index(f"Område {n}") for n in (1, 2, 3)]
    assert positions == sorted(positions)
