"""Rendered pages kept in the cache until the portal's data changes.

The public pages (the register, an organisation's page, the open data, the start page)
are read far more often than anything changes, and the staff's busiest pages (the
initiative board, an initiative, the meeting feeds) are re-read by the same person
many times a day. `cached_page` keeps a rendered response under a key made of

* the data version: a random token that every committed write replaces (model
  signals for the portal's own models and users, and every successful POST through
  `DataChangeMiddleware`), so a change shows at once;
* the path with its query string, the language, and for `per_user` views the user;

and for at most `PORTAL_PAGE_CACHE_SECONDS` (so what depends on the clock alone, such
as a deadline passing, is at most that old). Logged-in users are never served a
public page from the cache, nor is anyone with a message waiting to be shown.

Forms in a cached page still work: while a page is rendered for the cache its CSRF
token is a placeholder, which is replaced with the visitor's own token on every serve.
"""

import copy
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

VERSION_KEY = "portal:data-version"
CSRF_PLACEHOLDER = "portalcsrfplaceholder0c1f6a9e"
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def request_data_version(request: HttpRequest) -> str:
    """The data version, read once per request (the user cache and the page cache
    share it)."""
    version = getattr(request, "_portal_data_version", None)
    if version is None:
        # Read with the session when it was loaded (overenskommelse/sessions.py).
        session = getattr(request, "session", None)
        version = getattr(session, "portal_data_version", None) or data_version()
        request._portal_data_version = version
    return version


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def data_changed() -> None:
    """Every cached page is out of date. Called now, so this request's own next read
    is fresh, and again on commit (once per transaction, however many rows it
    writes), so a page rendered by a concurrent request from the data before the
    commit is not kept."""
    _new_version()
    connection = transaction.get_connection()
    # A rolled-back transaction (or savepoint) drops its callbacks, so the pending
    # list itself says whether this transaction already has its bump.
    if connection.in_atomic_block and not any(
        entry[1] is _new_version for entry in connection.run_on_commit
    ):
        transaction.on_commit(_new_version)


def _key(request: HttpRequest, user_pk: int | None) -> str:
    raw = "|".join(
        (
            request.get_full_path(),
            get_language() or "",
            str(user_pk or ""),
        )
    )
    return "portal:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _serve(request: HttpRequest, entry: dict) -> HttpResponse:
    content: bytes = entry["content"]
    if CSRF_PLACEHOLDER.encode() in content:
        content = content.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


class _LocalPages:
    """The pages this worker process served lately, in front of Redis: a hit costs no
    transfer of the page. Bounded by count and bytes (least recently used goes
    first); an entry counts only at the version it was rendered at and until it
    expires, exactly as in Redis."""

    def __init__(self, max_entries: int = 500, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str, version: str) -> dict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry["version"] != version or entry.get("expires", 0) <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self._bytes += len(entry["content"])
            while self._entries and (
                len(self._entries) > self.max_entries or self._bytes > self.max_bytes
            ):
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        self._bytes -= len(self._entries.pop(key)["content"])


_local = _LocalPages()

_kept: dict[tuple[str, str], object] = {}
MAX_KEPT = 5000


def kept_until_changed(request: HttpRequest, name: str, load: Callable[[], object]) -> object:
    """`load()`'s result, kept in this process until the data changes: for reads every
    request repeats, such as the object a permission is checked on. Each request gets
    its own (shallow) copy, so nothing it changes reaches the next."""
    if not settings.PORTAL_PAGE_CACHE_SECONDS:
        return load()
    key = (name, request_data_version(request))
    if key not in _kept:
        if len(_kept) >= MAX_KEPT:
            _kept.clear()
        _kept[key] = load()
    return copy.copy(_kept[key])


def cached_page(view: Callable | None = None, *, per_user: bool = False) -> Callable:
    """Serve the view's GET responses from the cache (see the module docstring).

    `per_user=False`: cached for anonymous visitors only. `per_user=True`: cached per
    logged-in user as well (the view's permission checks must run before, as the
    mixins and middleware in front of the view do).
    """

    def decorator(view_func: Callable) -> Callable:
        @wraps(view_func)
        def wrapper(request: HttpRequest, *args, **kwargs):
            seconds = settings.PORTAL_PAGE_CACHE_SECONDS
            user = getattr(request, "user", None)
            logged_in = bool(user and user.is_authenticated)
            if (
                not seconds
                or request.method not in ("GET", "HEAD")
                or (logged_in and not per_user)
                or len(messages.get_messages(request))
            ):
                return view_func(request, *args, **kwargs)
            # The version is one small read (with the session, when there is one);
            # the page comes from this process's memory, else from Redis. A kept page
            # is served only if it was rendered at the current version.
            key = _key(request, user.pk if logged_in else None)
            version = request_data_version(request)
            entry = _local.get(key, version)
            if entry is None:
                entry = cache.get(key)
                if entry is not None and entry["version"] == version:
                    _local.put(key, entry)
                else:
                    entry = None
            if entry is not None:
                return _serve(request, entry)
            request.portal_page_cache = True
            try:
                response = view_func(request, *args, **kwargs)
                if getattr(response, "render", None) and not response.is_rendered:
                    response.render()
            finally:  # an error page rendered after this gets a real token
                request.portal_page_cache = False
            if response.streaming:
                return response
            if response.status_code != 200 or response.cookies:
                placeholder = CSRF_PLACEHOLDER.encode()
                if placeholder in response.content:
                    response.content = response.content.replace(
                        placeholder, get_token(request).encode()
                    )
                return response
            entry = {
                "version": version,  # read before rendering: a write meanwhile misses
                "expires": time.time() + seconds,
                "status": response.status_code,
                "content": response.content,
                "headers": {h: response[h] for h in _KEPT_HEADERS if h in response},
            }
            cache.set(key, entry, seconds)
            _local.put(key, entry)
            return _serve(request, entry)

        return wrapper

    return decorator(view) if view is not None else decorator


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context processor: the CSRF token of a page rendered for the cache."""
    if getattr(request, "portal_page_cache", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


class DataChangeMiddleware:
    """A successful POST (or other writing method) may have changed what pages show."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400:
            data_changed()
        return response


# Writes that change nothing a page shows.
_QUIET = {("overenskommelse", "outboxmessage"), ("sessions", "session")}
_WATCHED_APPS = {"overenskommelse", "samverkan", "natverk", "account", "mfa"}


def _on_write(sender, **kwargs) -> None:
    meta = sender._meta
    if meta.app_label not in _WATCHED_APPS or (meta.app_label, meta.model_name) in _QUIET:
        return
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return
    data_changed()


def connect_signals() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(_on_write, dispatch_uid="page_cache_save")
    post_delete.connect(_on_write, dispatch_uid="page_cache_delete")
    m2m_changed.connect(_on_write, dispatch_uid="page_cache_m2m")
