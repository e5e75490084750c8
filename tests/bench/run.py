"""`make bench`: the portal under load, measured against a bare baseline view.

Builds the bench database, serves the portal with gunicorn (config/gunicorn.py, as
in production) and production settings on 127.0.0.1, drives each URL with wrk at
concurrency 8 for a fixed time in several rounds, each page right after a run of the
baseline, and prints one table of medians over the rounds (requests/s, p50/p95/p99,
errors, and the ratio to the baseline run just before).
Results also go to var/bench/<time>.json. Needs DATABASE_URL (a PostgreSQL server)
and REDIS_URL, which `make bench` provides via tests/services.py.
"""

import contextlib
import json
import os
import platform
import runpy
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlparse, urlunparse

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "var" / "bench"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
CONCURRENCY = 8
WARM_UP_SECONDS = 3  # before a URL's first round; 1 s before the others
BENCH_DB = "portal_bench"
BENCH_REDIS_DB = 14


def _with_db(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{name}"))


def _recreate_database(server_url: str) -> None:
    import psycopg

    with psycopg.connect(_with_db(server_url, "postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")


def _settle(database_url: str) -> None:
    """Analyse the freshly loaded tables and write them out now, as a database in use
    would be, so autovacuum and a checkpoint do not run during the first measurements."""
    import psycopg

    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as conn:
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):  # not superuser
            conn.execute("CHECKPOINT")


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"bench: {' '.join(args)} failed")
    return result.stdout


def _wrk(url: str, cookie: str | None) -> dict:
    cmd = [
        "wrk",
        "-t2",
        f"-c{CONCURRENCY}",
        f"-d{SECONDS}s",
        "--timeout",
        "10s",
        "-s",
        str(REPO / "tests" / "bench" / "report.lua"),
    ]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _warm_up(url: str, cookie: str | None, seconds: int) -> None:
    """Requests at full concurrency, not counted: every thread of every worker has
    served the URL (and its page is cached) before it is measured."""
    subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONCURRENCY}",
            f"-d{seconds}s",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            url,
        ],
        capture_output=True,
        check=False,
    )


def _browser_cookies(base: str, path: str, session: str) -> str:
    """The Cookie header of a logged-in browser: the session and the CSRF cookie the
    first page gave it. Without the latter every request would make a new CSRF secret
    and set the cookie again, work no browser causes after its first page."""
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or ():
            cookies.load(header)
    if "csrftoken" not in cookies:
        raise SystemExit(f"bench: {path} set no CSRF cookie for the staff session")
    return f"sessionid={session}; csrftoken={cookies['csrftoken'].value}"


def _median_of(runs: list[dict]) -> dict:
    return {
        "rps": statistics.median(r["rps"] for r in runs),
        "p50_ms": statistics.median(r["p50_ms"] for r in runs),
        "p95_ms": statistics.median(r["p95_ms"] for r in runs),
        "p99_ms": statistics.median(r["p99_ms"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "requests": sum(r["requests"] for r in runs),
        "rounds": runs,
    }


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: `make bench` installs Debian's wrk", file=sys.stderr)
        return 2
    server_url = os.environ["DATABASE_URL"]
    _recreate_database(server_url)
    # A Redis database of the bench's own for cache and queue: the sweep's hand-over
    # to the worker must not land in a queue a development worker reads.
    redis_url = _with_db(os.environ["REDIS_URL"], str(BENCH_REDIS_DB))
    _flush_redis(redis_url)
    OUT.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": _with_db(server_url, BENCH_DB),
        "REDIS_URL": redis_url,
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_ROOT": str(OUT / "static"),
        "PORTAL_BENCH_BASELINE": "true",
        "DJANGO_LOG_LEVEL": "WARNING",
        # Served as production serves it (config/gunicorn.py), on this machine's cores.
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    print("bench: migrating and building the dataset …", flush=True)
    _manage(env, "manage.py", "migrate", "--noinput", "-v", "0")
    _manage(env, "manage.py", "collectstatic", "--noinput", "-v", "0")
    plan = json.loads(_manage(env, "-m", "tests.bench.dataset").strip().splitlines()[-1])
    _settle(env["DATABASE_URL"])

    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "config/gunicorn.py",
            "config.wsgi:application",
        ],
        cwd=REPO,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/bench/baseline/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        # The machine's speed drifts (2 shared cores, wrk on them too), so each
        # page is measured right after a baseline run: the page's ratio is the median
        # over the rounds of page/baseline in those pairs, and its req/s the median
        # of its runs. The baseline's row is the median of all its runs.
        staff_paths = [path for _, path, staff in plan["urls"] if staff]
        staff_cookie = _browser_cookies(base, staff_paths[0], plan["session"])
        (baseline_label, baseline_path, _), *pages = plan["urls"]
        _warm_up(base + baseline_path, None, WARM_UP_SECONDS)
        baseline_runs: list[dict] = []
        runs: dict[str, list[dict]] = {label: [] for label, _, _ in pages}
        ratios: dict[str, list[float]] = {label: [] for label, _, _ in pages}
        for round_number in range(ROUNDS):
            for label, path, staff in pages:
                cookie = staff_cookie if staff else None
                _warm_up(base + path, cookie, WARM_UP_SECONDS if round_number == 0 else 1)
                before = _wrk(base + baseline_path, None)
                run = _wrk(base + path, cookie)
                baseline_runs.append(before)
                runs[label].append(run)
                ratios[label].append(run["rps"] / (before["rps"] or 1.0))
            print(f"  round {round_number + 1} of {ROUNDS} measured", flush=True)
        results = [
            {
                "label": baseline_label,
                "path": baseline_path,
                **_median_of(baseline_runs),
                "ratio": 1.0,
            },
            *(
                {
                    "label": label,
                    "path": path,
                    **_median_of(runs[label]),
                    "ratio": round(statistics.median(ratios[label]), 3),
                    "ratios": [round(r, 3) for r in ratios[label]],
                }
                for label, path, _ in pages
            ),
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    print("bench: timing PDF renders and reminder sweeps …", flush=True)
    timings = json.loads(_manage(env, "-m", "tests.bench.timings").strip().splitlines()[-1])
    _flush_redis(redis_url)

    print(f"\n{_server_description()}, wrk at concurrency {CONCURRENCY}")
    _print_table(results)
    for name, value in timings.items():
        print(f"{name}: {value}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "when": stamp,
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores",
        "server": _server_description(),
        "seconds_per_url": SECONDS,
        "rounds": ROUNDS,
        "concurrency": CONCURRENCY,
        "results": results,
        "timings": timings,
    }
    (OUT / f"{stamp}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten to var/bench/{stamp}.json")
    return 0


def _server_description() -> str:
    """The server as config/gunicorn.py sets it up here (the bench's environment adds
    only the address and log settings to this process's)."""
    config = runpy.run_path(str(REPO / "config" / "gunicorn.py"))
    return (
        f"gunicorn -c config/gunicorn.py: {config['workers']} workers × {config['threads']} "
        f"threads ({config['worker_class']}, SO_REUSEPORT {config['reuse_port']})"
    )


def _print_table(results: list[dict]) -> None:
    header = (
        f"{'url':<28}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'ratio':>7}"
    )
    print("\n" + header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r['label']:<28}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
            f"{r['p99_ms']:>9.1f}{r['errors']:>8d}{r['ratio']:>7.2f}"
        )


if __name__ == "__main__":
    sys.exit(main())
