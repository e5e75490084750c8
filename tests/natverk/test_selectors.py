"""natverk/selectors.py directly: whose history a network's page shows and what it names,
the participations' cost from their active representatives, a user's meetings in date
order, and the queries each needs.

Written against the mutants that survived `make mutation MUTATE=natverk/selectors.py`:
the view tests had one network, one meeting and no object sharing a primary key with
another, so a filter that forgot the content type or the id still found the right rows."""

import datetime

import pytest
import time_machine

from natverk.models import Network, NetworkMeeting, Participation, Representative
from natverk.selectors import (
    meetings_attended,
    network_detail,
    network_history,
    network_list,
    participation_detail,
    participation_history,
)
from overenskommelse.platform.services.history import history_record

pytestmark = pytest.mark.django_db
D = datetime.date


def about(entries) -> list[tuple[str, str]]:
    return sorted((entry.action, entry.about) for entry in entries)


@pytest.fixture
def other_network(db):
    return Network.objects.create(
        slug="annat", name="Annat nätverk", organiser="SKR", kind=Network.Kind.DEVELOPMENT
    )


def test_the_history_of_the_network_and_its_meetings_only(
    network, other_network, meeting_factory, handlaggare
):
    meeting = meeting_factory(pk=network.pk + 1000, title="Vårträff")
    elsewhere = NetworkMeeting.objects.create(network=other_network, title="Annan träff")
    history_record(subject=network, actor=handlaggare, action="network_changed")
    history_record(subject=meeting, actor=handlaggare, action="network_meeting_created")
    history_record(subject=other_network, action="network_registered")
    history_record(subject=elsewhere, action="network_meeting_changed")
    # Other things whose primary key is the network's or the meeting's.
    history_record(
        subject=Participation.objects.create(
            pk=network.pk, network=other_network, municipality_name="Lund"
        ),
        action="participation_applied",
    )
    history_record(
        subject=Participation.objects.create(
            pk=meeting.pk, network=other_network, municipality_name="Malmö"
        ),
        action="participation_changed",
    )
    entries = network_history(network=network, meetings=[meeting])
    assert about(entries) == [
        ("network_changed", ""),
        ("network_meeting_created", "Vårträff"),
    ]


def test_a_network_row_never_names_a_meeting_of_the_same_key(network, handlaggare):
    meeting = NetworkMeeting.objects.create(pk=network.pk, network=network, title="Samma nyckel")
    history_record(subject=network, actor=handlaggare, action="network_changed")
    assert about(network_history(network=network, meetings=[meeting])) == [("network_changed", "")]


def test_the_history_shows_the_latest_fifty_with_their_actors_in_one_query(
    network, handlaggare, django_assert_num_queries
):
    for _ in range(51):
        history_record(subject=network, actor=handlaggare, action="network_changed")
    network_history(network=network, meetings=[])  # the content types are cached from here
    with django_assert_num_queries(1):
        entries = network_history(network=network, meetings=[])
        actors = {entry.actor for entry in entries}
    assert (len(entries), actors) == (50, {handlaggare})


def test_each_participation_costs_its_active_representatives(network, decision):
    # 1 500 kr per person and year, 2019–2022.
    two = Participation.objects.create(network=network, municipality_name="Lund", decision=decision)
    none = Participation.objects.create(network=network, municipality_name="Malmö")
    for name, ended_on in [("Ann", None), ("Bo", None), ("Cia", D(2020, 1, 1))]:
        Representative.objects.create(
            participation=two, name=name, role="representant", ended_on=ended_on
        )
    Representative.objects.create(
        participation=none, name="Dan", role="representant", ended_on=D(2020, 1, 1)
    )
    network.municipalities.create(name="Lunds kommun")
    detail = network_detail(network=network)
    costs = {
        p.municipality_name: (p.active_representatives, p.cost) for p in detail["participations"]
    }
    assert costs == {"Lund": (2, 12_000), "Malmö": (0, 0)}
    assert [m.name for m in detail["municipalities"]] == ["Lunds kommun"]
    assert detail["meetings"] == []


def test_the_decisions_of_the_participations_come_with_them(
    network, decision, django_assert_num_queries
):
    for name in ("Lund", "Malmö"):
        Participation.objects.create(network=network, municipality_name=name, decision=decision)
    with django_assert_num_queries(3):
        detail = network_detail(network=network)
        organs = {p.decision.meeting.organ_name for p in detail["participations"]}
    assert organs == {"Kommunstyrelsen"}


def test_a_users_meetings_by_date_and_time_undated_last(
    network, meeting_factory, handlaggare, rep_a, django_assert_num_queries
):
    made = {
        "odaterad": meeting_factory(title="odaterad"),
        "sen": meeting_factory(title="sen", date=D(2027, 2, 1), start_time=datetime.time(9)),
        "eftermiddag": meeting_factory(
            title="eftermiddag", date=D(2027, 1, 20), start_time=datetime.time(13)
        ),
        "morgon": meeting_factory(title="morgon", date=D(2027, 1, 20), start_time=datetime.time(9)),
    }
    for meeting in made.values():
        meeting.attendees.add(handlaggare)
    meeting_factory(title="någon annans", date=D(2027, 1, 1)).attendees.add(rep_a)
    with django_assert_num_queries(1):
        rows = [(m.title, m.network.name) for m in meetings_attended(user=handlaggare)]
    assert rows == [
        ("morgon", network.name),
        ("eftermiddag", network.name),
        ("sen", network.name),
        ("odaterad", network.name),
    ]


# The register and a participation --------------------------------------------------


def test_the_register_counts_municipalities_and_meetings_once_each(
    network, other_network, meeting_factory
):
    for name in ("Lunds kommun", "Malmö stad"):
        network.municipalities.create(name=name)
    for name in ("Ystad", "Eslöv", "Lund"):
        Participation.objects.create(network=network, municipality_name=name)
    meeting_factory(title="förra", date=D(2026, 11, 1))
    meeting_factory(title="inställd", date=D(2026, 11, 26), is_cancelled=True)
    meeting_factory(title="nästa", date=D(2026, 12, 3))
    meeting_factory(title="sedan", date=D(2027, 1, 3))
    meeting_factory(title="odaterad")
    meeting_factory(title="odaterad och inställd", is_cancelled=True)
    meeting_factory(title="odaterad och också inställd", is_cancelled=True)
    Network.objects.create(
        slug="arkiv", name="Arkiverat", organiser="SKR", kind=Network.Kind.ELECTED, is_archived=True
    )
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)):
        listed = {n.slug: n for n in network_list()}
        everything = {n.slug for n in network_list(include_archived=True)}
    assert set(listed) == {"fortroendevalda", "annat"}
    assert everything == {"fortroendevalda", "annat", "arkiv"}
    mine = listed["fortroendevalda"]
    assert (mine.municipality_count, mine.next_meeting_on, mine.undated_meetings) == (
        2,
        D(2026, 12, 3),
        1,
    )
    assert [p.municipality_name for p in mine.participations.all()] == ["Eslöv", "Lund", "Ystad"]
    other = listed["annat"]
    assert (other.municipality_count, other.next_meeting_on, other.undated_meetings) == (0, None, 0)


def test_a_participation_shows_active_and_former_representatives(participation):
    for name, ended_on in [("Ann", None), ("Bo", D(2020, 1, 1)), ("Cia", None)]:
        Representative.objects.create(
            participation=participation, name=name, role="representant", ended_on=ended_on
        )
    detail = participation_detail(participation=participation)
    assert [r.name for r in detail["representatives"]] == ["Ann", "Cia"]
    assert [r.name for r in detail["former_representatives"]] == ["Bo"]
    assert detail["phases"] == []
    assert detail["cost"] == 1500 * 2 * 4


def test_history_rows_are_labelled(participation, handlaggare):
    history_record(subject=participation, actor=handlaggare, action="participation_changed")
    history_record(
        subject=participation,
        actor=handlaggare,
        action="representative_ended",
        changes={"representatives": ["Ann", None]},
    )
    history_record(
        subject=participation,
        action="representative_added",
        changes={"representatives": [None, None]},
    )
    rows = {row.action: row for row in participation_history(participation=participation)}
    plain = rows["participation_changed"]
    assert (plain.stage_from, plain.stage_to, plain.detail) == ("", "", "")
    assert rows["representative_ended"].detail == "Ann"
    assert rows["representative_added"].detail == ""


def test_a_participations_history_shows_the_latest_fifty(participation):
    for _ in range(51):
        history_record(subject=participation, action="participation_changed")
    assert len(participation_history(participation=participation)) == 50
