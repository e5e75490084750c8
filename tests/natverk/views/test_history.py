"""The history on the network and participation pages says in Swedish what happened:
every action the network services record has a label, and no action code shows."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from natverk.models import Network, Participation, PartnershipPhase
from natverk.selectors import ACTION_LABELS
from natverk.services import meetings as meeting_services
from natverk.services import networks as services
from overenskommelse.platform.models import HistoryEntry

pytestmark = pytest.mark.django_db

SERVICES = Path(__file__).resolve().parents[3] / "natverk" / "services"
RECORDED = re.compile(r'action="([a-z_]+)"')
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")  # snake_case, as the action codes are

NETWORK_LABELS = {
    "network_registered": "Nätverket registrerat",
    "network_changed": "Nätverkets uppgifter ändrade. Syfte ändrades.",
    "network_municipality_added": (
        "Deltagande kommun tillagd. Deltagande kommuner: Lunds kommun lades till."
    ),
    "network_meeting_created": "Möte tillagt (Uppstartsträff)",
    "network_meeting_changed": "Möte ändrat (Uppstartsträff). Datum sattes till 4 september 2026.",
    "network_meeting_document_added": (
        "Mötesdokument tillagt (Uppstartsträff). Dokument: Dagordning lades till."
    ),
}
PARTICIPATION_LABELS = {
    "participation_applied": "Deltagandet registrerat som ansökt",
    "participation_changed": "Deltagandets uppgifter ändrade. Anteckningar ändrades.",
    "participation_stage_changed": "Steget ändrat. Steg ändrades från Ansökt till Beslutad.",
    "representative_added": "Representant tillagd. Företrädare: Anna Andersson lades till.",
    "representative_ended": "Representant har lämnat. Företrädare: Anna Andersson togs bort.",
    "partnership_phase_added": "Partnerskapsfas tillagd",
}


def _recorded_actions() -> set[str]:
    return {
        action for path in SERVICES.glob("*.py") for action in RECORDED.findall(path.read_text())
    }


def _history_section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="history-heading">.*?</section>', html, re.S)
    assert match, "the page has no history section"
    return match.group(0)


@pytest.fixture
def staff_client(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


@pytest.fixture
def everything_recorded(handlaggare):
    """One of each action the network services record, in a kommunalt partnerskap."""
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        network = services.network_create(
            actor=handlaggare,
            name="Partnerskap Lund–Kisumu",
            organiser="ICLD",
            kind=Network.Kind.PARTNERSHIP,
        )
        services.network_update(
            network=network, actor=handlaggare, name=network.name, purpose="Demokrati"
        )
        services.network_municipality_add(network=network, actor=handlaggare, name="Lunds kommun")
        participation = services.participation_create(
            network=network, actor=handlaggare, municipality_name="Lunds kommun"
        )
        services.participation_update(
            participation=participation, actor=handlaggare, notes="Ansökan inskickad"
        )
        services.participation_transition(
            participation=participation, to_stage=Participation.Stage.DECIDED, actor=handlaggare
        )
        representative = services.representative_add(
            participation=participation,
            actor=handlaggare,
            name="Anna Andersson",
            role="representant",
        )
        services.representative_end(representative=representative, actor=handlaggare)
        services.partnership_phase_add(
            participation=participation,
            actor=handlaggare,
            kind=PartnershipPhase.Kind.PREPARATION,
            starts_on=datetime.date(2026, 4, 1),
        )
        meeting = meeting_services.meeting_create(
            network=network, actor=handlaggare, title="Uppstartsträff"
        )
        meeting_services.meeting_update(
            meeting=meeting, actor=handlaggare, date=datetime.date(2026, 9, 4)
        )
        meeting_services.meeting_document_add(
            meeting=meeting,
            actor=handlaggare,
            title="Dagordning",
            upload=SimpleUploadedFile(
                "d.pdf", b"%PDF-1.4 dagordning", content_type="application/pdf"
            ),
        )
    return network, participation


def test_every_recorded_action_has_a_label():
    recorded = _recorded_actions()
    assert recorded == set(NETWORK_LABELS) | set(PARTICIPATION_LABELS)
    assert recorded <= set(ACTION_LABELS)


def test_the_pages_show_labels_never_codes(staff_client, everything_recorded):
    network, participation = everything_recorded
    assert set(HistoryEntry.objects.values_list("action", flat=True)) == _recorded_actions()
    pages = {
        "network": (
            reverse("natverk:network_detail", kwargs={"slug": network.slug}),
            NETWORK_LABELS,
        ),
        "participation": (
            reverse("natverk:participation_detail", kwargs={"uuid": participation.uuid}),
            PARTICIPATION_LABELS,
        ),
    }
    for url, labels in pages.values():
        history = _history_section(staff_client.get(url).content.decode())
        for action, label in labels.items():
            assert label in history, action
            assert action not in history
        assert CODE.findall(history) == []
        assert "ansokt" not in history and "beslutad" not in history  # stage codes too
        assert "→" not in history  # a sentence, not an arrow between codes


def test_an_unknown_action_shows_a_general_label(staff_client, participation, handlaggare):
    from overenskommelse.platform.services.history import history_record

    history_record(subject=participation, actor=handlaggare, action="participation_imported")
    html = staff_client.get(
        reverse("natverk:participation_detail", kwargs={"uuid": participation.uuid})
    ).content.decode()
    history = _history_section(html)
    assert "Ändring registrerad" in history and "participation_imported" not in history
