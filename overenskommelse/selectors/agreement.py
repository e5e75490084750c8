"""Reads of the agreement app."""

from django.db.models import Count, Prefetch, Q, QuerySet

from overenskommelse.models import (
    ActionPlan,
    AgreementVersion,
    MunicipalBody,
    OutboxMessage,
    PriorityArea,
)


def agreement_current() -> AgreementVersion | None:
    return (
        AgreementVersion.objects.filter(is_current=True)
        .prefetch_related("principles", "commitments__principles")
        .first()
    )


def action_plan_current() -> ActionPlan | None:
    return (
        ActionPlan.objects.current()
        .prefetch_related(
            Prefetch("areas", queryset=PriorityArea.objects.prefetch_related("directions"))
        )
        .first()
    )


def contact_paths_list() -> QuerySet[MunicipalBody]:
    """Every active förvaltning with its contact for associations (Öppna kontaktvägar)."""
    return MunicipalBody.objects.forvaltningar().active().select_related("parent").order_by("name")


def outbox_counts() -> dict[str, int]:
    counts = dict.fromkeys(OutboxMessage.Status.values, 0)
    for row in OutboxMessage.objects.values("status").order_by().annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def bodies_missing_contact() -> QuerySet[MunicipalBody]:
    """Förvaltningar whose contact path is not filled in: a gap on Kontaktvägar."""
    return (
        MunicipalBody.objects.forvaltningar()
        .active()
        .filter(Q(contact_name="") | Q(contact_email=""))
        .order_by("name")
    )
