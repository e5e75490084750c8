"""Where a page's time goes: each bench URL requested in-process, timed, its queries
counted, and optionally profiled with cProfile.

    python -m tests.bench.profile build [SCALE]      # (re)build portal_prof<SCALE>
    python -m tests.bench.profile [SCALE] [LABEL…]   # time and count each page
    PROFILE=1 python -m tests.bench.profile 1 "start page"   # and cProfile five requests
    (PROFILE_SORT=cumtime, PROFILE_LINES=60, PROFILE_SQL=1 prints the first request's SQL)

Production settings, in one process, through Django's test client: no network and no
gunicorn, so the figures are the page's own cost. Needs DATABASE_URL (a server) and
REDIS_URL; `tests/services.py run --` provides both. The plan (URLs and the staff
session) is kept in var/bench/profile<SCALE>.json by `build`.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "var" / "bench"
REQUESTS = int(os.environ.get("PROFILE_REQUESTS", "10"))


def _with_db(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def _env(scale: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": _with_db(os.environ["DATABASE_URL"], f"portal_prof{scale}"),
        "REDIS_URL": _with_db(os.environ["REDIS_URL"], "13"),
        "DJANGO_SECRET_KEY": "profile-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "PORTAL_BASE_URL": "http://testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(OUT / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "BENCH_SCALE": str(scale),
        "PORTAL_BENCH_BASELINE": "true",
    }


def build(scale: int) -> None:
    import psycopg

    env = _env(scale)
    server = _with_db(os.environ["DATABASE_URL"], "postgres")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS portal_prof{scale} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE portal_prof{scale}")
    for args in (
        ["manage.py", "migrate", "--noinput", "-v", "0"],
        ["manage.py", "collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run([sys.executable, *args], cwd=REPO, env=env, check=True)
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "tests.bench.dataset"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"profile{scale}.json").write_text(out.strip().splitlines()[-1])
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"built portal_prof{scale} in {time.monotonic() - started:.0f} s")


def measure(scale: int, labels: list[str]) -> None:
    os.environ.update(_env(scale))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    plan = json.loads((OUT / f"profile{scale}.json").read_text())
    profile = bool(os.environ.get("PROFILE"))
    print(
        f"{'page':<32}{'first ms':>10}{'median ms':>11}{'cpu ms':>8}{'queries':>9}{'bytes':>9}"
    )
    for label, path, staff in plan["urls"]:
        if labels and label not in labels:
            continue
        client = Client()
        if staff:
            client.cookies["sessionid"] = plan["session"]
        times, cpu = [], []
        for n in range(REQUESTS):
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                body = b"".join(response) if response.streaming else response.content
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            if response.status_code != 200:
                raise SystemExit(
                    f"{label}: {path} answered {response.status_code} {response.get('Location')}"
                )
            if n == 0:
                first_queries = queries.captured_queries
        print(
            f"{label:<32}{times[0]:>10.1f}{statistics.median(times[1:] or times):>11.1f}"
            f"{statistics.median(cpu[1:] or cpu):>8.1f}"
            f"{len(first_queries):>9d}{len(body):>9d}"
        )
        if os.environ.get("PROFILE_SQL"):
            for q in first_queries:
                print(f"    {q['time']}  {q['sql'][:300]}")
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(5):
                response = client.get(path)
                if response.streaming:
                    b"".join(response)
            profiler.disable()
            stats = pstats.Stats(profiler).strip_dirs()
            stats.sort_stats(os.environ.get("PROFILE_SORT", "tottime")).print_stats(
                int(os.environ.get("PROFILE_LINES", "30"))
            )


def main(argv: list[str]) -> int:
    if argv and argv[0] == "build":
        build(int(argv[1]) if len(argv) > 1 else 1)
        return 0
    scale = int(argv[0]) if argv and argv[0].isdigit() else 1
    labels = argv[1:] if argv and argv[0].isdigit() else argv
    measure(scale, labels)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
