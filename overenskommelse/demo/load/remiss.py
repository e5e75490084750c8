"""Demo data: the remiss of the handlingsplan 2021–2024 (seed 004)."""

import datetime as dt

from django.utils import timezone

from overenskommelse.agreement.models import Remiss
from overenskommelse.agreement.services.remiss import (
    MeetingTime,
    remiss_create,
    remiss_instanser_add,
)
from overenskommelse.protocols.models import Paragraph


def remiss_demo_load(*, stdout=None) -> Remiss:
    """The remiss of the handlingsplan 2021–2024 (KSAU 2020-11-23 § 442, KS 2020/0882),
    with its disposition, information meetings and instanser. Idempotent."""
    from overenskommelse.accounts.models import User
    from overenskommelse.agreement.models import ActionPlan
    from overenskommelse.demo.data.foundation import ACTION_PLAN
    from overenskommelse.demo.data.foundation import HANDLINGSPLAN_REMISS as data

    # Kommunkontoret's demo handläggare enters it (the services refuse anyone else).
    staff = User.objects.get(email="handlaggare@demo.example.se")
    decision = Paragraph.objects.filter(
        number=data.paragraph,
        meeting__date=data.decision_date,
        meeting__organ_name=data.decided_by,
    ).first()
    plan = ActionPlan.objects.filter(slug=ACTION_PLAN.slug).first()
    if plan is not None and decision is not None and plan.decision_id is None:
        ActionPlan.objects.filter(pk=plan.pk).update(decision=decision)
        plan.decision = decision
    remiss = Remiss.objects.filter(case_number=data.diarienummer).first()
    if remiss is None:
        remiss = remiss_create(
            actor=staff,
            title=data.reply_subject,
            case_number=data.diarienummer,
            action_plan=plan,
            decision=decision,
            opens_on=data.opens,
            closes_on=data.closes,
            sections=data.disposition,
            meetings=[
                MeetingTime(day, dt.time.fromisoformat(start), dt.time.fromisoformat(end))
                for day, start, end in data.information_meetings
            ],
            meeting_link="https://us02web.zoom.us/j/3445877452",
            instructions=(
                "Samverkansgruppen har tagit fram ett förslag till handlingsplan som "
                "kommunstyrelsens arbetsutskott har godkänt att skicka på remiss. Lämna gärna "
                "synpunkter enligt dispositionen nedan. Delta gärna i ett av informationsmötena "
                "via Zoom innan ni svarar."
            ),
            reply_email=data.reply_email,
            reply_subject=data.reply_subject,
            postal_address=data.postal_address,
            contact_name="Ulrika Dagård",
            contact_title="Samhällsstrateg social hållbarhet",
            contact_email="ulrika.dagard@lund.se",
            contact_phone="0734 – 15 09 30",
        )
        remiss_instanser_add(remiss=remiss, actor=staff, all_bodies=True, all_affiliated=True)
        # Published in the past (2020-11-30, the letter's date) without sending mail now.
        published = timezone.make_aware(dt.datetime.combine(dt.date(2020, 11, 30), dt.time(9)))
        Remiss.objects.filter(pk=remiss.pk).update(
            status=Remiss.Status.PUBLISHED, published_at=published, summary_sent_at=published
        )
        remiss.instanser.update(invited_at=published)
    if stdout is not None:
        stdout.write(f"Remiss: {remiss.title} ({remiss.case_number})\n")
    return remiss
