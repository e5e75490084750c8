"""Faults the portal survives: a database connection dropped between requests.

Served by gunicorn in another process with persistent connections, as in
production, so the server really reuses (and must health-check) its connection.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@pytest.fixture
def gunicorn_server():
    port = _free_port()
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
        # Production's gunicorn configuration, with one worker of one thread so the
        # test knows which process holds the connection it drops.
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while _status(base + "/kontaktvagar/") != 200:
        assert time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.3)
    yield base
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=20)


def _drop_other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_next_request_succeeds_after_the_connection_was_dropped(gunicorn_server):
    assert _status(gunicorn_server + "/kontaktvagar/") == 200
    assert _drop_other_connections() >= 1, "the server should have kept its connection open"
    assert _status(gunicorn_server + "/kontaktvagar/") == 200
    assert _status(gunicorn_server + "/healthz") == 200
