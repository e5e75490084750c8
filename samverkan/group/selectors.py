"""Reads of samverkansgruppen's pages: a constant number of queries however many
members or meetings there are."""

import datetime as dt

from samverkan.group.models import GroupMeeting, GroupMeetingAttendance, GroupMembership, SeatSide
from samverkan.group.predicates import (
    MUNICIPAL_SEATS,
    SECTOR_REQUIRED,
    SECTOR_SEATS,
    Seat,
    composition_problems,
)


def group_overview(*, today: dt.date) -> dict:
    memberships = list(
        GroupMembership.objects.select_related("municipal_body", "organisation", "user").order_by(
            "side", "-starts_on", "name"
        )
    )
    current = [
        m for m in memberships if m.starts_on <= today and (m.ends_on is None or m.ends_on >= today)
    ]
    current_ids = {m.pk for m in current}
    seats = [
        Seat(m.side, m.municipal_body.slug if m.municipal_body_id else m.organisation.slug)
        for m in current
    ]
    municipal = [m for m in current if m.side == SeatSide.MUNICIPAL]
    sector = [m for m in current if m.side == SeatSide.SECTOR]
    for m in municipal:
        m.wrong_seat = m.municipal_body.slug not in MUNICIPAL_SEATS
    for m in sector:
        m.wrong_seat = False
    meetings = list(GroupMeeting.objects.select_related("protocol").order_by("-date")[:20])
    return {
        "municipal": municipal,
        "sector": sector,
        "sector_vacant": range(max(SECTOR_SEATS - len(sector), 0)),
        "municipal_vacant": [
            slug for slug in MUNICIPAL_SEATS if slug not in {s.slug for s in seats}
        ],
        "sector_required": SECTOR_REQUIRED,
        "problems": composition_problems(seats),
        "former": [m for m in memberships if m.pk not in current_ids],
        "meetings": meetings,
        "upcoming": [m for m in meetings if m.date >= today],
    }


def meeting_detail(*, meeting: GroupMeeting) -> dict:
    members = list(
        GroupMembership.objects.current(meeting.date)
        .select_related("municipal_body", "organisation")
        .order_by("side", "name")
    )
    present = dict(
        GroupMeetingAttendance.objects.filter(meeting=meeting).values_list(
            "membership_id", "present"
        )
    )
    for member in members:
        member.present = present.get(member.pk)
    paragraphs = []
    if meeting.protocol is not None:
        paragraphs = list(meeting.protocol.paragraphs.order_by("number"))
    return {
        "meeting": meeting,
        "members": members,
        "attendance_recorded": bool(present),
        "documents": list(meeting.documents.all()),
        "paragraphs": paragraphs,
    }
