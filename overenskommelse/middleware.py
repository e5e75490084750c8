from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from overenskommelse.predicates import must_use_mfa

# Paths a staff user without a second factor may still reach: log-in, setting up TOTP,
# re-authenticating, logging out.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/dev/mail/")


def session_passed_mfa(request) -> bool:
    """Whether this session's log-in included the second factor (allauth records each
    authentication step in the session: a TOTP code at log-in or re-authentication,
    or the code that activated the authenticator)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class RequireStaffMFAMiddleware:
    """Staff roles, superusers and admin users reach nothing but the log-in and MFA pages
    until they have a TOTP authenticator *and* this session passed it. A password
    alone (a log-in that skipped allauth's MFA stage, or a session from before the
    authenticator existed) is sent to re-authenticate with the code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._applies(request):
            if not request.user.has_totp:
                return redirect(reverse("mfa_activate_totp"))
            if not session_passed_mfa(request):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _applies(request) -> bool:
        if not settings.PORTAL_REQUIRE_STAFF_MFA:
            return False
        user = request.user
        if not user.is_authenticated or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        return must_use_mfa(user)


def _holds_nul(data) -> bool:
    """Whether a key or value of a QueryDict (or an uploaded file's name) holds NUL."""
    for key, values in data.lists():
        for value in [key, *values]:
            text = value if isinstance(value, str) else getattr(value, "name", "") or ""
            if "\x00" in text:
                return True
    return False


class RejectNulMiddleware:
    """A NUL byte in the path, the query, a posted field or a cookie is a bad request
    (400, the project's 400 page). PostgreSQL cannot store or compare a string that
    holds one, so it must not reach a view's query, whichever view it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info:
            return True
        if any("\x00" in key + value for key, value in request.COOKIES.items()):
            return True
        if _holds_nul(request.GET):
            return True
        return request.method == "POST" and (_holds_nul(request.POST) or _holds_nul(request.FILES))


PRIVATE_NO_STORE = "private, no-store"


def private_no_store(response):
    """Mark a response for one person only, kept by no cache (the browser's included)."""
    response["Cache-Control"] = PRIVATE_NO_STORE
    return response


class PrivateNoStoreMiddleware:
    """Every response to a logged-in user is `Cache-Control: private, no-store`, so the
    browser keeps no copy of a personal or staff page (a shared computer, the back
    button after log-out). A view that set a private Cache-Control of its own keeps
    it; pages for anonymous visitors are left as they are."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            own = {d.strip().lower() for d in response.get("Cache-Control", "").split(",")}
            if "private" not in own:
                private_no_store(response)
        return response
