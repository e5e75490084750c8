"""The demo remiss carries seed 004's facts and loads idempotently."""

import datetime as dt

import pytest

from overenskommelse.agreement.models import Remiss
from overenskommelse.demo.load.foundation import demo_data_load
from overenskommelse.demo.load.protocols import protocols_demo_load
from overenskommelse.demo.load.remiss import remiss_demo_load


@pytest.mark.django_db
def test_demo_remiss_has_the_seed_facts():
    demo_data_load()
    protocols_demo_load()
    remiss = remiss_demo_load()
    assert remiss_demo_load() == remiss and Remiss.objects.count() == 1
    assert remiss.case_number == "KS 2020/0882"
    assert remiss.reply_subject == "Remiss handlingsplan Lunds Överenskommelse"
    assert (remiss.opens_on, remiss.closes_on) == (dt.date(2020, 12, 1), dt.date(2021, 2, 28))
    assert (remiss.decision.number, remiss.decision.meeting.date) == (442, dt.date(2020, 11, 23))
    assert len(remiss.sections.all()) == 4
    meetings = remiss.meetings.all()
    assert [(m.date.day, f"{m.start_time:%H:%M}", f"{m.end_time:%H:%M}") for m in meetings] == [
        (12, "18:00", "19:30"), (19, "18:00", "19:30"), (26, "18:00", "19:30")
    ]  # fmt: skip
    assert remiss.action_plan.decision == remiss.decision
    assert remiss.instanser.exists()
