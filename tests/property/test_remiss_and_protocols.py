# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Remisser and protocols through the real views, with arbitrary text: a handläggare
creates a remiss, an instans answers it section by section (remissvar), kommunkontoret
registers a late answer and withdraws a remiss; sammanträden, paragraphs and votes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from overenskommelse.agreement.models import (
    Remiss,
    RemissAnswer,
    RemissAnswerText,
    RemissSection,
)
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.protocols.models import (
    Paragraph,
    ProtocolMeeting,
    ProtocolMember,
    lines,
)
from overenskommelse.protocols.services import protocols as protocol_services
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)
from tests.property.helpers import (
    BAD_DATE,
    BAD_INT,
    BAD_TIME,
    HUGE_INTS,
    MALFORMED,
    MALFORMED_DATES,
    MALFORMED_INTS,
    NUL,
    REQUIRED,
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
    over_limit,
    page,
    rows,
    stripped,
    text_for,
    with_nul,
)

pytestmark = pytest.mark.django_db

OPEN = at(2021, 1, 20, 10)


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


# Creating a remiss ------------------------------------------------------------------------

REMISS_TEXT = {
    "title": 200,
    "case_number": 40,
    "instructions": None,
    "reply_subject": 200,
    "postal_address": None,
    "contact_name": 200,
    "contact_title": 200,
    "contact_phone": 40,
}


def remiss_data(**values) -> dict:
    return {
        "title": "Remiss",
        "opens_on": "2020-12-01",
        "closes_on": "2021-02-28",
        "disposition": "Sammanfattning",
        "reply_email": "svar@example.se",
        "contact_name": "Ulrika",
        **values,
    }


@VALID
@given(
    texts=st.fixed_dictionaries(
        {
            name: text_for(name, max_length=limit, required=name in ("title", "contact_name"))
            for name, limit in REMISS_TEXT.items()
        }
    ),
    disposition=free_text().filter(lambda s: lines(s) and max(map(len, lines(s))) <= 200),
)
def test_remiss_creation_keeps_text_and_shows_it_escaped(staff, texts, disposition):
    with example(staff):
        response = staff.post(
            reverse("agreement:remiss_create"),
            remiss_data(disposition=disposition, **texts),
        )
        assert_saved(response)
        remiss = Remiss.objects.get()
        for name, value in texts.items():
            assert getattr(remiss, name) == kept(name, value), name
        headings = [s.heading for s in remiss.sections.order_by("number")]
        assert headings == lines(disposition)
        html = page(staff.get(reverse("agreement:remiss_detail", args=[remiss.uuid])))
        assert_shown_escaped(html, [*(getattr(remiss, n) for n in texts), *headings])


@MALFORMED
@given(
    case=st.one_of(
        st.tuples(st.sampled_from(["opens_on", "closes_on"]), st.sampled_from(MALFORMED_DATES)).map(
            lambda t: (t[0], t[1], BAD_DATE)
        ),
        st.sampled_from(sorted(REMISS_TEXT)).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        st.sampled_from([f for f, n in REMISS_TEXT.items() if n]).flatmap(
            lambda f: over_limit(REMISS_TEXT[f]).map(lambda s: (f, s, TOO_LONG))
        ),
        over_limit(200).map(lambda s: ("disposition", f"Sammanfattning\n{s}", TOO_LONG)),
        st.sampled_from(
            ["2021-02-30 18:00-19:30", "2021-01-12 25:00-26:00", "abc", "1e999 18-19"]
        ).map(lambda s: ("meetings", s, "Kunde inte läsa")),
    )
)
def test_remiss_creation_refuses_malformed_input(staff, case):
    field, value, message = case
    with example(staff):
        response = staff.post(reverse("agreement:remiss_create"), remiss_data(**{field: value}))
        assert_refused(response, field, message)
        assert not Remiss.objects.exists() and not RemissSection.objects.exists()


# Answering a remiss (remissvar, one text per section) ----------------------------------------


def answer_url(remiss, organisation) -> str:
    instans = remiss.instanser.get(organisation=organisation)
    return reverse("agreement:remiss_answer", kwargs={"uuid": instans.uuid})


@VALID
@given(data=st.data())
def test_remiss_answer_keeps_each_section_and_shows_it_escaped(
    client, published_remiss, organisation_a, rep_a, data
):
    sections = list(published_remiss.sections.order_by("number"))
    texts = {s.pk: data.draw(free_text(), label=s.heading) for s in sections}
    client.force_login(rep_a)
    url = answer_url(published_remiss, organisation_a)
    with time_machine.travel(OPEN, tick=False), example(client):
        posted = {f"section_{pk}": text for pk, text in texts.items()}
        assert_saved(client.post(url, {**posted, "version": 0, "draft": "1"}))
        stored = dict(RemissAnswerText.objects.values_list("section_id", "text"))
        assert stored == {pk: answer_text_stored(text) for pk, text in texts.items()}
        assert_shown_escaped(page(client.get(url)), stored.values())


OUT_OF_DATE = "Sidan är inaktuell. Ladda om den och skicka sedan svaret igen."


@MALFORMED
@given(
    case=st.one_of(
        with_nul().map(lambda s: ("section", s, NUL)),
        st.sampled_from(MALFORMED_INTS).map(lambda s: ("version", s, OUT_OF_DATE)),
    )
)
def test_remiss_answer_refuses_malformed_input(
    client, published_remiss, organisation_a, rep_a, case
):
    field, value, message = case
    section = published_remiss.sections.first()
    client.force_login(rep_a)
    url = answer_url(published_remiss, organisation_a)
    data = {f"section_{section.pk}": "Svar", "version": 0, "draft": "1"}
    name = f"section_{section.pk}" if field == "section" else field
    data[name] = value
    with time_machine.travel(OPEN, tick=False), example(client):
        response = client.post(url, data)
        if field == "version":  # a hidden field: refused, though not one a person types in
            assert response.status_code == 200
            assert message in response.context["form"].errors["version"]
            assert escape(message) in response.content.decode()  # and the page says so
        else:
            assert_refused(response, name, message)
        assert not RemissAnswer.objects.exists()


@VALID
@given(data=st.data())
def test_registered_late_answer_keeps_text(staff, published_remiss, organisation_a, data):
    sections = list(published_remiss.sections.order_by("number"))
    texts = {s.pk: data.draw(free_text(), label=s.heading) for s in sections}
    instans = published_remiss.instanser.get(organisation=organisation_a)
    url = reverse("agreement:remiss_register_answer", args=[published_remiss.uuid])
    with example(staff):
        posted = {f"section_{pk}": text for pk, text in texts.items()}
        response = staff.post(
            url,
            {**posted, "instans": instans.pk, "channel": "epost", "received_on": "2021-03-02"},
        )
        assert_saved(response)
        stored = dict(RemissAnswerText.objects.values_list("section_id", "text"))
        assert stored == {pk: answer_text_stored(text) for pk, text in texts.items()}
        html = page(staff.get(reverse("agreement:remiss_answer", args=[instans.uuid])))
        assert_shown_escaped(html, stored.values())


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_DATES).map(lambda s: ("received_on", s, BAD_DATE)),
        with_nul().map(lambda s: ("section", s, NUL)),
    )
)
def test_registered_answer_refuses_malformed_input(staff, published_remiss, organisation_a, case):
    field, value, message = case
    section = published_remiss.sections.first()
    instans = published_remiss.instanser.get(organisation=organisation_a)
    data = {
        f"section_{section.pk}": "Svar",
        "instans": instans.pk,
        "channel": "epost",
        "received_on": "2021-03-02",
    }
    name = f"section_{section.pk}" if field == "section" else field
    data[name] = value
    url = reverse("agreement:remiss_register_answer", args=[published_remiss.uuid])
    with example(staff):
        assert_refused(staff.post(url, data), name, message)
        assert not RemissAnswer.objects.exists()


@MALFORMED
@given(reason=st.one_of(with_nul(), free_text()))
def test_withdrawing_a_remiss_with_any_reason_never_fails(staff, published_remiss, reason):
    url = reverse("agreement:remiss_withdraw", args=[published_remiss.uuid])
    with example(staff):
        before = rows(Remiss.objects.all(), HistoryEntry.objects.all())
        response = staff.post(url, {"reason": reason, "confirm": "on"}, follow=True)
        published_remiss.refresh_from_db()
        if "\x00" in reason:
            assert_refused(response, "reason", NUL)
            assert rows(Remiss.objects.all(), HistoryEntry.objects.all()) == before
            return
        assert response.status_code == 200
        if not reason.strip():
            assert published_remiss.status == Remiss.Status.PUBLISHED
            assert rows(Remiss.objects.all(), HistoryEntry.objects.all()) == before
            assert "errorlist" in page(response) or "message" in page(response)
        else:
            assert published_remiss.status == Remiss.Status.WITHDRAWN
            entry = HistoryEntry.objects.order_by("pk").last()
            assert entry.message == kept("reason", reason)
            assert_shown_escaped(page(response), [])


# Protocols: sammanträde, people, paragraph, vote -------------------------------------------

MEETING_TEXT = {
    "organ_name": 200,
    "municipality_name": 200,
    "time_note": 300,
    "place": 300,
    "chair": 200,
    "secretary": 200,
    "adjustment_place_time": 300,
    "paragraph_span": 50,
    "protocol_kept_at": 300,
}


@VALID
@given(
    texts=st.fixed_dictionaries(
        {
            name: text_for(name, max_length=limit, required=name == "organ_name")
            for name, limit in MEETING_TEXT.items()
        }
    ),
    adjusters=free_text(),
)
def test_protocol_meeting_keeps_text_and_shows_it_escaped(staff, texts, adjusters):
    with example(staff):
        response = staff.post(
            reverse("protocols:protocol_meeting_create"),
            {"date": "2024-05-02", "start_time": "18:00", "adjusters": adjusters, **texts},
        )
        assert_saved(response)
        meeting = ProtocolMeeting.objects.get()
        for name, value in texts.items():
            if name == "municipality_name" and not stripped(value):
                continue  # the municipality's own name is filled in
            assert getattr(meeting, name) == kept(name, value), name
        assert meeting.adjuster_list == lines(adjusters)
        html = page(staff.get(response["Location"]))
        shown = [n for n in texts if n != "paragraph_span"]  # only in the extract (PDF)
        assert_shown_escaped(html, [*(getattr(meeting, n) for n in shown), *lines(adjusters)])


@MALFORMED
@given(
    case=st.one_of(
        st.tuples(
            st.sampled_from(["date", "notice_posted_on", "notice_removed_on"]),
            st.sampled_from(MALFORMED_DATES),
        ).map(lambda t: (t[0], t[1], BAD_DATE)),
        st.sampled_from(["25:00", "12:60", "abc", "1e999", "-1:00"]).map(
            lambda s: ("start_time", s, BAD_TIME)
        ),
        st.sampled_from(sorted(MEETING_TEXT)).flatmap(
            lambda f: st.one_of(
                with_nul().map(lambda s: (f, s, NUL)),
                over_limit(MEETING_TEXT[f]).map(lambda s: (f, s, TOO_LONG)),
            )
        ),
    )
)
def test_protocol_meeting_refuses_malformed_input(staff, case):
    field, value, message = case
    data = {"date": "2024-05-02", "organ_name": "Kommunstyrelsen", field: value}
    with example(staff):
        response = staff.post(reverse("protocols:protocol_meeting_create"), data)
        assert_refused(response, field, message)
        assert not ProtocolMeeting.objects.exists()


@pytest.fixture
def protocol_meeting(handlaggare):
    return protocol_services.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunstyrelsen", date=dt.date(2024, 5, 2)
    )


name_part = free_text(max_length=200, required=True).filter(
    lambda s: not any(c in s for c in "()/\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
)


@VALID
@given(name=name_part, party=st.text(st.sampled_from("SMVCLKDPÅÄÖ"), min_size=1, max_size=20))
def test_protocol_people_keep_their_names(staff, protocol_meeting, name, party):
    url = reverse("protocols:protocol_members_add", args=[protocol_meeting.uuid])
    with example(staff):
        response = staff.post(url, {"kind": "ledamot", "text": f"{name} ({party})"})
        assert_saved(response)
        member = ProtocolMember.objects.get()
        assert (member.name, member.party) == (name.strip(), party)
        assert_shown_escaped(page(staff.get(response["Location"])), [member.name])


def _plain_name(s: str) -> bool:
    return not any(c in s for c in "()/")


@MALFORMED
@given(
    text=st.one_of(
        # A name longer than 200 that is otherwise well written: no bracket or slash
        # of its own, which would be a format error before the length is seen.
        over_limit(200).filter(_plain_name).map(lambda s: f"{s} (S)"),
        st.text(st.sampled_from("SMV"), min_size=21, max_size=40).map(lambda p: f"Anna ({p})"),
        over_limit(200).filter(_plain_name).map(lambda s: f"Anna (S) / {s} (M)"),
        with_nul(),
    )
)
def test_protocol_people_refuse_oversized_or_nul_text(staff, protocol_meeting, text):
    url = reverse("protocols:protocol_members_add", args=[protocol_meeting.uuid])
    with example(staff):
        response = staff.post(url, {"kind": "ledamot", "text": text})
        too_long = "är för lång: ett namn har högst 200 tecken"
        assert_refused(response, None, NUL if "\x00" in text else too_long)
        assert not ProtocolMember.objects.exists()


PARAGRAPH_TEXT = {
    "title": 300,
    "case_number": 50,
    "decision_intro": 300,
    "summary": None,
    "speeches": None,
    "proposals": None,
    "procedure": None,
    "reservations": None,
}


@VALID
@given(
    texts=st.fixed_dictionaries(
        {
            name: text_for(name, max_length=limit, required=name == "title")
            for name, limit in PARAGRAPH_TEXT.items()
        }
    ),
    clauses=free_text().filter(lambda s: lines(s)),
    number=st.integers(1, 2_147_483_647),
)
def test_paragraph_keeps_text_and_shows_it_escaped(staff, protocol_meeting, texts, clauses, number):
    url = reverse("protocols:paragraph_create", args=[protocol_meeting.uuid])
    with example(staff):
        response = staff.post(url, {"number": number, "clauses": clauses, **texts})
        assert_saved(response)
        paragraph = Paragraph.objects.get()
        assert paragraph.number == number
        for name, value in texts.items():
            assert getattr(paragraph, name) == kept(name, value), name
        assert [c.text for c in paragraph.clauses.order_by("position")] == lines(clauses)
        html = page(staff.get(response["Location"]))
        assert_shown_escaped(html, [*(getattr(paragraph, n) for n in texts), *lines(clauses)])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_INTS).map(lambda s: ("number", s, BAD_INT)),
        st.sampled_from(HUGE_INTS).map(lambda s: ("number", s, TOO_BIG)),
        st.sampled_from(["0", "-1", "-0"]).map(lambda s: ("number", s, TOO_SMALL)),
        st.just(("clauses", " \n \r\n", REQUIRED)),
        st.sampled_from(sorted(PARAGRAPH_TEXT)).flatmap(
            lambda f: with_nul().map(lambda s: (f, s, NUL))
        ),
        st.sampled_from([f for f, n in PARAGRAPH_TEXT.items() if n]).flatmap(
            lambda f: over_limit(PARAGRAPH_TEXT[f]).map(lambda s: (f, s, TOO_LONG))
        ),
    )
)
def test_paragraph_refuses_malformed_input(staff, protocol_meeting, case):
    field, value, message = case
    data = {"number": 1, "title": "Titel", "clauses": "att anta", field: value}
    url = reverse("protocols:paragraph_create", args=[protocol_meeting.uuid])
    with example(staff):
        assert_refused(staff.post(url, data), field, message)
        assert not Paragraph.objects.exists()


@pytest.fixture
def paragraph(protocol_meeting, handlaggare):
    protocol_services.protocol_members_add(
        meeting=protocol_meeting, actor=handlaggare, text="Anna Ek (S)\nBo Berg (M)"
    )
    return protocol_services.paragraph_create(
        meeting=protocol_meeting, actor=handlaggare, number=1, title="Val", clauses=["att välja"]
    )


@VALID
@given(
    texts=st.fixed_dictionaries(
        {
            "question": free_text(),
            "yes_means": free_text(required=True),
            "no_means": free_text(required=True),
            "outcome": free_text(),
        }
    )
)
def test_vote_keeps_text_and_shows_it_escaped(staff, paragraph, texts):
    url = reverse("protocols:division_create", args=[paragraph.uuid])
    with example(staff):
        ballots = {f"member_{m.pk}": "ja" for m in paragraph.meeting.members.all()}
        assert_saved(staff.post(url, {**texts, **ballots}))
        division = paragraph.divisions.get()
        for name, value in texts.items():
            assert getattr(division, name) == kept(name, value), name
        html = page(staff.get(reverse("protocols:paragraph", args=[paragraph.uuid])))
        assert_shown_escaped(html, [getattr(division, n) for n in texts])
