"""Redis down as the cache (and the broker): pages still render, sessions come from
the database, log-in works, and what a user sends in is stored.

The cache is django-redis pointed at an address where nothing listens, configured as
production configures it (`config.settings.base.redis_caches`). The deployed tier
(tests/deployed/) stops a real Redis under gunicorn; this is the same fault in-process.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from config.settings.base import redis_caches
from overenskommelse.agreement.models import AffiliationApplication
from overenskommelse.platform.models import OutboxMessage
from tests.factories import UserFactory

from .conftest import PDF, application_submit

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def cache_down(settings, broker_down):
    settings.CACHES = redis_caches(DEAD_REDIS)
    # The rate limits are on in production; with the cache down they must not fail.
    settings.ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key"}
    yield
    cache.close()


def test_the_cache_is_really_down_and_answers_from_memory(cache_down):
    cache.set("probe", "x")
    assert cache._down
    assert cache.fallback.get("probe") == "x"
    assert cache.get("probe") == "x"
    assert cache.add("lock", True) and not cache.add("lock", True)


def test_the_cache_is_redis_again_once_it_answers(settings):
    settings.CACHES = redis_caches(settings.REDIS_URL)
    cache.set("probe", "from redis")
    assert not cache._down
    assert cache.fallback.get("probe") is None
    assert cache.get("probe") == "from redis"
    cache.delete("probe")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "agreement:register",
        "agreement:register_csv",
        "agreement:register_json",
        "agreement:contact_paths",
        "account_login",
        "account_signup",
    ],
)
def test_public_pages_render(client, cache_down, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.django_db
def test_log_in_and_stay_logged_in(client, cache_down):
    UserFactory(email="person@example.se", password="ett-langt-losenord-1")
    response = client.post(
        reverse("account_login"),
        {"login": "person@example.se", "password": "ett-langt-losenord-1"},
    )
    assert response.status_code == 302
    assert client.get(reverse("mina_sidor")).status_code == 200


@pytest.mark.django_db
def test_a_failed_log_in_says_so(client, cache_down):
    UserFactory(email="person@example.se", password="ett-langt-losenord-1")
    response = client.post(
        reverse("account_login"), {"login": "person@example.se", "password": "fel"}
    )
    assert response.status_code == 200
    assert "lösenordet är felaktigt" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_affiliation_submission_is_stored(client, rep_a, organisation_a, cache_down):
    response = application_submit(client, rep_a, organisation_a)
    assert response.status_code == 200
    application = AffiliationApplication.objects.get(organisation=organisation_a)
    assert application.status == AffiliationApplication.Status.SUBMITTED
    assert application.protocol.read() == PDF
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).exists()
