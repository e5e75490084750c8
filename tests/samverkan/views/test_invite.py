"""Inviting parties from the initiative page: the page searches organisations instead of
listing every affiliated one; the invitation takes an organisation's uuid or slug and
checks it is invitable; who may invite and who may not."""

import datetime

import pytest
from django.urls import reverse

from overenskommelse.agreement.models import Affiliation, Organisation
from samverkan.pipeline.models import InitiativeParty
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SV = {"HTTP_ACCEPT_LANGUAGE": "sv"}


def affiliate(*names: str) -> list[Organisation]:
    organisations = Organisation.objects.bulk_create(
        Organisation(name=name, slug=f"org-{n}") for n, name in enumerate(names)
    )
    Affiliation.objects.bulk_create(
        Affiliation(organisation=o, affiliated_from=datetime.date(2024, 1, 1))
        for o in organisations
    )
    return organisations


def page_url(initiative) -> str:
    return reverse("pipeline:initiative", kwargs={"uuid": initiative.uuid})


def invite_url(initiative) -> str:
    return reverse("pipeline:invite", kwargs={"uuid": initiative.uuid})


def found(response) -> list[str]:
    return [o.name for o in response.context["invite_search"]["organisations"]]


@pytest.mark.parametrize("count", [10, 300])
@pytest.mark.parametrize("search", ["", "Förening nr 1"])
def test_page_queries_do_not_grow_with_the_affiliated_organisations(
    client, handlaggare, no_staff_mfa, accepted, django_assert_max_num_queries, count, search
):
    organisations = affiliate(*(f"Förening nr {n:03}" for n in range(count)))
    client.force_login(handlaggare)
    with django_assert_max_num_queries(20):
        response = client.get(page_url(accepted), {"sok": search} if search else {}, **SV)
    assert response.status_code == 200
    page = response.content.decode()
    assert sum(o.name in page for o in organisations) <= 20
    assert "<select" not in page.split('id="bjud-in"')[1].split("<details")[0]


def test_search_finds_invitable_names_case_insensitively_in_swedish_order(
    client, handlaggare, no_staff_mfa, accepted
):
    affiliate("Örby FF", "Ängby IK", "Åby BK", "Zbyszek kör", "Byalaget", "Alfa")
    OrganisationFactory(name="Norrby IF")  # not affiliated
    client.force_login(handlaggare)
    response = client.get(page_url(accepted), {"sok": " BY "}, **SV)
    assert found(response) == ["Byalaget", "Zbyszek kör", "Åby BK", "Ängby IK", "Örby FF"]
    page = response.content.decode()
    assert "5 organisationer vars namn innehåller ”BY”" in page
    assert 'value="BY"' in page  # the search box keeps the search
    assert "Norrby IF" not in page


def test_search_leaves_out_parties(client, handlaggare, no_staff_mfa, accepted, affiliated):
    client.force_login(handlaggare)
    response = client.get(page_url(accepted), {"sok": "Förening"}, **SV)
    # Förening A proposed the initiative and is a party already.
    assert found(response) == ["Förening B"]


def test_search_shows_at_most_twenty_and_says_so(client, handlaggare, no_staff_mfa, accepted):
    affiliate(*(f"Idrottsklubb {n:02}" for n in range(25)))
    client.force_login(handlaggare)
    response = client.get(page_url(accepted), {"sok": "idrottsklubb"}, **SV)
    assert found(response) == [f"Idrottsklubb {n:02}" for n in range(20)]
    assert "De första 20 organisationerna" in response.content.decode()


@pytest.mark.parametrize("search", ["a", " b "])
def test_too_short_search_says_so(client, handlaggare, no_staff_mfa, accepted, affiliated, search):
    client.force_login(handlaggare)
    response = client.get(page_url(accepted), {"sok": search}, **SV)
    assert found(response) == []
    assert "Sökningen är för kort: skriv minst 2 tecken." in response.content.decode()


def test_search_without_matches_says_so(client, handlaggare, no_staff_mfa, accepted, affiliated):
    client.force_login(handlaggare)
    response = client.get(page_url(accepted), {"sok": "100%_"}, **SV)
    assert found(response) == []
    assert "Ingen organisation som kan bjudas in har ett namn som innehåller ”100%_”" in (
        response.content.decode()
    )


def test_page_without_search_shows_suggestions_and_no_results(
    client, handlaggare, no_staff_mfa, accepted, affiliated
):
    client.force_login(handlaggare)
    response = client.get(page_url(accepted), **SV)
    page = response.content.decode()
    assert "Bjud in Förening B" in page  # suggested: interested in the initiative's area
    assert f'name="organisation" value="{affiliated[1].uuid}"' in page
    assert "Sökningen är för kort" not in page and "Ingen organisation" not in page


@pytest.mark.parametrize("key", ["uuid", "slug"])
def test_invite_a_search_result_keeps_the_search(
    client, handlaggare, no_staff_mfa, accepted, affiliated, key
):
    client.force_login(handlaggare)
    page = client.get(page_url(accepted), {"sok": "förening b"}, **SV).content.decode()
    assert f'<input type="hidden" name="organisation" value="{affiliated[1].uuid}">' in page
    response = client.post(
        invite_url(accepted),
        {"organisation": str(getattr(affiliated[1], key)), "sok": "förening b"},
        **SV,
    )
    assert response.status_code == 302
    assert response.url == page_url(accepted) + "?sok=f%C3%B6rening+b"
    party = InitiativeParty.objects.get(initiative=accepted, organisation=affiliated[1])
    assert party.status == "inbjuden"
    response = client.get(response.url, **SV)
    assert "Förening B är inbjuden." in response.content.decode()
    assert found(response) == []  # now a party


@pytest.mark.parametrize(
    "value",
    [
        "not affiliated",
        "party already",
        "00000000-0000-0000-0000-000000000000",
        "no-such-slug",
        "1",
        "x" * 300,
    ],
)
def test_refused_organisation_shows_an_error_and_keeps_the_search(
    client, handlaggare, no_staff_mfa, accepted, affiliated, value
):
    outsider = OrganisationFactory(name="Förening utanför")
    value = {"not affiliated": outsider.uuid, "party already": affiliated[0].slug}.get(value, value)
    client.force_login(handlaggare)
    response = client.post(invite_url(accepted), {"organisation": value, "sok": "Förening"}, **SV)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Organisationen kan inte bjudas in" in page
    assert 'class="form-errors" role="alert"' in page
    assert 'id="invite-search" name="sok" value="Förening"' in page
    assert found(response) == ["Förening B"]
    assert accepted.parties.count() == 1


def test_empty_invitation_asks_for_a_party(client, handlaggare, no_staff_mfa, accepted):
    client.force_login(handlaggare)
    response = client.post(invite_url(accepted), {"organisation": "", "municipal_body": ""}, **SV)
    assert response.status_code == 200
    assert "Välj en organisation eller en förvaltning." in response.content.decode()


def test_invite_a_forvaltning_from_the_select(
    client, handlaggare, no_staff_mfa, accepted, forvaltning
):
    client.force_login(handlaggare)
    page = client.get(page_url(accepted), **SV).content.decode()
    assert f'<option value="{forvaltning.pk}">{forvaltning.name}</option>' in page
    response = client.post(invite_url(accepted), {"municipal_body": forvaltning.pk}, **SV)
    assert response.status_code == 302 and response.url == page_url(accepted)
    assert accepted.parties.filter(municipal_body=forvaltning).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("rep_a", 403), ("rep_b", 404), ("samverkansgruppen_member", 404)]
)
def test_only_staff_may_invite(client, request, accepted, affiliated, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.post(invite_url(accepted), {"organisation": str(affiliated[1].uuid)})
    assert response.status_code == status
    assert accepted.parties.count() == 1
    if who == "rep_a":  # a party sees the page, but neither search nor invite buttons
        page = client.get(page_url(accepted), {"sok": "Förening"}).content.decode()
        assert 'id="bjud-in"' not in page and str(affiliated[1].uuid) not in page


def test_suggestions_show_the_ten_sharing_most_areas_and_count_the_rest(
    client, handlaggare, no_staff_mfa, accepted
):
    areas = list(accepted.areas.all())
    assert areas, "the accepted initiative has priority areas"
    organisations = affiliate(*(f"Intresserad {n:02}" for n in range(14)))
    for organisation in organisations:
        organisation.priority_areas.add(areas[0])
    best = organisations[13]
    if len(areas) > 1:
        best.priority_areas.add(areas[1])
    client.force_login(handlaggare)
    response = client.get(page_url(accepted), **SV)
    shown = [o.name for o in response.context["suggestions"]["organisations"]]
    assert len(shown) == 10
    if len(areas) > 1:
        assert shown[0] == best.name  # two shared areas before one
    # The 14 above and any the fixtures made interested in these areas.
    interested = (
        Organisation.objects.filter(priority_areas__in=areas, affiliations__isnull=False)
        .exclude(initiative_parties__initiative=accepted)
        .distinct()
        .count()
    )
    more = response.context["suggestions"]["more_organisations"]
    assert more == interested - 10 >= 4
    assert f"Ytterligare {more} föreningar är intresserade" in response.content.decode()


def test_an_invited_organisation_sees_the_initiative_at_once(
    client, handlaggare, rep_b, affiliated, accepted
):
    """The access check's initiative is kept per process until data changes: the
    invitation must open the page on the very next request."""
    from samverkan.pipeline.services import pipeline

    _, organisation_b = affiliated
    client.force_login(rep_b)
    assert client.get(page_url(accepted)).status_code == 404
    assert client.get(page_url(accepted)).status_code == 404  # now from the kept copy
    pipeline.party_invite(initiative=accepted, actor=handlaggare, organisation=organisation_b)
    assert client.get(page_url(accepted), **SV).status_code == 200
