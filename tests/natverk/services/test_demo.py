"""The seeds' networks load with their facts, idempotently, linked to their decisions."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from natverk.models import Network, NetworkMeeting, NetworkMunicipality, Participation
from natverk.services.networks import participation_decision_refusal
from overenskommelse.protocols.models import Ballot, Paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())


def test_the_three_networks_with_seed_facts(loaded):
    samhallskontrakt = Network.objects.get(slug="utvecklingsnatverk-samhallskontrakt")
    assert (samhallskontrakt.starts_on, samhallskontrakt.ends_on) == (
        datetime.date(2020, 9, 1),
        datetime.date(2021, 12, 31),
    )
    assert samhallskontrakt.max_municipalities == 6 and samhallskontrakt.fee_per_person_year == 0
    assert sorted(samhallskontrakt.municipalities.values_list("name", flat=True)) == [
        "Forshaga kommun",
        "Piteå kommun",
        "Uppsala kommun",
        "Örnsköldsviks kommun",
    ]
    meetings = dict(samhallskontrakt.meetings.values_list("title", "date"))
    assert meetings == {
        "Uppstartsträff": datetime.date(2020, 9, 4),
        "Nätverksträff 1": datetime.date(2020, 11, 5),
        "Nätverksträff 2": datetime.date(2021, 2, 11),
        "Nätverksträff 3": datetime.date(2021, 5, 4),
        "Nätverksträff 4": None,
        "Nätverksträff 5": None,
    }
    uppsala = Participation.objects.get(network=samhallskontrakt)
    # KSAU § 246 proposes that kommunstyrelsen decide; no seed has that decision, so
    # Uppsala's participation waits for it with the proposal linked.
    assert uppsala.stage == "ansokt"
    assert (uppsala.decision.number, uppsala.decision.case_number) == (246, "KSN-2020-02097")
    assert uppsala.decision.kind == "forslag"
    assert "är ett förslag till beslut" in str(
        participation_decision_refusal(uppsala, uppsala.decision)
    )
    assert uppsala.decision.meeting.date == datetime.date(2020, 8, 18)
    assert uppsala.decision.meeting.municipality_name == "Uppsala kommun"

    elected = Network.objects.get(kind="fortroendevaldanatverk")
    assert (elected.fee_per_person_year, elected.max_representatives) == (1500, 2)
    assert elected.registration_deadline == datetime.date(2019, 4, 15)
    assert elected.meetings.get().date == datetime.date(2019, 5, 17)
    assert elected.years == 4

    partnership = Network.objects.get(kind="kommunalt_partnerskap")
    assert partnership.case_number == "KS 2019/0835"
    assert partnership.participations.get().municipality_name == "Lunds kommun"


def test_loading_twice_changes_nothing(loaded):
    models = (Network, NetworkMunicipality, NetworkMeeting, Participation, Paragraph, Ballot)
    counts = [model.objects.count() for model in models]
    call_command("load_demo", stdout=StringIO())
    assert [model.objects.count() for model in models] == counts
