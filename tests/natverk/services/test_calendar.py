"""The .ics feeds: valid iCalendar that the `icalendar` library reads back."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from natverk.ics import calendar_ics, ics_fold

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
    events = _events(calendar_ics(meetings=_all(), name="N"))
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
    text = calendar_ics(meetings=_all(), name="Mitt, nätverk")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "SUMMARY:Nätverk för förtroendevalda: Träff\\; med\\, tecken" in text.replace(
        "\r\n ", ""
    )
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == agenda
    assert str(event["UID"]) == f"{meeting.uuid}@natverk.overenskommelsen"
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "ö" * 100
    folded = ics_fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
