"""Reads of the initiative pipeline: board, list, matching, timelines, recipients."""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from overenskommelse.accounts.models import MunicipalBody, Role, User
from overenskommelse.agreement.models import Affiliation, Organisation, Representation
from overenskommelse.agreement.selectors.organisations import FinishedInitiative, OngoingInitiative
from overenskommelse.agreement.selectors.register import swedish_order
from overenskommelse.platform.decisions import DecisionNotice, decision_notice
from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import (
    FINISHED_STAGES,
    PIPELINE,
    Hold,
    Initiative,
    InitiativeParty,
    PartyStatus,
    Stage,
)

# What the timeline says for each history action.
ACTION_LABELS = {
    "samverkan_proposed": _("Proposed"),
    "samverkan_accept": _("Accepted as a collaboration initiative"),
    "samverkan_request_more": _("More information requested"),
    "samverkan_decline": _("Proposal declined"),
    "samverkan_start": _("Implementation started"),
    "samverkan_to_results": _("Moved on to results and dissemination"),
    "samverkan_results": _("Results report saved"),
    "samverkan_reported": _("Reported to samverkansgruppen"),
    "samverkan_evaluate": _("Moved on to evaluation"),
    "samverkan_close": _("Closed for the yearly follow-up"),
    "samverkan_pause": _("Paused"),
    "samverkan_resume": _("Resumed"),
    "samverkan_cancel": _("Called off"),
    "samverkan_reopen": _("Taken up again after being called off"),
    "samverkan_invited": _("Party invited"),
    "samverkan_invitation_accepted": _("Invitation accepted"),
    "samverkan_invitation_declined": _("Invitation declined"),
    "samverkan_agreed": _("Agreement recorded"),
    "samverkan_details": _("Details changed"),
    "samverkan_evaluation": _("Evaluation added"),
    "samverkan_comment": _("Comment"),
    "samverkan_document": _("Document added"),
}


def action_label(action: str) -> str:
    if action.startswith("samverkan_back_to_"):
        return str(_("Went back a stage"))
    return str(ACTION_LABELS.get(action, _("Change recorded")))


def initiative_timeline(*, initiative: Initiative) -> list:
    entries = list(history_for(subject=initiative).order_by("at", "pk"))
    for entry in entries:
        entry.label = action_label(entry.action)
        stage = entry.changes.get("stage")
        entry.stage_to = Stage(stage[1]).label if stage else ""
    return entries


def initiative_decline_notice(*, initiative: Initiative) -> DecisionNotice | None:
    """What a declined proposal tells its proposer on the page, as the mail did: the
    reason and the official from the decline's history row (its name as recorded)."""
    if initiative.stage != Stage.DECLINED:
        return None
    entry = (
        history_for(subject=initiative)
        .filter(action="samverkan_decline")
        .select_related("actor")
        .first()
    )
    if entry is None:
        return None
    return decision_notice(
        kind="decision", reason=entry.message, official=entry.actor, decided_at=entry.at
    )


def _parties_prefetch() -> Prefetch:
    return Prefetch(
        "parties",
        queryset=InitiativeParty.objects.select_related("organisation", "municipal_body").annotate(
            affiliated=Exists(
                Affiliation.objects.active().filter(organisation=OuterRef("organisation"))
            )
        ),
    )


def initiative_list(*, queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    """Initiatives with what the board, list and CSV show, in a constant number of queries."""
    return queryset.select_related("handlaggare").prefetch_related("areas", _parties_prefetch())


# A board column shows the most recently active initiatives; the rest are a link
# to the filtered list, so the board stays quick with thousands of initiatives.
BOARD_COLUMN_LIMIT = 15


def initiative_board(
    *, queryset: QuerySet[Initiative], per_column: int | None = None
) -> list[dict]:
    """Columns per stage: the newest-active initiatives of each and the stage's total.

    A card is a dict of the few values it shows (title, link, hold, case officer, end
    date), read in one query with the labels made here: the board is the staff's
    most used page, and model instances with their prefetches cost ten times more.
    Each column is its own LIMIT over the (stage, last activity) index, so the board
    reads at most 15 rows a stage however many initiatives there are.
    """
    per_column = per_column or BOARD_COLUMN_LIMIT
    totals = dict(
        queryset.order_by()
        .values_list("stage")
        # A filter over parties or areas can repeat an initiative (and makes the query distinct).
        .annotate(total=Count("pk", distinct=queryset.query.distinct))
        .values_list("stage", "total")
    )
    cards = (
        queryset.prefetch_related(None)
        .order_by("-last_activity_at")
        .values(
            "uuid",
            "title",
            "stage",
            "hold",
            "planned_end",
            "last_activity_at",
            "handlaggare__first_name",
            "handlaggare__last_name",
            "handlaggare__email",
        )
    )
    ranked = (
        cards.filter(stage=PIPELINE[0])[:per_column]
        .union(*(cards.filter(stage=stage)[:per_column] for stage in PIPELINE[1:]), all=True)
        .order_by("stage", "-last_activity_at")
    )
    hold_label = {value: str(label) for value, label in Hold.choices}
    marker = "00000000-0000-0000-0000-000000000000"
    path = reverse("pipeline:initiative", kwargs={"uuid": marker})
    columns: dict[str, list[dict]] = {stage: [] for stage in PIPELINE}
    for row in ranked:
        if row["stage"] not in columns:
            continue
        name = " ".join(
            part for part in (row["handlaggare__first_name"], row["handlaggare__last_name"]) if part
        )
        columns[row["stage"]].append(
            {
                "title": row["title"],
                "url": path.replace(marker, str(row["uuid"])),
                "hold": hold_label[row["hold"]] if row["hold"] else "",
                "handlaggare": name or row["handlaggare__email"] or "",
                "planned_end": row["planned_end"].isoformat() if row["planned_end"] else "",
            }
        )
    return [
        {
            "stage": stage,
            "label": Stage(stage).label,
            "initiatives": items,
            "total": totals.get(stage, 0),
        }
        for stage, items in columns.items()
    ]


def initiative_detail(*, uuid) -> Initiative:
    return (
        Initiative.objects.select_related(
            "handlaggare", "proposed_by", "proposing_organisation", "proposing_body"
        )
        .prefetch_related("areas", _parties_prefetch(), "documents", "evaluations__party")
        .get(uuid=uuid)
    )


def withdrawn_parties(*, initiative: Initiative) -> list[InitiativeParty]:
    """Organisation parties taking part that are no longer affiliated (prefetched)."""
    if not initiative.is_running:
        return []
    return [
        p
        for p in initiative.parties.all()
        # `affiliated` is annotated by _parties_prefetch, which the stubs cannot follow.
        if p.organisation_id and p.status == PartyStatus.ACCEPTED and not p.affiliated  # type: ignore[attr-defined]
    ]


SUGGESTIONS_SHOWN = 10


def match_suggestions(*, initiative: Initiative) -> dict:
    """Affiliated organisations interested in the initiative's areas (the ten sharing
    the most areas, and how many more there are), and förvaltningar that already work
    in those areas, that are not yet parties."""
    areas = initiative.areas.all()  # a subquery in each filter below
    taken = initiative.parties.all()
    interested = Organisation.objects.filter(
        Exists(Affiliation.objects.active().filter(organisation=OuterRef("pk"))),
        Exists(
            Organisation.priority_areas.through.objects.filter(
                organisation=OuterRef("pk"), priorityarea__in=areas
            )
        ),
    ).exclude(pk__in=taken.filter(organisation__isnull=False).values("organisation"))
    # The best few: most shared areas first; the rest are reached by the search.
    organisations = list(
        interested.annotate(
            # One join, to the organisation's own areas: no row is counted twice.
            shared=Count("priority_areas", filter=Q(priority_areas__in=areas))
        ).order_by("-shared", swedish_order("name"))[:SUGGESTIONS_SHOWN]
    )
    more = interested.count() - len(organisations) if len(organisations) == SUGGESTIONS_SHOWN else 0
    bodies = (
        MunicipalBody.objects.forvaltningar()
        .active()
        .filter(initiative_parties__initiative__areas__in=areas)
        .exclude(pk__in=taken.filter(municipal_body__isnull=False).values("municipal_body"))
        .distinct()
        .order_by("name")
    )
    return {"organisations": organisations, "more_organisations": more, "bodies": list(bodies)}


def invitable(*, initiative: Initiative) -> dict:
    """Everything that may be invited: affiliated organisations and active förvaltningar."""
    taken = initiative.parties.all()
    return {
        "organisations": Organisation.objects.filter(
            Exists(Affiliation.objects.active().filter(organisation=OuterRef("pk")))
        )
        .exclude(pk__in=taken.filter(organisation__isnull=False).values("organisation"))
        .order_by("name"),
        "bodies": MunicipalBody.objects.forvaltningar()
        .active()
        .exclude(pk__in=taken.filter(municipal_body__isnull=False).values("municipal_body"))
        .order_by("name"),
    }


INVITE_SEARCH_MIN_LENGTH = 2
INVITE_SEARCH_LIMIT = 20


def invitable_organisations_search(
    *, initiative: Initiative, query: str, limit: int = INVITE_SEARCH_LIMIT
) -> dict:
    """Invitable organisations whose name contains `query` (case-insensitive), in Swedish
    order: at most `limit` of them, and whether there are more. One query however many
    organisations are affiliated; a query shorter than INVITE_SEARCH_MIN_LENGTH finds
    nothing."""
    query = query.strip()
    if len(query) < INVITE_SEARCH_MIN_LENGTH:
        return {"organisations": [], "more": False}
    found = list(
        invitable(initiative=initiative)["organisations"]
        .filter(name__icontains=query)
        .order_by(swedish_order("name"), "pk")
        .only("uuid", "slug", "name")[: limit + 1]
    )
    return {"organisations": found[:limit], "more": len(found) > limit}


def _user_filter(user) -> Q:
    body_ids = [b for r, b in user.role_keys if r == Role.FORVALTNINGSKONTAKT and b]
    return Q(organisation_id__in=user.represented_organisation_ids) | Q(
        municipal_body_id__in=body_ids
    )


def initiatives_of_user(*, user) -> dict:
    """For "Mina sidor": the user's initiatives (proposed or party) and open invitations."""
    if not user.is_authenticated:
        return {"initiatives": [], "invitations": []}
    parties = InitiativeParty.objects.filter(_user_filter(user))
    initiatives = Initiative.objects.filter(
        Q(proposed_by=user)
        | Q(pk__in=parties.filter(status=PartyStatus.ACCEPTED).values("initiative"))
    ).order_by("-created_at")
    invitations = (
        parties.filter(status=PartyStatus.INVITED)
        .select_related("initiative", "organisation", "municipal_body")
        .order_by("invited_at")
    )
    return {"initiatives": list(initiatives), "invitations": list(invitations)}


def party_recipients(*, party: InitiativeParty) -> list[str]:
    """Who acts for a party: the organisation's representatives or the förvaltning's contacts."""
    if party.organisation_id:
        users = User.objects.filter(
            representations__organisation_id=party.organisation_id,
            representations__status=Representation.Status.CONFIRMED,
        )
    else:
        users = User.objects.filter(
            role_assignments__role=Role.FORVALTNINGSKONTAKT,
            role_assignments__municipal_body_id=party.municipal_body_id,
        )
    return sorted(set(users.filter(is_active=True).values_list("email", flat=True)))


def party_users(*, parties) -> list[User]:
    org_ids = [p.organisation_id for p in parties if p.organisation_id]
    body_ids = [p.municipal_body_id for p in parties if p.municipal_body_id]
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(
                representations__organisation_id__in=org_ids,
                representations__status=Representation.Status.CONFIRMED,
            )
            | Q(
                role_assignments__role=Role.FORVALTNINGSKONTAKT,
                role_assignments__municipal_body_id__in=body_ids,
            )
        )
        .distinct()
        .order_by("email")
    )


def initiatives_ongoing_provider(organisation: Organisation) -> list[OngoingInitiative]:
    """The hook for the agreement app: running initiatives the organisation takes part in."""
    initiatives = (
        Initiative.objects.ongoing()
        .filter(
            parties__organisation=organisation,
            parties__status__in=[PartyStatus.ACCEPTED, PartyStatus.INVITED],
        )
        .select_related("handlaggare")
        .distinct()
        .order_by("title")
    )
    return [
        OngoingInitiative(
            title=initiative.title,
            url=settings.PORTAL_BASE_URL
            + reverse("pipeline:public_detail", kwargs={"uuid": initiative.uuid}),
            responsible_name=str(initiative.handlaggare or ""),
            responsible_email=(
                initiative.handlaggare.email
                if initiative.handlaggare
                else settings.MUNICIPALITY_CONTACT_EMAIL
            ),
        )
        for initiative in initiatives
    ]


def initiatives_finished_provider(organisation: Organisation) -> list[FinishedInitiative]:
    """The hook for the organisation's public page: public initiatives that reached
    results or later (as the yearly follow-up counts them) with the organisation taking
    part. Never a proposal or a declined one. One query."""
    initiatives = (
        Initiative.objects.public()
        .filter(
            stage__in=FINISHED_STAGES,
            parties__organisation=organisation,
            parties__status=PartyStatus.ACCEPTED,
        )
        .distinct()
        .order_by("title")
        .only("uuid", "title")
    )
    return [
        FinishedInitiative(
            title=initiative.title,
            url=settings.PORTAL_BASE_URL
            + reverse("pipeline:public_detail", kwargs={"uuid": initiative.uuid}),
        )
        for initiative in initiatives
    ]
