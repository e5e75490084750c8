"""The user a request carries, loaded with what every request asks of it.

Django's ModelBackend.get_user reads the user; then the roles (`role_keys`), whether
TOTP is set up (`has_totp`, the MFA middleware asks on every staff request) and the
organisations the user represents (`represented_organisation_ids`, and those it
registered and may prepare an application for, `preparing_organisation_ids`) were more
queries on every logged-in page. Here they come in the same query: one row per pair
of role and confirmed representation, joined to the user, with an EXISTS for the
authenticator. The user row itself, `user_can_authenticate` and everything else are
Django's (and allauth's) own; only the loading is changed.
"""

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q


def user_with_access(user_id):
    """The user with pk `user_id` and its roles, authenticator and representations
    set on the instance (their cached properties), or None."""
    User = get_user_model()
    rows = list(
        User._default_manager.filter(pk=user_id)
        .annotate(
            active=FilteredRelation(
                "representations",
                condition=Q(representations__status="bekraftad")
                | Q(representations__status="begard", representations__origin="registrerade"),
            ),
            access_role=F("role_assignments__role"),
            access_body=F("role_assignments__municipal_body_id"),
            access_organisation=F("active__organisation_id"),
            access_status=F("active__status"),
            access_totp=Exists(
                Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
            ),
        )
        .order_by()
    )
    if not rows:
        return None
    user = rows[0]
    user.__dict__["role_keys"] = frozenset(
        (row.access_role, row.access_body) for row in rows if row.access_role
    )
    user.__dict__["represented_organisation_ids"] = frozenset(
        row.access_organisation
        for row in rows
        if row.access_organisation and row.access_status == "bekraftad"
    )
    user.__dict__["preparing_organisation_ids"] = frozenset(
        row.access_organisation
        for row in rows
        if row.access_organisation and row.access_status == "begard"
    )
    user.__dict__["has_totp"] = bool(user.access_totp)
    return user


class _GetUserWithAccess:
    def get_user(self, user_id):
        user = user_with_access(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class PortalModelBackend(_GetUserWithAccess, ModelBackend):
    """django.contrib.auth's ModelBackend, loading the user as above."""


class PortalAuthenticationBackend(_GetUserWithAccess, AuthenticationBackend):
    """allauth's backend (log-in by e-mail), loading the user as above."""
