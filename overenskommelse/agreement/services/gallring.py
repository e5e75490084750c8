"""The agreement app's thinners for the gallring (`platform/services/gallring.py`):
drafts that never arrived. A submitted application, a withdrawal and a submitted (or
once submitted, then reopened) remissvar are received public documents and have no
thinner: the schedule can only keep them.

A thinned draft goes with its files and its field-level history (the database trigger
writes the deleted row to the event table; that copy is removed too), so nothing of
its content stays; the `HistoryEntry` rows of who did what are kept.
"""

from datetime import datetime

from django.apps import apps
from django.utils import timezone

from overenskommelse.agreement.models import (
    AccessibilityFeedback,
    AffiliationApplication,
    RemissAnswer,
    RemissAnswerAttachment,
    RemissAnswerText,
)
from overenskommelse.platform.records import Thinned, files_delete_after_commit


def _field_history_forget(model, pks: list[int]) -> None:
    """The event rows of deleted rows (including the one their deletion just wrote)."""
    event_model = apps.get_model(model._meta.app_label, f"{model.__name__}Event")
    event_model.objects.filter(pgh_obj_id__in=pks).delete()


def application_drafts_thin(older_than: datetime) -> Thinned:
    """Applications never submitted and not changed since `older_than`."""
    drafts = list(
        AffiliationApplication.objects.select_for_update()
        .filter(
            status=AffiliationApplication.Status.DRAFT,
            submitted_at__isnull=True,
            arrived_on__isnull=True,
            updated_at__lt=older_than,
        )
        .order_by("created_at")
    )
    if not drafts:
        return Thinned()
    pks = [draft.pk for draft in drafts]
    lines = [
        f"Ansökningsutkast {draft.uuid} ändrat {timezone.localdate(draft.updated_at):%Y-%m-%d}"
        for draft in drafts
    ]
    files_delete_after_commit(draft.protocol for draft in drafts)
    AffiliationApplication.objects.filter(pk__in=pks).delete()
    _field_history_forget(AffiliationApplication, pks)
    return Thinned(count=len(pks), items=lines)


def remiss_answer_drafts_thin(older_than: datetime) -> Thinned:
    """Answers never submitted, of remisser whose deadline passed before `older_than`."""
    drafts = list(
        RemissAnswer.objects.select_for_update()
        .filter(
            status=RemissAnswer.Status.DRAFT,
            submitted_at__isnull=True,
            arrived_on__isnull=True,
            instans__remiss__closes_on__lt=timezone.localdate(older_than),
        )
        .select_related("instans__remiss")
        .order_by("pk")
    )
    if not drafts:
        return Thinned()
    pks = [draft.pk for draft in drafts]
    lines = [
        f"Remissvarsutkast {draft.uuid} till remissen {draft.instans.remiss.uuid} "
        f"(sista svarsdag {draft.instans.remiss.closes_on:%Y-%m-%d})"
        for draft in drafts
    ]
    attachments = RemissAnswerAttachment.objects.filter(answer_id__in=pks)
    files_delete_after_commit(attachment.file for attachment in attachments)
    attachments.delete()
    text_pks = list(RemissAnswerText.objects.filter(answer_id__in=pks).values_list("pk", flat=True))
    RemissAnswer.objects.filter(pk__in=pks).delete()
    _field_history_forget(RemissAnswerText, text_pks)
    _field_history_forget(RemissAnswer, pks)
    return Thinned(count=len(pks), items=lines)


def accessibility_feedback_closed_thin(older_than: datetime) -> Thinned:
    """Accessibility reports whose case was closed before `older_than`. They are
    received documents of passing interest (a page, a problem, perhaps an e-mail
    address); what was done about them stays in the statement and its history."""
    closed = list(
        AccessibilityFeedback.objects.select_for_update()
        .filter(status=AccessibilityFeedback.Status.CLOSED, updated_at__lt=older_than)
        .order_by("created_at")
    )
    if not closed:
        return Thinned()
    lines = [
        f"Tillgänglighetsrapport {case.uuid} stängd {timezone.localdate(case.updated_at):%Y-%m-%d}"
        for case in closed
    ]
    AccessibilityFeedback.objects.filter(pk__in=[case.pk for case in closed]).delete()
    return Thinned(count=len(closed), items=lines)
