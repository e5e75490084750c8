"""Samverkansgruppen, follow-up and conference fixtures: the four förvaltningar of the
municipal seats, PIL and LIPS, a nämnd, and initiatives over two years."""

import datetime

import pytest
from django.utils import timezone

from overenskommelse.accounts.models import MunicipalBody
from samverkan.group.services import group
from samverkan.pipeline.models import Initiative, Stage
from tests.factories import AffiliationFactory, MunicipalBodyFactory, OrganisationFactory


@pytest.fixture
def seat_bodies(db):
    names = {
        "kommunkontoret": "Kommunkontoret",
        "kultur-och-fritidsforvaltningen": "Kultur- och fritidsförvaltningen",
        "socialforvaltningen": "Socialförvaltningen",
        "vard-och-omsorgsforvaltningen": "Vård- och omsorgsförvaltningen",
    }
    return {slug: MunicipalBodyFactory(name=name, slug=slug) for slug, name in names.items()}


@pytest.fixture
def pil(db):
    return OrganisationFactory(name="PIL", slug="pil", email="pil@example.se")


@pytest.fixture
def lips(db):
    return OrganisationFactory(name="LIPS", slug="lips", email="lips@example.se")


@pytest.fixture
def full_group(seat_bodies, pil, lips, handlaggare, samverkansgruppen_member):
    """A rightly composed group from 2025-01-01."""
    start = datetime.date(2025, 1, 1)
    members = []
    for index, body in enumerate(seat_bodies.values()):
        members.append(
            group.membership_add(
                actor=handlaggare,
                name=f"Tjänsteperson {index}",
                email=f"kommun{index}@example.se",
                municipal_body=body,
                starts_on=start,
                user=samverkansgruppen_member if index == 0 else None,
            )
        )
    for index, organisation in enumerate([pil, lips, OrganisationFactory(), OrganisationFactory()]):
        members.append(
            group.membership_add(
                actor=handlaggare,
                name=f"Föreningsperson {index}",
                email=f"sektor{index}@example.se",
                organisation=organisation,
                starts_on=start,
            )
        )
    return members


@pytest.fixture
def namnd(db):
    return MunicipalBodyFactory(
        name="Kultur- och fritidsnämnden",
        slug="kultur-och-fritidsnamnden",
        kind=MunicipalBody.Kind.NAMND,
        chair="Ordförande Olsson",
        vice_chair="Vice Vikström",
        contact_email="kfn@example.se",
    )


def initiative(*, title, stage, areas, handlaggare, start=None, end=None):
    accepted = stage not in (Stage.PROPOSAL, Stage.DECLINED)
    form = "" if stage in (Stage.PROPOSAL, Stage.INITIATIVE, Stage.DECLINED) else "projekt"
    reported = timezone.now() if stage in (Stage.EVALUATION, Stage.FOLLOW_UP) else None
    item = Initiative.objects.create(
        title=title,
        need="Behov",
        stage=stage,
        form=form,
        handlaggare=handlaggare if accepted else None,
        planned_start=start,
        planned_end=end,
        results_reported_at=reported,
        last_activity_at=timezone.now(),
    )
    item.areas.set(areas)
    # Created early in 2025, so the follow-up of 2025 counts it.
    Initiative.objects.filter(pk=item.pk).update(
        created_at=datetime.datetime(2025, 1, 15, 12, tzinfo=datetime.UTC)
    )
    return item


@pytest.fixture
def followup_data(areas, handlaggare):
    """Year 2025: area 1 has two in genomförande (one started in 2025) and one with
    results (finished in 2025); area 2 has one samverkansinitiativ and a proposal
    (not counted). 2024: one affiliation; 2025: two more and one withdrawal."""
    d = datetime.date
    one, two = areas
    initiative(
        title="A1",
        stage=Stage.IMPLEMENTATION,
        areas=[one],
        handlaggare=handlaggare,
        start=d(2025, 3, 1),
        end=d(2026, 6, 1),
    )
    initiative(
        title="A2",
        stage=Stage.IMPLEMENTATION,
        areas=[one],
        handlaggare=handlaggare,
        start=d(2024, 3, 1),
        end=d(2026, 6, 1),
    )
    initiative(
        title="A3",
        stage=Stage.RESULTS,
        areas=[one],
        handlaggare=handlaggare,
        start=d(2024, 1, 1),
        end=d(2025, 10, 1),
    )
    initiative(title="B1", stage=Stage.INITIATIVE, areas=[two], handlaggare=handlaggare)
    initiative(title="B2", stage=Stage.PROPOSAL, areas=[two], handlaggare=handlaggare)
    AffiliationFactory(affiliated_from=d(2024, 2, 1))
    AffiliationFactory(affiliated_from=d(2025, 2, 1))
    AffiliationFactory(affiliated_from=d(2025, 5, 1), ended_on=d(2025, 11, 1))
    return areas


def followup_pdf(client, year: int) -> bytes:
    """The follow-up PDF as its reader gets it: when the stored one is not current the
    page says it is being made and the worker is asked; the worker's render runs here,
    and the next request gets the stored file."""
    from django.urls import reverse

    from samverkan.group.models import FollowUp
    from samverkan.group.tasks import followup_pdf_render
    from tests.conftest import response_bytes

    url = reverse("samverkansgruppen:followup_pdf", kwargs={"year": year})
    response = client.get(url)
    if response["Content-Type"] != "application/pdf":
        assert response.status_code == 200 and response["Retry-After"]
        assert "Uppföljningen som PDF tas fram" in response.content.decode()
        followup_pdf_render(FollowUp.objects.get(year=year).pk)
        response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response_bytes(response)


@pytest.fixture
def conference(handlaggare):
    """The conference of 2026 with 20 places; registration closes on 3 December."""
    from samverkan.group.services import conference as conference_services

    return conference_services.conference_create(
        actor=handlaggare,
        title="Överenskommelsekonferensen 2026",
        date=datetime.date(2026, 12, 10),
        start_time=datetime.time(9),
        place="Stadshallen",
        programme="Inledning",
        places=20,
        registration_closes_on=datetime.date(2026, 12, 3),
    )
