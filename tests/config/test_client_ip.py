"""Log-in limits behind a reverse proxy: each client has its own bucket, not the proxy's.

Ten failed log-ins from one address used to block another user's correct log-in: every
request came from the proxy's address. The proxy settings (README, Configuration) name
the client's address.
"""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

PROXY = "10.0.0.5"
ATTACKER, USER = "203.0.113.7", "198.51.100.23"


@pytest.fixture
def limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}


def _attack_then_log_in(client, headers_for) -> bool:
    UserFactory(email="victim@example.se")
    for n in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"nobody{n}@example.se", "password": "wrong-password"},
            REMOTE_ADDR=PROXY,
            headers=headers_for(ATTACKER),
        )
    client.cookies.clear()
    client.post(
        reverse("account_login"),
        {"login": "victim@example.se", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        headers=headers_for(USER),
    )
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_without_proxy_settings_everyone_shares_the_proxys_bucket(client, limits):
    assert not _attack_then_log_in(client, lambda ip: {"X-Forwarded-For": ip})


@pytest.mark.django_db
def test_one_trusted_proxy_gives_each_client_its_own_bucket(client, limits, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert _attack_then_log_in(client, lambda ip: {"X-Forwarded-For": ip})


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_limit(client, limits, settings):
    """The client may send its own X-Forwarded-For; the proxy appends the real address,
    and only the last entry is trusted."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="victim@example.se")
    for n in range(10):
        client.post(
            reverse("account_login"),
            {"login": f"nobody{n}@example.se", "password": "wrong-password"},
            REMOTE_ADDR=PROXY,
            headers={"X-Forwarded-For": f"192.0.2.{n}, {ATTACKER}"},
        )
    response = client.post(
        reverse("account_login"),
        {"login": "nobody@example.se", "password": "wrong-password"},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": f"192.0.2.99, {ATTACKER}"},
    )
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


@pytest.mark.django_db
def test_a_client_ip_header_set_by_the_proxy(client, limits, settings):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    assert _attack_then_log_in(client, lambda ip: {"X-Real-IP": ip})


def test_the_settings_come_from_the_environment():
    import os
    import subprocess
    import sys

    code = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "PORTAL_TRUSTED_PROXY_COUNT": "2",
        "PORTAL_CLIENT_IP_HEADER": "X-Real-IP",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["2", "X-Real-IP"]
