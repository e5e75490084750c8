"""Anslutning, utträde and the yearly update.

Applications move through one explicit table of transitions (`TRANSITIONS`, declared
with the shared helper in `services/transitions.py`). Each entry says from which
statuses it may start, where it ends, who may do it (a permission in
`overenskommelse.agreement.rules`) and a guard that says why not. Only `application_transition`
changes an application's status, and it writes the history row and tells the
association by mail in the same transaction.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overenskommelse.accounts.models import User
from overenskommelse.agreement.models import (
    Affiliation,
    AffiliationApplication,
    AnnualUpdateRequest,
    Organisation,
)
from overenskommelse.agreement.selectors.organisations import (
    handlaggare_emails,
    initiatives_ongoing_for,
    organisation_representative_emails,
    organisation_representative_names,
)
from overenskommelse.platform.decisions import DecisionNotice, decision_notice
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue
from overenskommelse.platform.services.reminders import reminder_claim
from overenskommelse.platform.services.transitions import Transition, Transitions
from overenskommelse.platform.uploads import PROTOCOL_TYPES, upload_validate

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Status = AffiliationApplication.Status


def affiliation_decision_wording(*, organisation: Organisation) -> str:
    """The board decision the pre-filled protokollsutdrag and the application propose."""
    return _(
        "The board decides to affiliate %(organisation)s to %(municipality)s's Agreement "
        "with the non-profit sector."
    ) % {"organisation": organisation.name, "municipality": settings.MUNICIPALITY_NAME}


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def _application_url(application: AffiliationApplication) -> str:
    return _absolute(reverse("agreement:application_detail", kwargs={"uuid": application.uuid}))


def application_decision_notice(application: AffiliationApplication) -> DecisionNotice | None:
    """What a rejection or a completion request tells the association (the page and the
    mail show the same): the reason, the deciding official, a contact and how to go on.
    None for any other status."""
    if application.status == Status.REJECTED:
        kind: Literal["decision", "request"] = "decision"
    elif application.status == Status.COMPLETION_REQUESTED:
        kind = "request"
    else:
        return None
    return decision_notice(
        kind=kind,
        reason=application.staff_message,
        official=application.decided_by,
        decided_at=application.decided_at,
    )


# The state machine ---------------------------------------------------------------------


def _guard_submit(
    application: AffiliationApplication, *, submitter: User | None = None, **_kwargs
) -> "StrOrPromise | None":
    if submitter is not None and application.organisation_id not in (
        submitter.represented_organisation_ids
    ):
        # A pending representative (the one who registered the organisation) prepares.
        return gettext_lazy(
            "You can send the application when you are a confirmed representative of the "
            "organisation. A confirmed representative or kommunkontoret confirms you; "
            "until then you can save it as a draft."
        )
    if application.organisation.affiliations.active().exists():
        return gettext_lazy("The organisation is already affiliated.")
    missing = [
        application.meeting_date is None,
        not application.paragraph,
        not application.decision_text,
        not application.protocol,
        not application.conditions_confirmed,
    ]
    if any(missing):
        return gettext_lazy(
            "Fill in the meeting date, the § number and the decision, upload the signed "
            "protocol and confirm the conditions before you send the application."
        )
    return None


def _guard_message(
    _application: AffiliationApplication, *, message: str = "", **_kw
) -> "StrOrPromise | None":
    if not message.strip():
        return gettext_lazy("Write a message to the association.")
    return None


def _guard_approve(
    application: AffiliationApplication, *, affiliated_from: date | None = None, **_kw
) -> "StrOrPromise | None":
    if affiliated_from is None:
        return gettext_lazy("Give the date the affiliation starts.")
    if application.meeting_date and affiliated_from < application.meeting_date:
        return gettext_lazy("The affiliation cannot start before the board's decision.")
    if application.organisation.affiliations.active().exists():
        return gettext_lazy("The organisation is already affiliated.")
    return None


def _wrong_status(application: AffiliationApplication, _transition: Transition) -> str:
    return _("The application is %(status)s; that cannot be done now.") % {
        "status": application.get_status_display().lower()
    }


TRANSITIONS: Transitions[Transition] = Transitions(
    Transition(
        name="submit",
        source=(Status.DRAFT, Status.COMPLETION_REQUESTED),
        target=Status.SUBMITTED,
        permission="overenskommelse.change_application",
        guards=(_guard_submit,),
    ),
    Transition(
        name="request_completion",
        source=(Status.SUBMITTED,),
        target=Status.COMPLETION_REQUESTED,
        permission="overenskommelse.decide_application",
        guards=(_guard_message,),
    ),
    Transition(
        name="approve",
        source=(Status.SUBMITTED,),
        target=Status.APPROVED,
        permission="overenskommelse.decide_application",
        guards=(_guard_approve,),
    ),
    Transition(
        name="reject",
        source=(Status.SUBMITTED,),
        target=Status.REJECTED,
        permission="overenskommelse.decide_application",
        guards=(_guard_message,),
    ),
    field="status",
    wrong_source=_wrong_status,
)


def application_transition_error(
    application: AffiliationApplication, action: str, *, actor: User, **context
) -> str | None:
    """Why `actor` may not do `action` now, or None when they may."""
    return TRANSITIONS.refusal(application, action, actor=actor, submitter=actor, **context)


@transaction.atomic
def application_transition(
    *,
    application: AffiliationApplication,
    action: str,
    actor: User,
    message: str = "",
    affiliated_from: date | None = None,
) -> AffiliationApplication:
    """Perform one transition of the table, keep its history and tell those concerned.

    An actor without the move's permission is refused with PermissionDenied; a move
    the table or its guard refuses, with a ValidationError (code "transition")."""
    application = (
        AffiliationApplication.objects.select_for_update()
        .select_related("organisation")
        .get(pk=application.pk)
    )
    source = application.status

    def apply(application: AffiliationApplication, _transition: Transition) -> None:
        now = timezone.now()
        if action == "submit":
            application.submitted_at = now
            application.arrived_on = application.arrived_on or timezone.localdate(now)
            application.staff_message = ""
        else:
            application.decided_at = now
            application.decided_by = actor
            application.staff_message = message.strip()
        application.save()

    TRANSITIONS.perform(
        application,
        action,
        actor=actor,
        reason="" if action == "submit" else message.strip(),
        apply=apply,
        message=message,
        affiliated_from=affiliated_from,
        submitter=actor,
    )
    organisation = application.organisation
    if action == "submit":
        mail_render_and_enqueue(
            to=handlaggare_emails() or [settings.MUNICIPALITY_CONTACT_EMAIL],
            template="agreement/email/application_submitted",
            context={"application": application, "url": _application_url(application)},
        )
        _receipt_send(
            kind=_submit_kind(application, source=source),
            organisation=organisation,
            actor=actor,
            sent_at=application.submitted_at,
            meeting_date=application.meeting_date,
            paragraph=application.paragraph,
            protocol=application.protocol,
            protocol_name=application.protocol_name,
            url=_application_url(application),
        )
        return application
    if action == "approve":
        assert affiliated_from is not None  # _guard_approve refuses an approval without it
        affiliation = Affiliation.objects.create(
            organisation=organisation, application=application, affiliated_from=affiliated_from
        )
        history_record(
            subject=organisation,
            actor=actor,
            action="affiliated",
            changes={"affiliated_from": [None, affiliation.affiliated_from.isoformat()]},
        )
    mail_render_and_enqueue(
        to=organisation_representative_emails(organisation=organisation),
        template="agreement/email/application_decided",
        context={
            "application": application,
            "affiliated_from": affiliated_from,
            "notice": application_decision_notice(application),
            "url": _application_url(application),
        },
    )
    return application


@transaction.atomic
def application_save(
    *,
    organisation: Organisation,
    actor: User,
    meeting_date: date | None,
    paragraph: str,
    decision_text: str,
    conditions_confirmed: bool,
    protocol: UploadedFile | None = None,
    submit: bool = False,
) -> AffiliationApplication:
    """Save the organisation's open application (a new draft if none) and maybe submit it.

    A second submit of the same form (double click, back button) finds the
    application already submitted and changes and creates nothing. A protocol is
    replaced only by a new upload that passes `upload_validate` here (a
    ValidationError in Swedish, nothing saved); a stored one is never dropped.
    """
    protocol_content_type = (
        upload_validate(protocol, allowed=PROTOCOL_TYPES) if protocol is not None else ""
    )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.affiliations.active().exists():
        raise ValidationError(_("The organisation is already affiliated."), code="affiliated")
    application = organisation.applications.open().first()
    if application is not None and not application.is_editable:
        return application
    created = application is None
    if created:
        application = AffiliationApplication(organisation=organisation, created_by=actor)
    elif not actor.has_perm("overenskommelse.change_application", application):
        raise ValidationError(_("You may not do that."), code="permission")
    application.meeting_date = meeting_date
    application.paragraph = paragraph.strip()
    application.decision_text = decision_text.strip()
    application.conditions_confirmed = conditions_confirmed
    if protocol is not None:
        application.protocol = protocol
        application.protocol_content_type = protocol_content_type
        application.protocol_name = sent_file_name(protocol)
    if application.status != Status.DRAFT and not _sent_parts_kept(application):
        # Sent once, it stays complete (a database constraint): say so, rather than let
        # the constraint fail below as if another application were open.
        raise ValidationError(
            _(
                "An application sent back for completion needs its meeting date, protocol "
                "and confirmed conditions. Fill them in and save again."
            ),
            code="incomplete",
        )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # another open application appeared meanwhile
        raise ValidationError(
            _("The organisation already has an open application."), code="open"
        ) from exc
    history_record(
        subject=application,
        actor=actor,
        action="created" if created else "saved",
        changes={"protocol": [None, "uploaded"]} if protocol is not None else None,
    )
    if submit:
        application = application_transition(application=application, action="submit", actor=actor)
    return application


def _sent_parts_kept(application: AffiliationApplication) -> bool:
    """What `affiliationapplication_submitted_is_complete` asks of a sent application."""
    return bool(
        application.meeting_date and application.conditions_confirmed and application.protocol
    )


# Receipts ------------------------------------------------------------------------------

ReceiptKind = Literal["applied", "completed", "reapplied", "withdrew"]


def sent_file_name(upload: UploadedFile) -> str:
    """The name a file had on the sender's computer, without any folder, for the receipt."""
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name[:255]


def _submit_kind(application: AffiliationApplication, *, source: str) -> ReceiptKind:
    """Which receipt a submission gets: a completion, a new application after an earlier
    one was rejected or the organisation withdrew, or a first application."""
    if source == Status.COMPLETION_REQUESTED:
        return "completed"
    organisation = application.organisation
    earlier = (
        organisation.applications.exclude(pk=application.pk).filter(status=Status.REJECTED).exists()
        or organisation.affiliations.filter(ended_on__isnull=False).exists()
    )
    return "reapplied" if earlier else "applied"


def _receipt_send(
    *,
    kind: ReceiptKind,
    organisation: Organisation,
    actor: User,
    sent_at: datetime | None,
    meeting_date: date | None,
    paragraph: str,
    protocol,
    protocol_name: str,
    url: str,
) -> None:
    """Tell the sender, and the organisation's contact address, what was sent and what
    happens next. In the sender's language (the request's), written to the outbox in
    the same transaction as the act, so a refused second submit sends nothing."""
    recipients = {actor.email}
    if organisation.email:
        recipients.add(organisation.email)
    try:
        size = protocol.size if protocol else None
    except OSError:  # the stored file is unreadable: the receipt goes out without its size
        size = None
    mail_render_and_enqueue(
        to=sorted(recipients),
        template="agreement/email/affiliation_receipt",
        context={
            "kind": kind,
            "organisation": organisation,
            "sent_on": timezone.localdate(sent_at or timezone.now()),
            "meeting_date": meeting_date,
            "paragraph": paragraph,
            "file_name": protocol_name or (protocol.name.rsplit("/", 1)[-1] if protocol else ""),
            "file_size": size,
            "representatives": organisation_representative_names(organisation=organisation),
            "sender": str(actor),
            "weeks": settings.AFFILIATION_HANDLING_WEEKS,
            "url": url,
        },
    )


# Utträde -------------------------------------------------------------------------------


@transaction.atomic
def affiliation_withdraw(
    *,
    organisation: Organisation,
    actor: User,
    meeting_date: date,
    paragraph: str,
    protocol: UploadedFile,
) -> Affiliation:
    """Register the board's decision to leave. It takes effect now; no approval needed.
    The protocol must pass `upload_validate` (a ValidationError in Swedish, nothing saved)."""
    require_perm(actor, "overenskommelse.withdraw_affiliation", organisation)
    protocol_content_type = upload_validate(protocol, allowed=PROTOCOL_TYPES)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    affiliation = organisation.affiliations.active().first()
    if affiliation is None:
        raise ValidationError(_("The organisation is not affiliated."), code="not_affiliated")
    affiliation.ended_on = max(timezone.localdate(), affiliation.affiliated_from)
    affiliation.withdrawal_meeting_date = meeting_date
    affiliation.withdrawal_paragraph = paragraph.strip()
    affiliation.withdrawal_protocol = protocol
    affiliation.withdrawal_protocol_content_type = protocol_content_type
    affiliation.withdrawal_protocol_name = sent_file_name(protocol)
    affiliation.withdrawal_registered_by = actor
    affiliation.withdrawal_arrived_on = timezone.localdate()
    affiliation.save()
    history_record(
        subject=organisation,
        actor=actor,
        action="withdrew",
        message=_("Board meeting %(date)s § %(paragraph)s")
        % {"date": meeting_date.isoformat(), "paragraph": affiliation.withdrawal_paragraph},
        changes={"ended_on": [None, affiliation.ended_on.isoformat()]},
    )
    organisation_url = _absolute(
        reverse("agreement:organisation_detail", kwargs={"slug": organisation.slug})
    )
    mail_render_and_enqueue(
        to=handlaggare_emails() or [settings.MUNICIPALITY_CONTACT_EMAIL],
        template="agreement/email/withdrawal_registered",
        context={"organisation": organisation, "affiliation": affiliation, "url": organisation_url},
    )
    _receipt_send(
        kind="withdrew",
        organisation=organisation,
        actor=actor,
        sent_at=timezone.now(),
        meeting_date=meeting_date,
        paragraph=affiliation.withdrawal_paragraph,
        protocol=affiliation.withdrawal_protocol,
        protocol_name=affiliation.withdrawal_protocol_name,
        url=organisation_url,
    )
    for initiative in initiatives_ongoing_for(organisation=organisation):
        mail_render_and_enqueue(
            to=[initiative.responsible_email],
            template="agreement/email/initiative_party_withdrew",
            context={
                "organisation": organisation,
                "initiative": initiative,
                "affiliation": affiliation,
            },
        )
    return affiliation


# Årlig uppdatering ----------------------------------------------------------------------

ANNUAL_UPDATE_INTERVAL_DAYS = 365


def annual_update_candidates(*, now: datetime) -> QuerySet[Organisation]:
    """Affiliated organisations, annotated with what `annual_update_skip_reason` reads."""
    year = timezone.localdate(now).year
    active = Affiliation.objects.active().filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(Exists(active))
        .annotate(
            affiliated_from=Subquery(active.values("affiliated_from")[:1]),
            asked_this_year=Exists(
                AnnualUpdateRequest.objects.filter(organisation=OuterRef("pk"), year=year)
            ),
        )
        .order_by("pk")
    )


def annual_update_skip_reason(organisation: Organisation, now: datetime) -> str | None:
    """Why this organisation is not asked now, or None when it is due.

    Pure: reads the annotations of `annual_update_candidates`. An organisation is
    asked once a calendar year, when a year has passed since its details were last
    confirmed (or, never confirmed, since it affiliated).
    """
    affiliated_from = getattr(organisation, "affiliated_from", None)
    if affiliated_from is None:
        return "not_affiliated"
    if getattr(organisation, "asked_this_year", False):
        return "asked_this_year"
    today = timezone.localdate(now)
    if organisation.contact_confirmed_at is not None:
        last = timezone.localdate(organisation.contact_confirmed_at)
    else:
        last = affiliated_from
    if (today - last).days < ANNUAL_UPDATE_INTERVAL_DAYS:
        return "confirmed_recently"
    return None


def annual_update_send(*, now: datetime | None = None) -> int:
    """Ask every due organisation to confirm its details. Returns how many were asked.

    Claim, then send: the unique (organisation, year) row is inserted first, and
    the mail is written to the outbox in the same transaction, so a second run (or
    a second beat) finds the row and sends nothing.
    """
    now = now or timezone.now()
    year = timezone.localdate(now).year
    asked = 0
    for organisation in annual_update_candidates(now=now):
        if annual_update_skip_reason(organisation, now) is not None:
            continue
        with transaction.atomic():
            if not reminder_claim(
                AnnualUpdateRequest, now=now, organisation=organisation, year=year
            ):
                continue  # claimed by a parallel run
            recipients = organisation_representative_emails(organisation=organisation) or (
                [organisation.email] if organisation.email else []
            )
            if recipients:
                mail_render_and_enqueue(
                    to=recipients,
                    template="agreement/email/annual_update",
                    context={
                        "organisation": organisation,
                        "year": year,
                        "url": _absolute(
                            reverse(
                                "agreement:organisation_detail",
                                kwargs={"slug": organisation.slug},
                            )
                        ),
                    },
                )
            history_record(
                subject=organisation,
                action="annual_update_requested",
                message=str(year),
                at=now,
            )
        asked += 1
    return asked
