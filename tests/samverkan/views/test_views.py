"""Board, list and CSV: filters, constant queries; the initiative page for each role."""

import pytest
from django.urls import reverse

from samverkan.pipeline.models import Initiative
from samverkan.pipeline.services import pipeline
from tests.samverkan.conftest import make_initiatives

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("name", ["pipeline:board", "pipeline:list", "pipeline:list_csv"])
def test_constant_queries(
    client, handlaggare, no_staff_mfa, areas, affiliated, forvaltning,
    django_assert_max_num_queries, count, name,
):  # fmt: skip
    make_initiatives(
        count, handlaggare=handlaggare, areas=areas, organisation=affiliated[0], body=forvaltning
    )
    client.force_login(handlaggare)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(name), {"area": areas[0].pk})
    assert response.status_code == 200
    if name == "pipeline:list_csv":
        assert response.content.decode("utf-8").count("\n") == count + 1


def test_list_filters_by_stage_and_overdue(client, handlaggare, no_staff_mfa, ready):
    client.force_login(handlaggare)
    response = client.get(reverse("pipeline:list"), {"stage": "samverkansinitiativ"})
    assert [i.title for i in response.context["initiatives"]] == ["Läxhjälp och idrott"]
    response = client.get(reverse("pipeline:list"), {"stage": "genomforande"})
    assert list(response.context["initiatives"]) == []
    Initiative.objects.filter(pk=ready.pk).update(stage="genomforande")
    response = client.get(reverse("pipeline:list"), {"overdue": "on"})
    assert [i.title for i in response.context["initiatives"]] == ["Läxhjälp och idrott"]


def test_party_sees_swedish_page_and_may_not_move_stages(client, rep_a, accepted):
    client.force_login(rep_a)
    url = reverse("pipeline:initiative", kwargs={"uuid": accepted.uuid})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Samverkansinitiativ" in page
    assert "Nästa steg" not in page
    response = client.post(
        reverse("pipeline:transition", kwargs={"uuid": accepted.uuid}), {"name": "start"}
    )
    assert response.status_code == 403


def test_refused_transition_shows_the_reason(client, handlaggare, no_staff_mfa, accepted):
    client.force_login(handlaggare)
    response = client.post(
        reverse("pipeline:transition", kwargs={"uuid": accepted.uuid}),
        {"name": "start"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    assert Initiative.objects.get(pk=accepted.pk).stage == "samverkansinitiativ"


def test_public_pages_hide_proposals(client, proposal, accepted):
    assert (
        client.get(reverse("pipeline:public_detail", kwargs={"uuid": accepted.uuid})).status_code
        == 200
    )
    other = Initiative.objects.create(
        title="Förslag", need="x", last_activity_at=proposal.created_at
    )
    assert (
        client.get(reverse("pipeline:public_detail", kwargs={"uuid": other.uuid})).status_code
        == 404
    )


def test_board_column_shows_the_newest_and_links_to_the_rest(
    client, handlaggare, no_staff_mfa, areas, affiliated, forvaltning, monkeypatch
):
    from samverkan.pipeline import selectors

    monkeypatch.setattr(selectors, "BOARD_COLUMN_LIMIT", 5)
    make_initiatives(
        24, handlaggare=handlaggare, areas=areas, organisation=affiliated[0], body=forvaltning
    )
    client.force_login(handlaggare)
    response = client.get(reverse("pipeline:board"), {"area": areas[0].pk})
    columns = {c["stage"]: c for c in response.context["columns"]}
    proposals = columns["forslag"]
    assert proposals["total"] == 6 and len(proposals["initiatives"]) == 5
    page = response.content.decode()
    assert "Alla 6 i listan" in page
    assert f"area={areas[0].pk}&amp;stage=forslag" in page


@pytest.mark.parametrize("answer", [None, "", "ja"])
def test_an_invitation_is_declined_only_when_asked_to(
    client, no_staff_mfa, accepted, handlaggare, forvaltningskontakt, forvaltning, answer
):
    from django.contrib.messages import get_messages

    party = pipeline.party_invite(
        initiative=accepted, actor=handlaggare, municipal_body=forvaltning
    )
    client.force_login(forvaltningskontakt)
    url = reverse("pipeline:respond", kwargs={"uuid": accepted.uuid, "party": party.pk})
    response = client.post(url, {} if answer is None else {"answer": answer})
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.status == "inbjuden"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Välj om ni tackar ja eller nej till inbjudan."
    ]
