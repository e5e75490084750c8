"""Staff MFA: the second factor is checked per session, and the admin has no way round it.

Production runs with PORTAL_REQUIRE_STAFF_MFA on (as the test settings do). These tests
log in through allauth's real forms and compute TOTP codes from the secret, as an
authenticator app would; tests/deployed/ does the same against gunicorn in Chromium.
"""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.urls import reverse

from overenskommelse.accounts.models import Role
from tests.factories import PASSWORD, UserFactory, user_with_role

STAFF_URL = reverse("agreement:staff_overview")
ADMIN_URL = reverse("admin:index")


def totp_code(secret: str, *, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def with_totp(user) -> str:
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)
    return secret


def log_in(client, user, secret: str | None = None, *, offset: int = 0):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    if secret is not None:
        assert response.url == reverse("mfa_authenticate")
        response = client.post(
            reverse("mfa_authenticate"), {"code": totp_code(secret, offset=offset)}
        )
    return response


@pytest.fixture
def superuser(db):
    """As `manage.py createsuperuser` makes it: no role row. Its first log-in sends a
    confirmation link (e-mail verification is mandatory); here it has been followed."""
    user = get_user_model().objects.create_superuser(email="root@example.se", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_admin_log_in_is_allauths(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


def test_a_password_posted_to_the_admin_log_in_logs_no_one_in(client, superuser):
    with_totp(superuser)
    response = client.post(
        reverse("admin:login"), {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(ADMIN_URL).status_code == 302


def test_superuser_with_totp_reaches_the_admin_only_after_the_code(client, superuser):
    secret = with_totp(superuser)
    response = client.post(
        reverse("account_login"), {"login": superuser.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone did not log in
    assert client.get(ADMIN_URL).url.startswith(reverse("admin:login"))
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get(ADMIN_URL).status_code == 200


def test_a_session_without_the_second_factor_must_give_the_code(client, handlaggare):
    """A session logged in by password alone (here: force_login, as a log-in that went
    round allauth would) is not enough, even though the user has an authenticator."""
    secret = with_totp(handlaggare)
    client.force_login(handlaggare)
    for url in (STAFF_URL, ADMIN_URL, reverse("mina_sidor")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("mfa_reauthenticate")), url
    response = client.post(
        f"{reverse('mfa_reauthenticate')}?next={STAFF_URL}", {"code": totp_code(secret)}
    )
    assert response.status_code == 302
    assert client.get(STAFF_URL).status_code == 200


@pytest.mark.parametrize("who", ["handlaggare", "forvaltningskontakt"])
def test_staff_who_logged_in_with_the_code_pass(client, request, who):
    user = request.getfixturevalue(who)
    secret = with_totp(user)
    log_in(client, user, secret)
    assert client.get(reverse("mina_sidor")).status_code == 200


def test_a_wrong_code_is_refused(client, handlaggare):
    secret = with_totp(handlaggare)
    log_in(client, handlaggare)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret, offset=5)})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_association_users_need_no_second_factor(client, rep_a):
    client.force_login(rep_a)
    assert client.get(reverse("mina_sidor")).status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth's on_commit runs as in production
def test_a_superuser_without_a_role_row_sets_up_totp_and_gets_in(client, superuser):
    """createsuperuser's account used to be sent to the TOTP set-up for ever."""
    response = log_in(client, superuser)
    assert client.get(ADMIN_URL).url == reverse("mfa_activate_totp")
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=superuser, type="totp").exists()
    # Activating with a valid code counts as this session's second factor.
    assert client.get(ADMIN_URL).status_code == 200
    assert client.get(STAFF_URL).status_code == 200


@pytest.mark.django_db
def test_an_admin_flag_without_superuser_or_role_must_use_mfa(client):
    user = UserFactory(email="staff-flag@example.se", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("mina_sidor")).url == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_failed_log_ins_are_limited_for_the_admin_as_for_everyone(client, settings, superuser):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/key"}
    for _ in range(5):
        client.post(reverse("account_login"), {"login": superuser.email, "password": "fel"})
    response = client.post(
        reverse("account_login"), {"login": superuser.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


@pytest.mark.django_db
def test_samverkansgruppen_member_has_no_staff_mfa_demand(client):
    member = user_with_role(Role.SAMVERKANSGRUPPEN, email="grupp@example.se")
    client.force_login(member)
    assert client.get(reverse("mina_sidor")).status_code == 200
