"""Load the networks of seeds 000–003 (`overenskommelse.demo.data.networks`).

Idempotent: networks by slug, municipalities by name, meetings by title, participations
by municipality; stages are reached through the transition service, so history is
written once."""

from io import TextIOBase

from django.db import transaction

from natverk.models import Network, NetworkMeeting, NetworkMunicipality, Participation
from natverk.services.networks import participation_transition
from overenskommelse.accounts.models import User
from overenskommelse.demo.data import networks as demo_data
from overenskommelse.demo.load.helpers import _say, _upsert
from overenskommelse.protocols.models import Paragraph

# The way from "ansökt" to each demo stage.
_PATH: dict[str, list[Participation.Stage]] = {
    Participation.Stage.APPLIED: [],
    Participation.Stage.DECIDED: [Participation.Stage.DECIDED],
    Participation.Stage.TAKING_PART: [Participation.Stage.DECIDED, Participation.Stage.TAKING_PART],
}


def networks_demo_load(*, stdout: TextIOBase | None = None) -> list[Network]:
    # The demo's handläggare (made by the foundation) moves the stages: the service
    # refuses anyone who may not manage participation.
    staff = User.objects.get(email="handlaggare@demo.example.se")
    networks = []
    with transaction.atomic():
        for item in demo_data.NETWORKS:
            networks.append(_network_load(item, staff))
    if stdout is not None:
        _say(
            stdout,
            f"{len(networks)} nätverk och partnerskap: " + ", ".join(n.name for n in networks),
        )
    return networks


def _network_load(item: demo_data.NetworkData, staff: User) -> Network:
    network, _ = _upsert(
        Network,
        lookup={"slug": item.slug},
        values={
            "name": item.name,
            "organiser": item.organiser,
            "kind": item.kind,
            "starts_on": item.starts_on,
            "ends_on": item.ends_on,
            "purpose": item.purpose,
            "max_municipalities": item.max_municipalities,
            "fee_per_person_year": item.fee_per_person_year,
            "max_representatives": item.max_representatives,
            "registration_deadline": item.registration_deadline,
            "contacts": "\n".join(item.contacts),
            "case_number": item.case_number,
            "cost_note": item.cost_note,
        },
    )
    for name in item.municipalities:
        NetworkMunicipality.objects.get_or_create(network=network, name=name)
    for meeting in item.meetings:
        _upsert(
            NetworkMeeting,
            lookup={"network": network, "title": meeting.title},
            values={"date": meeting.date, "mode": meeting.mode, "place": meeting.place},
        )
    for participation_data in item.participations:
        _participation_load(network, participation_data, staff)
    return network


def _participation_load(
    network: Network, item: demo_data.ParticipationData, staff: User
) -> Participation:
    decision = None
    if item.decision:
        organ, municipality, date, number = item.decision
        decision = Paragraph.objects.get(
            meeting__organ_name=organ,
            meeting__municipality_name=municipality,
            meeting__date=date,
            number=number,
        )
    values: dict = {"notes": item.notes}
    if item.stage == Participation.Stage.APPLIED and decision is not None:
        # Linked without a move: what there is so far (e.g. a committee's proposal).
        values["decision"] = decision
    participation, _ = _upsert(
        Participation,
        lookup={"network": network, "municipality_name": item.municipality_name},
        values=values,
    )
    if participation.stage == Participation.Stage.APPLIED:
        for stage in _PATH[item.stage]:
            participation = participation_transition(
                participation=participation,
                to_stage=stage,
                actor=staff,
                decision=decision,
                comment="Demodata",
            )
    return participation
