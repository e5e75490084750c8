"""What the suite needs when mutmut runs it (`make mutation`); inert otherwise.

mutmut 3 runs pytest several times inside its own process (statistics, the clean run,
the forced failure) and then forks one child per mutant, MUTATION_JOBS of them at a
time. Its pyproject.toml settings load this plugin (`-p tests.mutation_plugin`) with
`--reuse-db`; mutmut sets MUTANT_UNDER_TEST in every one of those runs.

- A session takes a free slot, by a lock that ends with its process: a test database
  (`<PORTAL_TEST_DB_NAME>_mutation<slot>`, kept from session to session as `--reuse-db`
  keeps it) and a files folder of its own, so children running at once share neither
  rows nor uploads, and a child never deletes another's files.
- Every session imports the test modules afresh. pytest reuses a module it finds in
  sys.modules, so module-level test data (an uploaded file that the first session
  read to its end, say) would reach the next session, and every forked child, used up.
- Every session ends by closing its database connections. A forked child inherits the
  parent's sockets: a connection left open would be one PostgreSQL session used by two
  processes, which corrupts it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from pathlib import Path

import pytest

ACTIVE = bool(os.environ.get("MUTANT_UNDER_TEST"))
BASE_DB_NAME = os.environ.get("PORTAL_TEST_DB_NAME", "test_portal")
SLOT_DB_FORMAT = BASE_DB_NAME + "_mutation{slot}"

_session: dict[str, object] = {}


def _take_slot(folder: Path) -> tuple[int, int]:
    """The first slot whose lock is free; the lock is held until released or the process ends."""
    folder.mkdir(parents=True, exist_ok=True)
    slot = 0
    while True:
        fd = os.open(folder / f"slot{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            slot += 1
            continue
        return slot, fd


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    if not ACTIVE:
        return
    from django.conf import settings
    from django.db import connections
    from django.test.utils import override_settings

    for name in [n for n in sys.modules if n.startswith("tests.")]:
        if name.rpartition(".")[2].startswith("test_"):
            del sys.modules[name]
    slot, fd = _take_slot(Path(settings.BASE_DIR) / "var" / "mutation-slots")
    # The same dict as settings.DATABASES["default"]; pytest-django reads it when it
    # sets up the database, after this hook.
    connections["default"].settings_dict["TEST"]["NAME"] = SLOT_DB_FORMAT.format(slot=slot)
    files = Path(str(settings.TEST_FILES).rstrip("/") + f"-mutation{slot}")
    (files / "static").mkdir(parents=True, exist_ok=True)
    override = override_settings(
        TEST_FILES=files,
        STORAGES={
            **settings.STORAGES,
            "default": {
                **settings.STORAGES["default"],
                "OPTIONS": {"location": str(files / "media")},
            },
        },
        PORTAL_MAILBOX_DIR=files / "mail",
        STATIC_ROOT=files / "static",
    )
    override.enable()
    _session.update(fd=fd, override=override)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if not ACTIVE:
        return
    from django.db import connections

    connections.close_all()
    with contextlib.suppress(ImportError):
        from kombu import pools

        from config.celery_app import app

        pools.reset()
        # The app keeps the producer pool it was given; reset() has closed it, and the
        # next session's first task (even an eager one) would acquire from it.
        app._pool = None
        app.amqp._producer_pool = None
    override = _session.pop("override", None)
    if override is not None:
        override.disable()
    fd = _session.pop("fd", None)
    if fd is not None:
        os.close(fd)  # releases the slot
