"""The logged-in user, kept in each worker process until the data changes.

Every request by a logged-in user loaded the user and then their roles and TOTP state
(two queries), even when the page itself came from the page cache. This middleware
(in place of Django's `AuthenticationMiddleware`) keeps the loaded user, with roles
and TOTP state, in process memory under the portal's data version
(`overenskommelse.page_cache`): any committed write (a role given or taken, a
password changed, an account closed) starts a new version, so the next request loads
the user afresh. The session is verified on every request exactly as Django does
(the session's auth hash against the user's), and each request gets its own copy.
"""

import copy

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from overenskommelse.page_cache import request_data_version

MAX_USERS = 2000
_users: dict[tuple[str, str, str], object] = {}


def _cached_get_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = _load_user(request)
    return request._cached_user


def _load_user(request):
    session = request.session
    user_id, backend_path = session.get(SESSION_KEY), session.get(BACKEND_SESSION_KEY)
    if (
        user_id is None
        or backend_path not in settings.AUTHENTICATION_BACKENDS
        or not settings.PORTAL_PAGE_CACHE_SECONDS
    ):
        return auth.get_user(request)
    key = (str(user_id), backend_path, request_data_version(request))
    kept = _users.get(key)
    if kept is not None:
        user = copy.copy(kept)
        if constant_time_compare(session.get(HASH_SESSION_KEY) or "", user.get_session_auth_hash()):
            return user
        # Not verified with the current secret: Django decides (fallback keys, flush).
        return auth.get_user(request)
    user = auth.get_user(request)
    if user.is_authenticated:
        user.role_keys  # noqa: B018  (roles and TOTP state load now, so copies carry them)
        if len(_users) >= MAX_USERS:
            _users.clear()
        _users[key] = copy.copy(user)
    return user


class CachedUserAuthenticationMiddleware(AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _cached_get_user(request))
