"""Where a page's time goes: each bench URL requested in-process, timed, its queries
counted, and optionally profiled with cProfile.

    python -m tests.bench.profile build [SCALE]      # (re)build portal_prof<SCALE>
    python -m tests.bench.profile [SCALE] [LABEL…]   # time and count each page
    PROFILE=1 python -m tests.bench.profile 1 "start page"   # and cProfile five requests
    (PROFILE_SORT=cumtime, PROFILE_LINES=60, PROFILE_SQL=1 prints the first request's SQL)
    --database NAME (before the rest) uses another database than portal_prof<SCALE>,
    --redis-db N another Redis database than 13, --json prints the rows as one JSON line
    (`make bench` measures its growth column so, in its own databases).

Production settings, in one process, through Django's test client: no network and no
gunicorn, so the figures are the page's own cost. Needs DATABASE_URL (a server) and
REDIS_URL, e.g. `postgres://postgres@127.0.0.1:5432/postgres` and
`redis://127.0.0.1:6379/15`. The plan (URLs and the staff session) is kept in
var/bench/profile<SCALE>.json (or <database>.json) by `build`.
The first URL of the plan is the bare baseline view: it takes the process's own
warm-up, so each page's first request is that page's cold cost.
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
REDIS_DB = 13
# Sessions are signed with it: `make bench` serves with the same key, so the growth
# column can measure in the bench's database with the sessions made there.
SECRET_KEY = "profile-only-" + "x" * 50


def _with_db(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def database_name(scale: int, database: str | None = None) -> str:
    return database or f"portal_prof{scale}"


def plan_path(scale: int, database: str | None = None) -> Path:
    return OUT / (f"{database}.json" if database else f"profile{scale}.json")


def _env(scale: int, database: str | None = None, redis_db: int = REDIS_DB) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": _with_db(os.environ["DATABASE_URL"], database_name(scale, database)),
        "REDIS_URL": _with_db(os.environ["REDIS_URL"], str(redis_db)),
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "PORTAL_BASE_URL": "http://testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(OUT / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "BENCH_SCALE": str(scale),
        "PORTAL_BENCH_BASELINE": "true",
    }


def build(scale: int, database: str | None = None, redis_db: int = REDIS_DB) -> None:
    import psycopg

    env = _env(scale, database, redis_db)
    name = database_name(scale, database)
    server = _with_db(os.environ["DATABASE_URL"], "postgres")
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
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
    plan_path(scale, database).write_text(out.strip().splitlines()[-1])
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"built {name} in {time.monotonic() - started:.0f} s", flush=True)


def measure(
    scale: int,
    labels: list[str],
    database: str | None = None,
    redis_db: int = REDIS_DB,
    show: bool = True,
) -> list[dict]:
    """Each page of the plan (or those in `labels`) requested REQUESTS times in this
    process: one row per page with the first request's time and queries, the median
    of the others and the body's size. Sets Django up, so once per process."""
    os.environ.update(_env(scale, database, redis_db))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    plan = json.loads(plan_path(scale, database).read_text())
    profile = bool(os.environ.get("PROFILE"))
    if show:
        print(
            f"{'page':<32}{'first ms':>10}{'median ms':>11}{'cpu ms':>8}{'queries':>9}{'bytes':>9}"
        )
    rows = []
    for label, path, staff, *_ in plan["urls"]:
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
        row = {
            "label": label,
            "path": path,
            "first_ms": round(times[0], 1),
            "median_ms": round(statistics.median(times[1:] or times), 1),
            "cpu_ms": round(statistics.median(cpu[1:] or cpu), 1),
            "queries": len(first_queries),
            "bytes": len(body),
        }
        rows.append(row)
        if show:
            print(
                f"{label:<32}{row['first_ms']:>10.1f}{row['median_ms']:>11.1f}"
                f"{row['cpu_ms']:>8.1f}{row['queries']:>9d}{row['bytes']:>9d}"
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
    return rows


def main(argv: list[str]) -> int:
    options = {"--database": None, "--redis-db": str(REDIS_DB), "--json": False}
    while argv and argv[0] in options:
        if argv[0] == "--json":
            options["--json"], argv = True, argv[1:]
        else:
            options[argv[0]], argv = argv[1], argv[2:]
    database, redis_db = options["--database"], int(options["--redis-db"])
    if argv and argv[0] == "build":
        build(int(argv[1]) if len(argv) > 1 else 1, database, redis_db)
        return 0
    scale = int(argv[0]) if argv and argv[0].isdigit() else 1
    labels = argv[1:] if argv and argv[0].isdigit() else argv
    rows = measure(scale, labels, database, redis_db, show=not options["--json"])
    if options["--json"]:
        sys.stdout.write(json.dumps(rows) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
