"""Reads of the tillgänglighetsredogörelse and its feedback cases."""

from django.db.models import Count, QuerySet

from overenskommelse.agreement.models import (
    DEFAULT_STATEMENT,
    AccessibilityFeedback,
    AccessibilityStatement,
)


def accessibility_statement_current() -> AccessibilityStatement:
    """The statement in force; until staff have saved one, the default text (unsaved)."""
    current = AccessibilityStatement.objects.filter(is_current=True).first()
    return current or AccessibilityStatement(**DEFAULT_STATEMENT)


def accessibility_statement_versions() -> QuerySet[AccessibilityStatement]:
    """Every saved version, the newest first: who changed the statement, and when."""
    return AccessibilityStatement.objects.only(
        "pk", "created_at", "created_by_name", "compliance", "assessed_on", "is_current"
    )


def accessibility_feedback_list(*, status: str = "") -> QuerySet[AccessibilityFeedback]:
    """The cases, the newest first; only those with `status` when it is one."""
    cases = AccessibilityFeedback.objects.all()
    if status in AccessibilityFeedback.Status.values:
        cases = cases.filter(status=status)
    return cases


def accessibility_feedback_counts() -> dict[str, int]:
    counts = dict.fromkeys(AccessibilityFeedback.Status.values, 0)
    for row in AccessibilityFeedback.objects.values("status").order_by().annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
