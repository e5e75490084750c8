"""Serve the portal with its worker and beat; Ctrl-C (or SIGTERM) stops all three.

Each child runs in its own process group so one signal reaches it and everything
it started (runserver's autoreloader child, celery's pool). If one child dies the
others are stopped too, so `make run` never leaves half a portal running.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run web (runserver), the Celery worker and beat together."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        bin_dir = os.path.dirname(sys.executable)
        celery = os.path.join(bin_dir, "celery")
        commands = {
            "web": [sys.executable, "manage.py", "runserver", addrport],
            "worker": [celery, "-A", "config", "worker", "--pool=solo", "--loglevel=info"],
            "beat": [celery, "-A", "config", "beat", "--loglevel=info"],
        }
        children = {
            name: subprocess.Popen(cmd, start_new_session=True) for name, cmd in commands.items()
        }
        stopping = False

        def stop(*_args) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(c.poll() is None for c in children.values()):
                time.sleep(0.5)
        finally:
            self._stop_all(children)
        for name, child in children.items():
            if child.returncode not in (0, -signal.SIGTERM, -signal.SIGINT) and not stopping:
                self.stderr.write(f"{name} exited with {child.returncode}")

    @staticmethod
    def _stop_all(children: dict[str, subprocess.Popen], grace: float = 10.0) -> None:
        for child in children.values():
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
