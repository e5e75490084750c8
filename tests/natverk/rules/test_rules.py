"""Every rule of natverk/rules.py × the whole cast (tests/rules_cast.py)."""

import pytest

from natverk.models import Network, NetworkMeeting
from tests.rules_cast import (
    EVERYONE,
    KOMMUNKONTORET,
    LOGGED_IN,
    Situation,
    assert_rules_allow_exactly,
    cast_users,
    only,
    project_rules,
)

pytestmark = pytest.mark.django_db
K = KOMMUNKONTORET
S = Situation

RULES: dict[str, list[Situation]] = {
    "natverk.view_networks": [S(None, K)],
    "natverk.manage_networks": [S(None, K)],
    "natverk.manage_participation": [S("participation", K)],
    "natverk.manage_meetings": [S(None, K)],
    # Who attends from us reads the meeting; the other förvaltning's contact does not.
    "natverk.view_meeting": [
        S("meeting", K | only("forvaltningskontakt")),
        S("meeting_without_attendees", K),
    ],
    "natverk.view_own_meetings": [S(None, LOGGED_IN)],
    # A public calendar is anyone's, without log-in; an internal one kommunkontoret's.
    "natverk.view_network_calendar": [S("network", K), S("public_network", EVERYONE)],
}


def test_every_rule_has_an_entry():
    assert set(RULES) == project_rules("natverk")


@pytest.fixture
def world(network, participation, forvaltningskontakt):
    meeting = NetworkMeeting.objects.create(network=network, title="Nätverksträff 1")
    meeting.attendees.add(forvaltningskontakt)
    public = Network.objects.create(
        name="Öppet nätverk",
        slug="oppet",
        organiser="SKR",
        kind=Network.Kind.DEVELOPMENT,
        calendar_is_public=True,
    )
    return {
        "network": network,
        "public_network": public,
        "participation": participation,
        "meeting": meeting,
        "meeting_without_attendees": NetworkMeeting.objects.create(
            network=network, title="Nätverksträff 2"
        ),
    }


def test_each_rule_allows_exactly_its_actors_and_refuses_the_rest(world, request):
    assert_rules_allow_exactly(RULES, cast_users(request), world)
