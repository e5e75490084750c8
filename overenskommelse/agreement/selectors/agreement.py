"""Reads of the agreement app."""

from django.db.models import Count, Prefetch, Q, QuerySet, Subquery

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import ActionPlan, AgreementVersion, PriorityArea
from overenskommelse.platform.models import OutboxMessage


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


def home_agreement() -> AgreementVersion | None:
    """The version in force with its principles: what the start page shows of it."""
    return AgreementVersion.objects.filter(is_current=True).prefetch_related("principles").first()


def home_plan() -> ActionPlan | None:
    """The plan in force with its areas, each with `direction_count`: the start page
    shows how many inriktningar an area has, not the inriktningar."""
    areas = PriorityArea.objects.annotate(direction_count=Count("directions")).order_by("number")
    return ActionPlan.objects.current().prefetch_related(Prefetch("areas", queryset=areas)).first()


def current_areas() -> QuerySet[PriorityArea]:
    """The priority areas of the plan in force, in their order: one query, the plan
    found in a subquery (the choices of the register's and the profile's area fields)."""
    plan = ActionPlan.objects.current().values("pk")[:1]
    return PriorityArea.objects.filter(plan=Subquery(plan)).order_by("number")


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
