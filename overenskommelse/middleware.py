from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from overenskommelse.predicates import is_staff_role

# Paths a staff user without TOTP may still reach: setting it up, logging out.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/", "/dev/mail/")


class RequireStaffMFAMiddleware:
    """Send staff roles to the TOTP set-up until they have an authenticator."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request) -> bool:
        if not settings.PORTAL_REQUIRE_STAFF_MFA:
            return False
        user = request.user
        if not user.is_authenticated or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        if not is_staff_role(user):
            return False
        return not user.staff_has_totp
