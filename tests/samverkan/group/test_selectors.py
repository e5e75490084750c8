"""samverkan/group/selectors.py directly: what the group page and a meeting's page are
given (the seats, vacancies, terms, meetings, attendance and minutes), in what order,
and in a constant number of queries.

Written against the mutants that survived `make mutation MUTATE=samverkan/group/selectors.py`:
the view tests looked for a few words of the page, which an empty list also gives."""

import datetime

import pytest

from overenskommelse.agreement.models import Organisation
from overenskommelse.protocols.services import protocols
from samverkan.group.models import GroupMeeting
from samverkan.group.selectors import group_overview, meeting_detail
from samverkan.group.services import group
from tests.factories import MunicipalBodyFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 25)
TERM_START = D(2025, 1, 1)


def names(members) -> list[str]:
    return [m.name for m in members]


def add(actor, name, seat, starts_on=TERM_START, ends_on=None):
    side = "organisation" if isinstance(seat, Organisation) else "municipal_body"
    return group.membership_add(
        actor=actor, name=name, starts_on=starts_on, ends_on=ends_on, **{side: seat}
    )


def meeting(actor, date, title="Möte"):
    return group.meeting_create(
        actor=actor, title=title, date=date, start_time=datetime.time(13), place="Stadshuset"
    )


# The group page ----------------------------------------------------------------------


def test_a_full_group_has_no_vacancy_and_no_problem(full_group):
    overview = group_overview(today=TODAY)
    assert names(overview["municipal"]) == [f"Tjänsteperson {n}" for n in range(4)]
    assert names(overview["sector"]) == [f"Föreningsperson {n}" for n in range(4)]
    assert [m.wrong_seat for m in overview["municipal"] + overview["sector"]] == [False] * 8
    assert overview["municipal_vacant"] == []
    assert list(overview["sector_vacant"]) == []
    assert overview["problems"] == []
    assert overview["sector_required"] == ("pil", "lips")
    assert overview["former"] == []
    assert overview["meetings"] == [] and overview["upcoming"] == []


def test_vacant_seats_and_a_forvaltning_without_a_seat(handlaggare, seat_bodies, pil):
    other = MunicipalBodyFactory(name="Tekniska förvaltningen", slug="tekniska")
    add(handlaggare, "Kim Kommun", seat_bodies["socialforvaltningen"])
    add(handlaggare, "Tor Teknik", other)
    add(handlaggare, "Pia PIL", pil)
    overview = group_overview(today=TODAY)
    assert [(m.name, m.wrong_seat) for m in overview["municipal"]] == [
        ("Kim Kommun", False),
        ("Tor Teknik", True),
    ]
    assert overview["municipal_vacant"] == [
        "kommunkontoret",
        "kultur-och-fritidsforvaltningen",
        "vard-och-omsorgsforvaltningen",
    ]
    assert [(m.name, m.wrong_seat) for m in overview["sector"]] == [("Pia PIL", False)]
    assert list(overview["sector_vacant"]) == [0, 1, 2]
    assert overview["problems"] == [
        "Platsen för Kommunkontoret är vakant.",
        "Platsen för Kultur- och fritidsförvaltningen är vakant.",
        "Platsen för Vård- och omsorgsförvaltningen är vakant.",
        "Tekniska förvaltningen har ingen kommunal plats i gruppen.",
        "3 av de fyra platserna för idéburen sektor är vakanta.",
        "LIPS saknar plats; en av den idéburna sektorns platser är LIPS.",
    ]


def test_a_term_counts_on_its_first_and_its_last_day(handlaggare, seat_bodies, pil, lips):
    body = seat_bodies["kommunkontoret"]
    add(handlaggare, "Börjar i dag", body, starts_on=TODAY)
    add(handlaggare, "Slutar i dag", pil, ends_on=TODAY)
    add(handlaggare, "Slutade i går", lips, ends_on=TODAY - datetime.timedelta(days=1))
    add(handlaggare, "Börjar i morgon", body, starts_on=TODAY + datetime.timedelta(days=1))
    overview = group_overview(today=TODAY)
    assert names(overview["municipal"]) == ["Börjar i dag"]
    assert names(overview["sector"]) == ["Slutar i dag"]
    # Earlier and coming terms: sector ("ideburen") before municipal ("kommun").
    assert names(overview["former"]) == ["Slutade i går", "Börjar i morgon"]
    assert overview["municipal_vacant"] == [
        "kultur-och-fritidsforvaltningen",
        "socialforvaltningen",
        "vard-och-omsorgsforvaltningen",
    ]


def test_members_of_a_side_are_in_order_of_start_then_name(handlaggare, seat_bodies, pil, lips):
    add(handlaggare, "Ada", pil, starts_on=D(2024, 1, 1))
    add(handlaggare, "Cia", lips, starts_on=D(2025, 1, 1))
    add(handlaggare, "Bo", pil, starts_on=D(2025, 1, 1))
    add(handlaggare, "Cilla", seat_bodies["kommunkontoret"], starts_on=D(2023, 1, 1))
    add(handlaggare, "Ada", seat_bodies["socialforvaltningen"], starts_on=D(2023, 1, 1))
    overview = group_overview(today=TODAY)
    assert names(overview["sector"]) == ["Bo", "Cia", "Ada"]
    assert names(overview["municipal"]) == ["Ada", "Cilla"]


def test_the_twenty_latest_meetings_and_those_from_today_on(handlaggare):
    for day in range(1, 22):
        meeting(handlaggare, D(2026, 11, day + 4), title=f"Möte {day}")
    overview = group_overview(today=TODAY)
    titles = [m.title for m in overview["meetings"]]
    assert titles == [f"Möte {day}" for day in range(21, 1, -1)]
    # 2026-11-25 is Möte 21; it is today, so it is still coming.
    assert [m.title for m in overview["upcoming"]] == ["Möte 21"]


def test_the_group_page_needs_two_queries_however_many_members(
    full_group, handlaggare, seat_bodies, django_assert_num_queries
):
    add(handlaggare, "Tidigare", seat_bodies["kommunkontoret"], ends_on=D(2025, 6, 1))
    meeting(handlaggare, D(2026, 12, 1))
    with django_assert_num_queries(2):
        overview = group_overview(today=TODAY)
        seats = [m.seat_label for m in overview["municipal"] + overview["sector"]]
        former = [m.seat_label for m in overview["former"]]
    assert seats[0] == "Kommunkontoret" and seats[4] == "PIL"
    assert former == ["Kommunkontoret"]


# A meeting's page --------------------------------------------------------------------


@pytest.fixture
def spring_meeting(handlaggare):
    return meeting(handlaggare, D(2026, 3, 16), title="Vårmöte")


def test_members_on_the_meeting_day_sector_first_then_by_name(
    handlaggare, seat_bodies, pil, lips, spring_meeting
):
    add(handlaggare, "Sven", seat_bodies["kommunkontoret"])
    add(handlaggare, "Anna", seat_bodies["socialforvaltningen"])
    add(handlaggare, "Olle", pil)
    add(handlaggare, "Bertil", lips)
    add(handlaggare, "Senare", pil, starts_on=D(2026, 3, 17))
    detail = meeting_detail(meeting=spring_meeting)
    assert names(detail["members"]) == ["Bertil", "Olle", "Anna", "Sven"]
    assert [m.present for m in detail["members"]] == [None] * 4
    assert detail["attendance_recorded"] is False
    assert detail["paragraphs"] == [] and detail["documents"] == []
    assert detail["meeting"] == spring_meeting


def test_the_recorded_attendance_of_each_member(handlaggare, seat_bodies, pil, spring_meeting):
    there = add(handlaggare, "Närvarande", seat_bodies["kommunkontoret"])
    add(handlaggare, "Frånvarande", pil)
    other = meeting(handlaggare, D(2026, 3, 17))
    group.meeting_attendance_record(actor=handlaggare, meeting=other, present_ids=set())
    group.meeting_attendance_record(
        actor=handlaggare, meeting=spring_meeting, present_ids={there.pk}
    )
    detail = meeting_detail(meeting=spring_meeting)
    assert [(m.name, m.present) for m in detail["members"]] == [
        ("Frånvarande", False),
        ("Närvarande", True),
    ]
    assert detail["attendance_recorded"] is True
    assert meeting_detail(meeting=meeting(handlaggare, D(2026, 3, 18)))["attendance_recorded"] is (
        False
    )


def test_the_minutes_paragraphs_in_number_order_and_the_documents(
    handlaggare, seat_bodies, pil, spring_meeting, django_assert_num_queries
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    add(handlaggare, "Kim", seat_bodies["kommunkontoret"])
    add(handlaggare, "Pia", pil)
    protocol = group.meeting_minutes_start(actor=handlaggare, meeting=spring_meeting)
    for number in (3, 1, 2):
        protocols.paragraph_create(
            meeting=protocol, actor=handlaggare, number=number, title=f"§ {number}", clauses=["att"]
        )
    upload = SimpleUploadedFile(
        "d.pdf", b"%PDF-1.4 dagordning\n%%EOF", content_type="application/pdf"
    )
    document = group.meeting_document_add(
        actor=handlaggare, meeting=spring_meeting, title="Dagordning", upload=upload
    )
    loaded = GroupMeeting.objects.select_related("protocol").get(pk=spring_meeting.pk)
    # Members, attendance, paragraphs, documents: one query each.
    with django_assert_num_queries(4):
        detail = meeting_detail(meeting=loaded)
        seats = [m.seat_label for m in detail["members"]]
    assert seats == ["PIL", "Kommunkontoret"]
    assert [p.number for p in detail["paragraphs"]] == [1, 2, 3]
    assert detail["documents"] == [document]
