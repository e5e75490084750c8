"""The yearly follow-up of the handlingsplan.

- Each förvaltning files one report a year (`report_submit`); reminders go to those
  that have not filed, once per step before the deadline (`followup_reminders_send`).
- `followup_compile(year=)` builds the follow-up from live data as a JSON-safe dict:
  per priority area the initiatives by stage, started (planned start in the year) and
  finished (planned end in the year, results or later) during the year; new
  affiliations and withdrawals; the förvaltningar's reports; lessons from evaluations;
  totals compared with the year before; the series of affiliated organisations.
  An initiative in two priority areas is counted under both areas, but once in the
  totals (and the per-stage totals); the report says so.
- Samverkansgruppen comments per section; approval stores the compiled dict as the
  frozen `snapshot`, so later data changes do not alter it, and publishes it.
- Every fourth year (counted from SAMVERKAN_AGREEMENT_CYCLE_START) the follow-up also
  covers the Överenskommelse and the revision of the handlingsplan.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from overenskommelse.accounts.models import MunicipalBody, Role, User
from overenskommelse.accounts.predicates import is_kommunkontoret, is_samverkansgruppen
from overenskommelse.agreement.models import ActionPlan, Affiliation, PriorityArea
from overenskommelse.platform.pdf import pdf_html
from overenskommelse.platform.services import documents
from overenskommelse.platform.services.history import history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue
from samverkan.group.models import (
    FollowUp,
    FollowUpComment,
    FollowUpPdf,
    ForvaltningReport,
    ForvaltningReportArea,
    GroupReminder,
)
from samverkan.group.services.group import group_mail_once, kommunkontoret_emails
from samverkan.pipeline.models import FINISHED_STAGES, PIPELINE, Evaluation, Initiative, Stage
from samverkan.pipeline.predicates import contact_body_ids

SECTIONS = ("areas", "affiliations", "reports", "lessons", "comparison", "agreement")
REMINDER_STEPS_DAYS = (30, 7)  # days before the deadline
# How a compiled follow-up's totals count initiatives: once each ("distinct"), or, in
# snapshots approved before that, summed over the priority areas ("per_area").
COUNTING_DISTINCT = "distinct"
COUNTING_PER_AREA = "per_area"


def section_labels() -> dict[str, str]:
    return {
        "areas": _("Initiatives per priority area"),
        "affiliations": _("Affiliations and withdrawals"),
        "reports": _("The förvaltningar's reports"),
        "lessons": _("Lessons from evaluations"),
        "comparison": _("Compared with the year before"),
        "agreement": _("The Överenskommelse and the revision of the handlingsplan"),
    }


def agreement_followup_due(year: int) -> bool:
    """Every fourth year the follow-up also covers the Överenskommelse itself."""
    return (year - settings.SAMVERKAN_AGREEMENT_CYCLE_START) % 4 == 0


def report_deadline(year: int) -> dt.date:
    """The förvaltningar report on `year` by this day of the following year."""
    month, day = (int(part) for part in settings.SAMVERKAN_REPORT_DEADLINE.split("-"))
    return dt.date(year + 1, month, day)


# Compilation -----------------------------------------------------------------------


def _plan_areas(year: int) -> list[PriorityArea]:
    plan = (
        ActionPlan.objects.current().filter(start_year__lte=year, end_year__gte=year).first()
        or ActionPlan.objects.current().first()
    )
    if plan is None:
        return []
    return list(plan.areas.order_by("number"))


def _area_figures(areas: list[PriorityArea], year: int) -> list[dict]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # Grouped by area over the one join the filter makes: each (initiative, area) pair
    # is a single row, so a plain count is the number of initiatives in the area.
    stage_counts = {
        (row["areas"], row["stage"]): row["n"]
        for row in Initiative.objects.public()
        .filter(areas__in=areas, created_at__date__lte=end)
        .values("areas", "stage")
        .annotate(n=Count("pk"))
    }
    started = dict(
        Initiative.objects.public()
        .filter(areas__in=areas, planned_start__range=(start, end))
        .values_list("areas")
        .annotate(n=Count("pk"))
    )
    finished = dict(
        Initiative.objects.filter(
            areas__in=areas, stage__in=FINISHED_STAGES, planned_end__range=(start, end)
        )
        .values_list("areas")
        .annotate(n=Count("pk"))
    )
    result = []
    for area in areas:
        by_stage = [
            {
                "stage": str(stage),
                "label": str(Stage(stage).label),
                "count": stage_counts.get((area.pk, stage), 0),
            }
            for stage in PIPELINE[1:]
        ]
        result.append(
            {
                "id": area.pk,
                "number": area.number,
                "name": area.name,
                "by_stage": by_stage,
                "total": sum(item["count"] for item in by_stage),
                "started": started.get(area.pk, 0),
                "finished": finished.get(area.pk, 0),
            }
        )
    return result


def _affiliation_figures(year: int) -> dict:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    new = list(
        Affiliation.objects.filter(affiliated_from__range=(start, end))
        .select_related("organisation")
        .order_by("affiliated_from")
    )
    withdrawn = list(
        Affiliation.objects.filter(ended_on__range=(start, end))
        .select_related("organisation")
        .order_by("ended_on")
    )
    first = (
        Affiliation.objects.order_by("affiliated_from")
        .values_list("affiliated_from", flat=True)
        .first()
    )
    series = []
    for y in range(min(first.year, year) if first else year, year + 1):
        day = dt.date(y, 12, 31)
        series.append(
            {
                "year": y,
                "count": Affiliation.objects.filter(affiliated_from__lte=day)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
                .count(),
            }
        )
    return {
        "new": [{"name": a.organisation.name, "date": a.affiliated_from.isoformat()} for a in new],
        "withdrawn": [
            {"name": a.organisation.name, "date": a.ended_on.isoformat()} for a in withdrawn
        ],
        "series": series[-10:],
        "active_at_end": series[-1]["count"],  # the series always ends with `year`
    }


def _reports(year: int) -> list[dict]:
    reports = (
        ForvaltningReport.objects.filter(year=year)
        .select_related("municipal_body")
        .prefetch_related("areas__area")
        .order_by("municipal_body__name")
    )
    return [
        {
            "body": report.municipal_body.name,
            "commitments": report.commitments,
            "areas": [
                {"area": item.area.name, "text": item.text}
                for item in sorted(report.areas.all(), key=lambda i: i.area.number)
            ],
        }
        for report in reports
    ]


def _lessons(year: int) -> list[dict]:
    evaluations = (
        Evaluation.objects.filter(created_at__year=year)
        .exclude(lessons="")
        .select_related("initiative")
        .order_by("created_at")
    )
    return [{"initiative": e.initiative.title, "lessons": e.lessons} for e in evaluations]


def _initiative_totals(areas: list[PriorityArea], year: int) -> dict:
    """The same figures as `_area_figures`, but each initiative counted once however many
    of the areas it belongs to: the totals of the report."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counted = Initiative.objects.public().filter(
        pk__in=Initiative.objects.filter(areas__in=areas, created_at__date__lte=end).values("pk")
    )
    by_stage = dict(counted.values_list("stage").annotate(n=Count("pk")))
    in_several = (
        Initiative.objects.filter(pk__in=counted.values("pk"), areas__in=areas)
        .values("pk")
        .annotate(n=Count("areas"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "by_stage": [
            {"stage": str(stage), "label": str(Stage(stage).label), "count": by_stage.get(stage, 0)}
            for stage in PIPELINE[1:]
        ],
        "initiatives": sum(by_stage.get(stage, 0) for stage in PIPELINE[1:]),
        "started": Initiative.objects.public()
        .filter(areas__in=areas, planned_start__range=(start, end))
        .distinct()
        .count(),
        "finished": Initiative.objects.filter(
            areas__in=areas, stage__in=FINISHED_STAGES, planned_end__range=(start, end)
        )
        .distinct()
        .count(),
        "in_several_areas": in_several,
    }


def _totals(initiatives: dict, affiliations: dict) -> dict:
    return {
        "initiatives": initiatives["initiatives"],
        "started": initiatives["started"],
        "finished": initiatives["finished"],
        "new_affiliations": len(affiliations["new"]),
        "withdrawals": len(affiliations["withdrawn"]),
        "affiliated": affiliations["active_at_end"],
    }


def followup_compile(*, year: int) -> dict:
    """The follow-up of `year` from live data, JSON-safe (it is what approval freezes)."""
    areas = _plan_areas(year)
    area_figures = _area_figures(areas, year)
    affiliations = _affiliation_figures(year)
    initiatives = _initiative_totals(areas, year)
    totals = _totals(initiatives, affiliations)
    previous = _totals(_initiative_totals(areas, year - 1), _affiliation_figures(year - 1))
    labels = {
        "initiatives": _("Initiatives (accepted)"),
        "started": _("Started during the year"),
        "finished": _("Finished during the year"),
        "new_affiliations": _("New affiliations"),
        "withdrawals": _("Withdrawals"),
        "affiliated": _("Affiliated organisations at year end"),
    }
    return {
        "year": year,
        "compiled_at": timezone.now().isoformat(timespec="seconds"),
        "areas": area_figures,
        "stages": [{"stage": str(s), "label": str(Stage(s).label)} for s in PIPELINE[1:]],
        # Totals count each initiative once; the areas' figures overlap by this many.
        "counting": COUNTING_DISTINCT,
        "stage_totals": initiatives["by_stage"],
        "in_several_areas": initiatives["in_several_areas"],
        "affiliations": affiliations,
        "reports": _reports(year),
        "lessons": _lessons(year),
        "totals": totals,
        "comparison": [
            {
                "key": key,
                "label": str(label),
                "year": totals[key],
                "previous": previous[key],
                "change": totals[key] - previous[key],
            }
            for key, label in labels.items()
        ],
        "covers_agreement": agreement_followup_due(year),
    }


def followup_content(followup: FollowUp) -> dict:
    """What the follow-up shows: the frozen snapshot once approved, else live data."""
    if followup.is_approved:
        assert followup.snapshot is not None  # a CheckConstraint: approved is frozen
        return snapshot_readable(followup.snapshot)
    return followup_compile(year=followup.year)


def snapshot_readable(snapshot: dict) -> dict:
    """A snapshot approved before totals counted each initiative once has neither
    `counting` nor `stage_totals`: its published figures stay as they were (totals
    summed over the areas) and the report says so (`counting` "per_area")."""
    if snapshot.get("counting"):
        return snapshot
    stage_totals = [
        {**stage, "count": sum(area["by_stage"][i]["count"] for area in snapshot["areas"])}
        for i, stage in enumerate(snapshot["stages"])
    ]
    return {**snapshot, "counting": COUNTING_PER_AREA, "stage_totals": stage_totals}


# Changes ---------------------------------------------------------------------------


def followup_pdf_html(followup: FollowUp) -> str:
    """The HTML the follow-up's PDF is made from, in the portal's language."""
    from samverkan.group.charts import followup_charts

    with translation.override(settings.LANGUAGE_CODE):
        content = followup_content(followup)
        return pdf_html(
            "samverkansgruppen/pdf/followup.html",
            {
                "followup": followup,
                "content": content,
                "charts": followup_charts(content),
                "section_labels": section_labels(),
            },
        )


# A follow-up's PDF takes seconds: the worker makes it. Whether the stored one is
# current is decided by its HTML (a draft shows figures from every report and
# initiative, so no single change marks it out of date).
FOLLOWUP_PDF = documents.kind_register(
    documents.Kind(
        model=FollowUpPdf,
        owner_field="followup",
        html=followup_pdf_html,
        file_name="uppfoljning.pdf",
        task="samverkan.group.tasks.followup_pdf_render",
    )
)


def _require_staff(actor) -> None:
    if not is_kommunkontoret(actor):
        raise PermissionDenied(_("Only kommunkontoret may do this."))


def _require_member(actor) -> None:
    if not (is_samverkansgruppen(actor) or is_kommunkontoret(actor)):
        raise PermissionDenied(_("Only samverkansgruppen may do this."))


def followup_suggested_year(*, existing: set[int], today: dt.date) -> int | None:
    """The year staff are asked to start: last year's follow-up is the one due (it is
    made this year); once it exists, this year's may be started early. None when both
    exist: a later year has not begun, and an earlier one is typed in on purpose."""
    for year in (today.year - 1, today.year):
        if year not in existing:
            return year
    return None


@transaction.atomic
def followup_create(*, actor, year: int) -> FollowUp:
    _require_staff(actor)
    this_year = timezone.localdate().year
    if year > this_year:
        raise ValidationError(
            _("The follow-up of %(year)s can be started in %(year)s at the earliest.")
            % {"year": year}
        )
    if FollowUp.objects.filter(year=year).exists():
        raise ValidationError(_("There is already a follow-up for %(year)s.") % {"year": year})
    followup = FollowUp.objects.create(
        year=year,
        covers_agreement=agreement_followup_due(year),
        created_by=actor,
        arrived_on=timezone.localdate(),
    )
    history_record(subject=followup, actor=actor, action="followup_created")
    return followup


@transaction.atomic
def followup_comment(*, actor, followup: FollowUp, section: str, text: str) -> FollowUpComment:
    _require_member(actor)
    if followup.is_approved:
        raise ValidationError(_("The follow-up is approved and can no longer be commented."))
    if section not in SECTIONS:
        raise ValidationError(_("Choose a section."))
    if not text.strip():
        raise ValidationError(_("Write a comment."))
    comment = FollowUpComment.objects.create(
        followup=followup,
        section=section,
        author=actor,
        author_name=actor.get_full_name() or actor.email,
        text=text.strip(),
    )
    history_record(subject=followup, actor=actor, action="followup_commented", message=section)
    return comment


@transaction.atomic
def followup_approve(*, actor, followup: FollowUp, now: dt.datetime | None = None) -> FollowUp:
    """Samverkansgruppen approves: the content is frozen and published."""
    _require_member(actor)
    now = now or timezone.now()
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if followup.is_approved:
        raise ValidationError(_("The follow-up is already approved."))
    followup.snapshot = followup_compile(year=followup.year)
    followup.status = FollowUp.Status.APPROVED
    followup.approved_at = now
    followup.approved_by = actor
    followup.approved_by_name = actor.get_full_name() or actor.email
    followup.save()
    history_record(subject=followup, actor=actor, action="followup_approved", at=now)
    # The published PDF is made by the worker at once, not when somebody first asks.
    documents.document_changed(FOLLOWUP_PDF, followup)
    documents.document_request(FOLLOWUP_PDF, followup, now=now)
    return followup


def followup_public_url(followup: FollowUp) -> str:
    return settings.PORTAL_BASE_URL + reverse(
        "samverkansgruppen:followup_public", kwargs={"year": followup.year}
    )


@transaction.atomic
def followup_send_to_namnd(
    *, actor, followup: FollowUp, body: MunicipalBody, now: dt.datetime | None = None
) -> FollowUp:
    """Mail the approved follow-up (a link to its PDF) to the responsible nämnd."""
    _require_staff(actor)
    now = now or timezone.now()
    if not followup.is_approved:
        raise ValidationError(_("Only an approved follow-up can be sent."))
    if not body.contact_email:
        raise ValidationError(
            _("%(body)s has no e-mail address in the portal.") % {"body": body.name}
        )
    mail_render_and_enqueue(
        to=[body.contact_email],
        template="samverkansgruppen/email/followup_namnd",
        context={
            "followup": followup,
            "body": body,
            "url": followup_public_url(followup),
            "pdf_url": settings.PORTAL_BASE_URL
            + reverse("samverkansgruppen:followup_pdf", kwargs={"year": followup.year}),
        },
    )
    FollowUp.objects.filter(pk=followup.pk).update(sent_to_namnd_at=now)
    history_record(
        subject=followup, actor=actor, action="followup_sent_to_namnd", message=body.name, at=now
    )
    followup.refresh_from_db()
    return followup


# Förvaltning reports ------------------------------------------------------------------


@transaction.atomic
def report_submit(
    *,
    actor,
    municipal_body: MunicipalBody,
    year: int,
    commitments: str,
    area_texts: dict[PriorityArea, str],
    now: dt.datetime | None = None,
) -> ForvaltningReport:
    """File the förvaltning's report for `year`, once."""
    if municipal_body.pk not in contact_body_ids(actor):
        raise PermissionDenied(_("Only the förvaltning's contact may file its report."))
    if not commitments.strip():
        raise ValidationError(_("Describe the förvaltning's commitments."))
    try:
        with transaction.atomic():
            report = ForvaltningReport.objects.create(
                municipal_body=municipal_body,
                year=year,
                commitments=commitments.strip(),
                submitted_by=actor,
                submitted_at=now or timezone.now(),
            )
    except IntegrityError as exc:
        raise ValidationError(_("The förvaltning has already reported for this year.")) from exc
    ForvaltningReportArea.objects.bulk_create(
        ForvaltningReportArea(report=report, area=area, text=text.strip())
        for area, text in area_texts.items()
        if text and text.strip()
    )
    history_record(subject=report, actor=actor, action="forvaltning_report_filed")
    return report


def report_reminder_step(year: int, today: dt.date) -> str | None:
    """The reminder step due on `today` for reports on `year`: the latest step whose
    day has come, until the deadline has passed; None when no step is due."""
    deadline = report_deadline(year)
    if today > deadline:
        return None
    due = [days for days in REMINDER_STEPS_DAYS if today >= deadline - dt.timedelta(days=days)]
    return f"{year}-{min(due)}d" if due else None


def _contacts_of(body: MunicipalBody) -> list[str]:
    emails = set(
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.FORVALTNINGSKONTAKT,
            role_assignments__municipal_body=body,
        ).values_list("email", flat=True)
    )
    if body.contact_email:
        emails.add(body.contact_email)
    return sorted(emails)


def followup_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Report reminders, and the four-yearly agreement reminder to kommunkontoret."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    year = today.year - 1 if today <= report_deadline(today.year - 1) else today.year
    sent = 0
    step = report_reminder_step(year, today)
    if step:
        filed = set(
            ForvaltningReport.objects.filter(year=year).values_list("municipal_body", flat=True)
        )
        for body in MunicipalBody.objects.forvaltningar().active().exclude(pk__in=filed):
            for email in _contacts_of(body):
                sent += group_mail_once(
                    kind=GroupReminder.Kind.FOLLOWUP_REPORT,
                    step=f"{step}-{body.pk}",
                    email=email,
                    now=now,
                    template="samverkansgruppen/email/group_notice",
                    context={
                        "notice": "report",
                        "year": year,
                        "deadline": report_deadline(year),
                        "body": body,
                        "url": settings.PORTAL_BASE_URL
                        + reverse("samverkansgruppen:report_submit", kwargs={"year": year}),
                    },
                )
    # The follow-up of last year is compiled this year; every fourth year it also
    # covers the Överenskommelse: kommunkontoret hears once, at the start of the year.
    last = today.year - 1
    if (
        agreement_followup_due(last)
        and not FollowUp.objects.filter(year=last, status=FollowUp.Status.APPROVED).exists()
    ):
        for email in kommunkontoret_emails():
            sent += group_mail_once(
                kind=GroupReminder.Kind.AGREEMENT_FOLLOWUP,
                step=str(last),
                email=email,
                now=now,
                template="samverkansgruppen/email/group_notice",
                context={
                    "notice": "agreement",
                    "year": last,
                    "url": settings.PORTAL_BASE_URL + reverse("samverkansgruppen:followups"),
                },
            )
    return sent
