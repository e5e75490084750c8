"""Who may see which page: allowed, refused (403), sent to log in."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

STAFF_URL = reverse("agreement:staff_overview")


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in_from_staff_page(client):
    response = client.get(STAFF_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["rep_a", "forvaltningskontakt", "samverkansgruppen_member"])
def test_non_kommunkontoret_roles_are_refused_staff_page(client, request, who, no_staff_mfa):
    client.force_login(request.getfixturevalue(who))
    response = client.get(STAFF_URL)
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.content.decode()


@pytest.mark.parametrize("who", ["handlaggare", "admin_user"])
def test_kommunkontoret_is_let_in(client, request, who, no_staff_mfa):
    client.force_login(request.getfixturevalue(who))
    response = client.get(STAFF_URL)
    assert response.status_code == 200
    assert "Utgående e-post" in response.content.decode()


def test_staff_link_only_in_navigation_for_those_allowed(client, rep_a, handlaggare, no_staff_mfa):
    client.force_login(rep_a)
    assert STAFF_URL not in client.get("/").content.decode()
    client.force_login(handlaggare)
    assert STAFF_URL in client.get("/").content.decode()


@pytest.mark.django_db
def test_my_pages_needs_log_in(client):
    response = client.get(reverse("mina_sidor"))
    assert response.status_code == 302


def test_my_pages_shows_roles_and_organisations(client, rep_a, organisation_a):
    client.force_login(rep_a)
    page = client.get(reverse("mina_sidor")).content.decode()
    assert "Föreningsrepresentant" in page
    assert organisation_a.name in page


def test_staff_without_totp_must_set_it_up(client, handlaggare):
    client.post(reverse("account_login"), {"login": handlaggare.email, "password": PASSWORD})
    for url in (reverse("mina_sidor"), STAFF_URL, "/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    # allauth asks for the password again before showing the TOTP secret.
    assert client.get(reverse("mfa_activate_totp")).url.startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()


def test_association_users_are_not_forced_into_totp(client, rep_a):
    client.force_login(rep_a)
    assert client.get(reverse("mina_sidor")).status_code == 200


def test_staff_with_totp_passes_once_the_session_gave_the_code(client, handlaggare):
    from tests.overenskommelse.views.test_mfa import log_in, with_totp

    log_in(client, handlaggare, with_totp(handlaggare))
    assert client.get(STAFF_URL).status_code == 200


@pytest.mark.django_db
def test_mailbox_is_hidden_unless_enabled(client, settings):
    settings.PORTAL_SHOW_MAILBOX = False
    assert client.get(reverse("platform:mailbox")).status_code == 404
    settings.PORTAL_SHOW_MAILBOX = True
    assert client.get(reverse("platform:mailbox")).status_code == 200


@pytest.mark.django_db
def test_mailbox_refuses_path_tricks(client, settings):
    settings.PORTAL_SHOW_MAILBOX = True
    url = reverse("platform:mailbox_detail", args=["..%2F..%2Fetc%2Fpasswd"])
    assert client.get(url).status_code == 404
