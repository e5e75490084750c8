"""Remiss rounds as kommunkontoret runs them: create, choose instanser, publish
(invitations), answers (drafts, submission with receipt, optimistic locking), late or
posted answers registered by hand.

The stage machine is `TRANSITIONS` (the shared helper, `services/transitions.py`);
`remiss_transition` is the only way to change a remiss's status and writes its
history row.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import (
    DEFAULT_DISPOSITION,
    Affiliation,
    InformationMeeting,
    Organisation,
    Remiss,
    RemissAnswer,
    RemissAnswerAttachment,
    RemissAnswerText,
    RemissDocument,
    RemissInstans,
    RemissSection,
)
from overenskommelse.agreement.predicates import user_represents_instans
from overenskommelse.agreement.selectors.remiss import instans_recipient_emails
from overenskommelse.agreement.services.remiss_compilation import remiss_compilation_changed
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue
from overenskommelse.platform.services.transitions import Transition, Transitions
from overenskommelse.platform.uploads import upload_validate
from overenskommelse.protocols.models import Paragraph

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _url(name: str, **kwargs) -> str:
    return settings.PORTAL_BASE_URL + reverse(f"agreement:{name}", kwargs=kwargs)


# Creating and editing ---------------------------------------------------------------


@dataclass(frozen=True)
class MeetingTime:
    date: dt.date
    start_time: dt.time
    end_time: dt.time


REMISS_FIELDS = (
    "title",
    "case_number",
    "action_plan",
    "decision",
    "opens_on",
    "closes_on",
    "instructions",
    "reply_email",
    "reply_subject",
    "postal_address",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "meeting_link",
)


def remiss_create(
    *,
    actor,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    sections: Iterable[str] = DEFAULT_DISPOSITION,
    meetings: Iterable[MeetingTime] = (),
    decision: Paragraph | None = None,
    **fields,
) -> Remiss:
    require_perm(actor, "overenskommelse.manage_remiss")
    unknown = set(fields) - set(REMISS_FIELDS)
    if unknown:
        raise TypeError(f"unknown remiss fields: {sorted(unknown)}")
    with transaction.atomic():
        remiss = Remiss.objects.create(
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            decision=decision,
            created_by=actor,  # None: the system (a demo loader)
            **fields,
        )
        _sections_set(remiss, sections)
        _meetings_set(remiss, meetings)
        history_record(subject=remiss, actor=actor, action="remiss_created", message=remiss.title)
    return remiss


def remiss_update(
    *,
    remiss: Remiss,
    actor,
    sections: Iterable[str] | None = None,
    meetings: Iterable[MeetingTime] | None = None,
    **fields,
) -> Remiss:
    """Change a remiss. The disposition can only change while nobody has answered."""
    require_perm(actor, "overenskommelse.manage_remiss")
    with transaction.atomic():
        remiss = Remiss.objects.select_for_update().get(pk=remiss.pk)
        if remiss.status == Remiss.Status.WITHDRAWN:
            raise ValidationError(_("A withdrawn remiss cannot be changed."))
        changes = {}
        for name, value in fields.items():
            if name not in REMISS_FIELDS:
                raise TypeError(name)
            old = getattr(remiss, name)
            if old != value:
                changes[name] = [str(old or ""), str(value or "")]
                setattr(remiss, name, value)
        if remiss.status == Remiss.Status.PUBLISHED and remiss.closes_on < remiss.opens_on:
            raise ValidationError(_("The remiss period cannot end before it starts."))
        remiss.save()
        if sections is not None:
            sections = [s.strip() for s in sections if s.strip()]
            if sections != [s.heading for s in remiss.sections.all()]:
                if RemissAnswer.objects.filter(instans__remiss=remiss).exists():
                    raise ValidationError(
                        _("The disposition cannot be changed after answers have been written.")
                    )
                remiss.sections.all().delete()
                _sections_set(remiss, sections)
                changes["sections"] = ["", "; ".join(sections)]
        if meetings is not None:
            remiss.meetings.all().delete()
            _meetings_set(remiss, meetings)
        if changes:
            history_record(subject=remiss, actor=actor, action="changed", changes=changes)
            remiss_compilation_changed(remiss=remiss)
    return remiss


def _sections_set(remiss: Remiss, headings: Iterable[str]) -> None:
    headings = [h.strip() for h in headings if h.strip()]
    if not headings:
        raise ValidationError(_("The disposition needs at least one section."))
    RemissSection.objects.bulk_create(
        RemissSection(remiss=remiss, number=n, heading=h) for n, h in enumerate(headings, 1)
    )


def _meetings_set(remiss: Remiss, meetings: Iterable[MeetingTime]) -> None:
    for m in meetings:
        if m.end_time <= m.start_time:
            raise ValidationError(_("An information meeting must end after it starts."))
        InformationMeeting.objects.create(
            remiss=remiss,
            date=m.date,
            start_time=m.start_time,
            end_time=m.end_time,
            link=remiss.meeting_link,
        )


def remiss_document_add(*, remiss: Remiss, actor, title: str, upload: UploadedFile):
    require_perm(actor, "overenskommelse.manage_remiss")
    content_type = upload_validate(upload, allowed=RemissDocument.ALLOWED_TYPES)
    assert upload.name is not None  # forms.FileField refuses a file without a name
    with transaction.atomic():
        document = RemissDocument.objects.create(
            remiss=remiss,
            title=title or upload.name,
            uploaded_by=actor,
            **RemissDocument.upload_fields(upload, content_type=content_type),
        )
        history_record(subject=remiss, actor=actor, action="document", message=document.title)
    return document


# Instanser ---------------------------------------------------------------------------


def remiss_instanser_add(
    *,
    remiss: Remiss,
    actor,
    all_bodies: bool = False,
    all_affiliated: bool = False,
    organisations: Iterable[Organisation] = (),
    bodies: Iterable[MunicipalBody] = (),
    now: dt.datetime | None = None,
) -> list[RemissInstans]:
    """Add instanser: all nämnder and råd, all affiliated organisations, chosen others.
    Existing instanser are kept. On a published remiss the new ones are invited at once."""
    require_perm(actor, "overenskommelse.manage_remiss")
    now = now or timezone.now()
    if remiss.status == Remiss.Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn remiss cannot be changed."))
    wanted: list[tuple[str, Organisation | None, MunicipalBody | None]] = []
    if all_bodies:
        for body in MunicipalBody.objects.active().filter(
            kind__in=[MunicipalBody.Kind.NAMND, MunicipalBody.Kind.RAD]
        ):
            wanted.append((RemissInstans.Source.BODY, None, body))
    if all_affiliated:
        for affiliation in Affiliation.objects.active().select_related("organisation"):
            wanted.append((RemissInstans.Source.AFFILIATED, affiliation.organisation, None))
    wanted += [(RemissInstans.Source.CHOSEN, o, None) for o in organisations]
    wanted += [(RemissInstans.Source.CHOSEN, None, b) for b in bodies]
    created: list[RemissInstans] = []
    with transaction.atomic():
        # Each instans has one of the two, so both sets hold None too.
        have_orgs: set[int | None] = set(remiss.instanser.values_list("organisation_id", flat=True))
        have_bodies: set[int | None] = set(
            remiss.instanser.values_list("municipal_body_id", flat=True)
        )
        for source, organisation, body in wanted:
            if organisation and organisation.pk in have_orgs:
                continue
            if body and body.pk in have_bodies:
                continue
            instans = RemissInstans.objects.create(
                remiss=remiss, organisation=organisation, municipal_body=body, source=source
            )
            have_orgs.add(organisation.pk if organisation else None)
            have_bodies.add(body.pk if body else None)
            created.append(instans)
        if created:
            history_record(
                subject=remiss,
                actor=actor,
                action="instanser",
                message=", ".join(i.name for i in created),
            )
            if remiss.status == Remiss.Status.PUBLISHED:
                for instans in created:
                    _invite(instans, now)
            remiss_compilation_changed(remiss=remiss, now=now)
    return created


def _invite(instans: RemissInstans, now: dt.datetime) -> None:
    emails = instans_recipient_emails(instans)
    if emails:
        mail_render_and_enqueue(
            to=emails,
            template="agreement/email/remiss_invitation",
            context={
                "remiss": instans.remiss,
                "instans": instans,
                "url": _url("remiss_answer", uuid=instans.uuid),
            },
        )
    RemissInstans.objects.filter(pk=instans.pk).update(invited_at=now)


# The stage machine ----------------------------------------------------------------------


def _period_ends_after_start(remiss: Remiss) -> "StrOrPromise | None":
    if remiss.closes_on < remiss.opens_on:
        return gettext_lazy("The remiss period cannot end before it starts.")
    return None


def _has_instanser(remiss: Remiss) -> "StrOrPromise | None":
    if not remiss.instanser.exists():
        return gettext_lazy("Choose at least one remissinstans before publishing.")
    return None


def _has_sections(remiss: Remiss) -> "StrOrPromise | None":
    if not remiss.sections.exists():
        return gettext_lazy("The disposition needs at least one section.")
    return None


S = Remiss.Status
NOT_NOW = gettext_lazy("The remiss is not in a state where this can be done.")
TRANSITIONS: Transitions[Transition] = Transitions(
    Transition(
        name="publish",
        source=(S.DRAFT,),
        target=S.PUBLISHED,
        permission="overenskommelse.manage_remiss",
        guards=(_period_ends_after_start, _has_instanser, _has_sections),
    ),
    Transition(
        name="withdraw",
        source=(S.PUBLISHED,),
        target=S.WITHDRAWN,
        permission="overenskommelse.manage_remiss",
        needs_reason=True,
    ),
    field="status",
    unknown=lambda remiss, name: NOT_NOW,
    wrong_source=lambda remiss, transition: NOT_NOW,
)


def remiss_publish_problems(remiss: Remiss) -> list[str]:
    """Why a remiss cannot be published; empty when it can."""
    return TRANSITIONS["publish"].reasons(remiss)


def remiss_transition(
    *, remiss: Remiss, actor, name: str, reason: str = "", now: dt.datetime | None = None
) -> Remiss:
    now = now or timezone.now()
    with transaction.atomic():
        remiss = Remiss.objects.select_for_update().get(pk=remiss.pk)

        def apply(remiss: Remiss, _transition: Transition) -> None:
            if name == "publish":
                remiss.published_at = now
            remiss.save(update_fields=["status", "published_at", "updated_at"])

        TRANSITIONS.perform(remiss, name, actor=actor, reason=reason, apply=apply, at=now)
        if name == "publish":
            for instans in remiss.instanser.select_related("organisation", "municipal_body"):
                _invite(instans, now)
        remiss_compilation_changed(remiss=remiss, now=now)
    return remiss


# Answers --------------------------------------------------------------------------------


def answer_refusal_reason(*, instans: RemissInstans, user, now: dt.datetime) -> str | None:
    """Why `user` may not write the answer of `instans` at `now` (Swedish); None if allowed."""
    remiss = instans.remiss
    if remiss.status != Remiss.Status.PUBLISHED:
        return _("The remiss is not open for answers.")
    if now < remiss.opens_at:
        return _("The remiss period has not started yet.")
    if now >= remiss.deadline:
        return _("The remiss closed at the end of %(day)s. Answers can no longer be given.") % {
            "day": f"{remiss.closes_on:%Y-%m-%d}"
        }
    if not user_represents_instans(user, instans):
        return _("You do not represent this remissinstans.")
    return None


def remiss_own_initiative(
    *, remiss: Remiss, actor, organisation: Organisation, now: dt.datetime | None = None
) -> RemissInstans:
    """An organisation answers without being asked: it becomes an instans while open."""
    now = now or timezone.now()
    if organisation.pk not in actor.represented_organisation_ids:
        raise ValidationError(_("You do not represent this remissinstans."))
    if not remiss.is_open(now):
        raise ValidationError(_("The remiss is not open for answers."))
    with transaction.atomic():
        instans, created = RemissInstans.objects.get_or_create(
            remiss=remiss,
            organisation=organisation,
            defaults={"source": RemissInstans.Source.OWN_INITIATIVE, "invited_at": None},
        )
        if created:
            history_record(
                subject=remiss, actor=actor, action="own_initiative", message=organisation.name
            )
    return instans


CONFLICT_MESSAGE = gettext_noop(
    "Someone else saved this answer while you were editing it. Your text was not saved "
    "over theirs: read the current answer below and make your changes again."
)


ALREADY_SUBMITTED_MESSAGE = gettext_noop(
    "This answer is already submitted, so it cannot be saved as a draft. Submit the "
    "changes, or reopen it as a draft."
)


EMPTY_MESSAGE = gettext_noop(
    "The answer is empty. Write something under at least one heading before you submit it."
)


def remiss_answer_save(
    *,
    instans: RemissInstans,
    actor,
    texts: dict[int, str],
    version: int | None,
    submit: bool = False,
    reopen: bool = False,
    attachments: Iterable[tuple[str, UploadedFile]] = (),
    now: dt.datetime | None = None,
) -> RemissAnswer:
    """Save a draft, submit, re-submit changes, or reopen a submitted answer as a draft.

    `version` is the answer's version the form was built from (None or 0 for a new
    answer); if someone saved in between, nothing is saved (ValidationError, code
    "conflict"). A submitted answer stays submitted unless it is reopened explicitly
    (`reopen`): a plain draft save of it is refused (code "submitted"), never turned
    into a silent re-submission. Submitting sends a receipt to the representatives of
    the instans; re-submitting changes sends one that says the answer was changed.
    Re-submitting with nothing changed saves nothing: the version stays as it was.
    An answer with nothing under any heading cannot be submitted (code "empty"); an
    empty draft may be saved.
    """
    now = now or timezone.now()
    refusal = answer_refusal_reason(instans=instans, user=actor, now=now)
    if refusal:
        raise ValidationError(refusal, code="refused")
    answer_texts_check(remiss=instans.remiss, texts=texts)
    checked = [
        (title, upload, upload_validate(upload, allowed=RemissAnswerAttachment.ALLOWED_TYPES))
        for title, upload in attachments
    ]
    with transaction.atomic():
        answer = _answer_locked(instans)
        if answer is None:
            if version not in (None, 0):
                raise ValidationError(_(CONFLICT_MESSAGE), code="conflict")
            answer = RemissAnswer.objects.create(instans=instans, updated_by=actor)
            was_submitted = False
            action = "answer_created"
        else:
            if version != answer.version:
                raise ValidationError(_(CONFLICT_MESSAGE), code="conflict")
            was_submitted = answer.status == RemissAnswer.Status.SUBMITTED
            if was_submitted and not submit and not reopen:
                raise ValidationError(_(ALREADY_SUBMITTED_MESSAGE), code="submitted")
            if was_submitted and submit and not checked and not _texts_differ(answer, texts):
                return answer
            RemissAnswer.objects.filter(pk=answer.pk).update(
                version=F("version") + 1, updated_by=actor, updated_at=now
            )
            answer.refresh_from_db()
            action = "answer_saved"
        _texts_store(answer, texts)
        if submit and not answer.texts.exclude(text="").exists():
            # Rolls back the whole save: a new answer is not created, a submitted one
            # keeps its texts.
            raise ValidationError(_(EMPTY_MESSAGE), code="empty")
        for title, upload, content_type in checked:
            assert upload.name is not None  # forms.FileField refuses a file without a name
            RemissAnswerAttachment.objects.create(
                answer=answer,
                title=title or upload.name,
                uploaded_by=actor,
                **RemissAnswerAttachment.upload_fields(upload, content_type=content_type),
            )
        if submit:
            answer.status = RemissAnswer.Status.SUBMITTED
            answer.submitted_at = now
            answer.submitted_by = actor
            answer.arrived_on = answer.arrived_on or timezone.localdate(now)
            action = "answer_resubmitted" if was_submitted else "answer_submitted"
        elif was_submitted:  # reopen: explicitly a draft again, no longer counted
            answer.status = RemissAnswer.Status.DRAFT
            answer.submitted_at = None
            answer.submitted_by = None
            action = "answer_reopened"
        answer.save(update_fields=["status", "submitted_at", "submitted_by", "arrived_on"])
        history_record(subject=answer, actor=actor, action=action, at=now)
        if submit:
            _receipt(answer, first=not was_submitted)
        if submit or was_submitted:  # drafts are not in the compilation
            remiss_compilation_changed(remiss=instans.remiss, now=now)
    return answer


def answer_texts_check(*, remiss: Remiss, texts: dict[int, str]) -> None:
    """Refuse a text longer than REMISS_ANSWER_MAX_CHARS under any heading (a line break
    counts as one character, as in the form)."""
    limit = settings.REMISS_ANSWER_MAX_CHARS
    headings = dict(remiss.sections.values_list("pk", "heading"))
    for section_id, text in texts.items():
        length = len(text.strip().replace("\r\n", "\n"))
        if section_id in headings and length > limit:
            raise ValidationError(
                _(
                    "The text under “%(heading)s” has %(length)s characters. The limit is "
                    "%(limit)s characters under each heading."
                )
                % {
                    "heading": headings[section_id],
                    "length": number_format(length, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                },
                code="too_long",
            )


def _answer_locked(instans: RemissInstans) -> RemissAnswer | None:
    """The instans's answer, if any, with the instans row locked until commit.

    Locking the answer row alone is not enough: while there is no answer there is no row
    to lock, so two first saves at once both inserted one and the second failed on the
    unique instans (a 500, its text lost). With the instans locked, the second waits,
    then finds the first's answer and gets the ordinary conflict message."""
    RemissInstans.objects.select_for_update().filter(pk=instans.pk).values_list("pk").get()
    return RemissAnswer.objects.select_for_update().filter(instans=instans).first()


def _texts_differ(answer: RemissAnswer, texts: dict[int, str]) -> bool:
    valid = set(answer.instans.remiss.sections.values_list("pk", flat=True))
    stored = {t.section_id: t.text for t in answer.texts.all()}
    return any(
        stored.get(section_id, "") != text.strip()
        for section_id, text in texts.items()
        if section_id in valid
    )


def _texts_store(answer: RemissAnswer, texts: dict[int, str]) -> None:
    valid = set(answer.instans.remiss.sections.values_list("pk", flat=True))
    for section_id, text in texts.items():
        if section_id not in valid:
            continue
        RemissAnswerText.objects.update_or_create(
            answer=answer, section_id=section_id, defaults={"text": text.strip()}
        )


def _receipt(answer: RemissAnswer, *, first: bool) -> None:
    instans = answer.instans
    # The representatives or contacts, and whoever submitted it (every address is set:
    # a user's e-mail is required, a body's contact address is added only when given).
    assert answer.submitted_by is not None  # a receipt follows a submission by someone
    emails = sorted({*instans_recipient_emails(instans), answer.submitted_by.email})
    mail_render_and_enqueue(
        to=emails,
        template="agreement/email/remiss_receipt",
        context={
            "remiss": instans.remiss,
            "instans": instans,
            "answer": answer,
            "first": first,
            "url": _url("remiss_answer", uuid=instans.uuid),
        },
    )


def remiss_answer_register(
    *,
    instans: RemissInstans,
    actor,
    texts: dict[int, str],
    channel: str,
    received_at: dt.datetime,
) -> RemissAnswer:
    """Kommunkontoret registers an answer that came late or by e-mail/post; it is marked
    as such and counted as submitted. An answer already submitted is not overwritten."""
    require_perm(actor, "overenskommelse.manage_remiss")
    remiss = instans.remiss
    if remiss.status != Remiss.Status.PUBLISHED:
        raise ValidationError(_("The remiss is not open for answers."))
    answer_texts_check(remiss=remiss, texts=texts)
    with transaction.atomic():
        answer = _answer_locked(instans)
        if answer and answer.status == RemissAnswer.Status.SUBMITTED:
            raise ValidationError(_("This instans has already submitted an answer."))
        if answer is None:
            answer = RemissAnswer(instans=instans)
        else:
            answer.version += 1
        answer.status = RemissAnswer.Status.SUBMITTED
        answer.channel = channel
        answer.registered_by_staff = True
        answer.is_late = received_at >= remiss.deadline
        answer.submitted_at = received_at
        answer.arrived_on = answer.arrived_on or timezone.localdate(received_at)
        answer.submitted_by = None
        answer.updated_by = actor
        answer.save()
        _texts_store(answer, texts)
        history_record(
            subject=answer,
            actor=actor,
            action="answer_registered",
            message=answer.get_channel_display(),
        )
        remiss_compilation_changed(remiss=remiss)
    return answer
