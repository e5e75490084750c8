"""PostgreSQL and Redis for the suite, from pytest-postgresql and pytest-redis.

Each service, in this order:

1. DATABASE_URL / REDIS_URL from the environment, used as they are;
2. the server answering on 127.0.0.1:5432 / 127.0.0.1:6379 (the plugins' noproc
   fixtures);
3. a throwaway server on a free port, started before the first test and stopped after
   the last by the plugins' proc fixtures: pg_ctl from Debian's
   /usr/lib/postgresql/<version>/bin (else wherever pytest-postgresql finds one),
   redis-server from PATH.

The server found or started is written into Django's settings before pytest-django
creates the test database on it (`django_db_modify_db_settings`), and into
DATABASE_URL / REDIS_URL for the processes that tests start (gunicorn, celery,
manage.py). With CI=true a service that can be neither found nor started ends the
run with a message (pytest.exit); elsewhere a missing PostgreSQL ends it too, and a
missing Redis skips the tests that need one.

PORTAL_PG_PROBE_PORT / PORTAL_REDIS_PROBE_PORT change the probed ports, e.g. to 1 and
2 to try the throwaway path on a machine where both services run.
"""

from __future__ import annotations

import glob
import os
import socket
import warnings
from urllib.parse import urlsplit

import pytest
from pytest_postgresql import factories as pg_factories
from pytest_redis import factories as redis_factories

IN_CI = os.environ.get("CI", "").lower() == "true"
HOST = "127.0.0.1"
PG_PROBE_PORT = int(os.environ.get("PORTAL_PG_PROBE_PORT") or 5432)
REDIS_PROBE_PORT = int(os.environ.get("PORTAL_REDIS_PROBE_PORT") or 6379)
# The plugins claim a server with a template database of their own (`<name>_tmpl`,
# dropped at the end); named after the suite's database, so that two suites running
# at once (PORTAL_TEST_DB_NAME) do not share it.
CLAIM_DB = os.environ.get("PORTAL_TEST_DB_NAME", "test_portal")
REDIS_DB = 15


def pytest_configure(config: pytest.Config) -> None:
    """pg_ctl: --postgresql-exec if given, else Debian's newest, else the plugin looks."""
    debian = glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")
    if debian and not config.option.postgresql_exec:
        config.option.postgresql_exec = max(debian, key=lambda path: int(path.split("/")[4]))


postgresql_running = pg_factories.postgresql_noproc(host=HOST, port=PG_PROBE_PORT, dbname=CLAIM_DB)
postgresql_throwaway = pg_factories.postgresql_proc(
    host=HOST,
    port=None,  # a free one
    dbname=CLAIM_DB,
    # A throwaway cluster: speed over durability.
    postgres_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
)
redis_running = redis_factories.redis_noproc(host=HOST, port=REDIS_PROBE_PORT)
# 16 databases, as a stock redis-server has, so that REDIS_DB exists.
redis_throwaway = redis_factories.redis_proc(host=HOST, port=None, db_count=16)


def _answers(host: str | None, port: int) -> bool:
    try:
        with socket.create_connection((host or HOST, port), timeout=2):
            return True
    except OSError:
        return False


def _url_answers(url: str, default_port: int) -> bool:
    """A TCP connect to the URL's host; True for a URL without one (a local socket)."""
    parts = urlsplit(url)
    return not parts.hostname or _answers(parts.hostname, parts.port or default_port)


def _missing(message: str) -> None:
    """Ends the run in CI; elsewhere the tests that need the service skip (tests/conftest.py)."""
    if IN_CI:
        pytest.exit(f"CI=true: {message}", returncode=3)
    warnings.warn(f"{message}; the tests that need it are skipped", stacklevel=2)


def _say(request: pytest.FixtureRequest, message: str) -> None:
    """A line on the terminal, past the capture that a fixture's output is under."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"servers: {message}")


def _postgres(request: pytest.FixtureRequest):
    if _answers(HOST, PG_PROBE_PORT):
        _say(request, f"PostgreSQL at {HOST}:{PG_PROBE_PORT} (running)")
        return request.getfixturevalue("postgresql_running")
    try:
        postgres = request.getfixturevalue("postgresql_throwaway")
        _say(request, f"PostgreSQL throwaway on {HOST}:{postgres.port} ({postgres.datadir})")
        return postgres
    except Exception as error:  # what pg_ctl, initdb or the plugin's discovery said
        hint = ""
        if os.geteuid() == 0:
            hint = (
                "; PostgreSQL refuses to run as root, so pytest-postgresql cannot start "
                "one here: start the machine's server (pg_ctlcluster), set DATABASE_URL "
                "or run the suite as another user"
            )
        # Without a database nothing runs: this ends the run in CI and elsewhere.
        pytest.exit(
            f"no PostgreSQL answers on {HOST}:{PG_PROBE_PORT} and pytest-postgresql "
            f"could not start one: {type(error).__name__}: {error}{hint}",
            returncode=3,
        )


def _redis(request: pytest.FixtureRequest):
    if _answers(HOST, REDIS_PROBE_PORT):
        _say(request, f"Redis at {HOST}:{REDIS_PROBE_PORT} (running)")
        return request.getfixturevalue("redis_running")
    try:
        redis = request.getfixturevalue("redis_throwaway")
        _say(request, f"Redis throwaway on {HOST}:{redis.port} (pytest-redis)")
        return redis
    except Exception as error:  # redis-server missing or not starting
        _missing(
            f"no Redis answers on {HOST}:{REDIS_PROBE_PORT} and pytest-redis could not "
            f"start one: {type(error).__name__}: {error}"
        )
        return None


@pytest.fixture(scope="session", autouse=True)
def test_servers(request: pytest.FixtureRequest):
    """Finds or starts both servers before the first test and points the suite at them."""
    from django.conf import settings
    from django.test.utils import override_settings

    from config.celery_app import app

    exported: dict[str, str] = {}
    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        if not _url_answers(database_url, 5432):
            pytest.exit("PostgreSQL at DATABASE_URL does not answer", returncode=3)
        _say(request, "PostgreSQL from DATABASE_URL")
    else:
        postgres = _postgres(request)
        # The same dict as connections["default"].settings_dict, which pytest-django
        # reads when it creates the test database.
        settings.DATABASES["default"].update(
            HOST=postgres.host,
            PORT=postgres.port,
            USER=postgres.user,
            PASSWORD=postgres.password or "",
            NAME="postgres",
        )
        exported["DATABASE_URL"] = (
            f"postgres://{postgres.user}@{postgres.host}:{postgres.port}/postgres"
        )

    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        if not _url_answers(redis_url, 6379):
            _missing("Redis at REDIS_URL does not answer")
        _say(request, "Redis from REDIS_URL")
    else:
        redis = _redis(request)
        redis_url = f"redis://{redis.host}:{redis.port}/{REDIS_DB}" if redis else settings.REDIS_URL
        exported["REDIS_URL"] = redis_url

    override = override_settings(
        REDIS_URL=redis_url, CELERY_BROKER_URL=redis_url, CELERY_RESULT_BACKEND=redis_url
    )
    override.enable()
    app.conf.update(broker_url=redis_url, result_backend=redis_url)
    saved = {name: os.environ.get(name) for name in exported}
    os.environ.update(exported)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    override.disable()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, test_servers):
    """pytest-django creates the test database on the server test_servers chose."""
