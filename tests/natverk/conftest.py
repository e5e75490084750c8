"""Networks for the network app's tests."""

import datetime

import pytest

from natverk.models import Network, NetworkMeeting, Participation
from overenskommelse.protocols.services import protocols


@pytest.fixture
def network(db):
    return Network.objects.create(
        slug="fortroendevalda",
        name="Nätverk för förtroendevalda",
        organiser="SKL",
        kind=Network.Kind.ELECTED,
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
        fee_per_person_year=1500,
        max_representatives=2,
        max_municipalities=6,
    )


@pytest.fixture
def partnership(db):
    return Network.objects.create(
        slug="icld", name="Kommunalt partnerskap", organiser="ICLD", kind=Network.Kind.PARTNERSHIP
    )


@pytest.fixture
def participation(network):
    return Participation.objects.create(network=network, municipality_name="Lunds kommun")


@pytest.fixture
def decision(handlaggare):
    """Lunds kommunstyrelse decides to take part: a decision of the competent organ."""
    meeting = protocols.protocol_meeting_create(
        actor=handlaggare,
        organ_name="Kommunstyrelsen",
        organ_kind="kommunstyrelse",
        municipality_name="Lunds kommun",
        date=datetime.date(2019, 3, 6),
    )
    return protocols.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=77,
        title="Deltagande i nätverk",
        clauses=["att delta"],
    )


@pytest.fixture
def meeting_factory(network):
    def make(**values) -> NetworkMeeting:
        values.setdefault("title", "Nätverksträff")
        return NetworkMeeting.objects.create(network=network, **values)

    return make
