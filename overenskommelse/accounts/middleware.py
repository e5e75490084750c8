"""Staff must have passed the TOTP step (MFA) before any page."""

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from overenskommelse.accounts.predicates import must_use_mfa

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
