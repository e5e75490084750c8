"""Faults: the broker (Redis) unreachable while users work."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from config.celery_app import app

PDF = b"%PDF-1.4 signed protocol\n%%EOF"


def application_submit(client, representative, organisation):
    """The representative sends in the affiliation application with its protocol."""
    client.force_login(representative)
    return client.post(
        reverse("agreement:application_form", kwargs={"slug": organisation.slug}),
        {
            "meeting_date": "2026-11-02",
            "paragraph": "7",
            "decision_text": "Styrelsen beslutar att ansluta.",
            "conditions_confirmed": "on",
            "action": "submit",
            "protocol": SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf"),
        },
        follow=True,
    )


@pytest.fixture
def broker_down():
    """Tasks are really published, to a Redis address where nothing listens."""
    saved = {
        key: app.conf[key]
        for key in (
            "task_always_eager",
            "broker_url",
            "broker_connection_retry",
            "broker_connection_timeout",
            "task_publish_retry",
        )
    }
    app.conf.update(
        task_always_eager=False,
        broker_url="redis://127.0.0.1:1/0",
        broker_connection_retry=False,
        broker_connection_timeout=1,
        task_publish_retry=False,
    )
    _reset_connection_pools()
    yield
    app.conf.update(saved)
    _reset_connection_pools()


def _reset_connection_pools() -> None:
    """Make the next publish look up the pool for the current broker URL.

    The pools themselves are kombu's, shared per URL, so they are left open: closing
    the Redis one here would break every later test that publishes to Redis.
    """
    app._pool = None
    app.amqp._producer_pool = None
