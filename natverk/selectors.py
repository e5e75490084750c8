"""Reads of the network app: lists with a fixed number of queries."""

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from natverk.models import Network, NetworkMeeting, Participation
from natverk.services.networks import participation_cost


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
