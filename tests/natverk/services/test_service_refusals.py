"""Every write of the network app checks its actor itself, not only through the view:
a föreningsrepresentant, a förvaltningskontakt, an anonymous user and no user at all
are refused with PermissionDenied, and nothing is stored or changed (no row of the
app, no history row, no mail in the outbox).

Each call is one that the handläggare may make (the last test shows it writes), so a
refusal here is the actor's doing and not a validation error."""

import datetime
from collections.abc import Callable

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from natverk.models import Network, Participation, Representative
from natverk.services import meetings, networks
from overenskommelse.platform.models import HistoryEntry, OutboxMessage

pytestmark = pytest.mark.django_db
D = datetime.date

Call = Callable[[dict, object], object]

# The service, the call, and the permission its view asks for (natverk/views.py).
CALLS: dict[str, tuple[Call, str]] = {
    "network_create": (
        lambda w, actor: networks.network_create(
            actor=actor, name="Nytt nätverk", organiser="SKR", kind=Network.Kind.DEVELOPMENT
        ),
        "natverk.manage_networks",
    ),
    "network_update": (
        lambda w, actor: networks.network_update(
            network=w["network"], actor=actor, name="Nytt namn"
        ),
        "natverk.manage_networks",
    ),
    "network_municipality_add": (
        lambda w, actor: networks.network_municipality_add(
            network=w["network"], actor=actor, name="Malmö kommun"
        ),
        "natverk.manage_networks",
    ),
    "participation_create": (
        lambda w, actor: networks.participation_create(
            network=w["network"], actor=actor, municipality_name="Malmö kommun"
        ),
        "natverk.manage_participation",
    ),
    "participation_update": (
        lambda w, actor: networks.participation_update(
            participation=w["participation"], actor=actor, notes="Ändrad"
        ),
        "natverk.manage_participation",
    ),
    "participation_transition": (
        lambda w, actor: networks.participation_transition(
            participation=w["participation"], to_stage=Participation.Stage.DECIDED, actor=actor
        ),
        "natverk.manage_participation",
    ),
    "representative_add": (
        lambda w, actor: networks.representative_add(
            participation=w["participation"],
            actor=actor,
            name="Eva Ek",
            role=Representative.Role.REPRESENTATIVE,
        ),
        "natverk.manage_participation",
    ),
    "representative_end": (
        lambda w, actor: networks.representative_end(
            representative=w["representative"], actor=actor, on=D(2022, 6, 30)
        ),
        "natverk.manage_participation",
    ),
    "partnership_phase_add": (
        lambda w, actor: networks.partnership_phase_add(
            participation=w["partner"], actor=actor, kind="forberedelse", starts_on=D(2020, 1, 1)
        ),
        "natverk.manage_participation",
    ),
    "meeting_create": (
        lambda w, actor: meetings.meeting_create(
            network=w["network"], actor=actor, title="Ny träff", attendees=[w["attendee"]]
        ),
        "natverk.manage_meetings",
    ),
    "meeting_update": (
        # The meeting gets a date: allowed, this would also put a notice in the outbox.
        lambda w, actor: meetings.meeting_update(
            meeting=w["meeting"], actor=actor, date=D(2027, 1, 20), attendees=[]
        ),
        "natverk.manage_meetings",
    ),
    "meeting_document_add": (
        lambda w, actor: meetings.meeting_document_add(
            meeting=w["meeting"],
            actor=actor,
            title="Dagordning",
            upload=SimpleUploadedFile("d.pdf", b"%PDF-1.4 dagordning\n%%EOF"),
        ),
        "natverk.manage_meetings",
    ),
}

# Who must be refused: fixtures of tests/conftest.py, and two users that are no one.
REFUSED = {
    "foreningsrepresentant": lambda request: request.getfixturevalue("rep_a"),
    "forvaltningskontakt": lambda request: request.getfixturevalue("forvaltningskontakt"),
    "anonymous": lambda request: AnonymousUser(),
    "none": lambda request: None,
}


@pytest.fixture
def world(network, participation, partnership, meeting_factory, handlaggare) -> dict:
    """One of everything the services write to, made without the services."""
    meeting = meeting_factory()
    meeting.attendees.set([handlaggare])
    return {
        "network": network,
        "participation": participation,
        "partner": Participation.objects.create(network=partnership, municipality_name="Lund"),
        "representative": Representative.objects.create(
            participation=participation, name="Anna", role=Representative.Role.REPRESENTATIVE
        ),
        "meeting": meeting,
        "attendee": handlaggare,
    }


def stored() -> dict[str, list[dict]]:
    """Every row of the network app (its many-to-many tables too), the history and the
    outbox, so that any write shows as a difference."""
    models = [
        *apps.get_app_config("natverk").get_models(include_auto_created=True),
        HistoryEntry,
        OutboxMessage,
    ]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


@pytest.mark.parametrize("who", REFUSED)
@pytest.mark.parametrize("service", CALLS)
def test_a_write_by_someone_without_the_permission_is_refused_and_stores_nothing(
    request, world, service, who
):
    call, permission = CALLS[service]
    actor = REFUSED[who](request)
    assert actor is None or not actor.has_perm(permission)
    before = stored()
    with pytest.raises(PermissionDenied, match=r"^Du får inte göra det\.$"):
        call(world, actor)
    assert stored() == before


@pytest.mark.parametrize("service", CALLS)
def test_the_same_write_by_the_handlaggare_is_allowed_and_stored(world, handlaggare, service):
    call, permission = CALLS[service]
    assert handlaggare.has_perm(permission)
    before = stored()
    call(world, handlaggare)
    assert stored() != before
