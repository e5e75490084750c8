"""Predicates about the user's roles, for the rules of every app."""

import rules
from django.utils.translation import gettext

from overenskommelse.accounts.models import MunicipalBody, Role


def _has_role(user, role: str) -> bool:
    return user.is_authenticated and any(r == role for r, _ in user.role_keys)


@rules.predicate
def is_admin(user) -> bool:
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_handlaggare(user) -> bool:
    return _has_role(user, Role.HANDLAGGARE)


@rules.predicate
def is_forvaltningskontakt(user) -> bool:
    return _has_role(user, Role.FORVALTNINGSKONTAKT)


@rules.predicate
def is_samverkansgruppen(user) -> bool:
    return _has_role(user, Role.SAMVERKANSGRUPPEN)


@rules.predicate
def is_foreningsrepresentant(user) -> bool:
    return user.is_authenticated and bool(user.represented_organisation_ids)


def user_body_ids(user) -> frozenset[int]:
    """The nämnder and råd a förvaltningskontakt answers for: the body the role is tied
    to and that body's responsible nämnd (a förvaltning's `parent`)."""
    if not user.is_authenticated:
        return frozenset()
    ids = {b for r, b in user.role_keys if r == Role.FORVALTNINGSKONTAKT and b}
    if not ids:
        return frozenset()
    parents = MunicipalBody.objects.filter(pk__in=ids, parent__isnull=False).values_list(
        "parent_id", flat=True
    )
    return frozenset(ids | set(parents))


@rules.predicate
def is_logged_in(user) -> bool:
    return user.is_authenticated


@rules.predicate
def can_use_django_admin(user) -> bool:
    return user.is_authenticated and user.is_staff


is_kommunkontoret = is_handlaggare | is_admin


# Roles that must use two-factor log-in when PORTAL_REQUIRE_STAFF_MFA is on: staff
# roles, superusers (with or without a role row) and anyone who may open the admin.
is_staff_role = is_handlaggare | is_forvaltningskontakt | is_admin


must_use_mfa = is_staff_role | can_use_django_admin


# Whose account is deactivated, never anonymised, when it is deleted: everyone who acts
# for the municipality. Samverkansgruppen is included: its members (the idéburen
# sektor's four as well as the municipality's) comment on and approve the yearly
# follow-up, a record the municipality keeps, in their own names.
is_staff_account = is_staff_role | is_samverkansgruppen | can_use_django_admin


def roles_of(user) -> list[str]:
    """The role names a user holds, for display on "Mina sidor"."""
    names = [str(Role(role).label) for role, _ in sorted(user.role_keys)]
    if is_foreningsrepresentant(user):
        names.insert(0, gettext("Organisation representative"))
    if is_admin(user):
        names.append(gettext("Administrator"))
    return names
