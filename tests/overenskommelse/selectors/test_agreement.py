"""Reads of the agreement app: the current texts, the contact paths and their gaps."""

import pytest

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import (
    ActionPlan,
    AgreementVersion,
    Commitment,
    Direction,
    Principle,
    PriorityArea,
)
from overenskommelse.agreement.selectors.agreement import (
    action_plan_current,
    agreement_current,
    bodies_missing_contact,
    contact_paths_list,
    outbox_counts,
)
from overenskommelse.platform.models import OutboxMessage
from tests.factories import MunicipalBodyFactory

pytestmark = pytest.mark.django_db


def test_the_current_agreement_is_the_one_marked_current():
    AgreementVersion.objects.create(title="2012", version_date="2012-03-01")
    current = AgreementVersion.objects.create(
        title="2018", version_date="2018-06-26", is_current=True
    )
    found = agreement_current()
    assert found == current
    assert list(found.principles.all()) == []


def test_there_is_no_current_agreement_until_one_is_marked():
    AgreementVersion.objects.create(title="2012", version_date="2012-03-01")
    assert agreement_current() is None


def test_the_current_action_plan_comes_with_its_areas():
    plan = ActionPlan.objects.create(
        title="Handlingsplan", slug="hp", start_year=2025, end_year=2028, status="antagen"
    )
    area = PriorityArea.objects.create(plan=plan, number=1, name="Demokrati", slug="demokrati")
    found = action_plan_current()
    assert found == plan
    assert [(a, list(a.directions.all())) for a in found.areas.all()] == [(area, [])]


def test_contact_paths_are_the_active_forvaltningar_by_name():
    b = MunicipalBodyFactory(name="B-förvaltningen")
    a = MunicipalBodyFactory(name="A-förvaltningen")
    MunicipalBodyFactory(name="Nedlagd", is_active=False)
    MunicipalBodyFactory(name="Kulturnämnden", kind=MunicipalBody.Kind.NAMND)
    assert list(contact_paths_list()) == [a, b]


def test_outbox_counts_every_status_also_those_without_mail():
    OutboxMessage.objects.create(to=["a@example.se"], subject="1", body_text="x")
    OutboxMessage.objects.create(to=["b@example.se"], subject="2", body_text="x")
    OutboxMessage.objects.create(
        to=["c@example.se"], subject="3", body_text="x", status=OutboxMessage.Status.FAILED
    )
    assert outbox_counts() == {"vantar": 2, "skickas": 0, "skickat": 0, "misslyckat": 1}


def test_a_forvaltning_lacking_a_contact_name_or_address_is_a_gap():
    MunicipalBodyFactory(name="Komplett")
    no_name = MunicipalBodyFactory(name="Utan namn", contact_name="")
    no_email = MunicipalBodyFactory(name="Utan adress", contact_email="")
    MunicipalBodyFactory(name="Nedlagd", contact_email="", is_active=False)
    MunicipalBodyFactory(name="Nämnden", contact_email="", kind=MunicipalBody.Kind.NAMND)
    assert list(bodies_missing_contact()) == [no_email, no_name]


# The pages read these in a fixed number of queries, however long the texts are.


def test_the_agreement_reads_its_principles_and_commitments_in_four_queries(
    django_assert_num_queries,
):
    version = AgreementVersion.objects.create(
        title="2018", version_date="2018-06-26", is_current=True
    )
    principles = [
        Principle.objects.create(version=version, number=n, name=f"Princip {n}") for n in (1, 2)
    ]
    for n in (1, 2, 3):
        commitment = Commitment.objects.create(version=version, number=n, name=f"Åtagande {n}")
        commitment.principles.set(principles)
    with django_assert_num_queries(4):  # version, principles, commitments, their principles
        found = agreement_current()
        read = (
            [p.name for p in found.principles.all()],
            [[p.number for p in c.principles.all()] for c in found.commitments.all()],
        )
    assert read == (["Princip 1", "Princip 2"], [[1, 2], [1, 2], [1, 2]])


def test_the_action_plan_reads_its_areas_and_directions_in_three_queries(
    django_assert_num_queries,
):
    plan = ActionPlan.objects.create(
        title="Handlingsplan", slug="hp", start_year=2025, end_year=2028, status="antagen"
    )
    for n in (1, 2):
        area = PriorityArea.objects.create(plan=plan, number=n, name=f"Område {n}", slug=f"o{n}")
        for d in (1, 2):
            Direction.objects.create(area=area, number=d, text=f"Inriktning {n}.{d}")
    with django_assert_num_queries(3):  # plan, areas, directions
        found = action_plan_current()
        texts = [[d.text for d in a.directions.all()] for a in found.areas.all()]
    assert texts == [["Inriktning 1.1", "Inriktning 1.2"], ["Inriktning 2.1", "Inriktning 2.2"]]


def test_contact_paths_read_each_forvaltnings_namnd_in_the_same_query(
    django_assert_num_queries,
):
    namnd = MunicipalBodyFactory(name="Kulturnämnden", kind=MunicipalBody.Kind.NAMND)
    for n in (1, 2, 3):
        MunicipalBodyFactory(name=f"Förvaltning {n}", parent=namnd)
    with django_assert_num_queries(1):
        parents = [body.parent.name for body in contact_paths_list()]
    assert parents == ["Kulturnämnden"] * 3
