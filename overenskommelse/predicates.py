"""Who is who. Small predicates that every app's rules combine."""

import rules
from django.utils.translation import gettext

from overenskommelse.models import MunicipalBody, RemissInstans, Role


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


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    return (
        user.is_authenticated
        and organisation is not None
        and organisation.pk in user.represented_organisation_ids
    )


@rules.predicate
def is_public_paragraph(user, paragraph) -> bool:
    """A protocol paragraph whose extract is marked public."""
    return paragraph is not None and bool(paragraph.is_public)


@rules.predicate
def represents_organisation_of(user, obj) -> bool:
    """The user represents the organisation an application or affiliation belongs to."""
    return (
        user.is_authenticated
        and obj is not None
        and obj.organisation_id in user.represented_organisation_ids
    )


@rules.predicate
def is_published_remiss(user, remiss) -> bool:
    return remiss is not None and remiss.status == "publicerad"


@rules.predicate
def is_closed_remiss(user, remiss) -> bool:
    """Past its deadline: the compilation of answers is public (öppenhet och insyn)."""
    return remiss is not None and remiss.is_closed()


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


def user_represents_instans(user, instans: RemissInstans) -> bool:
    """The user may answer for the instans: a representative of its organisation, or a
    contact of its nämnd or råd (`user_body_ids`)."""
    if not user.is_authenticated:
        return False
    if instans.organisation_id:
        return instans.organisation_id in user.represented_organisation_ids
    return instans.municipal_body_id in user_body_ids(user)


@rules.predicate
def represents_remiss_instans(user, instans) -> bool:
    return instans is not None and user_represents_instans(user, instans)


@rules.predicate
def is_public_action_plan(user, plan) -> bool:
    return plan is not None and plan.status != "utkast"


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


def roles_of(user) -> list[str]:
    """The role names a user holds, for display on "Mina sidor"."""
    names = [str(Role(role).label) for role, _ in sorted(user.role_keys)]
    if is_foreningsrepresentant(user):
        names.insert(0, gettext("Organisation representative"))
    if is_admin(user):
        names.append(gettext("Administrator"))
    return names
