#!/usr/bin/env python3
"""PostgreSQL and Redis for the test suite, found or started, around one command.

    python tests/services.py run -- pytest -x    # used by `make test`
    python tests/services.py env                 # export lines for what already answers

`run` picks each service in this order and exports its URL to the command:

1. DATABASE_URL / REDIS_URL from the environment, used as they are;
2. a server answering on 127.0.0.1:5432 / 127.0.0.1:6379;
3. a throwaway server on a free port: a fresh cluster (initdb, trust auth) under
   var/test-services/pg, a `redis-server` child under var/test-services/redis.

Whatever was started is stopped again when the command ends, on Ctrl-C and on
SIGTERM, and its folder removed; the exit code is the command's. Only the standard
library is used, so this runs before the virtualenv or Django is set up.

PORTAL_PG_PROBE_PORT / PORTAL_REDIS_PROBE_PORT change the probed ports, e.g. to 1
and 2 to try the throwaway path on a machine where both services run.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

REPO_DIR = Path(__file__).resolve().parent.parent
SERVICES_DIR = REPO_DIR / "var" / "test-services"
HOST = "127.0.0.1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
USAGE = "usage: python tests/services.py run -- <command...> | python tests/services.py env"


class Unavailable(Exception):
    """A service can be neither found nor started; the message says what to install."""


class Interrupted(Exception):
    """SIGINT, SIGTERM or SIGHUP arrived; raised from the signal handler."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _say(message: str) -> None:
    print(f"services: {message}", file=sys.stderr, flush=True)


# PROBES
# ------------------------------------------------------------------------------
def _probe_port(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise Unavailable(f"{name} must be a port number, not {value!r}") from None


def _tcp_answers(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def postgres_answers(port: int) -> bool:
    """A TCP connect, then `pg_isready` when the client tools are installed."""
    if not _tcp_answers(port):
        return False
    pg_isready = shutil.which("pg_isready")
    if pg_isready is None:
        return True
    result = subprocess.run(
        [pg_isready, "-q", "-h", HOST, "-p", str(port), "-t", "3"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return result.returncode == 0


def redis_answers(port: int) -> bool:
    """A raw PING; anything but +PONG (no server, NOAUTH, another protocol) is no."""
    try:
        with socket.create_connection((HOST, port), timeout=1.0) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_until(check: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def _describe_url(url: str) -> str:
    """host:port of a URL, never its password."""
    try:
        parts = urlsplit(url)
        return f"{parts.hostname or 'local socket'}:{parts.port or 'default port'}"
    except ValueError:
        return "an unparsable URL"


def _tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(f"    {line}" for line in text[-lines:])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_empty(*folders: Path) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):  # not empty: another run still uses it
            folder.rmdir()


def _run_folder(base: Path) -> Path:
    """A fresh folder per run, named after this process so a later run can tell stale."""
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"run-{os.getpid()}-", dir=base))


def _stale_run_folders(base: Path, pattern: str = "run-*") -> list[Path]:
    """Folders left by runs whose process is gone (killed with SIGKILL, machine reset)."""
    stale = []
    for path in base.glob(pattern):
        try:
            pid = int(path.name.split("-")[-2])
        except (IndexError, ValueError):
            continue
        if not _pid_alive(pid):
            stale.append(path)
    return stale


# POSTGRESQL
# ------------------------------------------------------------------------------
def _postgres_bin_dir() -> Path:
    """initdb and pg_ctl from PATH, else the highest /usr/lib/postgresql/<version>/bin."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl and Path(initdb).parent == Path(pg_ctl).parent:
        return Path(initdb).parent
    candidates = [Path(path) for path in glob.glob("/usr/lib/postgresql/*/bin")]
    candidates = [
        path for path in candidates if (path / "initdb").exists() and (path / "pg_ctl").exists()
    ]

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in path.parent.name.split(".") if part.isdigit())

    if candidates:
        return max(candidates, key=version)
    if initdb and pg_ctl:
        return Path(initdb).parent
    raise Unavailable(
        "no PostgreSQL server answers and initdb/pg_ctl are not installed: "
        "install the Debian package `postgresql` (apt-get install postgresql), "
        "or set DATABASE_URL."
    )


class ThrowawayPostgres:
    """A cluster with trust auth on a free port, run as `postgres` when we are root."""

    def __init__(self) -> None:
        self.bin_dir = _postgres_bin_dir()
        self.as_root = os.geteuid() == 0
        self.owner: pwd.struct_passwd | None = None
        if self.as_root:
            if shutil.which("runuser") is None:
                raise Unavailable("runuser is missing: install the Debian package `util-linux`.")
            try:
                self.owner = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable(
                    "initdb refuses to run as root and there is no `postgres` user: "
                    "install the Debian package `postgresql`, which creates it."
                ) from None
        self.folder: Path | None = None
        self.port = 0

    @property
    def data_dir(self) -> Path:
        assert self.folder is not None
        return self.folder / "data"

    @property
    def log_file(self) -> Path:
        assert self.folder is not None
        return self.folder / "postgres.log"

    def _command(self, *args: str) -> list[str]:
        if self.as_root:
            return ["runuser", "-u", "postgres", "--", *args]
        return list(args)

    def _run(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        # A session of its own: Ctrl-C in the terminal reaches the command under
        # test, not the server, which is stopped in order afterwards.
        return subprocess.run(
            self._command(*args),
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            start_new_session=True,
        )

    def _reachable(self, folder: Path) -> bool:
        """Whether the postgres user can reach and write the folder (parents may be 0700)."""
        if not self.as_root:
            return True
        result = subprocess.run(
            self._command("test", "-x", str(folder), "-a", "-w", str(folder)),
            cwd="/",
            capture_output=True,
            check=False,
        )
        return result.returncode == 0

    def _make_folder(self) -> tuple[Path, str]:
        base = SERVICES_DIR / "pg"
        folder = _run_folder(base)
        if self.owner is not None:
            os.chown(folder, self.owner.pw_uid, self.owner.pw_gid)
        if self._reachable(folder):
            return folder, ""
        # As root, var/ may be private to root (0700). Rather than open it to other
        # users, the cluster goes to a private temporary folder owned by postgres.
        shutil.rmtree(folder, ignore_errors=True)
        _remove_empty(base, SERVICES_DIR)
        folder = Path(tempfile.mkdtemp(prefix=f"portal-test-pg-{os.getpid()}-"))
        if self.owner is not None:
            os.chown(folder, self.owner.pw_uid, self.owner.pw_gid)
        return folder, f"; {base.parent.parent} is closed to the postgres user"

    def sweep_stale(self) -> None:
        for folder in [
            *_stale_run_folders(SERVICES_DIR / "pg"),
            *_stale_run_folders(Path(tempfile.gettempdir()), "portal-test-pg-*"),
        ]:
            self.folder = folder
            self._stop_server()
            shutil.rmtree(folder, ignore_errors=True)
        self.folder = None

    def start(self) -> str:
        self.folder, note = self._make_folder()
        self.port = _free_port()
        result = self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        if result.returncode != 0:
            raise Unavailable(f"initdb failed:\n{result.stdout}{result.stderr}")
        socket_dir = str(self.folder).replace("'", "''")
        settings = (
            "\n# tests/services.py: a throwaway cluster, speed over durability\n"
            f"listen_addresses = '{HOST}'\n"
            f"port = {self.port}\n"
            f"unix_socket_directories = '{socket_dir}'\n"
            "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        )
        # Appending keeps the file's owner (postgres) when we are root.
        with open(self.data_dir / "postgresql.conf", "a") as conf:
            conf.write(settings)
        result = self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-w",
            "-t",
            str(int(START_TIMEOUT)),
            "start",
            timeout=START_TIMEOUT + 10,
        )
        if result.returncode != 0 or not _wait_until(
            lambda: postgres_answers(self.port), START_TIMEOUT
        ):
            raise Unavailable(
                f"the throwaway PostgreSQL did not accept connections on port {self.port} "
                f"within {START_TIMEOUT:.0f} s.\n{result.stdout}{result.stderr}"
                f"Log {self.log_file}:\n{_tail(self.log_file)}"
            )
        return f"PostgreSQL throwaway cluster on port {self.port} ({self.folder}{note})"

    @property
    def url(self) -> str:
        return f"postgres://postgres@{HOST}:{self.port}/postgres"

    def _stop_server(self) -> None:
        if self.folder is None or not (self.data_dir / "postmaster.pid").exists():
            return
        try:
            result = self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-m",
                "fast",
                "-w",
                "-t",
                str(int(STOP_TIMEOUT)),
                "stop",
                timeout=STOP_TIMEOUT + 5,
            )
            if result.returncode == 0:
                return
        except subprocess.TimeoutExpired:
            pass
        # pg_ctl could not stop it: immediate shutdown, then kill the postmaster.
        try:
            pid = int((self.data_dir / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        for sig in (signal.SIGQUIT, signal.SIGKILL):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                return
            if _wait_until(lambda: not _pid_alive(pid), 5):
                return

    def stop(self) -> None:
        if self.folder is None:
            return
        self._stop_server()
        shutil.rmtree(self.folder, ignore_errors=True)
        _remove_empty(SERVICES_DIR / "pg", SERVICES_DIR)
        self.folder = None


# REDIS
# ------------------------------------------------------------------------------
class ThrowawayRedis:
    """`redis-server` as a child process on a free port, nothing written to disk."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise Unavailable(
                "no Redis server answers and redis-server is not installed: "
                "install the Debian package `redis-server` (apt-get install redis-server), "
                "or set REDIS_URL."
            )
        self.binary = binary
        self.folder: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    def sweep_stale(self) -> None:
        for folder in _stale_run_folders(SERVICES_DIR / "redis"):
            try:
                pid = int((folder / "redis.pid").read_text())
                # Only the server that runs in this folder, not a process that
                # has since been given the same id.
                if Path(f"/proc/{pid}/cwd").resolve() == folder.resolve():
                    os.kill(pid, signal.SIGTERM)
                    _wait_until(lambda pid=pid: not _pid_alive(pid), STOP_TIMEOUT)
            except (OSError, ValueError):
                pass
            shutil.rmtree(folder, ignore_errors=True)

    def start(self) -> str:
        self.folder = _run_folder(SERVICES_DIR / "redis")
        self.port = _free_port()
        log_path = self.folder / "redis.log"
        with open(log_path, "wb") as log:
            self.process = subprocess.Popen(
                [
                    self.binary,
                    "--bind",
                    HOST,
                    "--port",
                    str(self.port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                    "--dir",
                    str(self.folder),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.folder,
                start_new_session=True,
            )
        process = self.process
        (self.folder / "redis.pid").write_text(str(process.pid))
        if (
            not _wait_until(
                lambda: process.poll() is not None or redis_answers(self.port), START_TIMEOUT
            )
            or process.poll() is not None
        ):
            raise Unavailable(
                f"the throwaway Redis did not answer PING on port {self.port} within "
                f"{START_TIMEOUT:.0f} s.\nLog {log_path}:\n{_tail(log_path)}"
            )
        return f"Redis throwaway server on port {self.port} ({self.folder})"

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/15"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            _remove_empty(SERVICES_DIR / "redis", SERVICES_DIR)
            self.folder = None


# COMMANDS
# ------------------------------------------------------------------------------
class Services:
    """Decides per service: environment, running server or throwaway; starts and stops."""

    def __init__(self) -> None:
        self.started: list[ThrowawayPostgres | ThrowawayRedis] = []

    def prepare(self) -> dict[str, str]:
        pg_port = _probe_port("PORTAL_PG_PROBE_PORT", 5432)
        redis_port = _probe_port("PORTAL_REDIS_PROBE_PORT", 6379)
        env = dict(os.environ)
        messages: dict[str, str] = {}
        postgres: ThrowawayPostgres | None = None
        redis: ThrowawayRedis | None = None

        if os.environ.get("DATABASE_URL"):
            messages["pg"] = (
                f"PostgreSQL from DATABASE_URL ({_describe_url(os.environ['DATABASE_URL'])})"
            )
        elif postgres_answers(pg_port):
            env["DATABASE_URL"] = f"postgres://postgres@{HOST}:{pg_port}/postgres"
            messages["pg"] = f"PostgreSQL at {HOST}:{pg_port} (running)"
        else:
            postgres = ThrowawayPostgres()

        if os.environ.get("REDIS_URL"):
            messages["redis"] = f"Redis from REDIS_URL ({_describe_url(os.environ['REDIS_URL'])})"
        elif redis_answers(redis_port):
            env["REDIS_URL"] = f"redis://{HOST}:{redis_port}/15"
            messages["redis"] = f"Redis at {HOST}:{redis_port} (running)"
        else:
            redis = ThrowawayRedis()

        # Both are checked before either starts, so a missing binary starts nothing.
        if postgres is not None:
            postgres.sweep_stale()
            self.started.append(postgres)
            messages["pg"] = postgres.start()
            env["DATABASE_URL"] = postgres.url
        if redis is not None:
            redis.sweep_stale()
            self.started.append(redis)
            messages["redis"] = redis.start()
            env["REDIS_URL"] = redis.url
        _say(messages["pg"])
        _say(messages["redis"])
        return env

    def stop(self) -> None:
        for service in reversed(self.started):
            service.stop()
        self.started.clear()


def _wait_child(child: subprocess.Popen[bytes], signum: int) -> int:
    """After our own signal: give the command time to end, then end it."""
    # Ctrl-C reaches the whole foreground group, so the command has it already;
    # SIGTERM and SIGHUP may have been sent to us alone and are passed on.
    if signum != signal.SIGINT:
        child.send_signal(signum)
    for next_step in (child.terminate, child.kill):
        try:
            return child.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            next_step()
    return child.wait()


def _exit_code(returncode: int) -> int:
    """A command killed by a signal exits 128 + signal, as in a shell."""
    return 128 - returncode if returncode < 0 else returncode


def _on_signal(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def command_run(command: list[str]) -> int:
    handled = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    for signum in handled:
        signal.signal(signum, _on_signal)
    services = Services()
    child: subprocess.Popen[bytes] | None = None
    try:
        env = services.prepare()
        try:
            child = subprocess.Popen(command, env=env)
        except OSError as error:
            _say(f"cannot run {shlex.join(command)}: {error}")
            return 127
        return _exit_code(child.wait())
    except Unavailable as error:
        _say(str(error))
        return 2
    except Interrupted as interrupted:
        # Further signals must not cut the clean-up short.
        for signum in handled:
            signal.signal(signum, signal.SIG_IGN)
        _say(f"{interrupted}: stopping")
        if child is not None and child.poll() is None:
            _wait_child(child, interrupted.signum)
        return 128 + interrupted.signum
    finally:
        for signum in handled:
            signal.signal(signum, signal.SIG_IGN)
        services.stop()


def command_env() -> int:
    """Export lines for the services that answer now; starts nothing."""
    pg_port = _probe_port("PORTAL_PG_PROBE_PORT", 5432)
    redis_port = _probe_port("PORTAL_REDIS_PROBE_PORT", 6379)
    missing = 0
    if os.environ.get("DATABASE_URL"):
        print(f"export DATABASE_URL={shlex.quote(os.environ['DATABASE_URL'])}")
    elif postgres_answers(pg_port):
        print(f"export DATABASE_URL=postgres://postgres@{HOST}:{pg_port}/postgres")
    else:
        missing += 1
        _say(f"no PostgreSQL answers on {HOST}:{pg_port} (`run` would start one)")
    if os.environ.get("REDIS_URL"):
        print(f"export REDIS_URL={shlex.quote(os.environ['REDIS_URL'])}")
    elif redis_answers(redis_port):
        print(f"export REDIS_URL=redis://{HOST}:{redis_port}/15")
    else:
        missing += 1
        _say(f"no Redis answers PING on {HOST}:{redis_port} (`run` would start one)")
    return 1 if missing else 0


def main(argv: list[str]) -> int:
    try:
        if argv[:1] == ["env"] and len(argv) == 1:
            return command_env()
        if argv[:1] == ["run"]:
            command = argv[2:] if argv[1:2] == ["--"] else argv[1:]
            if command:
                return command_run(command)
    except Unavailable as error:
        _say(str(error))
        return 2
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
