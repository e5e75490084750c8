"""`make run`'s default setup: SQLite and the file-system broker, no servers needed.

Starts `manage.py run_portal` as `make run` does, checks the portal answers, that
mail enqueued by the application is delivered by the real worker through the
embedded broker, and that one Ctrl-C stops web, worker and beat together.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def _get(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except OSError:
        return None


@pytest.fixture
def local_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PORTAL_MAILBOX_DIR=str(tmp_path / "mail"),
        PYTHONUNBUFFERED="1",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
        timeout=180,
    )
    return env


def _children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def test_web_worker_and_beat_run_and_stop_together(local_env, tmp_path):
    port = _free_port()
    portal = subprocess.Popen(
        [sys.executable, "manage.py", "run_portal", "--addrport", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=local_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(lambda: _get(f"http://127.0.0.1:{port}/healthz") == 200), "no web"
        children = _children_of(portal.pid)
        assert len(children) == 3

        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from overenskommelse.platform.services.mail import mail_enqueue;"
                "mail_enqueue(to=['x@example.se'], subject='Inbäddad broker', body_text='Hej')",
            ],
            cwd=REPO,
            env=local_env,
            check=True,
            timeout=60,
        )
        mailbox = tmp_path / "mail"
        assert _wait_for(lambda: any(mailbox.glob("*.eml")), timeout=60), "worker sent nothing"
        stored = message_from_bytes(next(mailbox.glob("*.eml")).read_bytes(), policy=default)
        assert stored["Subject"] == "Inbäddad broker"
        assert stored["To"] == "x@example.se"
    finally:
        portal.send_signal(signal.SIGINT)
        portal.wait(timeout=30)
    assert _wait_for(lambda: all(not Path(f"/proc/{pid}").exists() for pid in children), 15)
