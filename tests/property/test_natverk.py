"""The network register through the real views, with arbitrary text: networks, our
participation and its representatives, network meetings, and partnership phases."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from natverk.models import Network, NetworkMeeting, Participation, PartnershipPhase, Representative
from tests.property.helpers import (
    BAD_DATE,
    BAD_INT,
    BAD_TIME,
    HUGE_INTS,
    MALFORMED,
    MALFORMED_DATES,
    MALFORMED_INTS,
    NEGATIVE_INTS,
    NUL,
    TOO_BIG,
    TOO_LONG,
    TOO_SMALL,
    VALID,
    assert_refused,
    assert_saved,
    assert_shown_escaped,
    example,
    free_text,
    kept,
    name_text,
    over_limit,
    page,
    rows,
    stored_name,
    stripped,
    text_for,
    with_nul,
)

pytestmark = pytest.mark.django_db

NETWORK_TEXT = {
    "name": 300,
    "organiser": 200,
    "purpose": None,
    "contacts": None,
    "case_number": 50,
    "cost_note": None,
}
NETWORK_NUMBERS = ("max_municipalities", "fee_per_person_year", "max_representatives")


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


def network_data(**values) -> dict:
    return {"name": "Nätverket", "organiser": "SKR", "kind": Network.Kind.DEVELOPMENT, **values}


@VALID
@given(
    texts=st.fixed_dictionaries(
        {
            name: text_for(name, max_length=limit, required=name in ("name", "organiser"))
            for name, limit in NETWORK_TEXT.items()
        }
    ),
    fee=st.integers(0, 2_147_483_647),
)
def test_network_keeps_text_and_shows_it_escaped(staff, texts, fee):
    with example(staff):
        response = staff.post(
            reverse("natverk:network_create"), network_data(fee_per_person_year=fee, **texts)
        )
        assert_saved(response)
        network = Network.objects.get()
        for name, value in texts.items():
            assert getattr(network, name) == kept(name, value), name
        assert network.fee_per_person_year == fee
        html = page(staff.get(response["Location"]))
        assert_shown_escaped(html, [getattr(network, n) for n in ("name", "organiser")])


@MALFORMED
@given(
    case=st.one_of(
        st.tuples(
            st.sampled_from(["starts_on", "ends_on", "registration_deadline"]),
            st.sampled_from(MALFORMED_DATES),
        ).map(lambda t: (t[0], t[1], BAD_DATE)),
        st.tuples(st.sampled_from(NETWORK_NUMBERS), st.sampled_from(MALFORMED_INTS)).map(
            lambda t: (t[0], t[1], BAD_INT)
        ),
        st.tuples(st.sampled_from(NETWORK_NUMBERS), st.sampled_from(HUGE_INTS)).map(
            lambda t: (t[0], t[1], TOO_BIG)
        ),
        st.tuples(st.sampled_from(NETWORK_NUMBERS), st.sampled_from(NEGATIVE_INTS)).map(
            lambda t: (t[0], t[1], TOO_SMALL)
        ),
        st.sampled_from(sorted(NETWORK_TEXT)).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        st.sampled_from([f for f, n in NETWORK_TEXT.items() if n]).flatmap(
            lambda f: over_limit(NETWORK_TEXT[f]).map(lambda s: (f, s, TOO_LONG))
        ),
    )
)
def test_network_refuses_malformed_input(staff, network, case):
    field, value, message = case
    url = reverse("natverk:network_update", kwargs={"slug": network.slug})
    with example(staff):
        before = rows(Network.objects.all())
        assert_refused(staff.post(url, network_data(**{field: value})), field, message)
        assert rows(Network.objects.all()) == before


@VALID
@given(municipality_name=name_text(max_length=200, required=True), notes=free_text())
def test_participation_keeps_text_and_shows_it_escaped(staff, network, municipality_name, notes):
    url = reverse("natverk:participation_create", kwargs={"slug": network.slug})
    with example(staff):
        response = staff.post(url, {"municipality_name": municipality_name, "notes": notes})
        assert_saved(response)
        participation = Participation.objects.get()
        assert participation.municipality_name == stored_name(municipality_name)
        assert participation.notes == kept("notes", notes)
        html = page(staff.get(response["Location"]))
        assert_shown_escaped(html, [participation.municipality_name, participation.notes])


@VALID
@given(
    name=name_text(max_length=200, required=True),
    title=name_text(max_length=200),
    party=free_text(max_length=20),
)
def test_representative_keeps_text_and_shows_it_escaped(staff, participation, name, title, party):
    url = reverse("natverk:representative_add", kwargs={"uuid": participation.uuid})
    with example(staff):
        response = staff.post(
            url, {"name": name, "title": title, "party": party, "role": "representant"}
        )
        assert_saved(response)
        person = Representative.objects.get()
        assert (person.name, person.title, person.party) == (
            stored_name(name),
            stored_name(title),
            stripped(party),
        )
        html = page(staff.get(response["Location"]))
        assert_shown_escaped(html, [person.name, person.title, person.party])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(["name", "title", "party"]).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        over_limit(200).map(lambda s: ("name", s, TOO_LONG)),
        over_limit(20).map(lambda s: ("party", s, TOO_LONG)),
    )
)
def test_representative_refuses_malformed_input(staff, participation, case):
    field, value, message = case
    url = reverse("natverk:representative_add", kwargs={"uuid": participation.uuid})
    data = {"name": "Anna", "role": "representant", field: value}
    with example(staff):
        assert_refused(staff.post(url, data), field, message)
        assert not Representative.objects.exists()


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_INTS).map(lambda s: ("salary_budget", s, BAD_INT)),
        st.sampled_from(NEGATIVE_INTS).map(lambda s: ("salary_budget", s, TOO_SMALL)),
        st.sampled_from(HUGE_INTS).map(
            lambda s: ("salary_budget", s, "Lönekostnaderna får vara högst")
        ),
        st.sampled_from(MALFORMED_DATES).map(lambda s: ("starts_on", s, BAD_DATE)),
    )
)
def test_partnership_phase_refuses_malformed_numbers_and_dates(staff, partnership, case):
    field, value, message = case
    data = {"kind": "forberedelse", "starts_on": "2025-01-01", "salary_budget": "0"}
    with example(staff):
        participation = Participation.objects.create(network=partnership, municipality_name="L")
        url = reverse("natverk:phase_add", kwargs={"uuid": participation.uuid})
        response = staff.post(url, {**data, field: value})
        assert_refused(response, None if "Lönekostnaderna" in message else field, message)
        assert not PartnershipPhase.objects.exists()


MEETING_TEXT = {"title": 200, "place": 300, "agenda": None}


@VALID
@given(
    texts=st.fixed_dictionaries(
        {
            name: text_for(name, max_length=limit, required=name == "title")
            for name, limit in MEETING_TEXT.items()
        }
    )
)
def test_network_meeting_keeps_text_and_shows_it_escaped(staff, network, texts):
    url = reverse("natverk:meeting_create", kwargs={"slug": network.slug})
    with example(staff):
        response = staff.post(
            url, {"date": "2026-05-04", "start_time": "10:00", "mode": "fysiskt", **texts}
        )
        assert_saved(response)
        meeting = NetworkMeeting.objects.get()
        for name, value in texts.items():
            assert getattr(meeting, name) == kept(name, value), name
        html = page(staff.get(response["Location"]))
        assert_shown_escaped(html, [getattr(meeting, n) for n in texts])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_DATES).map(lambda s: ("date", s, BAD_DATE)),
        st.sampled_from(["25:00", "12:60", "abc", "1e999"]).map(
            lambda s: ("start_time", s, BAD_TIME)
        ),
        st.sampled_from(sorted(MEETING_TEXT)).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        over_limit(200).map(lambda s: ("title", s, TOO_LONG)),
        over_limit(300).map(lambda s: ("place", s, TOO_LONG)),
    )
)
def test_network_meeting_refuses_malformed_input(staff, network, case):
    field, value, message = case
    url = reverse("natverk:meeting_create", kwargs={"slug": network.slug})
    data = {"title": "Träff", "date": "2026-05-04", "mode": "fysiskt", field: value}
    with example(staff):
        assert_refused(staff.post(url, data), field, message)
        assert not NetworkMeeting.objects.exists()
