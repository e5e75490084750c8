"""The portal's processes as production starts them, for tests that drive it from outside.

gunicorn with `config/gunicorn.py`, `celery worker`, `celery beat` and a `redis-server`
of a test's own, each in a process group of its own with its output in a log file, so
a test can stop one (SIGTERM to the group, SIGKILL after a grace period) and show the
tail of its log when something fails. Used by tests/config/test_faults.py,
tests/overenskommelse/faults/ and the deployed tier (tests/deployed/).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until(predicate: Callable[[], object], timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def http_status(url: str, timeout: float = 5) -> int | None:
    """The status of a GET (redirects followed), or None when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Process:
    """A command in a process group of its own, writing to a log file."""

    def __init__(self, name: str, command: Sequence[str], env: Mapping[str, str], log: Path):
        self.name = name
        self.command = list(command)
        self.env = dict(env)
        self.log = log
        self.popen: subprocess.Popen[bytes] | None = None

    def start(self) -> Process:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as out:
            self.popen = subprocess.Popen(
                self.command,
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, signum: int) -> None:
        if self.running:
            assert self.popen is not None
            os.killpg(self.popen.pid, signum)

    def stop(self, timeout: float = 20) -> None:
        """SIGTERM to the group (a warm shutdown for Celery), SIGKILL if it lingers."""
        if self.popen is None:
            return
        if self.popen.poll() is None:
            self.signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                self.signal(signal.SIGKILL)
                self.popen.wait(10)
        # Children left behind by a killed parent (a gunicorn worker, a pool process).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def tail(self, lines: int = 40) -> str:
        text = self.log_text().splitlines()[-lines:]
        return f"--- {self.name} ({self.log}) ---\n" + "\n".join(text)


def gunicorn(env: Mapping[str, str], log: Path, *, bind: str, workers: int, threads=None):
    """gunicorn as the Dockerfile runs it, on `bind`."""
    env = {**env, "GUNICORN_BIND": bind, "WEB_CONCURRENCY": str(workers)}
    if threads is not None:
        env["GUNICORN_THREADS"] = str(threads)
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py"]
    return Process("gunicorn", [*command, "config.wsgi:application"], env, log)


def celery_worker(env: Mapping[str, str], log: Path, *extra: str, loglevel: str = "info"):
    command = [sys.executable, "-m", "celery", "-A", "config.celery_app", "worker"]
    return Process("celery worker", [*command, f"--loglevel={loglevel}", *extra], env, log)


def celery_beat(env: Mapping[str, str], log: Path, *, launcher: Sequence[str] = ()):
    """Beat with the DatabaseScheduler (the project's CELERY_BEAT_SCHEDULER).

    `launcher` replaces `python -m celery`, e.g. to run beat with its clock moved."""
    command = list(launcher) or [sys.executable, "-m", "celery"]
    arguments = ["-A", "config.celery_app", "beat", "--loglevel=info", "--pidfile="]
    scheduler = ["--scheduler", "django_celery_beat.schedulers:DatabaseScheduler"]
    return Process("celery beat", [*command, *arguments, *scheduler], env, log)


def redis_answers(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A `redis-server` of a test's own on a fixed port, started and stopped at will.

    Nothing is written to disk: a restart comes back empty, as a Redis without
    persistence does after a crash."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.binary = shutil.which("redis-server")
        self.folder = folder
        self.port = port or free_port()
        self.process: Process | None = None

    @property
    def available(self) -> bool:
        return self.binary is not None

    def url(self, db: int = 0) -> str:
        return f"redis://{HOST}:{self.port}/{db}"

    def start(self, timeout: float = 20) -> None:
        assert self.binary, "redis-server is not installed"
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [self.binary, "--bind", HOST, "--port", str(self.port), "--save", ""]
        command += ["--appendonly", "no", "--daemonize", "no", "--dir", str(self.folder)]
        self.process = Process("redis-server", command, os.environ, self.folder / "redis.log")
        self.process.start()
        if not wait_until(lambda: redis_answers(self.port), timeout):
            raise RuntimeError(f"redis-server did not answer on {self.port}\n{self.tail()}")

    def stop(self) -> None:
        """SIGTERM, as a service manager stops it; returns once the port is closed."""
        if self.process is not None:
            self.process.stop()
        assert wait_until(lambda: not redis_answers(self.port), 10)

    def tail(self) -> str:
        return self.process.tail() if self.process else ""
