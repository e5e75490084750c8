"""axe-core finds no WCAG 2.1 A/AA violations on the network and protocol pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from natverk.models import Network, NetworkMeeting, Participation
from overenskommelse.protocols.models import Paragraph
from tests.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False


def _paths() -> dict[str, str]:
    samhallskontrakt = Network.objects.get(slug="utvecklingsnatverk-samhallskontrakt")
    uppsala = Participation.objects.get(network=samhallskontrakt)
    lund = Participation.objects.get(network__kind="kommunalt_partnerskap")
    meeting = NetworkMeeting.objects.filter(date__isnull=False).first()
    return {
        "networks": "/natverk/",
        "network": f"/natverk/{samhallskontrakt.slug}/",
        "participation": f"/natverk/deltagande/{uppsala.uuid}/",
        "partnership": f"/natverk/deltagande/{lund.uuid}/",
        "meeting": f"/natverk/moten/{meeting.uuid}/",
        "new network": "/natverk/nytt/",
        "my meetings": "/natverk/mina-moten/",
        "protocols": "/protokoll/",
        "paragraph 16": f"/protokoll/paragraf/{Paragraph.objects.get(number=16).uuid}/",
        "meeting 2019-01-31": f"/protokoll/{Paragraph.objects.get(number=16).meeting.uuid}/",
        "new paragraph": f"/protokoll/{Paragraph.objects.get(number=16).meeting.uuid}/paragraf/ny/",
    }


@pytest.mark.parametrize(
    "name",
    [
        "networks",
        "network",
        "participation",
        "partnership",
        "meeting",
        "new network",
        "my meetings",
        "protocols",
        "paragraph 16",
        "meeting 2019-01-31",
        "new paragraph",
    ],
)
def test_staff_pages_have_no_axe_violations(
    live_server, page, demo, handlaggare, no_staff_mfa, name
):
    client = Client()
    client.force_login(handlaggare)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + _paths()[name])
    assert axe_violations(page) == []


def test_public_extract_and_list_have_no_axe_violations(live_server, page, demo):
    page.goto(live_server.url + "/protokoll/")
    assert axe_violations(page) == []
    page.goto(live_server.url + _paths()["paragraph 16"])
    assert "Utdragsbestyrkande" in page.content()
    assert axe_violations(page) == []
