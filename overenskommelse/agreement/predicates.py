"""Who is who. Small predicates that every app's rules combine."""

import rules

from overenskommelse.accounts.predicates import user_body_ids
from overenskommelse.agreement.models import RemissInstans


@rules.predicate
def represents_organisation(user, organisation) -> bool:
    return (
        user.is_authenticated
        and organisation is not None
        and organisation.pk in user.represented_organisation_ids
    )


@rules.predicate
def represents_organisation_of(user, obj) -> bool:
    """The user represents the organisation an application or affiliation belongs to."""
    return (
        user.is_authenticated
        and obj is not None
        and obj.organisation_id in user.represented_organisation_ids
    )


@rules.predicate
def prepares_for_organisation(user, organisation) -> bool:
    """The user registered the organisation and is not yet confirmed as its
    representative: they may prepare its application, not send it."""
    return (
        user.is_authenticated
        and organisation is not None
        and organisation.pk in user.preparing_organisation_ids
    )


@rules.predicate
def prepares_for_organisation_of(user, obj) -> bool:
    return (
        user.is_authenticated
        and obj is not None
        and obj.organisation_id in user.preparing_organisation_ids
    )


@rules.predicate
def is_own_representation(user, representation) -> bool:
    return (
        user.is_authenticated and representation is not None and representation.user_id == user.pk
    )


@rules.predicate
def is_confirmed_representation(user, representation) -> bool:
    return representation is not None and representation.status == "bekraftad"


@rules.predicate
def is_active_representation(user, representation) -> bool:
    return representation is not None and representation.status != "avslutad"


@rules.predicate
def is_handover_offer(user, representation) -> bool:
    return (
        representation is not None
        and representation.status == "begard"
        and representation.origin == "overlamning"
    )


@rules.predicate
def is_published_remiss(user, remiss) -> bool:
    return remiss is not None and remiss.status == "publicerad"


@rules.predicate
def is_closed_remiss(user, remiss) -> bool:
    """Past its deadline: the compilation of answers is public (öppenhet och insyn)."""
    return remiss is not None and remiss.is_closed()


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
