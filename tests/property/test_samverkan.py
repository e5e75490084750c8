"""Samverkan through the real views, with arbitrary text: a proposal, the initiative's
details, results, evaluation and comments; samverkansgruppen's members, meetings and
follow-up comments; a förvaltning's report; the conference and its registrations."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from overenskommelse.platform.models import HistoryEntry
from samverkan.group.models import (
    Conference,
    ConferenceRegistration,
    FollowUpComment,
    ForvaltningReport,
    GroupMeeting,
    GroupMembership,
)
from samverkan.group.services import conference as conference_services
from samverkan.group.services import followup as followup_services
from samverkan.pipeline.models import Evaluation, Initiative, InitiativeParty, PartyStatus, Stage
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
    answer_text_stored,
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


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


def initiative_in(stage, *, areas, organisation, handlaggare) -> Initiative:
    item = Initiative.objects.create(
        title="Läxhjälp",
        need="Behov",
        stage=stage,
        form="projekt",
        handlaggare=handlaggare,
        last_activity_at=timezone.now(),
        results_reported_at=timezone.now() if stage == Stage.EVALUATION else None,
    )
    item.areas.set([areas[0]])
    InitiativeParty.objects.create(
        initiative=item,
        organisation=organisation,
        status=PartyStatus.ACCEPTED,
        invited_at=timezone.now(),
    )
    return item


def initiative_url(initiative, name="initiative") -> str:
    return reverse(f"pipeline:{name}", kwargs={"uuid": initiative.uuid})


# A proposal -------------------------------------------------------------------------------


@VALID
@given(
    title=name_text(max_length=200, required=True),
    need=free_text(required=True),
    proposed_parties=free_text(),
)
def test_proposal_keeps_text_and_shows_it_escaped(
    client, rep_a, affiliated, areas, title, need, proposed_parties
):
    client.force_login(rep_a)
    with example(client):
        response = client.post(
            reverse("pipeline:propose"),
            {
                "title": title,
                "need": need,
                "proposed_parties": proposed_parties,
                "areas": [areas[0].pk],
                "on_behalf_of": f"org-{affiliated[0].pk}",
            },
        )
        assert_saved(response)
        initiative = Initiative.objects.get()
        assert initiative.title == stored_name(title)
        assert initiative.need == kept("need", need)
        assert initiative.proposed_parties == kept("proposed_parties", proposed_parties)
        html = page(client.get(response["Location"]))
        assert_shown_escaped(html, [initiative.title, initiative.need])


@MALFORMED
@given(
    case=st.one_of(
        with_nul().map(lambda s: ("title", s, NUL)),
        with_nul().map(lambda s: ("need", s, NUL)),
        over_limit(200).map(lambda s: ("title", s, TOO_LONG)),
    )
)
def test_proposal_refuses_nul_and_oversized_text(client, rep_a, affiliated, areas, case):
    field, value, message = case
    client.force_login(rep_a)
    data = {
        "title": "Idé",
        "need": "Behov",
        "areas": [areas[0].pk],
        "on_behalf_of": f"org-{affiliated[0].pk}",
        field: value,
    }
    with example(client):
        assert_refused(client.post(reverse("pipeline:propose"), data), field, message)
        assert not Initiative.objects.exists()


# The initiative's details (kommunkontoret) --------------------------------------------------

DETAIL_TEXT = {
    "title": 200,
    "need": None,
    "contact_persons": None,
    "form_reference": 200,
    "financing": None,
}


def details_data(initiative, **values) -> dict:
    return {
        "title": "Läxhjälp",
        "need": "Behov",
        "areas": [a.pk for a in initiative.areas.all()],
        "planned_start": "2026-01-01",
        "planned_end": "2026-06-30",
        "form": "iop",
        "budget": "100000",
        **values,
    }


@VALID
@given(
    texts=st.fixed_dictionaries(
        {
            name: text_for(name, max_length=limit, required=name in ("title", "need"))
            for name, limit in DETAIL_TEXT.items()
        }
    ),
    budget=st.one_of(st.integers(0, 2_147_483_647), st.just("-0")),
)
def test_initiative_details_keep_text_and_budget(staff, accepted, texts, budget):
    with example(staff):
        response = staff.post(
            initiative_url(accepted, "details"), details_data(accepted, budget=budget, **texts)
        )
        assert_saved(response)
        initiative = Initiative.objects.get(pk=accepted.pk)
        for name, value in texts.items():
            assert getattr(initiative, name) == kept(name, value), name
        assert initiative.budget == (0 if budget == "-0" else budget)
        html = page(staff.get(initiative_url(initiative, "details")))
        assert_shown_escaped(html, [getattr(initiative, n) for n in texts])


@MALFORMED
@given(
    case=st.one_of(
        st.tuples(
            st.sampled_from(["planned_start", "planned_end"]), st.sampled_from(MALFORMED_DATES)
        ).map(lambda t: (t[0], t[1], BAD_DATE)),
        st.sampled_from(MALFORMED_INTS).map(lambda s: ("budget", s, BAD_INT)),
        st.sampled_from(HUGE_INTS).map(lambda s: ("budget", s, TOO_BIG)),
        st.sampled_from(NEGATIVE_INTS).map(lambda s: ("budget", s, TOO_SMALL)),
        st.sampled_from(sorted(DETAIL_TEXT)).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        st.sampled_from(["title", "form_reference"]).flatmap(
            lambda f: over_limit(200).map(lambda s: (f, s, TOO_LONG))
        ),
    )
)
def test_initiative_details_refuse_malformed_input(staff, accepted, case):
    field, value, message = case
    with example(staff):
        before = rows(Initiative.objects.all(), HistoryEntry.objects.all())
        response = staff.post(
            initiative_url(accepted, "details"), details_data(accepted, **{field: value})
        )
        assert_refused(response, field, message)
        assert rows(Initiative.objects.all(), HistoryEntry.objects.all()) == before


# Results, evaluation and comments (a party's representative) ---------------------------------


@VALID
@given(
    results_text=free_text(required=True),
    results_figures=free_text(),
    spread_where=free_text(),
)
def test_results_keep_text_and_show_it_escaped(
    client, rep_a, organisation_a, areas, handlaggare, results_text, results_figures, spread_where
):
    client.force_login(rep_a)
    texts = {
        "results_text": results_text,
        "results_figures": results_figures,
        "spread_where": spread_where,
    }
    with example(client):
        initiative = initiative_in(
            Stage.RESULTS, areas=areas, organisation=organisation_a, handlaggare=handlaggare
        )
        assert_saved(client.post(initiative_url(initiative, "results"), texts))
        initiative.refresh_from_db()
        for name, value in texts.items():
            assert getattr(initiative, name) == kept(name, value), name
        html = page(client.get(initiative_url(initiative)))
        assert_shown_escaped(html, [getattr(initiative, n) for n in texts])


@VALID
@given(
    goal_fulfilment=free_text(required=True),
    what_worked=free_text(),
    lessons=free_text(),
)
def test_evaluation_keeps_text_and_shows_it_escaped(
    client, rep_a, organisation_a, areas, handlaggare, goal_fulfilment, what_worked, lessons
):
    client.force_login(rep_a)
    texts = {"goal_fulfilment": goal_fulfilment, "what_worked": what_worked, "lessons": lessons}
    with example(client):
        initiative = initiative_in(
            Stage.EVALUATION, areas=areas, organisation=organisation_a, handlaggare=handlaggare
        )
        response = client.post(
            initiative_url(initiative, "evaluation"), {**texts, "should_continue": "ja"}
        )
        assert_saved(response)
        evaluation = Evaluation.objects.get()
        for name, value in texts.items():
            assert getattr(evaluation, name) == kept(name, value), name
        html = page(client.get(initiative_url(initiative)))
        assert_shown_escaped(html, [getattr(evaluation, n) for n in texts])


@VALID
@given(text=free_text(required=True))
def test_comment_is_kept_and_shown_escaped(client, rep_a, organisation_a, areas, handlaggare, text):
    client.force_login(rep_a)
    with example(client):
        initiative = initiative_in(
            Stage.IMPLEMENTATION, areas=areas, organisation=organisation_a, handlaggare=handlaggare
        )
        assert_saved(client.post(initiative_url(initiative, "comment"), {"text": text}))
        entry = HistoryEntry.objects.get(action="samverkan_comment")
        assert entry.message == kept("text", text)
        assert_shown_escaped(page(client.get(initiative_url(initiative))), [entry.message])


@MALFORMED
@given(
    case=st.one_of(
        with_nul().map(lambda s: ("comment", "text", s)),
        with_nul().map(lambda s: ("results", "results_text", s)),
        with_nul().map(lambda s: ("results", "spread_where", s)),
    )
)
def test_party_texts_refuse_nul(client, rep_a, organisation_a, areas, handlaggare, case):
    view, field, value = case
    client.force_login(rep_a)
    with example(client):
        initiative = initiative_in(
            Stage.RESULTS, areas=areas, organisation=organisation_a, handlaggare=handlaggare
        )
        before = rows(Initiative.objects.all(), HistoryEntry.objects.all())
        data = {"text": "Hej", "results_text": "Resultat", field: value}
        assert_refused(client.post(initiative_url(initiative, view), data), field, NUL)
        assert rows(Initiative.objects.all(), HistoryEntry.objects.all()) == before


# Samverkansgruppen ------------------------------------------------------------------------------


@VALID
@given(name=name_text(max_length=200, required=True))
def test_group_member_name_is_kept_and_shown_escaped(staff, forvaltning, name):
    with example(staff):
        response = staff.post(
            reverse("samverkansgruppen:group_member_add"),
            {"name": name, "municipal_body": forvaltning.pk, "starts_on": "2025-01-01"},
        )
        assert_saved(response)
        membership = GroupMembership.objects.get()
        assert membership.name == stored_name(name)
        assert_shown_escaped(page(staff.get(response["Location"])), [membership.name])


@MALFORMED
@given(
    case=st.one_of(
        st.tuples(st.sampled_from(["starts_on", "ends_on"]), st.sampled_from(MALFORMED_DATES)).map(
            lambda t: (t[0], t[1], BAD_DATE)
        ),
        with_nul().map(lambda s: ("name", s, NUL)),
        over_limit(200).map(lambda s: ("name", s, TOO_LONG)),
    )
)
def test_group_member_refuses_malformed_input(staff, forvaltning, case):
    field, value, message = case
    data = {"name": "Anna", "municipal_body": forvaltning.pk, "starts_on": "2025-01-01"}
    with example(staff):
        response = staff.post(reverse("samverkansgruppen:group_member_add"), {**data, field: value})
        assert_refused(response, field, message)
        assert not GroupMembership.objects.exists()


@VALID
@given(
    title=name_text(max_length=200, required=True),
    place=free_text(max_length=300),
    agenda=free_text(),
)
def test_group_meeting_keeps_text_and_shows_it_escaped(staff, title, place, agenda):
    with example(staff):
        response = staff.post(
            reverse("samverkansgruppen:group_meeting_create"),
            {
                "title": title,
                "place": place,
                "agenda": agenda,
                "date": "2026-05-04",
                "start_time": "13:00",
                "link": "https://example.se/mote",
            },
        )
        assert_saved(response)
        meeting = GroupMeeting.objects.get()
        assert (meeting.title, meeting.place) == (stored_name(title), stripped(place))
        assert meeting.agenda == kept("agenda", agenda)
        html = page(staff.get(response["Location"]))
        assert_shown_escaped(html, [meeting.title, meeting.place, meeting.agenda])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_DATES).map(lambda s: ("date", s, BAD_DATE)),
        st.tuples(
            st.sampled_from(["start_time", "end_time"]),
            st.sampled_from(["25:00", "12:60", "abc", "1e999", "-1:00"]),
        ).map(lambda t: (t[0], t[1], BAD_TIME)),
        st.sampled_from(["title", "place", "agenda"]).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        over_limit(200).map(lambda s: ("title", s, TOO_LONG)),
        over_limit(300).map(lambda s: ("place", s, TOO_LONG)),
    )
)
def test_group_meeting_refuses_malformed_input(staff, case):
    field, value, message = case
    data = {"title": "Möte", "date": "2026-05-04", "start_time": "13:00", "place": "Rum 1"}
    data[field] = value
    with example(staff):
        response = staff.post(reverse("samverkansgruppen:group_meeting_create"), data)
        assert_refused(response, field, message)
        assert not GroupMeeting.objects.exists()


@VALID
@given(text=free_text(required=True))
def test_followup_comment_is_kept_and_shown_escaped(
    client, samverkansgruppen_member, handlaggare, areas, text
):
    client.force_login(samverkansgruppen_member)
    url = reverse("samverkansgruppen:followup_comment", kwargs={"year": 2025})
    with example(client):
        followup_services.followup_create(actor=handlaggare, year=2025)
        response = client.post(url, {"section": followup_services.SECTIONS[0], "text": text})
        assert_saved(response)
        comment = FollowUpComment.objects.get()
        assert comment.text == kept("text", text)
        assert_shown_escaped(page(client.get(response["Location"])), [comment.text])


@MALFORMED
@given(text=st.one_of(with_nul(), st.sampled_from(["", " ", "\r\n\t"])))
def test_followup_comment_refuses_nul_and_empty_text(
    client, samverkansgruppen_member, handlaggare, areas, text
):
    """This form posts from the review page and answers with a redirect back to it,
    carrying the message; the page then shows it. A NUL is the 400 page."""
    client.force_login(samverkansgruppen_member)
    url = reverse("samverkansgruppen:followup_comment", kwargs={"year": 2025})
    with example(client):
        followup_services.followup_create(actor=handlaggare, year=2025)
        response = client.post(url, {"section": followup_services.SECTIONS[0], "text": text})
        if "\x00" in text:
            assert_refused(response, "text", NUL)
            assert not FollowUpComment.objects.exists()
            return
        assert response.status_code == 302
        html = page(client.get(response["Location"]))
        assert "Välj ett avsnitt och skriv en kommentar." in html
        assert not FollowUpComment.objects.exists()


@VALID
@given(commitments=free_text(required=True), area_text=free_text())
def test_forvaltning_report_keeps_text_and_shows_it_escaped(
    client, forvaltningskontakt, forvaltning, areas, no_staff_mfa, commitments, area_text
):
    client.force_login(forvaltningskontakt)
    url = reverse("samverkansgruppen:report_submit", kwargs={"year": 2026})
    with example(client):
        response = client.post(url, {"commitments": commitments, f"area_{areas[0].pk}": area_text})
        assert_saved(response)
        report = ForvaltningReport.objects.get()
        assert report.commitments == kept("commitments", commitments)
        area_texts = list(report.areas.values_list("text", flat=True))
        area_kept = answer_text_stored(area_text)  # a LongTextField per area
        assert area_texts == ([area_kept] if area_kept else [])
        assert_shown_escaped(page(client.get(url)), [report.commitments])


@MALFORMED
@given(field=st.sampled_from(["commitments", "area"]), value=with_nul())
def test_forvaltning_report_refuses_nul(
    client, forvaltningskontakt, forvaltning, areas, no_staff_mfa, field, value
):
    client.force_login(forvaltningskontakt)
    name = f"area_{areas[0].pk}" if field == "area" else field
    data = {"commitments": "IOP", name: value}
    url = reverse("samverkansgruppen:report_submit", kwargs={"year": 2026})
    with example(client):
        assert_refused(client.post(url, data), name, NUL)
        assert not ForvaltningReport.objects.exists()


# The conference ----------------------------------------------------------------------------------


def conference_data(**values) -> dict:
    return {
        "title": "Konferensen",
        "date": "2026-12-10",
        "start_time": "09:00",
        "place": "Stadshallen",
        "programme": "Inledning",
        "places": "50",
        "registration_closes_on": "2026-12-03",
        **values,
    }


@VALID
@given(
    title=name_text(max_length=200, required=True),
    place=free_text(max_length=300, required=True),
    programme=free_text(required=True),
    places=st.integers(1, 100_000),
)
def test_conference_keeps_text_and_shows_it_escaped(staff, title, place, programme, places):
    texts = {"title": title, "place": place, "programme": programme}
    with example(staff):
        response = staff.post(
            reverse("samverkansgruppen:conferences"), conference_data(places=places, **texts)
        )
        assert_saved(response)
        conference = Conference.objects.get()
        for name, value in texts.items():
            assert getattr(conference, name) == kept(name, value), name
        assert conference.places == places
        html = page(staff.get(reverse("samverkansgruppen:conference", args=[conference.uuid])))
        assert_shown_escaped(html, [getattr(conference, n) for n in texts])


@MALFORMED
@given(
    case=st.one_of(
        st.tuples(
            st.sampled_from(["date", "registration_closes_on"]), st.sampled_from(MALFORMED_DATES)
        ).map(lambda t: (t[0], t[1], BAD_DATE)),
        st.sampled_from(MALFORMED_INTS).map(lambda s: ("places", s, BAD_INT)),
        st.sampled_from(HUGE_INTS).map(lambda s: ("places", s, TOO_BIG)),
        st.sampled_from(["0", "-0", "-1"]).map(lambda s: ("places", s, TOO_SMALL)),
        st.sampled_from(["title", "place", "programme"]).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        over_limit(300).map(lambda s: ("place", s, TOO_LONG)),
    )
)
def test_conference_refuses_malformed_input(staff, case):
    field, value, message = case
    with example(staff):
        response = staff.post(
            reverse("samverkansgruppen:conferences"), conference_data(**{field: value})
        )
        assert_refused(response, field, message)
        assert not Conference.objects.exists()


@pytest.fixture
def conference(handlaggare):
    return conference_services.conference_create(
        actor=handlaggare,
        title="Konferensen 2099",
        date=dt.date(2099, 5, 1),
        start_time=dt.time(9),
        place="Stadshallen",
        programme="Inledning",
        places=100,
        registration_closes_on=dt.date(2099, 4, 1),
    )


@VALID
@given(name=name_text(max_length=200, required=True), represents=name_text(max_length=300))
def test_registration_keeps_contact_details_and_shows_them_escaped(
    client, conference, name, represents
):
    url = reverse("samverkansgruppen:conference", args=[conference.uuid])
    with example(client):
        response = client.post(
            url, {"name": name, "email": "anna@example.se", "represents": represents}
        )
        assert_saved(response)
        registration = ConferenceRegistration.objects.get()
        assert registration.name == stored_name(name)
        assert registration.represents == stored_name(represents)
        assert_shown_escaped(page(client.get(response["Location"])), [registration.name])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(["name", "represents"]).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        over_limit(200).map(lambda s: ("name", s, TOO_LONG)),
        over_limit(300).map(lambda s: ("represents", s, TOO_LONG)),
    )
)
def test_registration_refuses_malformed_input(client, conference, case):
    field, value, message = case
    data = {"name": "Anna", "email": "anna@example.se", field: value}
    with example(client):
        response = client.post(
            reverse("samverkansgruppen:conference", args=[conference.uuid]), data
        )
        assert_refused(response, field, message)
        assert not ConferenceRegistration.objects.exists()
