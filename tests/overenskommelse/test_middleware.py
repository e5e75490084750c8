"""The portal-wide request and response rules in overenskommelse/middleware.py."""

import pytest
from django.urls import reverse
from django.utils import timezone

from overenskommelse.models import Organisation
from samverkan.models import Initiative, Stage

pytestmark = pytest.mark.django_db

# NUL bytes --------------------------------------------------------------------
# PostgreSQL cannot store or compare a string holding NUL, so one in a path, a query
# or a form reached the database as a 500. It is answered 400 before any view runs.


def _assert_bad_request(response) -> None:
    assert response.status_code == 400
    page = response.content.decode()
    assert "Felaktig begäran" in page and "Begäran kunde inte förstås" in page


@pytest.mark.parametrize(
    "path",
    [
        "/natverk/kalender/%00.ics",
        "/foreningsregistret/a%00b/",
        "/foreningsregistret/?q=%00",
        "/foreningsregistret/?q=schack%00klubb",
        "/foreningsregistret/?%00=1",
        "/samverkan/initiativ/?stage=%00",
        "/foreningsregistret.csv?q=%00",
    ],
)
def test_nul_in_a_public_path_or_query_is_400(client, path):
    _assert_bad_request(client.get(path))


def test_nul_in_the_invite_search_is_400(client, handlaggare, no_staff_mfa):
    initiative = Initiative.objects.create(
        title="Läxhjälp",
        need="Behov",
        stage=Stage.INITIATIVE,
        handlaggare=handlaggare,
        last_activity_at=timezone.now(),
    )
    client.force_login(handlaggare)
    url = reverse("samverkan:initiative", kwargs={"uuid": initiative.uuid})
    assert client.get(url, {"sok": "förening"}).status_code == 200
    _assert_bad_request(client.get(url + "?sok=%00"))


def test_nul_in_a_posted_field_is_400_and_stores_nothing(client, rep_a):
    client.force_login(rep_a)
    response = client.post(
        reverse("overenskommelse:organisation_create"),
        {
            "name": "Schack\x00klubben",
            "organisation_number": "802000-0009",
            "legal_form": "ideell_forening",
        },
    )
    _assert_bad_request(response)
    assert not Organisation.objects.filter(organisation_number="802000-0009").exists()


def test_nul_in_a_cookie_is_400(client):
    client.cookies["sessionid"] = "abcdefghij\x00klmnop"
    _assert_bad_request(client.get("/mina-sidor/"))


def test_requests_without_nul_pass(client):
    assert client.get("/foreningsregistret/?q=schack").status_code == 200
