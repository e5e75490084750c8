"""The fixed cast of users, the browser, and the CI rule: no service may be skipped.

With CI=true a missing PostgreSQL, Redis or Chromium fails the run with a clear
message; on a developer's machine a missing Chromium skips the browser tests.
"""

import os
import shutil
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from overenskommelse.accounts.models import Role, RoleAssignment
from tests import cast
from tests.factories import (
    MunicipalBodyFactory,
    user_with_role,
)

# PostgreSQL and Redis: found, or started by pytest-postgresql and pytest-redis.
pytest_plugins = ["tests.servers"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "var" / "test-artifacts"


def missing_service(what: str) -> None:
    """Fail in CI, skip elsewhere."""
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true) and is not available", pytrace=False)
    pytest.skip(f"{what} is not available")


def _answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        pytest.exit("The test suite runs on PostgreSQL only (set DATABASE_URL)", returncode=3)


def pytest_sessionfinish(session, exitstatus):
    """Remove the uploads, mailbox and static files the run wrote (config/settings/test.py)."""
    from django.conf import settings

    shutil.rmtree(settings.TEST_FILES, ignore_errors=True)


# The cast --------------------------------------------------------------------


@pytest.fixture
def organisation_a(db):
    return cast.organisation_create("organisation_a")


@pytest.fixture
def organisation_b(db):
    return cast.organisation_create("organisation_b")


@pytest.fixture
def rep_a(organisation_a):
    return cast.representative_create(organisation_a)


@pytest.fixture
def rep_b(organisation_b):
    return cast.representative_create(organisation_b)


@pytest.fixture
def handlaggare(db):
    return cast.staff_create("handlaggare")


@pytest.fixture
def handlaggare_b(db):
    """A second handläggare: kommunkontoret's rights go with the role, not the person."""
    return user_with_role(Role.HANDLAGGARE, email="handlaggare.b@example.se")


@pytest.fixture
def forvaltningskontakt(db):
    return cast.staff_create("forvaltningskontakt")


@pytest.fixture
def forvaltning(forvaltningskontakt):
    """The förvaltning the cast's förvaltningskontakt is a contact of."""
    return RoleAssignment.objects.get(user=forvaltningskontakt).municipal_body


@pytest.fixture
def forvaltning_b(db):
    return MunicipalBodyFactory(name="Förvaltning B")


@pytest.fixture
def forvaltningskontakt_b(forvaltning_b):
    """The contact of a second förvaltning: refused what only the first one's contact may do."""
    return user_with_role(
        Role.FORVALTNINGSKONTAKT, email="kontakt.b@example.se", municipal_body=forvaltning_b
    )


@pytest.fixture
def samverkansgruppen_member(db):
    return cast.staff_create("samverkansgruppen_member")


@pytest.fixture
def admin_user(db):
    return cast.admin_user_create()


@pytest.fixture
def no_staff_mfa(settings):
    """Staff may browse without TOTP, as the local demo does."""
    settings.PORTAL_REQUIRE_STAFF_MFA = False


# The browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        missing_service(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, request):
    """A fresh browser context in Swedish, with the portal's CSP in force."""
    context = chromium.new_context(locale="sv-SE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    # A CSP violation or a missing static file shows up here.
    assert console_errors == [], f"browser console errors: {console_errors}"


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) in the page and return its violations."""
    if not AXE.exists():
        missing_service("axe-core (npm install)")
    # Evaluated through the DevTools protocol, so the page's CSP does not block it.
    page.evaluate(AXE.read_text())
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}))
              .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     nodes: v.nodes.map(n => n.target.join(' '))}))"""
    )


@pytest.fixture
def redis_worker(settings):
    """A worker thread consuming from Redis: tasks are really sent, not run eagerly."""
    import celery.contrib.testing.tasks  # noqa: F401  (start_worker's ping needs it)
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from config.celery_app import app

    if not _answers(settings.REDIS_URL):
        missing_service(f"Redis at {settings.REDIS_URL}")
    app.conf.update(
        task_always_eager=False,
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
        broker_transport_options={},
    )
    # The worker thread opens its own database connection; close it after each
    # task so the test database can be dropped at the end of the session.
    task_postrun.connect(_close_db_connection)
    try:
        with start_worker(app, pool="solo", perform_ping_check=True, shutdown_timeout=20):
            yield app
    finally:
        task_postrun.disconnect(_close_db_connection)
        app.conf.update(task_always_eager=True)


def _close_db_connection(**_kwargs) -> None:
    from django import db

    db.connection.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: no page rendered for an earlier test's
    rows (which the rollback removed without any signal) is served."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def _end_stray_connections(django_db_setup, django_db_blocker):
    """live_server's request threads are daemons and may keep a connection open past
    the last test; end those sessions so the test database can be dropped."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.connection is not None and not connection.is_usable():  # ended outside
            connection.close()
        cursor = connection.cursor()
    with django_db_blocker.unblock(), cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def response_bytes(response) -> bytes:
    """The body of a response, also of one that streams (a stored file is served as a
    FileResponse)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF, read back with poppler's pdftotext (layout kept)."""
    import subprocess

    if not shutil.which("pdftotext"):
        missing_service("pdftotext (Debian package poppler-utils)")
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")
