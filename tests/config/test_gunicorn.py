"""config/gunicorn.py, which production (Dockerfile, docker-compose) and `make bench`
serve the portal with. The fault tests in test_faults.py run a real server with it."""

import gc
import runpy
from pathlib import Path

import pytest
from gunicorn.config import Config

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"
SETTINGS = ("bind", "workers", "worker_class", "threads", "reuse_port", "accesslog", "loglevel")


def _load(monkeypatch, **env: str) -> dict:
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_BIND", "GUNICORN_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_each_worker_listens_on_its_own_socket_with_threads(monkeypatch):
    values = _load(monkeypatch)
    # gunicorn accepts every value as it would from the file
    config = Config()
    for name in SETTINGS:
        config.set(name, values[name])
    assert config.reuse_port is True
    assert config.worker_class_str == "gthread"
    assert config.threads == 4
    assert config.workers >= 1
    assert config.address == [("0.0.0.0", 8000)]
    assert values["accesslog"] == "-"


def test_the_environment_sets_workers_threads_bind_and_silences_the_access_log(monkeypatch):
    values = _load(
        monkeypatch,
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="2",
        GUNICORN_BIND="127.0.0.1:9123",
        GUNICORN_ACCESS_LOG="",
    )
    assert (values["workers"], values["threads"], values["bind"]) == (3, 2, "127.0.0.1:9123")
    assert values["accesslog"] is None


@pytest.fixture
def _unfrozen():
    yield
    gc.unfreeze()


def test_a_loaded_worker_freezes_what_it_made_at_start_up(monkeypatch, _unfrozen):
    values = _load(monkeypatch)
    gc.unfreeze()
    values["post_worker_init"](worker=None)
    assert gc.get_freeze_count() > 0


def test_workers_follow_the_cores_this_process_may_use(monkeypatch):
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    assert _load(monkeypatch)["workers"] == 3
