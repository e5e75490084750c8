"""The tillgänglighetsredogörelse: staff change its text (each change a new version),
anyone reports a problem through its form (a case for kommunkontoret, a mail to
kommunkontoret and a receipt to the sender), and kommunkontoret answers and closes
the cases through `accessibility_feedback_transition`, the one way to change a case's
status."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from overenskommelse.agreement.models import AccessibilityFeedback, AccessibilityStatement
from overenskommelse.agreement.selectors.accessibility import accessibility_statement_current
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_changes, history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue
from overenskommelse.platform.services.transitions import Transition, Transitions

STATEMENT_FIELDS = ["compliance", "shortcomings", "not_covered", "assessed_on", "method"]
HANDLE = "overenskommelse.handle_accessibility_feedback"
Status = AccessibilityFeedback.Status

TRANSITIONS: Transitions[Transition] = Transitions(
    Transition(name="feedback_answer", source=(Status.OPEN,), target=Status.ANSWERED,
               permission=HANDLE),
    Transition(name="feedback_close", source=(Status.OPEN, Status.ANSWERED),
               target=Status.CLOSED, permission=HANDLE),
    Transition(name="feedback_reopen", source=(Status.ANSWERED, Status.CLOSED),
               target=Status.OPEN, permission=HANDLE, needs_reason=True),
    field="status",
)  # fmt: skip


@transaction.atomic
def accessibility_statement_update(*, actor, **values) -> AccessibilityStatement | None:
    """Save `values` (STATEMENT_FIELDS) as the new current version, keeping the old one.
    None when nothing differs from the version in force."""
    require_perm(actor, "overenskommelse.change_accessibility_statement")
    values = {name: values[name] for name in STATEMENT_FIELDS}
    # Lock the version in force so two editors cannot both make theirs current.
    before = (
        AccessibilityStatement.objects.select_for_update().filter(is_current=True).first()
        or accessibility_statement_current()
    )
    changes = history_changes(before, values, STATEMENT_FIELDS)
    if not changes:
        return None
    AccessibilityStatement.objects.filter(is_current=True).update(is_current=False)
    statement = AccessibilityStatement.objects.create(
        **values,
        is_current=True,
        created_by=actor,
        created_by_name=actor.get_full_name() or actor.email,
    )
    history_record(
        subject=statement,
        actor=actor,
        action="accessibility_statement_changed",
        changes=changes,
    )
    return statement


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


@transaction.atomic
def accessibility_feedback_submit(
    *, page: str, problem: str, email: str = "", user=None
) -> AccessibilityFeedback:
    """Open a case for kommunkontoret, tell kommunkontoret (in Swedish) and send the
    sender a receipt in the language they wrote in, when they gave an address."""
    page, problem, email = page.strip(), problem.strip(), email.strip().lower()
    if not page or not problem:
        raise ValidationError(_("Say which page it is and what the problem is."))
    language = translation.get_language() or settings.LANGUAGE_CODE
    case = AccessibilityFeedback.objects.create(
        page=page, problem=problem, email=email, language=language[:8]
    )
    history_record(subject=case, actor=user, action="accessibility_feedback_received")
    context = {
        "case": case,
        "case_url": _absolute(reverse("agreement:accessibility_feedback", args=[case.uuid])),
        "statement_url": _absolute(reverse("agreement:accessibility")),
    }
    with translation.override(settings.LANGUAGE_CODE):
        mail_render_and_enqueue(
            to=[settings.MUNICIPALITY_CONTACT_EMAIL],
            template="agreement/email/accessibility_feedback_received",
            context=context,
        )
    if email:
        mail_render_and_enqueue(
            to=[email],
            template="agreement/email/accessibility_feedback_receipt",
            context=context,
        )
    return case


@transaction.atomic
def accessibility_feedback_transition(
    *, case: AccessibilityFeedback, name: str, actor, reason: str = ""
) -> AccessibilityFeedback:
    """Mark a case answered or closed, or open it again (with a reason); the history
    row keeps who, when and the note."""
    case = AccessibilityFeedback.objects.select_for_update().get(pk=case.pk)

    def apply(obj: AccessibilityFeedback, transition: Transition) -> None:
        obj.save(update_fields=["status", "updated_at"])

    TRANSITIONS.perform(case, name, actor=actor, reason=reason.strip(), apply=apply)
    return case
