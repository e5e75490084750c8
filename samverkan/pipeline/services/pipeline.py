"""The initiative pipeline: proposal, triage, matching, the five stages.

`TRANSITIONS` is the one table of allowed stage changes, each with its guard
(declared with the shared helper, `overenskommelse/platform/services/transitions.py`);
`initiative_transition` is the only way to change an initiative's stage or hold
and writes the history row (who, when, comment) the timeline shows. Only
kommunkontoret moves stages; going back a stage, pausing and cancelling need a
reason. Nothing is deleted.
"""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from overenskommelse.accounts.models import MunicipalBody, User
from overenskommelse.accounts.predicates import is_kommunkontoret
from overenskommelse.agreement.models import Organisation
from overenskommelse.agreement.selectors.organisations import organisation_active_affiliation
from overenskommelse.platform.decisions import decision_notice
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_changes, history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue
from overenskommelse.platform.services.transitions import Changes, Transition, Transitions
from overenskommelse.platform.uploads import upload_validate
from samverkan.pipeline.models import (
    PIPELINE,
    Evaluation,
    Hold,
    Initiative,
    InitiativeDocument,
    InitiativeParty,
    PartyStatus,
    Stage,
)
from samverkan.pipeline.predicates import acts_for_party, may_propose_for
from samverkan.pipeline.selectors import party_recipients

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True, kw_only=True)
class Step(Transition):
    """A move of the pipeline: what its button says, and the hold it sets when it is
    a pause, resume, cancel or reopen (its target is then None: the stage stays)."""

    label: "StrOrPromise"
    hold: str | None = None


def _not_on_hold(initiative: Initiative) -> "StrOrPromise | None":
    if initiative.hold == Hold.PAUSED:
        return gettext_lazy("The initiative is paused. Resume it first.")
    if initiative.hold == Hold.CANCELLED:
        return gettext_lazy("The initiative is cancelled.")
    return None


def _unaffiliated(parties) -> list[str]:
    return [
        party.name
        for party in parties
        if party.organisation_id
        and organisation_active_affiliation(organisation=party.organisation) is None
    ]


def _guard_implementation(initiative: Initiative) -> "StrOrPromise | None":
    if reason := _not_on_hold(initiative):
        return reason
    accepted = [
        p
        for p in initiative.parties.select_related("organisation", "municipal_body")
        if p.status == PartyStatus.ACCEPTED
    ]
    problems = []
    if not any(p.is_municipal and p.agreed_at for p in accepted):
        problems.append(_("a municipal party has not recorded its agreement"))
    if not any(p.organisation_id and p.agreed_at for p in accepted):
        problems.append(_("an organisation party has not recorded its agreement"))
    if not initiative.form:
        problems.append(_("the form (IOP, project or other) is not set"))
    elif not initiative.form_reference:
        problems.append(_("the agreement or decision reference is missing"))
    if not (initiative.planned_start and initiative.planned_end):
        problems.append(_("the planned start and end are missing"))
    if names := _unaffiliated(accepted):
        problems.append(
            _("not affiliated to the Agreement: %(names)s") % {"names": ", ".join(names)}
        )
    if problems:
        return _("Implementation cannot start: %(problems)s.") % {"problems": "; ".join(problems)}
    return None


def _guard_leave_results(initiative: Initiative) -> "StrOrPromise | None":
    if reason := _not_on_hold(initiative):
        return reason
    if initiative.results_reported_at is None:
        return gettext_lazy("The results must be reported to samverkansgruppen first.")
    return None


def _guard_close(initiative: Initiative) -> "StrOrPromise | None":
    if reason := _not_on_hold(initiative):
        return reason
    if not initiative.evaluations.exists():
        return gettext_lazy("Add at least one evaluation first.")
    return None


def _guard_paused(initiative: Initiative) -> "StrOrPromise | None":
    if initiative.hold == Hold.PAUSED:
        return None
    return gettext_lazy("The initiative is not paused.")


def _guard_active(initiative: Initiative) -> "StrOrPromise | None":
    if initiative.hold == Hold.NONE:
        return None
    return gettext_lazy("The initiative is already on hold.")


def _guard_not_cancelled(initiative: Initiative) -> "StrOrPromise | None":
    if initiative.hold != Hold.CANCELLED:
        return None
    return gettext_lazy("The initiative is cancelled.")


def _guard_cancelled(initiative: Initiative) -> "StrOrPromise | None":
    if initiative.hold == Hold.CANCELLED:
        return None
    return gettext_lazy("The initiative is not cancelled.")


_OPEN = (*PIPELINE[:-1],)  # every stage but the last: pause and cancel are possible
_MAY = "samverkan.transition_initiative"

TRANSITIONS: Transitions[Step] = Transitions(
    Step(
        name="accept", label=gettext_lazy("Accept as a collaboration initiative"),
        source=(Stage.PROPOSAL,), target=Stage.INITIATIVE, permission=_MAY,
        guards=(_not_on_hold,),
    ),
    Step(
        name="request_more", label=gettext_lazy("Ask for more information"),
        source=(Stage.PROPOSAL,), target=Stage.PROPOSAL, permission=_MAY,
        guards=(_not_on_hold,), needs_reason=True,
    ),
    Step(
        name="decline", label=gettext_lazy("Decline the proposal"),
        source=(Stage.PROPOSAL,), target=Stage.DECLINED, permission=_MAY,
        guards=(_not_on_hold,), needs_reason=True,
    ),
    Step(
        name="start", label=gettext_lazy("Start the implementation"),
        source=(Stage.INITIATIVE,), target=Stage.IMPLEMENTATION, permission=_MAY,
        guards=(_guard_implementation,),
    ),
    Step(
        name="to_results", label=gettext_lazy("Move on to results and dissemination"),
        source=(Stage.IMPLEMENTATION,), target=Stage.RESULTS, permission=_MAY,
        guards=(_not_on_hold,),
    ),
    Step(
        name="evaluate", label=gettext_lazy("Move on to evaluation"),
        source=(Stage.RESULTS,), target=Stage.EVALUATION, permission=_MAY,
        guards=(_guard_leave_results,),
    ),
    Step(
        name="close", label=gettext_lazy("Close for the yearly follow-up"),
        source=(Stage.EVALUATION,), target=Stage.FOLLOW_UP, permission=_MAY,
        guards=(_guard_close,),
    ),
    *(
        Step(
            name=f"back_to_{PIPELINE[i - 1]}", label=gettext_lazy("Go back a stage"),
            source=(PIPELINE[i],), target=PIPELINE[i - 1], permission=_MAY,
            guards=(_guard_not_cancelled,), needs_reason=True,
        )
        for i in range(2, len(PIPELINE))
    ),
    Step(
        name="pause", label=gettext_lazy("Pause"), source=_OPEN, target=None,
        permission=_MAY, guards=(_guard_active,), needs_reason=True, hold=Hold.PAUSED,
    ),
    Step(
        name="resume", label=gettext_lazy("Resume"), source=_OPEN, target=None,
        permission=_MAY, guards=(_guard_paused,), hold=Hold.NONE,
    ),
    Step(
        name="cancel", label=gettext_lazy("Cancel"), source=_OPEN, target=None,
        permission=_MAY, guards=(_guard_not_cancelled,), needs_reason=True,
        hold=Hold.CANCELLED,
    ),
    # Back from a cancelled initiative: it goes on from the stage it was cancelled in.
    Step(
        name="reopen", label=gettext_lazy("Take up the cancelled initiative again"),
        source=_OPEN, target=None, permission=_MAY, guards=(_guard_cancelled,),
        needs_reason=True, hold=Hold.NONE,
    ),
    field="stage",
    history_action="samverkan_{name}",
    unknown=lambda initiative, name: gettext_lazy("That step is not possible from this stage."),
    denied=gettext_lazy("Only kommunkontoret may do this."),
)  # fmt: skip


def transitions_available(initiative: Initiative) -> list[tuple[Step, str | None]]:
    """The transitions from the initiative's stage, each with why it is refused (or None)."""
    return [
        (t, next(iter(t.reasons(initiative)), None)) for t in TRANSITIONS.leaving(initiative.stage)
    ]


def transitions_offered(initiative: Initiative) -> list[tuple[Step, str | None]]:
    """What the initiative's page offers kommunkontoret: every stage step of the table
    (a refused one with its reason, so staff see what is missing) and each hold step
    its guard allows. A cancelled initiative offers only being taken up again."""
    available = transitions_available(initiative)
    if initiative.hold == Hold.CANCELLED:
        return [(t, reason) for t, reason in available if reason is None]
    return [(t, reason) for t, reason in available if t.hold is None or reason is None]


def _touch(initiative: Initiative, now: dt.datetime) -> None:
    Initiative.objects.filter(pk=initiative.pk).update(last_activity_at=now)
    initiative.last_activity_at = now


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def _require_staff(actor) -> None:
    if actor is None or not is_kommunkontoret(actor):
        raise PermissionDenied(_("Only kommunkontoret may do this."))


@transaction.atomic
def initiative_transition(
    *,
    initiative: Initiative,
    actor,
    name: str,
    comment: str = "",
    handlaggare: User | None = None,
    now: dt.datetime | None = None,
) -> Initiative:
    """Perform transition `name` if its guard allows; write the history row."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    comment = comment.strip()

    def apply(initiative: Initiative, step: Step) -> Changes:
        changes: Changes = {}
        if name == "accept":
            initiative.handlaggare = handlaggare or initiative.handlaggare or actor
        if step.hold is not None:
            if initiative.hold != step.hold:
                changes["hold"] = [initiative.hold, step.hold]
            initiative.hold = step.hold
            initiative.hold_reason = comment if step.hold else ""
        initiative.last_activity_at = now
        initiative.save()
        if name == "accept":
            changes["handlaggare"] = [None, str(initiative.handlaggare)]
            _proposer_join(initiative, actor, now)
        return changes

    TRANSITIONS.perform(initiative, name, actor=actor, reason=comment, apply=apply, at=now)
    if name in ("request_more", "decline") and initiative.proposed_by:
        mail_render_and_enqueue(
            to=[initiative.proposed_by.email],
            template="pipeline/email/triage",
            context={
                "initiative": initiative,
                "declined": name == "decline",
                "notice": decision_notice(
                    kind="decision" if name == "decline" else "request",
                    reason=comment,
                    official=actor,
                    decided_at=now,
                ),
                "url": _absolute(initiative_url(initiative)),
            },
        )
    return initiative


def initiative_url(initiative: Initiative) -> str:
    return reverse("pipeline:initiative", kwargs={"uuid": initiative.uuid})


def _proposer_join(initiative: Initiative, actor, now) -> None:
    """The proposing organisation (while affiliated) or förvaltning joins as a party,
    accepted by the handläggare who accepts the initiative; once, if accepted again."""
    organisation = initiative.proposing_organisation
    accepted = {
        "status": PartyStatus.ACCEPTED,
        "invited_at": now,
        "invited_by": actor,
        "responded_at": now,
        "responded_by": actor,
    }
    if organisation and organisation_active_affiliation(organisation=organisation) is not None:
        initiative.parties.get_or_create(organisation=organisation, defaults=accepted)
    if initiative.proposing_body:
        initiative.parties.get_or_create(
            municipal_body=initiative.proposing_body, defaults=accepted
        )


@transaction.atomic
def initiative_propose(
    *,
    actor,
    title: str,
    need: str,
    areas,
    proposed_parties: str = "",
    proposed_form: str = "",
    proposing_organisation: Organisation | None = None,
    proposing_body: MunicipalBody | None = None,
    now: dt.datetime | None = None,
) -> Initiative:
    """Anyone who acts for an organisation or a förvaltning proposes an initiative."""
    now = now or timezone.now()
    if proposing_organisation and proposing_body:
        raise ValidationError(_("Choose an organisation or a förvaltning."))
    if not may_propose_for(actor, proposing_organisation, proposing_body):
        raise PermissionDenied
    initiative = Initiative.objects.create(
        title=title.strip(),
        need=need.strip(),
        proposed_parties=proposed_parties.strip(),
        proposed_form=proposed_form,
        proposed_by=actor,
        proposing_organisation=proposing_organisation,
        proposing_body=proposing_body,
        last_activity_at=now,
        arrived_on=timezone.localdate(now),
    )
    initiative.areas.set(areas)
    history_record(subject=initiative, actor=actor, action="samverkan_proposed", at=now)
    from overenskommelse.agreement.selectors.organisations import handlaggare_emails

    mail_render_and_enqueue(
        to=handlaggare_emails() or [settings.MUNICIPALITY_CONTACT_EMAIL],
        template="pipeline/email/proposed",
        context={"initiative": initiative, "url": _absolute(initiative_url(initiative))},
    )
    return initiative


DETAIL_FIELDS = [
    "title",
    "need",
    "contact_persons",
    "planned_start",
    "planned_end",
    "form",
    "form_reference",
    "financing",
    "budget",
]


@transaction.atomic
def initiative_update(*, initiative: Initiative, actor, areas=None, **values) -> Initiative:
    """Kommunkontoret sets the details: contact persons, dates, form, financing, budget."""
    _require_staff(actor)
    if initiative.stage in (Stage.DECLINED, Stage.FOLLOW_UP):
        raise ValidationError(_("The initiative is closed."))
    if initiative.stage not in (Stage.PROPOSAL, Stage.INITIATIVE) and not values.get("form"):
        raise ValidationError(_("The form must stay set once the implementation has started."))
    start, end = values.get("planned_start"), values.get("planned_end")
    if start and end and end <= start:
        raise ValidationError(_("The planned end must be after the planned start."))
    before = {name: getattr(initiative, name) for name in DETAIL_FIELDS}
    for name, value in values.items():
        setattr(initiative, name, value)
    now = timezone.now()
    initiative.last_activity_at = now
    initiative.save()
    if areas is not None:
        initiative.areas.set(areas)
    changes = history_changes(before, initiative, [n for n in DETAIL_FIELDS if n in values])
    if changes:
        history_record(
            subject=initiative, actor=actor, action="samverkan_details", changes=changes, at=now
        )
    return initiative


@transaction.atomic
def party_invite(
    *,
    initiative: Initiative,
    actor,
    organisation: Organisation | None = None,
    municipal_body: MunicipalBody | None = None,
    now: dt.datetime | None = None,
) -> InitiativeParty:
    """The handläggare invites an organisation (it must be affiliated) or a förvaltning."""
    _require_staff(actor)
    now = now or timezone.now()
    if (organisation is None) == (municipal_body is None):
        raise ValidationError(_("Choose an organisation or a förvaltning."))
    if initiative.stage not in (Stage.INITIATIVE, Stage.IMPLEMENTATION) or initiative.hold:
        raise ValidationError(_("Parties are invited while the initiative is being prepared."))
    if organisation and organisation_active_affiliation(organisation=organisation) is None:
        raise ValidationError(
            _("%(name)s is not affiliated to the Agreement and cannot take part.")
            % {"name": organisation.name}
        )
    try:
        with transaction.atomic():
            party = InitiativeParty.objects.create(
                initiative=initiative,
                organisation=organisation,
                municipal_body=municipal_body,
                invited_at=now,
                invited_by=actor,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("%(name)s is already a party.") % {"name": organisation or municipal_body}
        ) from error
    _touch(initiative, now)
    history_record(
        subject=initiative,
        actor=actor,
        action="samverkan_invited",
        changes={"parties": [None, party.name]},
        at=now,
    )
    recipients = party_recipients(party=party)
    if recipients:
        mail_render_and_enqueue(
            to=recipients,
            template="pipeline/email/invitation",
            context={
                "initiative": initiative,
                "party": party,
                "url": _absolute(initiative_url(initiative)),
            },
        )
    return party


@transaction.atomic
def party_respond(
    *, party: InitiativeParty, actor, accept: bool, now: dt.datetime | None = None
) -> InitiativeParty:
    """The invited party accepts or declines in the portal."""
    now = now or timezone.now()
    party = InitiativeParty.objects.select_for_update(of=("self",)).get(pk=party.pk)
    if not acts_for_party(actor, party):
        raise PermissionDenied
    if party.status != PartyStatus.INVITED:
        raise ValidationError(_("The invitation has already been answered."))
    if accept and party.organisation_id and _unaffiliated([party]):
        raise ValidationError(
            _("%(name)s is not affiliated to the Agreement and cannot take part.")
            % {"name": party.name}
        )
    party.status = PartyStatus.ACCEPTED if accept else PartyStatus.DECLINED
    party.responded_at, party.responded_by = now, actor
    party.save()
    _touch(party.initiative, now)
    history_record(
        subject=party.initiative,
        actor=actor,
        action="samverkan_invitation_accepted" if accept else "samverkan_invitation_declined",
        changes={"parties": [None, party.name]},
        at=now,
    )
    return party


@transaction.atomic
def party_agree(
    *, party: InitiativeParty, actor, now: dt.datetime | None = None
) -> InitiativeParty:
    """A party records its agreement to carry the initiative out (who, when)."""
    now = now or timezone.now()
    party = InitiativeParty.objects.select_for_update().get(pk=party.pk)
    if not acts_for_party(actor, party):
        raise PermissionDenied
    if party.status != PartyStatus.ACCEPTED or party.initiative.stage != Stage.INITIATIVE:
        raise ValidationError(_("The agreement cannot be recorded now."))
    if party.agreed_at is None:
        party.agreed_at, party.agreed_by = now, actor
        party.save()
        _touch(party.initiative, now)
        history_record(
            subject=party.initiative,
            actor=actor,
            action="samverkan_agreed",
            changes={"parties": [None, party.name]},
            at=now,
        )
    return party


@transaction.atomic
def results_update(
    *, initiative: Initiative, actor, results_text: str, results_figures: str, spread_where: str
) -> Initiative:
    if initiative.stage != Stage.RESULTS:
        raise ValidationError(_("Results are reported in the stage results and dissemination."))
    require_perm(actor, "samverkan.report_results", initiative)
    before = {
        n: getattr(initiative, n) for n in ("results_text", "results_figures", "spread_where")
    }
    initiative.results_text = results_text.strip()
    initiative.results_figures = results_figures.strip()
    initiative.spread_where = spread_where.strip()
    now = timezone.now()
    initiative.last_activity_at = now
    initiative.save()
    history_record(
        subject=initiative,
        actor=actor,
        action="samverkan_results",
        changes=history_changes(before, initiative, list(before)),
        at=now,
    )
    return initiative


@transaction.atomic
def results_mark_reported(
    *, initiative: Initiative, actor, comment: str = "", now: dt.datetime | None = None
) -> Initiative:
    """Kommunkontoret records that the results were reported to samverkansgruppen."""
    _require_staff(actor)
    now = now or timezone.now()
    if initiative.stage != Stage.RESULTS:
        raise ValidationError(_("Results are reported in the stage results and dissemination."))
    if not initiative.results_text:
        raise ValidationError(_("Write the results report first."))
    if initiative.results_reported_at is None:
        initiative.results_reported_at = now
        initiative.last_activity_at = now
        initiative.save()
        history_record(
            subject=initiative, actor=actor, action="samverkan_reported", message=comment, at=now
        )
    return initiative


@transaction.atomic
def evaluation_add(
    *, initiative: Initiative, actor, party: InitiativeParty | None = None, **values
) -> Evaluation:
    if initiative.stage != Stage.EVALUATION:
        raise ValidationError(_("Evaluations are added in the stage evaluation."))
    if party is not None and (
        party.initiative_id != initiative.pk or not acts_for_party(actor, party)
    ):
        raise PermissionDenied
    evaluation = Evaluation.objects.create(
        initiative=initiative, author=actor, party=party, **values
    )
    now = timezone.now()
    _touch(initiative, now)
    history_record(
        subject=initiative,
        actor=actor,
        action="samverkan_evaluation",
        message=values.get("goal_fulfilment", "")[:500],
        at=now,
    )
    return evaluation


@transaction.atomic
def comment_add(*, initiative: Initiative, actor, text: str) -> None:
    require_perm(actor, "samverkan.add_comment", initiative)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write a comment."))
    now = timezone.now()
    _touch(initiative, now)
    history_record(
        subject=initiative, actor=actor, action="samverkan_comment", message=text, at=now
    )


@transaction.atomic
def document_add(*, initiative: Initiative, actor, title: str, upload) -> InitiativeDocument:
    require_perm(actor, "samverkan.add_document", initiative)
    content_type = upload_validate(upload, allowed=InitiativeDocument.ALLOWED_TYPES)
    document = InitiativeDocument.objects.create(
        initiative=initiative,
        title=title.strip() or upload.name,
        uploaded_by=actor,
        **InitiativeDocument.upload_fields(upload, content_type=content_type),
    )
    now = timezone.now()
    _touch(initiative, now)
    history_record(
        subject=initiative,
        actor=actor,
        action="samverkan_document",
        changes={"documents": [None, document.title]},
        at=now,
    )
    return document
