"""Wait until DATABASE_URL accepts connections: `python -m config.wait_for_db`.

Run before `migrate` in the compose file, where the web container may start before
PostgreSQL is ready. Exits 0 as soon as a connection succeeds, 1 after the timeout
(60 s, or PORTAL_WAIT_FOR_DB_TIMEOUT) with the last error. Django is not loaded.
"""

import os
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg

# Schemes django-environ reads as PostgreSQL; libpq itself knows only the first two.
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "psql", "postgis"}


def _conninfo(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise ValueError(f"DATABASE_URL is not a PostgreSQL URL (scheme {parts.scheme!r})")
    return urlunsplit(parts._replace(scheme="postgresql"))


def _where(url: str) -> str:
    """host:port/database of the URL, never its password."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'local socket'}:{parts.port or 5432}{parts.path}"


def wait_for_db(*, url: str, timeout: float) -> bool:
    """Try to connect once a second until it works or `timeout` seconds have passed."""
    conninfo = _conninfo(url)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(conninfo, connect_timeout=3):
                return True
        except psycopg.OperationalError as error:
            if time.monotonic() >= deadline:
                print(f"wait_for_db: last error: {error}".strip(), file=sys.stderr)
                return False
        time.sleep(1)


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        print("wait_for_db: DATABASE_URL is not set", file=sys.stderr)
        return 2
    timeout = float(os.environ.get("PORTAL_WAIT_FOR_DB_TIMEOUT", "60"))
    try:
        ready = wait_for_db(url=url, timeout=timeout)
    except ValueError as error:
        print(f"wait_for_db: {error}", file=sys.stderr)
        return 2
    if not ready:
        print(
            f"wait_for_db: {_where(url)} did not accept connections within {timeout:.0f} s",
            file=sys.stderr,
        )
        return 1
    print(f"wait_for_db: {_where(url)} accepts connections", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
