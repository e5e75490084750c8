"""The .ics feeds: valid iCalendar that the `icalendar` library reads back, with a UID
that never changes and a SEQUENCE that goes up when the meeting does."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from natverk.ics import meeting_events
from natverk.services.meetings import meeting_update
from overenskommelse.platform.calendars import calendar_ics

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(e["SUMMARY"]).split(": ", 1)[1]: e for e in calendar.walk("VEVENT")}


def test_feed_has_right_local_times_across_summer_time_and_no_tbd_meeting(meeting_factory):
    meeting_factory(
        title="Före sommartid",
        date=datetime.date(2026, 3, 27),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
    )
    meeting_factory(
        title="Efter sommartid",
        date=datetime.date(2026, 3, 30),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
        place="Stockholm",
    )
    meeting_factory(title="Heldag", date=datetime.date(2026, 5, 4))
    meeting_factory(title="Nätverksträff 4")  # datum ej fastställt
    events = _events(calendar_ics(events=meeting_events(_all()), name="N"))
    assert set(events) == {"Före sommartid", "Efter sommartid", "Heldag"}
    for title in ("Före sommartid", "Efter sommartid"):
        start = events[title]["DTSTART"].dt.astimezone(STOCKHOLM)
        end = events[title]["DTEND"].dt.astimezone(STOCKHOLM)
        assert (start.hour, start.minute, end.hour, end.minute) == (10, 0, 12, 30)
    assert events["Före sommartid"]["DTSTART"].dt.utcoffset() == datetime.timedelta(0)
    assert events["Före sommartid"]["DTSTART"].dt.hour == 9  # CET, UTC+1
    assert events["Efter sommartid"]["DTSTART"].dt.hour == 8  # CEST, UTC+2
    assert events["Heldag"]["DTSTART"].dt == datetime.date(2026, 5, 4)
    assert str(events["Efter sommartid"]["LOCATION"]) == "Stockholm"


def _all():
    from natverk.models import NetworkMeeting

    return NetworkMeeting.objects.for_calendar()


def test_text_is_escaped_folded_and_each_event_has_uid_and_dtstamp(meeting_factory):
    agenda = "Punkt 1; inledning, välkommen\nPunkt 2: " + "åäö " * 40
    meeting = meeting_factory(
        title="Träff; med, tecken", date=datetime.date(2026, 12, 1), agenda=agenda
    )
    text = calendar_ics(events=meeting_events(_all()), name="Mitt, nätverk").decode()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "SUMMARY:Nätverk för förtroendevalda: Träff\\; med\\, tecken" in text.replace(
        "\r\n ", ""
    )
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == agenda
    assert str(event["UID"]) == f"{meeting.uuid}@natverk.overenskommelsen"
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_folding_never_splits_a_character(meeting_factory):
    agenda = "ö" * 100
    meeting_factory(date=datetime.date(2026, 12, 1), agenda=agenda)
    text = calendar_ics(events=meeting_events(_all()), name="N").decode()
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert f"DESCRIPTION:{agenda}" in text.replace("\r\n ", "")


def _sequence(meeting) -> int:
    (event,) = icalendar.Calendar.from_ical(
        calendar_ics(events=meeting_events([meeting]), name="N")
    ).walk("VEVENT")
    return int(event["SEQUENCE"])


def test_a_moved_meeting_keeps_its_uid_and_raises_its_sequence(meeting_factory, handlaggare):
    meeting = meeting_factory(
        date=datetime.date(2026, 12, 1), start_time=datetime.time(10), place="Lund"
    )
    uid = f"{meeting.uuid}@natverk.overenskommelsen"
    assert _sequence(meeting) == 0
    meeting_update(meeting=meeting, actor=handlaggare, start_time=datetime.time(13))
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and _sequence(meeting) == 1
    meeting_update(meeting=meeting, actor=handlaggare, place="Malmö", is_cancelled=True)
    fresh = type(meeting).objects.get(pk=meeting.pk)
    assert fresh.sequence == 2
    (event,) = icalendar.Calendar.from_ical(
        calendar_ics(events=meeting_events([fresh]), name="N")
    ).walk("VEVENT")
    assert str(event["UID"]) == uid
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_change_the_calendar_does_not_show_keeps_the_sequence(meeting_factory, handlaggare):
    meeting = meeting_factory(date=datetime.date(2026, 12, 1))
    meeting_update(meeting=meeting, actor=handlaggare, notes="Anteckningar efteråt")
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    # A save through the admin (or any save) of a loaded row counts a real change once.
    loaded = type(meeting).objects.get(pk=meeting.pk)
    loaded.title = "Ny rubrik"
    loaded.save(update_fields=["title"])
    loaded.save()
    assert type(meeting).objects.get(pk=meeting.pk).sequence == 1


def test_a_meeting_with_only_a_start_time_has_no_end(meeting_factory):
    meeting_factory(date=datetime.date(2026, 12, 1), start_time=datetime.time(10))
    (event,) = icalendar.Calendar.from_ical(
        calendar_ics(events=meeting_events(_all()), name="N")
    ).walk("VEVENT")
    assert "DTEND" not in event
    assert event["DTSTART"].dt == datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
