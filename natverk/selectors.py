"""Reads of the network app: lists with a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from natverk.models import Network, NetworkMeeting, Participation
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.selectors.history import history_for

# What the history says for each action the network services record. Every
# `history_record(action=...)` in natverk/services needs a label here.
ACTION_LABELS = {
    "network_registered": _("Network registered"),
    "network_changed": _("Network details changed"),
    "network_municipality_added": _("Participating municipality added"),
    "participation_applied": _("Participation registered as applied"),
    "participation_changed": _("Participation details changed"),
    "participation_stage_changed": _("Stage changed"),
    "representative_added": _("Representative added"),
    "representative_ended": _("Representative left"),
    "partnership_phase_added": _("Partnership phase added"),
    "network_meeting_created": _("Meeting added"),
    "network_meeting_changed": _("Meeting changed"),
    "network_meeting_document_added": _("Meeting document added"),
}
# Changes that add or remove one named thing; the history shows its name.
_NAMED_CHANGES = ("municipalities", "representatives", "phases", "documents")


def action_label(action: str) -> str:
    """The label of a recorded action; never the code itself."""
    return str(ACTION_LABELS.get(action, _("Change recorded")))


def _stage_label(value: str) -> str:
    try:
        return str(Participation.Stage(value).label)
    except ValueError:
        return value


def history_labelled(entries) -> list[HistoryEntry]:
    """History rows with what the page shows: `label`, the stage move as labels
    (`stage_from`, `stage_to`) and the name of what was added or removed (`detail`)."""
    entries = list(entries)
    for entry in entries:
        entry.label = action_label(entry.action)
        stage = entry.changes.get("stage")
        entry.stage_from, entry.stage_to = (
            (_stage_label(stage[0]), _stage_label(stage[1])) if stage else ("", "")
        )
        entry.detail = _named_change(entry.changes)
    return entries


def _named_change(changes: dict) -> str:
    for key in _NAMED_CHANGES:
        value = changes.get(key)
        if isinstance(value, list) and len(value) == 2:
            return value[1] if value[1] is not None else value[0] or ""
    return ""


def participation_history(*, participation: Participation, limit: int = 50) -> list:
    return history_labelled(history_for(subject=participation)[:limit])


def network_history(*, network: Network, meetings, limit: int = 50) -> list:
    """The network's own history and that of its meetings, newest first; a meeting's
    rows name the meeting (`about`)."""
    meeting_type = ContentType.objects.get_for_model(NetworkMeeting)
    by_pk = {str(meeting.pk): meeting for meeting in meetings}
    entries = history_labelled(
        HistoryEntry.objects.filter(
            Q(
                content_type=ContentType.objects.get_for_model(Network),
                object_id=str(network.pk),
            )
            | Q(content_type=meeting_type, object_id__in=list(by_pk))
        ).select_related("actor")[:limit]
    )
    for entry in entries:
        meeting = by_pk.get(entry.object_id) if entry.content_type_id == meeting_type.pk else None
        entry.about = meeting.title if meeting else ""
    return entries


def network_list(*, include_archived: bool = False) -> QuerySet[Network]:
    today = timezone.localdate()
    networks = Network.objects.annotate(
        municipality_count=Count("municipalities", distinct=True),
        next_meeting_on=Min(
            "meetings__date", filter=Q(meetings__date__gte=today, meetings__is_cancelled=False)
        ),
        undated_meetings=Count(
            "meetings",
            filter=Q(meetings__date__isnull=True, meetings__is_cancelled=False),
            distinct=True,
        ),
    ).prefetch_related(
        Prefetch("participations", queryset=Participation.objects.order_by("municipality_name"))
    )
    if not include_archived:
        networks = networks.active()
    return networks


def participation_cost(participation: Participation, representatives: int | None = None) -> int:
    """Fee × persons × years (kr). Persons are the active representatives."""
    if representatives is None:
        representatives = participation.representatives.filter(ended_on__isnull=True).count()
    network = participation.network
    return network.fee_per_person_year * representatives * network.years


def network_detail(*, network: Network) -> dict:
    participations = list(
        network.participations.select_related("decision", "decision__meeting").annotate(
            active_representatives=Count(
                "representatives", filter=Q(representatives__ended_on__isnull=True)
            )
        )
    )
    for participation in participations:
        participation.network = network
        participation.cost = participation_cost(
            participation, representatives=participation.active_representatives
        )
    return {
        "municipalities": list(network.municipalities.all()),
        "participations": participations,
        "meetings": list(network.meetings.all()),
    }


def participation_detail(*, participation: Participation) -> dict:
    representatives = list(participation.representatives.all())
    active = [r for r in representatives if r.ended_on is None]
    return {
        "representatives": active,
        "former_representatives": [r for r in representatives if r.ended_on is not None],
        "phases": list(participation.phases.all()),
        "cost": participation_cost(participation, representatives=len(active)),
    }


def meetings_attended(*, user) -> QuerySet[NetworkMeeting]:
    return (
        NetworkMeeting.objects.filter(attendees=user)
        .select_related("network")
        .order_by(F("date").asc(nulls_last=True), "start_time")
    )
