"""The network register and a municipality's participation in a network.

Participation moves through one table of allowed transitions (`TRANSITIONS`, declared
with the shared helper in `overenskommelse/platform/services/transitions.py`), each with its
guards; `participation_transition` is the only way to change the stage and
writes the history row. The organiser's limits (municipalities per network,
representatives per municipality) are enforced here.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from natverk.models import (
    Network,
    NetworkMunicipality,
    Participation,
    PartnershipPhase,
    Representative,
)
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_changes, history_record
from overenskommelse.platform.services.transitions import Changes, Transition, Transitions
from overenskommelse.protocols.models import Paragraph, ProtocolMeeting

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Stage = Participation.Stage

NETWORK_FIELDS = [
    "name",
    "organiser",
    "kind",
    "starts_on",
    "ends_on",
    "purpose",
    "max_municipalities",
    "fee_per_person_year",
    "max_representatives",
    "registration_deadline",
    "contacts",
    "case_number",
    "cost_note",
    "is_archived",
    "calendar_is_public",
]


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "natverk"
    slug, number = base, 1
    while Network.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _network_check(values: dict) -> None:
    ends_on, starts_on = values.get("ends_on"), values.get("starts_on")
    if ends_on and starts_on and ends_on < starts_on:
        raise ValidationError(_("The network cannot end before it starts."))


@transaction.atomic
def network_create(*, actor, **values) -> Network:
    require_perm(actor, "natverk.manage_networks")
    _network_check(values)
    network = Network.objects.create(slug=_unique_slug(values["name"]), **values)
    history_record(subject=network, actor=actor, action="network_registered")
    return network


@transaction.atomic
def network_update(*, network: Network, actor, **values) -> Network:
    require_perm(actor, "natverk.manage_networks")
    _network_check(values)
    before = {name: getattr(network, name) for name in NETWORK_FIELDS}
    for name, value in values.items():
        setattr(network, name, value)
    network.save()
    changes = history_changes(before, network, NETWORK_FIELDS)
    if changes:
        history_record(subject=network, actor=actor, action="network_changed", changes=changes)
    return network


@transaction.atomic
def network_municipality_add(*, network: Network, actor, name: str) -> NetworkMunicipality:
    """Add a participating municipality, within the network's maximum."""
    require_perm(actor, "natverk.manage_networks")
    name = name.strip()
    if not name:
        raise ValidationError(_("Write the municipality's name."))
    network = Network.objects.select_for_update().get(pk=network.pk)
    if network.municipalities.filter(name__iexact=name).exists():
        raise ValidationError(_("%(name)s is already listed.") % {"name": name})
    if (
        network.max_municipalities is not None
        and network.municipalities.count() >= network.max_municipalities
    ):
        raise ValidationError(
            _("At most %(max)s municipalities can take part in this network.")
            % {"max": network.max_municipalities}
        )
    municipality = NetworkMunicipality.objects.create(network=network, name=name)
    history_record(
        subject=network,
        actor=actor,
        action="network_municipality_added",
        changes={"municipalities": [None, name]},
    )
    return municipality


@transaction.atomic
def participation_create(
    *, network: Network, actor, municipality_name: str, notes: str = ""
) -> Participation:
    require_perm(actor, "natverk.manage_participation")
    municipality_name = municipality_name.strip()
    if network.participations.filter(municipality_name__iexact=municipality_name).exists():
        raise ValidationError(
            _("%(name)s already has a participation in this network.") % {"name": municipality_name}
        )
    participation = Participation.objects.create(
        network=network, municipality_name=municipality_name, notes=notes
    )
    history_record(subject=participation, actor=actor, action="participation_applied")
    return participation


@transaction.atomic
def participation_update(*, participation: Participation, actor, **values) -> Participation:
    """Notes and, for a partnership, the partner municipality and country."""
    require_perm(actor, "natverk.manage_participation")
    fields = list(values)
    if values.get("partner_country") and participation.network.kind != Network.Kind.PARTNERSHIP:
        raise ValidationError(_("Only a municipal partnership has a partner municipality."))
    before = {name: getattr(participation, name) for name in fields}
    for name, value in values.items():
        setattr(participation, name, value)
    participation.full_clean(exclude=["network", "decision"])
    participation.save()
    changes = history_changes(before, participation, fields)
    if changes:
        history_record(
            subject=participation, actor=actor, action="participation_changed", changes=changes
        )
    return participation


# The participation stage machine ------------------------------------------------


# The organs whose decision commits a municipality to a network: kommunstyrelsen,
# which leads and coordinates the municipality's affairs (kommunallagen 6 kap. 1 §),
# and kommunfullmäktige, which may decide any of them. A committee (KSAU) prepares and
# proposes; seed 000: "För att delta krävs dock ett formellt politiskt beslut av
# kommunstyrelsen". A nämnd's own remit is not modelled, so its decision does not do.
COMPETENT_ORGAN_KINDS = (ProtocolMeeting.OrganKind.STYRELSE, ProtocolMeeting.OrganKind.FULLMAKTIGE)


def participation_decision_refusal(
    participation: Participation, decision: Paragraph
) -> "StrOrPromise | None":
    """Why `decision` cannot carry the participation to "Deltar", or None: it must be a
    decision (not a förslag till beslut) of the participating municipality's own
    kommunstyrelse or kommunfullmäktige."""
    meeting = decision.meeting
    where = {"number": decision.number, "organ": meeting.organ_name}
    if decision.kind != Paragraph.Kind.DECISION:
        return (
            _(
                "§ %(number)s of %(organ)s is a proposal for a decision, not a decision: "
                "taking part needs the decision of the organ it proposes to."
            )
            % where
        )
    if meeting.municipality_name.strip().casefold() != (
        participation.municipality_name.strip().casefold()
    ):
        return _(
            "§ %(number)s is a decision of %(municipality)s, not of %(participant)s, which "
            "takes part."
        ) % {
            "number": decision.number,
            "municipality": meeting.municipality_name,
            "participant": participation.municipality_name,
        }
    if meeting.organ_kind not in COMPETENT_ORGAN_KINDS:
        return (
            _(
                "§ %(number)s of %(organ)s does not commit the municipality: taking part "
                "in a network is decided by kommunstyrelsen or kommunfullmäktige."
            )
            % where
        )
    return None


def _needs_decision(
    participation: Participation, *, decision: Paragraph | None = None, **_kw
) -> "StrOrPromise | None":
    if decision is None:
        decision = participation.decision
    if decision is None:
        return gettext_lazy("Taking part requires a linked political decision (a paragraph).")
    return participation_decision_refusal(participation, decision)


def _room_for_municipality(participation: Participation, **_kw) -> "StrOrPromise | None":
    network = participation.network
    listed = network.municipalities.filter(name__iexact=participation.municipality_name).exists()
    if (
        not listed
        and network.max_municipalities is not None
        and network.municipalities.count() >= network.max_municipalities
    ):
        return _("At most %(max)s municipalities can take part in this network.") % {
            "max": network.max_municipalities
        }
    return None


def _cannot_go(participation: Participation, to_stage: str | None) -> str:
    if to_stage not in Stage.values:
        return _("Unknown stage.")
    return _("A participation cannot go from “%(from)s” to “%(to)s”.") % {
        "from": Stage(participation.stage).label,
        "to": Stage(to_stage).label,
    }


# A move is named by the stage it leads to: the page posts that stage.
_MAY = "natverk.manage_participation"
TRANSITIONS: Transitions[Transition] = Transitions(
    Transition(name=Stage.DECIDED, source=(Stage.APPLIED,), target=Stage.DECIDED, permission=_MAY),
    Transition(
        name=Stage.TAKING_PART,
        source=(Stage.DECIDED,),
        target=Stage.TAKING_PART,
        permission=_MAY,
        guards=(_needs_decision, _room_for_municipality),
    ),
    Transition(
        name=Stage.ENDED,
        source=(Stage.APPLIED, Stage.DECIDED, Stage.TAKING_PART),
        target=Stage.ENDED,
        permission=_MAY,
    ),
    field="stage",
    history_action="participation_stage_changed",
    unknown=_cannot_go,
    wrong_source=lambda participation, transition: _cannot_go(participation, transition.target),
)


def participation_next_stages(participation: Participation) -> list[str]:
    return [str(t.target) for t in TRANSITIONS.leaving(participation.stage)]


def participation_transition_errors(
    participation: Participation, to_stage: str, decision: Paragraph | None = None
) -> list[str]:
    """Why the move is not allowed; empty when it is."""
    return TRANSITIONS.refusals(participation, to_stage, decision=decision)


@transaction.atomic
def participation_transition(
    *,
    participation: Participation,
    to_stage: str,
    actor,
    decision: Paragraph | None = None,
    comment: str = "",
) -> Participation:
    """Move a participation one step and record it. A decision given here is linked."""
    participation = Participation.objects.select_for_update().get(pk=participation.pk)

    def apply(participation: Participation, _transition: Transition) -> Changes:
        changes: Changes = {}
        if decision is not None and decision.pk != participation.decision_id:
            changes["decision"] = [str(participation.decision or ""), str(decision)]
            participation.decision = decision
        participation.save(update_fields=["stage", "decision", "updated_at"])
        if participation.stage == Stage.TAKING_PART:
            network = participation.network
            name = participation.municipality_name
            if not network.municipalities.filter(name__iexact=name).exists():
                NetworkMunicipality.objects.create(network=network, name=name)
        return changes

    TRANSITIONS.perform(
        participation,
        to_stage,
        actor=actor,
        reason=comment,
        apply=apply,
        decision=decision,
    )
    return participation


# Representatives and cost --------------------------------------------------------


@transaction.atomic
def representative_add(*, participation: Participation, actor, **values) -> Representative:
    """Add a representative within the network's limit per municipality."""
    require_perm(actor, "natverk.manage_participation")
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.stage == Stage.ENDED:
        raise ValidationError(_("The participation has ended."))
    limit = participation.network.max_representatives
    active = participation.representatives.filter(ended_on__isnull=True).count()
    if limit is not None and active >= limit:
        raise ValidationError(
            _("The network takes at most %(max)s representatives per municipality.")
            % {"max": limit}
        )
    representative = Representative(participation=participation, **values)
    representative.full_clean(exclude=["participation"])
    representative.save()
    history_record(
        subject=participation,
        actor=actor,
        action="representative_added",
        changes={"representatives": [None, str(representative)]},
    )
    return representative


@transaction.atomic
def representative_end(*, representative: Representative, actor, on: dt.date | None = None) -> None:
    """A representative leaves; the row is kept."""
    require_perm(actor, "natverk.manage_participation")
    if representative.ended_on is None:
        representative.ended_on = on or timezone.localdate()
        representative.save(update_fields=["ended_on", "updated_at"])
        history_record(
            subject=representative.participation,
            actor=actor,
            action="representative_ended",
            changes={"representatives": [str(representative), None]},
        )


# Kommunalt partnerskap --------------------------------------------------------------

Phase = PartnershipPhase.Kind
# ICLD's flat budgets (seed 003, partner in Africa or Asia): the preparation project in
# all, full and follow-up projects per year. The steering group's 350 000 kr in all is
# a separate grant.
# Keyed by the phase's value: the kind passed in is the stored string.
FLAT_BUDGET_TOTAL: dict[str, int] = {Phase.PREPARATION: 360_000}
FLAT_BUDGET_PER_YEAR: dict[str, int] = {Phase.FULL: 500_000, Phase.FOLLOW_UP: 500_000}
STEERING_GROUP_BUDGET = 350_000
NORMAL_YEARS: dict[str, int] = {Phase.PREPARATION: 1, Phase.FULL: 2, Phase.FOLLOW_UP: 2}
PHASE_ORDER = (Phase.PREPARATION, Phase.FULL, Phase.FOLLOW_UP)
SALARY_SHARE_MAX = 0.5


def phase_years(starts_on: dt.date, ends_on: dt.date) -> int:
    return max(1, round((ends_on - starts_on).days / 365))


def phase_budget(kind: str, starts_on: dt.date, ends_on: dt.date) -> int:
    if kind in FLAT_BUDGET_TOTAL:
        return FLAT_BUDGET_TOTAL[kind]
    return FLAT_BUDGET_PER_YEAR[kind] * phase_years(starts_on, ends_on)


def phase_default_end(kind: str, starts_on: dt.date) -> dt.date:
    years = NORMAL_YEARS[kind]
    try:
        return starts_on.replace(year=starts_on.year + years) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return starts_on.replace(year=starts_on.year + years, day=28)


@transaction.atomic
def partnership_phase_add(
    *,
    participation: Participation,
    actor,
    kind: str,
    starts_on: dt.date,
    salary_budget: int = 0,
    ends_on: dt.date | None = None,
) -> PartnershipPhase:
    """Add the next phase: förberedelseprojekt → fullskaligt projekt → uppföljande
    projekt, with the programme's flat budget; salaries at most half of it."""
    require_perm(actor, "natverk.manage_participation")
    if participation.network.kind != participation.network.Kind.PARTNERSHIP:
        raise ValidationError(_("Only a municipal partnership has phases."))
    phases = list(participation.phases.all())
    expected = PHASE_ORDER[len(phases)] if len(phases) < len(PHASE_ORDER) else None
    if kind != expected:
        if expected is None:
            raise ValidationError(_("The partnership has all its phases."))
        raise ValidationError(
            _("The next phase is the %(phase)s.") % {"phase": Phase(expected).label.lower()}
        )
    if phases and starts_on <= phases[-1].ends_on:
        raise ValidationError(_("A phase starts after the previous one has ended."))
    ends_on = ends_on or phase_default_end(kind, starts_on)
    if ends_on <= starts_on:
        raise ValidationError(_("A phase cannot end before it starts."))
    budget = phase_budget(kind, starts_on, ends_on)
    if salary_budget > budget * SALARY_SHARE_MAX:
        raise ValidationError(
            _("Salaries may be at most 50 %% of the budget, %(max)s kr.")
            % {"max": f"{int(budget * SALARY_SHARE_MAX):,}".replace(",", " ")}
        )
    phase = PartnershipPhase.objects.create(
        participation=participation,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        salary_budget=salary_budget,
    )
    history_record(
        subject=participation,
        actor=actor,
        action="partnership_phase_added",
        changes={"phases": [None, str(phase)]},
    )
    return phase
