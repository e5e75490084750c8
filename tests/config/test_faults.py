"""Faults the portal survives: a database connection dropped between requests.

Served by gunicorn in another process with persistent connections, as in
production, so the server really reuses (and must health-check) its connection.
"""

import os

import pytest
from django.db import connection

from tests.processes import free_port, gunicorn, http_status, wait_until


@pytest.fixture
def gunicorn_server(tmp_path):
    port = free_port()
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST']}:{settings['PORT']}"
        f"/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "DJANGO_CONN_MAX_AGE": "600",
    }
    # Production's gunicorn configuration, with one worker of one thread so the test
    # knows which process holds the connection it drops.
    bind = f"127.0.0.1:{port}"
    server = gunicorn(env, tmp_path / "gunicorn.log", bind=bind, workers=1, threads=1).start()
    base = f"http://{bind}"
    try:
        started = wait_until(lambda: http_status(base + "/kontaktvagar/") == 200, 30, interval=0.3)
        assert started, f"gunicorn did not start\n{server.tail()}"
        yield base
    finally:
        server.stop()


def _drop_other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_next_request_succeeds_after_the_connection_was_dropped(gunicorn_server):
    assert http_status(gunicorn_server + "/kontaktvagar/") == 200
    assert _drop_other_connections() >= 1, "the server should have kept its connection open"
    assert http_status(gunicorn_server + "/kontaktvagar/") == 200
    assert http_status(gunicorn_server + "/healthz") == 200
