"""Demo data for samverkansgruppen: eight clearly made-up seat holders (the seeds name
no members), one meeting with minutes, and an approved follow-up of 2025.

Idempotent: members are found by e-mail, the meeting by title, the follow-up by year.
The seat holders are demo people with addresses under demo.example.se, so no mail ever
reaches a real person."""

import datetime as dt
from io import TextIOBase

from django.db import transaction

from overenskommelse.accounts.models import MunicipalBody, User
from overenskommelse.agreement.models import Organisation
from overenskommelse.demo.load.helpers import _say
from overenskommelse.protocols.services.protocols import paragraph_create
from samverkan.group.models import FollowUp, GroupMeeting, GroupMembership
from samverkan.group.services import followup, group

TERM_START = dt.date(2025, 1, 1)
MUNICIPAL = [
    ("kommunkontoret", "Demo Dahl (kommunkontoret)", "sg-kommunkontoret@demo.example.se"),
    ("kultur-och-fritidsforvaltningen", "Demo Ek (kultur och fritid)", "sg-kultur@demo.example.se"),
    ("socialforvaltningen", "Demo Falk (socialförvaltningen)", "sg-social@demo.example.se"),
    ("vard-och-omsorgsforvaltningen", "Demo Gran (vård och omsorg)", "sg-vard@demo.example.se"),
]
SECTOR = [
    ("pil", "Demo Holm (PIL)", "sg-pil@demo.example.se"),
    ("lips", "Demo Ivarsson (LIPS)", "sg-lips@demo.example.se"),
    ("svenska-kyrkan", "Demo Jonsson (idéburen sektor)", "sg-sektor3@demo.example.se"),
    ("abf-mittskane", "Demo Kvist (idéburen sektor)", "sg-sektor4@demo.example.se"),
]
MEETING_TITLE = "Demo: höstmöte 2026"


def group_demo_load(*, stdout: TextIOBase | None = None) -> None:
    staff = User.objects.filter(email="handlaggare@demo.example.se").first()
    member = User.objects.filter(email="samverkansgruppen@demo.example.se").first()
    if staff is None:
        return
    with transaction.atomic():
        added = 0
        for index, (slug, name, email) in enumerate(MUNICIPAL):
            body = MunicipalBody.objects.filter(slug=slug).first()
            if body and not GroupMembership.objects.filter(email=email).exists():
                group.membership_add(
                    actor=staff, name=name, email=email, municipal_body=body,
                    starts_on=TERM_START, user=member if index == 0 else None,
                )  # fmt: skip
                added += 1
        for slug, name, email in SECTOR:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation and not GroupMembership.objects.filter(email=email).exists():
                group.membership_add(
                    actor=staff, name=name, email=email, organisation=organisation,
                    starts_on=TERM_START,
                )  # fmt: skip
                added += 1
        if not GroupMeeting.objects.filter(title=MEETING_TITLE).exists():
            meeting = group.meeting_create(
                actor=staff, title=MEETING_TITLE, date=dt.date(2026, 10, 14),
                start_time=dt.time(13), end_time=dt.time(15), place="Stadshuset, Lund",
                agenda="Uppföljningen av 2025\nÖverenskommelsekonferensen 2026\nÖvrigt",
            )  # fmt: skip
            protocol = group.meeting_minutes_start(actor=staff, meeting=meeting)
            paragraph_create(
                meeting=protocol, actor=staff, number=1,
                title="Demo: uppföljningen av handlingsplanen 2025",
                clauses=["Samverkansgruppen godkänner uppföljningen av 2025."],
                is_public=True,
            )  # fmt: skip
        if member and not FollowUp.objects.filter(year=2025).exists():
            draft = followup.followup_create(actor=staff, year=2025)
            followup.followup_comment(
                actor=member, followup=draft, section="areas",
                text="Demo: fler initiativ inom hälsosamma levnadsvanor behövs.",
            )  # fmt: skip
            followup.followup_approve(actor=member, followup=draft)
    if stdout and added:
        _say(stdout, f"Samverkansgruppen: {added} demo members")
