"""The deployed tier: the portal started the way a municipality runs it, once per run.

`config.settings.production` with a fresh PostgreSQL database of its own, a
`redis-server` of its own (so a test can stop it), gunicorn with `config/gunicorn.py`
(two workers), a real Celery worker and beat (DatabaseScheduler, the project's
schedule), staff MFA on, and an SMTP server in the test process that receives the mail
the worker sends. The database gets `migrate`, `load_demo` and the tier's scenario
(tests/deployed/scenario.py). The tests drive it only from outside: HTTP, Chromium,
SQL reads, signals to its processes.

When a test of the tier fails, the tails of every process's log are added to its
report. With CI=true a missing service (PostgreSQL, redis-server) fails the run.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings

from tests.conftest import missing_service
from tests.deployed.smtp import SmtpSink
from tests.processes import (
    REPO,
    Process,
    RedisServer,
    celery_beat,
    celery_worker,
    free_port,
    gunicorn,
    http_status,
    wait_until,
)

START_TIMEOUT = 90


@dataclass
class Deployment:
    url: str
    env: dict[str, str]
    folder: Path
    dsn: str
    redis: RedisServer
    smtp: SmtpSink
    web: Process
    worker: Process
    beat: Process
    scenario: dict = field(default_factory=dict)

    python: str = sys.executable

    # From outside -----------------------------------------------------------

    def sql(self, query: str, params: Sequence = ()) -> list[tuple]:
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def manage(self, *args: str, timeout: float = 300) -> str:
        """`manage.py <args>` in the deployment's environment; returns its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
            )
        return result.stdout

    def restart_beat(self, launcher: Sequence[str] = ()) -> Process:
        """Stop beat (it writes its run times on the way out) and start it again."""
        self.beat.stop()
        self.beat = celery_beat(self.env, self.folder / "logs" / "beat.log", launcher=launcher)
        return self.beat.start()

    def processes(self) -> list[Process]:
        return [p for p in (self.web, self.worker, self.beat, self.redis.process) if p]

    def tails(self, lines: int = 40) -> str:
        return "\n\n".join(p.tail(lines) for p in self.processes())

    def healthy(self) -> bool:
        return http_status(self.url + "/healthz", timeout=3) == 200


def _database(name: str) -> tuple[str, str]:
    """A fresh database beside the suite's own; returns (its DATABASE_URL, admin DSN)."""
    db = django_settings.DATABASES["default"]
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    server = f"{user}{password}@{host}:{port}"
    admin = f"postgresql://{server}/{db['NAME'] or 'postgres'}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        missing_service(f"PostgreSQL at {host}:{port} ({error})")
    return f"postgres://{server}/{name}", admin


def _drop_database(admin: str, name: str) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(command: list[str], env: dict[str, str], log: Path, timeout: float) -> None:
    with open(log, "ab") as out:
        result = subprocess.run(
            command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout
        )
    if result.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{tail}")


@pytest.fixture(scope="session")
def deployed():
    folder = Path(django_settings.TEST_FILES) / "deployed"
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    redis = RedisServer(folder / "redis")
    if not redis.available:
        missing_service("redis-server (Debian package redis-server)")
    db_name = f"{django_settings.DATABASES['default']['TEST']['NAME']}_deployed"
    database_url, admin_dsn = _database(db_name)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with SmtpSink() as smtp:
        redis.start()
        env = {
            **_clean_environment(),
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis.url(0),
            "PORTAL_BASE_URL": url,
            # Plain http on the loopback: no proxy in front to speak TLS.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "PORTAL_REQUIRE_STAFF_MFA": "true",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "DJANGO_STATIC_ROOT": str(folder / "static"),
            "PORTAL_PROTECTED_MEDIA_ROOT": str(folder / "protected"),
            "PORTAL_MAILBOX_DIR": str(folder / "mail"),
            "PYTHONUNBUFFERED": "1",
        }
        manage = [sys.executable, "manage.py"]
        # collectstatic (the manifest storage needs it) alongside the migrations.
        static = subprocess.Popen(
            [*manage, "collectstatic", "--noinput", "-v", "0"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deployment = Deployment(
            url=url,
            env=env,
            folder=folder,
            dsn=database_url.replace("postgres://", "postgresql://", 1),
            redis=redis,
            smtp=smtp,
            web=gunicorn(env, logs / "gunicorn.log", bind=f"127.0.0.1:{port}", workers=2),
            worker=celery_worker(env, logs / "worker.log"),
            beat=celery_beat(env, logs / "beat.log"),
        )
        try:
            _run([*manage, "migrate", "--noinput", "-v", "0"], env, logs / "setup.log", 300)
            _run([*manage, "load_demo", "--force"], env, logs / "setup.log", 300)
            _, errors = static.communicate(timeout=120)
            assert static.returncode == 0, f"collectstatic failed:\n{errors.decode()[-3000:]}"
            deployment.web.start()
            deployment.worker.start()
            deployment.beat.start()
            # While they boot: what the tests need beyond the demo data.
            scenario = deployment.manage(
                "shell", "-c", "from tests.deployed.scenario import scenario_load; scenario_load()"
            )
            deployment.scenario = json.loads(scenario.strip().splitlines()[-1])
            if not wait_until(deployment.healthy, START_TIMEOUT, interval=0.5):
                raise RuntimeError(f"/healthz never answered 200\n\n{deployment.tails()}")
            yield deployment
        finally:
            if static.poll() is None:
                static.kill()
            for process in (deployment.beat, deployment.worker, deployment.web):
                process.stop()
            if redis.process is not None and redis.process.running:
                redis.stop()
            _drop_database(admin_dsn, db_name)


def _clean_environment() -> dict[str, str]:
    """The test run's environment without the suite's own Django and service settings."""
    import os

    dropped = ("DJANGO_", "PORTAL_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_")
    return {k: v for k, v in os.environ.items() if not k.startswith(dropped)}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    deployment = item.funcargs.get("deployed") if hasattr(item, "funcargs") else None
    if report.failed and isinstance(deployment, Deployment):
        report.sections.append(("deployed portal: log tails", deployment.tails()))
    return report
