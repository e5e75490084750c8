"""The demo group: eight seat holders who meet the rule, a meeting with minutes and an
approved follow-up of 2025; loading twice changes nothing."""

import datetime

import pytest

from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.group import group_demo_load
from overenskommelse.demo.load.initiatives import initiatives_demo_load
from samverkan.group.models import FollowUp, GroupMeeting, GroupMembership
from samverkan.group.predicates import composition_problems
from samverkan.group.services.group import group_current_seats

pytestmark = pytest.mark.django_db


def test_demo_group_is_complete_and_idempotent():
    demo_data_load()
    initiatives_demo_load()
    group_demo_load()
    group_demo_load()
    assert GroupMembership.objects.count() == 8
    assert all(m.email.endswith("@demo.example.se") for m in GroupMembership.objects.all())
    assert composition_problems(group_current_seats(today=datetime.date(2026, 11, 25))) == []
    meeting = GroupMeeting.objects.get()
    assert meeting.protocol.paragraphs.count() == 1
    followup = FollowUp.objects.get(year=2025)
    assert followup.is_approved and followup.snapshot["areas"]
