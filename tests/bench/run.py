"""`make bench`: the portal under load, measured against a bare baseline view.

Builds the bench database, serves the portal with gunicorn (config/gunicorn.py, as
in production) and production settings on 127.0.0.1, and drives each URL with wrk at
concurrency 8, each page run right after a run of the baseline under the same
condition; a page's ratio is page req/s over that baseline's, median over the rounds.
The conditions (columns):

- warm: after a warm-up of the page, one user (the staff session on staff pages).
- cold: the server's workers just replaced (SIGHUP, waiting until the new ones have
  loaded the application) and Django's cache (the bench's Redis database) flushed,
  then BENCH_COLD_SECONDS (default BENCH_SECONDS) of traffic with no warm-up; its
  baseline the same way.
- 1 w/s, 10 w/s: warm, while tests/bench/writer.py writes in the background at that
  rate (application drafts, initiative comments, language switches), every write
  checked; its errors are printed.
- 50 users: warm, each request with the next of 50 logged-in users' cookies
  (report.lua): representatives and handläggare on public pages, 50 handläggare on
  staff pages; its baseline with the same cookies.
- growth: in-process (tests/bench/profile.py), each page's first request and its
  queries in the bench database (BENCH_SCALE=1) and in one five times its size
  (BENCH_SCALE=5, built in portal_bench_x5; BENCH_SKIP_GROWTH=1 skips it).

It prints one table with the medians, p95 of the cold runs, and marks the targets:
every HTML page at least 0.25 of its baseline cold and under each write load, p95
under 100 ms cold. BENCH_ROUNDS and BENCH_SECONDS set the rounds and each wrk run's
length. Results also go to var/bench/<time>.json. Needs DATABASE_URL (a PostgreSQL
server) and REDIS_URL; `make bench` sets them to the servers on 127.0.0.1 when unset.
"""

import contextlib
import http.client
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
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from tests.bench import profile
from tests.bench.writer import WriteError, Writer, _User, merge

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "var" / "bench"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
# A new worker's first request imports the URLconf and the views (2-3 s on the shared
# 2 cores), so a cold run shorter than that measures nothing.
COLD_SECONDS = int(os.environ.get("BENCH_COLD_SECONDS") or SECONDS)
SKIP_GROWTH = os.environ.get("BENCH_SKIP_GROWTH", "") == "1"
CONCURRENCY = 8
WARM_UP_SECONDS = 3  # before a URL's first round; 1 s before the others
WRITE_RATES = (1, 10)  # writes per second of the write-load columns
WRITER_SETTLE_SECONDS = 1  # writer running before its baseline run starts
BENCH_DB = "portal_bench"
GROWTH_DB = "portal_bench_x5"
BENCH_REDIS_DB = 14
REPORT_LUA = REPO / "tests" / "bench" / "report.lua"
# Targets: an HTML page's ratio cold and under each write load, and p95 cold.
RATIO_TARGET = 0.25
P95_TARGET_MS = 100.0
CONDITIONS = ("warm", "cold", "write_1", "write_10", "users_50")
TARGETED = ("cold", "write_1", "write_10")


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


def _wrk_command(seconds: int, cookie: str | None) -> list[str]:
    cmd = ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{seconds}s", "--timeout", "10s"]
    cmd += ["-s", str(REPORT_LUA)]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    return cmd


def _wrk(
    url: str, cookie: str | None, cookie_file: Path | None = None, seconds: int = SECONDS
) -> dict:
    """One measured run; with `cookie_file`, each request carries the next user's cookies."""
    cmd = [*_wrk_command(seconds, cookie), url]
    if cookie_file:
        cmd += ["--", str(cookie_file)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _warm_up(url: str, cookie: str | None, seconds: int, cookie_file: Path | None = None) -> None:
    """Requests at full concurrency, not counted: every thread of every worker has
    served the URL before it is measured."""
    cmd = [*_wrk_command(seconds, cookie), url]
    if cookie_file:
        cmd += ["--", str(cookie_file)]
    subprocess.run(cmd, capture_output=True, check=False)


def _browser_cookies(base: str, path: str, session: str) -> str:
    """The Cookie header of a logged-in browser: the session and the CSRF cookie the
    first page gave it. Without the latter every request would make a new CSRF secret
    and set the cookie again, work no browser causes after its first page. The page
    must answer 200: a session that is not logged in would be sent to the log-in page."""
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    if response.status != 200:
        raise SystemExit(
            f"bench: {path} answered {response.status} {response.getheader('Location')} "
            "to a bench session"
        )
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or ():
        cookies.load(header)
    if "csrftoken" not in cookies:
        raise SystemExit(f"bench: {path} set no CSRF cookie for a bench session")
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


class _Server:
    """gunicorn with tests/bench/gunicorn_bench.py (config/gunicorn.py and a ready file
    per worker); `renew()` gives it workers that have served nothing."""

    def __init__(self, env: dict, workers: int) -> None:
        self.ready = Path(tempfile.mkdtemp(prefix="bench-ready-"))
        self.workers = workers
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "tests/bench/gunicorn_bench.py",
                "config.wsgi:application",
            ],
            cwd=REPO,
            env={**env, "BENCH_READY_DIR": str(self.ready)},
        )
        self._wait(set())

    def _pids(self) -> set[int]:
        return {int(p.name) for p in self.ready.iterdir()}

    def _wait(self, old: set[int]) -> None:
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise SystemExit("bench: gunicorn stopped")
            new = self._pids() - old
            alive = {pid for pid in old if _alive(pid)}
            if len(new) >= self.workers and not alive:
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"bench: gunicorn has {len(new)} new workers, old {alive}")
            time.sleep(0.05)
        for pid in old:
            (self.ready / str(pid)).unlink(missing_ok=True)

    def renew(self) -> None:
        """New workers, as after a restart: each has loaded the application, none has
        served a request; the old ones have exited."""
        old = self._pids()
        self.process.send_signal(signal.SIGHUP)
        self._wait(old)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        shutil.rmtree(self.ready, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _growth(env: dict, database: str, scale: int, redis_url: str) -> dict:
    """profile.py's in-process figures for each page at `scale`, in a process of its own
    (Django is set up once per process)."""
    _flush_redis(redis_url)
    out = _manage(
        {**env, "PROFILE_REQUESTS": "3"},
        "-m",
        "tests.bench.profile",
        "--json",
        "--database",
        database,
        "--redis-db",
        str(BENCH_REDIS_DB),
        str(scale),
    )
    return {row["label"]: row for row in json.loads(out.strip().splitlines()[-1])}


def _check_writes(base: str, writers: dict) -> None:
    """One write of each kind before anything is measured: a writer that fails every
    write would make its columns meaningless, so stop here with the reason."""
    from tests.bench.writer import WRITES

    for kind, write in WRITES.items():
        entry = writers[kind][0]
        try:
            write(_User(base, entry["session"], entry["path"]), 0)
        except WriteError as error:
            raise SystemExit(f"bench: the writer's {kind} failed: {error}") from error


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
        "DJANGO_SECRET_KEY": profile.SECRET_KEY,  # profile.py reads the sessions too
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
    plan_line = _manage(env, "-m", "tests.bench.dataset").strip().splitlines()[-1]
    plan = json.loads(plan_line)
    _settle(env["DATABASE_URL"])
    # The growth column at x1 is measured in this database, before any load writes to it.
    profile.plan_path(1, BENCH_DB).write_text(plan_line)
    print("bench: growth, in-process at x1 …", flush=True)
    growth = {"x1": _growth(os.environ, BENCH_DB, 1, redis_url), "x5": {}}
    _flush_redis(redis_url)

    (baseline_label, baseline_path, _, _), *pages = plan["urls"]
    per_page = (
        2 * (WARM_UP_SECONDS + 2 * SECONDS)
        + 2 * len(WRITE_RATES) * (WRITER_SETTLE_SECONDS + 2 * SECONDS)
        + 2 * (COLD_SECONDS + 5)  # renewing the workers takes about 5 s
    )
    print(
        f"bench: {ROUNDS} rounds of {len(pages)} pages, about "
        f"{ROUNDS * len(pages) * per_page / 60:.0f} min …",
        flush=True,
    )
    workers = runpy.run_path(str(REPO / "config" / "gunicorn.py"))["workers"]
    server = _Server(env, workers)
    base = f"http://127.0.0.1:{port}"
    writer_runs: dict[int, list[dict]] = {rate: [] for rate in WRITE_RATES}
    try:
        urllib.request.urlopen(base + baseline_path, timeout=10)
        # The machine's speed drifts (2 shared cores, wrk on them too), so each
        # page is measured right after a baseline run under the same condition: the
        # page's ratio is the median over the rounds of page/baseline in those pairs,
        # and its req/s the median of its runs. The baseline's row is the median of
        # all its runs under that condition.
        staff_paths = [path for _, path, staff, _ in pages if staff]
        staff_cookie = _browser_cookies(base, staff_paths[0], plan["session"])
        crowd_files = {}
        for crowd, path in (("public", "/"), ("staff", staff_paths[0])):
            lines = [_browser_cookies(base, path, key) for key in plan["crowd"][crowd]]
            crowd_files[crowd] = OUT / f"crowd-{crowd}.txt"
            crowd_files[crowd].write_text("\n".join(lines) + "\n")
        _check_writes(base, plan["writers"])
        baseline_url = base + baseline_path
        _warm_up(baseline_url, None, WARM_UP_SECONDS)
        baseline_runs: dict[str, list[dict]] = {c: [] for c in CONDITIONS}
        runs = {c: {label: [] for label, *_ in pages} for c in CONDITIONS}
        ratios = {c: {label: [] for label, *_ in pages} for c in CONDITIONS}

        def pair(condition, label, url, cookie, cookie_file=None, seconds=SECONDS, renew=None):
            if renew:
                renew()
            before = _wrk(baseline_url, None, cookie_file, seconds)
            if renew:
                renew()
            run = _wrk(url, cookie, cookie_file, seconds)
            baseline_runs[condition].append(before)
            runs[condition][label].append(run)
            ratios[condition][label].append(run["rps"] / (before["rps"] or 1.0))

        def renew_cold():
            server.renew()
            _flush_redis(redis_url)

        for round_number in range(ROUNDS):
            for label, path, staff, _ in pages:
                url = base + path
                cookie = staff_cookie if staff else None
                _warm_up(url, cookie, WARM_UP_SECONDS if round_number == 0 else 1)
                pair("warm", label, url, cookie)
                for rate in WRITE_RATES:
                    writer = Writer(base, plan["writers"], rate).start()
                    time.sleep(WRITER_SETTLE_SECONDS)
                    pair(f"write_{rate}", label, url, cookie)
                    writer_runs[rate].append(writer.stop())
                crowd_file = crowd_files["staff" if staff else "public"]
                _warm_up(baseline_url, None, 1, crowd_file)
                _warm_up(url, None, 1, crowd_file)
                pair("users_50", label, url, None, crowd_file)
            print(f"  round {round_number + 1} of {ROUNDS} measured warm", flush=True)
        # Cold last: each of its runs replaces the workers, which the warm runs would
        # then have to warm up again.
        for round_number in range(ROUNDS):
            for label, path, staff, _ in pages:
                cookie = staff_cookie if staff else None
                pair("cold", label, base + path, cookie, seconds=COLD_SECONDS, renew=renew_cold)
            print(f"  round {round_number + 1} of {ROUNDS} measured cold", flush=True)
    finally:
        server.stop()

    print("bench: timing PDF renders and reminder sweeps …", flush=True)
    timings = json.loads(_manage(env, "-m", "tests.bench.timings").strip().splitlines()[-1])
    _flush_redis(redis_url)
    if not SKIP_GROWTH:
        print("bench: growth, building the x5 dataset …", flush=True)
        profile.build(5, GROWTH_DB, BENCH_REDIS_DB)
        growth["x5"] = _growth(os.environ, GROWTH_DB, 5, redis_url)
        _flush_redis(redis_url)

    writes = {f"write_{rate}": merge(writer_runs[rate]) for rate in WRITE_RATES}
    results = [
        {
            "label": baseline_label,
            "path": baseline_path,
            "kind": "baseline",
            **{c: {**_median_of(baseline_runs[c]), "ratio": 1.0} for c in CONDITIONS},
            "growth": {scale: growth[scale].get(baseline_label) for scale in growth},
        }
    ]
    for label, path, staff, kind in pages:
        row = {"label": label, "path": path, "kind": kind, "staff": staff}
        for c in CONDITIONS:
            row[c] = {
                **_median_of(runs[c][label]),
                "ratio": round(statistics.median(ratios[c][label]), 3),
                "ratios": [round(r, 3) for r in ratios[c][label]],
            }
        row["growth"] = {scale: growth[scale].get(label) for scale in growth}
        row["misses"] = _misses(row)
        results.append(row)

    print(
        f"\n{_server_description()}, wrk at concurrency {CONCURRENCY}, {ROUNDS} rounds of "
        f"{SECONDS} s ({COLD_SECONDS} s cold)"
    )
    _print_table(results)
    _print_writes(writes)
    for name, value in timings.items():
        print(f"{name}: {value}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "when": stamp,
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores",
        "server": _server_description(),
        "seconds_per_url": SECONDS,
        "cold_seconds": COLD_SECONDS,
        "rounds": ROUNDS,
        "concurrency": CONCURRENCY,
        "targets": {"ratio": RATIO_TARGET, "ratio_under": TARGETED, "p95_cold_ms": P95_TARGET_MS},
        "results": results,
        "writes": writes,
        "timings": timings,
    }
    (OUT / f"{stamp}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\nwritten to var/bench/{stamp}.json")
    return 0


def _misses(row: dict) -> list[str]:
    """The targets a page misses: p95 cold for every page; the ratios for HTML pages."""
    misses = []
    if row["kind"] == "html":
        misses += [c for c in TARGETED if row[c]["ratio"] < RATIO_TARGET]
    if row["cold"]["p95_ms"] >= P95_TARGET_MS:
        misses.append("p95")
    return misses


def _server_description() -> str:
    """The server as config/gunicorn.py sets it up here (the bench's environment adds
    only the address and log settings to this process's)."""
    config = runpy.run_path(str(REPO / "config" / "gunicorn.py"))
    return (
        f"gunicorn -c config/gunicorn.py: {config['workers']} workers × {config['threads']} "
        f"threads ({config['worker_class']}, SO_REUSEPORT {config['reuse_port']})"
    )


COLUMNS = (
    # (heading, width, condition)
    ("warm", 7, "warm"),
    ("cold", 7, "cold"),
    ("1 w/s", 7, "write_1"),
    ("10 w/s", 7, "write_10"),
    ("50 u", 7, "users_50"),
)


def _print_table(results: list[dict]) -> None:
    """One line a page: warm req/s, the ratios (a ! marks a missed target), p95 of
    the cold runs, the wrk errors over all runs, and the growth column."""
    header = (
        f"{'url':<31}{'req/s':>7}"
        + "".join(f"{heading:>{width}}" for heading, width, _ in COLUMNS)
        + f"{'p95 cold':>9}{'errors':>7}{'x1 ms':>8}{'q':>4}{'x5 ms':>8}{'q':>4}  targets"
    )
    print("\n" + header)
    print("-" * len(header))
    for r in results:
        misses = r.get("misses", [])
        cells = "".join(
            f"{r[c]['ratio']:>{width - 1}.2f}{'!' if c in misses else ' '}"
            for _, width, c in COLUMNS
        )
        errors = sum(r[c]["errors"] for c in CONDITIONS)
        growth = ""
        for scale in ("x1", "x5"):
            g = r["growth"].get(scale)
            growth += f"{g['first_ms']:>8.1f}{g['queries']:>4d}" if g else f"{'–':>8}{'':>4}"
        if r["kind"] == "baseline":
            target = ""
        else:
            target = "ok" if not misses else "MISS " + ",".join(misses)
            if r["kind"] == "export":
                target += " (export: p95 only)"
        print(
            f"{r['label'][:30]:<31}{r['warm']['rps']:>7.1f}{cells}"
            f"{r['cold']['p95_ms']:>8.1f}{'!' if 'p95' in misses else ' '}{errors:>7d}"
            f"{growth}  {target}"
        )
    print(
        f"\nratios: page req/s over its paired baseline's; targets for HTML pages: cold, "
        f"1 w/s and 10 w/s >= {RATIO_TARGET}; every page: p95 cold < {P95_TARGET_MS:.0f} ms. "
        "x1/x5: first request in-process (ms) and its queries."
    )


def _print_writes(writes: dict) -> None:
    print("\nbackground writes (GET the form, POST it, check the redirect):")
    for w in writes.values():
        kinds = ", ".join(f"{k} {v['ok']} ok/{v['errors']} err" for k, v in w["kinds"].items())
        print(
            f"  {w['rate']:>3} w/s: {w['ok']} saved, {w['errors']} errors, {w['skipped']} "
            f"not sent (writes in flight), {w['reached_per_s']}/s reached, write p50 "
            f"{w['write_p50_ms']} ms; {kinds}"
        )
        for kind, v in w["kinds"].items():
            for reason in v["reasons"]:
                print(f"      {kind}: {reason}")


if __name__ == "__main__":
    sys.exit(main())
