"""An organisation's public page lists its ongoing and its finished initiatives, each
linked to the initiative's public page; never a proposal, a declined one, or one the
organisation did not take part in. The number of queries does not grow with them."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samverkan.pipeline.models import Initiative, InitiativeParty, PartyStatus, Stage
from tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(handlaggare):
    def make(title: str, stage: str, *organisations, status=PartyStatus.ACCEPTED):
        accepted = stage not in (Stage.PROPOSAL, Stage.DECLINED)
        item = Initiative.objects.create(
            title=title,
            need="Behov",
            stage=stage,
            form="" if stage in (Stage.PROPOSAL, Stage.INITIATIVE, Stage.DECLINED) else "projekt",
            handlaggare=handlaggare if accepted else None,
            results_reported_at=(
                timezone.now() if stage in (Stage.EVALUATION, Stage.FOLLOW_UP) else None
            ),
            last_activity_at=timezone.now(),
        )
        for organisation in organisations:
            InitiativeParty.objects.create(
                initiative=item, organisation=organisation, status=status, invited_at=timezone.now()
            )
        return item

    return make


@pytest.fixture
def organisation(db):
    organisation = OrganisationFactory(name="Föreningen Framåt")
    AffiliationFactory(organisation=organisation)
    return organisation


def _page(client, organisation) -> str:
    response = client.get(reverse("agreement:register_detail", kwargs={"slug": organisation.slug}))
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', html, re.S)
    return match.group(0) if match else ""


def _titles(section: str) -> list[str]:
    return re.findall(r"<li>(?:<a [^>]*>)?([^<]+)", section)


def test_finished_initiatives_are_listed_apart_with_links(client, organisation, initiative):
    other = OrganisationFactory(name="Annan förening")
    running = initiative("Läxhjälp", Stage.IMPLEMENTATION, organisation)
    results = initiative("Idrott för alla", Stage.RESULTS, organisation)
    evaluated = initiative("Boken kommer", Stage.EVALUATION, organisation)
    followed_up = initiative("Äldres kultur", Stage.FOLLOW_UP, organisation, other)
    initiative("Förslaget", Stage.PROPOSAL, organisation)
    initiative("Avböjt förslag", Stage.DECLINED, organisation)
    initiative("Någon annans", Stage.FOLLOW_UP, other)
    initiative("Tackade nej", Stage.FOLLOW_UP, organisation, status=PartyStatus.DECLINED)

    html = _page(client, organisation)
    ongoing = _section(html, "initiatives-heading")
    finished = _section(html, "finished-initiatives-heading")
    assert "Pågående initiativ" in ongoing and "Avslutade initiativ" in finished
    assert _titles(ongoing) == ["Läxhjälp"]
    # One that reached results is listed once, as finished.
    assert sorted(_titles(finished)) == sorted(["Boken kommer", "Idrott för alla", "Äldres kultur"])
    for item in (results, evaluated, followed_up):
        path = reverse("pipeline:public_detail", kwargs={"uuid": item.uuid})
        assert f'href="{settings.PORTAL_BASE_URL}{path}"' in finished
        assert client.get(path).status_code == 200  # the public page exists
    assert str(running.uuid) in ongoing
    for hidden in ("Förslaget", "Avböjt förslag", "Någon annans", "Tackade nej"):
        assert hidden not in html


def test_no_finished_section_without_finished_initiatives(client, organisation, initiative):
    initiative("Läxhjälp", Stage.IMPLEMENTATION, organisation)
    html = _page(client, organisation)
    assert "Avslutade initiativ" not in html
    assert _titles(_section(html, "initiatives-heading")) == ["Läxhjälp"]


@pytest.mark.parametrize("count", [2, 20])
def test_queries_do_not_grow_with_the_initiatives(
    client, organisation, initiative, django_assert_max_num_queries, count
):
    for number in range(count):
        initiative(f"Pågående {number}", Stage.IMPLEMENTATION, organisation)
        initiative(f"Avslutat {number}", Stage.FOLLOW_UP, organisation)
    with django_assert_max_num_queries(6):
        html = _page(client, organisation)
    assert len(_titles(_section(html, "initiatives-heading"))) == count
    assert len(_titles(_section(html, "finished-initiatives-heading"))) == count
