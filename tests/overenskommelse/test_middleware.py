"""The portal-wide request and response rules in overenskommelse/platform/middleware.py."""

import pytest
from django.urls import reverse
from django.utils import timezone

from overenskommelse.agreement.models import Organisation
from samverkan.pipeline.models import Initiative, Stage

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
    url = reverse("pipeline:initiative", kwargs={"uuid": initiative.uuid})
    assert client.get(url, {"sok": "förening"}).status_code == 200
    _assert_bad_request(client.get(url + "?sok=%00"))


def test_nul_in_a_posted_field_is_400_and_stores_nothing(client, rep_a):
    client.force_login(rep_a)
    response = client.post(
        reverse("agreement:organisation_create"),
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


# Private responses are not kept by the browser -----------------------------


def _no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_a_logged_in_page_is_private_no_store(client, rep_a):
    client.force_login(rep_a)
    response = client.get(reverse("mina_sidor"))
    assert response.status_code == 200
    assert _no_store(response)


def test_the_personal_data_download_is_private_no_store(client, rep_a):
    client.force_login(rep_a)
    response = client.get(reverse("account_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert _no_store(response)


def test_a_staff_csv_export_is_private_no_store(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    response = client.get(reverse("pipeline:list_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert _no_store(response)


@pytest.mark.parametrize("name", ["home", "agreement:register", "agreement:register_csv"])
def test_public_pages_for_anonymous_visitors_are_not_no_store(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("own", "sent"),
    [
        (None, "private, no-store"),
        ("public, max-age=600", "private, no-store"),
        ("max-age=60", "private, no-store"),
        ("private, max-age=60", "private, max-age=60"),
    ],
)
def test_a_view_may_keep_its_own_private_cache_control(rf, rep_a, own, sent):
    from django.http import HttpResponse

    from overenskommelse.platform.middleware import PrivateNoStoreMiddleware

    def view(request):
        response = HttpResponse("ok")
        if own:
            response["Cache-Control"] = own
        return response

    request = rf.get("/mina-sidor/")
    request.user = rep_a
    assert PrivateNoStoreMiddleware(view)(request)["Cache-Control"] == sent


def test_exports_mark_themselves_private_without_the_middleware(
    client, settings, rep_a, handlaggare, no_staff_mfa
):
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.endswith("PrivateNoStoreMiddleware")
    ]
    client.force_login(rep_a)
    assert _no_store(client.get(reverse("account_export")))
    client.force_login(handlaggare)
    assert _no_store(client.get(reverse("pipeline:list_csv")))
