"""The bench's background writer: ordinary writes at a steady rate while pages are
measured, each one as a browser makes it: GET the page with the form, read its CSRF
token and one-time submission key, POST it, and check that it was saved.

The writes go round: a representative saves the organisation's application for
anslutning as a draft, a handläggare comments on an initiative, a representative
switches the language in the footer. Each kind has its own users (dataset.py makes
them, with the page of each one's form); a user sends one write at a time.

A write is an error if a request fails or answers other than the saved form's
redirect: a 4xx/5xx, the form shown again with its errors (200 to the POST), a
redirect somewhere else (back to the form, or to the log-in page), or the page
without its form. Errors are counted per kind, with the first few reasons.
"""

import http.client
import queue
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlparse

FIELD = "submission_key"  # overenskommelse/platform/submissions.py FIELD
KINDS = ("draft", "comment", "language")
MAX_IN_FLIGHT = 16  # writes under way at once at most; beyond, a tick is skipped and counted
SAMPLES = 5  # error reasons kept per kind


class _Forms(HTMLParser):
    """The POST forms of a page: action and the values a browser would send."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action", ""), "fields": {}}
            self.forms.append(self._form)
        elif (
            tag == "input"
            and self._form is not None
            and attrs.get("name")
            and attrs.get("type") not in ("checkbox", "radio", "submit", "file")
        ):
            self._form["fields"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


class WriteError(Exception):
    pass


class _User:
    """One writer's browser: its cookies (session, CSRF, language) and its page."""

    def __init__(self, base: str, session: str, path: str) -> None:
        url = urlparse(base)
        self.host, self.port = url.hostname, url.port
        self.cookies = {"sessionid": session}
        self.path = path
        self.language = "en"

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{self.path}"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response, text

    def form(self, action: str) -> dict:
        response, text = self.request("GET", self.path)
        if response.status != 200:
            raise WriteError(f"GET {self.path}: {response.status} {response.getheader('Location')}")
        parser = _Forms()
        parser.feed(text)
        for form in parser.forms:
            if form["action"] == action:
                fields = form["fields"]
                if "csrfmiddlewaretoken" not in fields or FIELD not in fields:
                    raise WriteError(f"{self.path}: the form {action} lacks CSRF token or key")
                return fields
        raise WriteError(f"{self.path}: no form posting to {action}")

    def post(self, action: str, fields: dict, expect: str) -> None:
        response, _ = self.request("POST", action, fields)
        location = response.getheader("Location") or ""
        if response.status == 200:
            raise WriteError(f"POST {action}: the form came back (200), not saved")
        if response.status not in (301, 302, 303):
            raise WriteError(f"POST {action}: {response.status}")
        if not urlparse(location).path.startswith(expect):
            raise WriteError(f"POST {action}: redirected to {location}, expected {expect}")


def _draft(user: _User, n: int) -> None:
    fields = user.form("")  # the form posts to its own page
    fields.update(
        action="draft",
        meeting_date="2026-01-15",
        paragraph=f"§ {n % 90 + 1}",
        decision_text=f"Styrelsen beslutade att ansöka om anslutning (utkast {n}).",
    )
    user.post(user.path, fields, "/anslutningar/")


def _comment(user: _User, n: int) -> None:
    action = user.path + "kommentar/"
    fields = user.form(action)
    fields["text"] = f"Anteckning {n} från bänken."
    user.post(action, fields, user.path)


def _language(user: _User, n: int) -> None:
    fields = user.form("/i18n/setlang/")
    fields["language"] = user.language
    fields["next"] = user.path
    user.post("/i18n/setlang/", fields, user.path)
    user.language = "sv" if user.language == "en" else "en"


WRITES = {"draft": _draft, "comment": _comment, "language": _language}


class Writer:
    """Writes at `rate` per second, in a thread, from start() to stop(); the writes
    of each second are evenly spaced and go round the kinds."""

    def __init__(self, base: str, writers: dict, rate: float) -> None:
        self.rate = rate
        self.free = {kind: queue.Queue() for kind in KINDS}
        for kind in KINDS:
            for entry in writers[kind]:
                self.free[kind].put(_User(base, entry["session"], entry["path"]))
        self.lock = threading.Lock()
        self.stats = {kind: {"ok": 0, "errors": 0, "reasons": []} for kind in KINDS}
        self.times: list[float] = []
        self.skipped = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = ThreadPoolExecutor(max_workers=MAX_IN_FLIGHT)
        self._in_flight = threading.Semaphore(MAX_IN_FLIGHT)
        self._started = 0.0
        self._stopped = 0.0

    def _write(self, kind: str, n: int) -> None:
        user = self.free[kind].get()
        started = time.perf_counter()
        try:
            WRITES[kind](user, n)
        except (WriteError, OSError, http.client.HTTPException) as error:
            with self.lock:
                self.stats[kind]["errors"] += 1
                if len(self.stats[kind]["reasons"]) < SAMPLES:
                    self.stats[kind]["reasons"].append(str(error))
        else:
            with self.lock:
                self.stats[kind]["ok"] += 1
                self.times.append((time.perf_counter() - started) * 1000)
        finally:
            self.free[kind].put(user)
            self._in_flight.release()

    def _run(self) -> None:
        n = 0
        next_at = time.monotonic()
        while not self._stop.is_set():
            if self._in_flight.acquire(blocking=False):
                self._pool.submit(self._write, KINDS[n % len(KINDS)], n)
            else:
                self.skipped += 1  # MAX_IN_FLIGHT writes are still under way
            n += 1
            next_at += 1 / self.rate
            self._stop.wait(max(0.0, next_at - time.monotonic()))

    def start(self) -> "Writer":
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        self._pool.shutdown(wait=True)
        self._stopped = time.monotonic()
        return self.summary()

    def summary(self) -> dict:
        ok = sum(s["ok"] for s in self.stats.values())
        errors = sum(s["errors"] for s in self.stats.values())
        seconds = (self._stopped or time.monotonic()) - self._started
        return {
            "rate": self.rate,
            "seconds": round(seconds, 1),
            "ok": ok,
            "errors": errors,
            "skipped": self.skipped,
            "reached_per_s": round(ok / seconds, 2) if seconds else 0.0,
            "write_p50_ms": round(statistics.median(self.times), 1) if self.times else None,
            "kinds": self.stats,
        }


def merge(summaries: list[dict]) -> dict:
    """One total over the writer runs at the same rate."""
    kinds = {
        kind: {
            "ok": sum(s["kinds"][kind]["ok"] for s in summaries),
            "errors": sum(s["kinds"][kind]["errors"] for s in summaries),
            "reasons": [r for s in summaries for r in s["kinds"][kind]["reasons"]][:SAMPLES],
        }
        for kind in KINDS
    }
    seconds = sum(s["seconds"] for s in summaries)
    ok = sum(s["ok"] for s in summaries)
    p50s = [s["write_p50_ms"] for s in summaries if s["write_p50_ms"] is not None]
    return {
        "rate": summaries[0]["rate"],
        "seconds": round(seconds, 1),
        "ok": ok,
        "errors": sum(s["errors"] for s in summaries),
        "skipped": sum(s["skipped"] for s in summaries),
        "reached_per_s": round(ok / seconds, 2) if seconds else 0.0,
        "write_p50_ms": round(statistics.median(p50s), 1) if p50s else None,
        "kinds": kinds,
    }
