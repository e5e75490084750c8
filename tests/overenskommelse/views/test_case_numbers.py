"""The diarium pages: kommunkontoret sets and searches diarienummer; every other role
is refused, on the page and in the service."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from overenskommelse.platform.models import HistoryEntry
from samverkan.pipeline.models import Initiative
from tests.factories import AffiliationApplicationFactory, AffiliationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_staff_mfa")]


def number_url(kind: str, obj) -> str:
    return reverse("agreement:case_number", kwargs={"kind": kind, "uuid": obj.uuid})


SEARCH = reverse("agreement:case_search")


@pytest.mark.parametrize("refused", ["rep_a", "forvaltningskontakt", "samverkansgruppen_member"])
def test_other_roles_may_neither_search_nor_set(client, request, refused, organisation_a):
    application = AffiliationApplicationFactory(organisation=organisation_a)
    client.force_login(request.getfixturevalue(refused))
    assert client.get(SEARCH, {"q": "KS"}).status_code == 403
    assert client.get(number_url("ansokan", application)).status_code == 403
    response = client.post(number_url("ansokan", application), {"case_number": "KS 2026/1"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.case_number == ""


def test_the_anonymous_are_sent_to_log_in(client):
    assert client.get(SEARCH).status_code == 302


def test_staff_enter_the_case_systems_number_and_find_it(client, handlaggare):
    application = AffiliationApplicationFactory()
    client.force_login(handlaggare)
    page = client.get(number_url("ansokan", application))
    assert "Tilldela diarienummer" in page.content.decode()
    response = client.post(
        number_url("ansokan", application), {"case_number": "KS 2026/0882", "action": "save"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "agreement:application_detail", kwargs={"uuid": application.uuid}
    )
    application.refresh_from_db()
    assert application.case_number == "KS 2026/0882"
    assert HistoryEntry.objects.get(action="case_number_set").actor == handlaggare
    detail = client.get(response["Location"]).content.decode()
    assert "KS 2026/0882" in detail and str(application.arrived_on or "–") in detail
    found = client.get(SEARCH, {"q": "KS 2026/08"}).content.decode()
    assert "KS 2026/0882" in found
    assert reverse("agreement:application_detail", kwargs={"uuid": application.uuid}) in found
    assert "Inget ärende" in client.get(SEARCH, {"q": "KF 1999"}).content.decode()


def test_bad_numbers_are_refused_on_the_page_in_swedish(client, handlaggare):
    first, second = AffiliationApplicationFactory(), AffiliationApplicationFactory()
    first.case_number = "KS 2026/0882"
    first.save()
    client.force_login(handlaggare)
    for typed, message in [
        ("", "Skriv ett diarienummer."),
        ("<b>hej</b>", "ser inte ut som ett diarienummer"),
        ("ks 2026/0882", "används redan"),
        ("ÖK 2026/0001", "Tilldela diarienummer"),
    ]:
        response = client.post(number_url("ansokan", second), {"case_number": typed})
        assert response.status_code == 200
        assert message in response.content.decode()
    second.refresh_from_db()
    assert second.case_number == ""


def test_the_portal_assigns_a_number_to_a_withdrawal(client, handlaggare, settings):
    withdrawal = AffiliationFactory(ended_on=dt.date(2026, 1, 1))
    client.force_login(handlaggare)
    response = client.post(number_url("uttrade", withdrawal), {"action": "assign"})
    assert response.status_code == 302
    withdrawal.refresh_from_db()
    year = timezone.localdate().year
    assert withdrawal.withdrawal_case_number == f"ÖK {year}/0001"
    page = client.get(number_url("uttrade", withdrawal)).content.decode()
    assert "Tilldela diarienummer" not in page  # it has one now


def test_an_unknown_kind_or_a_draft_is_not_found(client, handlaggare):
    draft = AffiliationApplicationFactory(status="utkast", submitted_at=None)
    client.force_login(handlaggare)
    assert client.get(number_url("ansokan", draft)).status_code == 404
    assert client.get(number_url("okand", draft)).status_code == 404


def test_an_initiative_takes_a_number_on_its_staff_page(client, handlaggare, rep_a):
    initiative = Initiative.objects.create(
        title="Läxhjälp", need="Behov", last_activity_at=timezone.now()
    )
    client.force_login(handlaggare)
    response = client.post(number_url("initiativ", initiative), {"case_number": "KS 2026/7"})
    assert response["Location"] == reverse("pipeline:initiative", kwargs={"uuid": initiative.uuid})
    assert "KS 2026/7" in client.get(response["Location"]).content.decode()
