"""Load the demo data (`overenskommelse.demo.data.foundation`) into the database.

Idempotent: every row is found by its natural key (agreement version date, plan slug,
body slug, organisation slug, user e-mail, and number within its parent) and only
written when a value differs, so a second run changes nothing and creates nothing.
"""

from io import TextIOBase
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from overenskommelse.accounts.models import MunicipalBody, RoleAssignment, User
from overenskommelse.agreement.models import (
    ActionPlan,
    Affiliation,
    AgreementVersion,
    Commitment,
    Direction,
    Organisation,
    OrganisationActivity,
    Principle,
    PriorityArea,
    Representation,
)
from overenskommelse.agreement.services.organisations import ascii_slug
from overenskommelse.demo.data import foundation as demo_data
from overenskommelse.demo.load.helpers import _say, _upsert


def demo_data_load(*, stdout: TextIOBase | None = None) -> list[tuple[str, str, str]]:
    """Write the demo data; return (role label, e-mail, password) per demo account."""
    with transaction.atomic():
        version = _agreement_load()
        plan = _action_plan_load()
        bodies = _bodies_load()
        organisations = _organisations_load()
        accounts = _users_load(bodies=bodies, organisations=organisations)
        _affiliations_load(organisations=organisations)

    if stdout is not None:
        _say(
            stdout,
            f"Överenskommelsen {version.version_date:%Y-%m-%d}: "
            f"{version.principles.count()} principer, "
            f"{version.commitments.count()} åtaganden",
        )
        directions = Direction.objects.filter(area__plan=plan).count()
        _say(
            stdout, f"{plan}: {plan.areas.count()} prioriterade områden, {directions} inriktningar"
        )
        _say(
            stdout,
            f"{len(bodies)} kommunala organ, {len(organisations)} organisationer, "
            f"{len(accounts)} demokonton",
        )
    return accounts


# --------------------------------------------------------------------------------------
# Överenskommelsen and the handlingsplan
# --------------------------------------------------------------------------------------


def _agreement_load() -> AgreementVersion:
    data = demo_data.AGREEMENT
    values: dict[str, Any] = {
        "title": data.title,
        "purpose": data.purpose,
        "goals": data.goals,
        "parties": data.parties,
        "adopted_by": data.adopted_by,
        "affiliation": data.affiliation,
        "withdrawal": data.withdrawal,
    }
    # Only one version may be current. Make this one current unless staff have
    # already marked another version current; never take that away from them.
    other_current = AgreementVersion.objects.filter(is_current=True).exclude(
        version_date=data.version_date
    )
    if not other_current.exists():
        values["is_current"] = True
    version, _ = _upsert(
        AgreementVersion, lookup={"version_date": data.version_date}, values=values
    )

    principles: dict[str, Principle] = {}
    for item in data.principles:
        principle, _ = _upsert(
            Principle,
            lookup={"version": version, "number": item.number},
            values={"name": item.name, "description": item.description},
        )
        principles[item.name] = principle

    for commitment_item in data.commitments:
        commitment, _ = _upsert(
            Commitment,
            lookup={"version": version, "number": commitment_item.number},
            values={"name": commitment_item.name, "description": commitment_item.description},
        )
        # set() only adds and removes the difference.
        commitment.principles.set([principles[name] for name in commitment_item.principles])
    return version


def _action_plan_load() -> ActionPlan:
    data = demo_data.ACTION_PLAN
    plan, _ = _upsert(
        ActionPlan,
        lookup={"slug": data.slug},
        values={
            "title": data.title,
            "start_year": data.start_year,
            "end_year": data.end_year,
            "status": data.status,
            "summary": data.summary,
        },
    )
    for area_data in data.areas:
        area, _ = _upsert(
            PriorityArea,
            lookup={"plan": plan, "number": area_data.number},
            values={
                "name": area_data.name,
                "slug": ascii_slug(area_data.name),
                "description": area_data.description,
            },
        )
        for number, text in enumerate(area_data.directions, start=1):
            _upsert(Direction, lookup={"area": area, "number": number}, values={"text": text})
    return plan


# --------------------------------------------------------------------------------------
# Bodies and organisations
# --------------------------------------------------------------------------------------


def _bodies_load() -> dict[str, MunicipalBody]:
    bodies: dict[str, MunicipalBody] = {}
    for item in demo_data.MUNICIPAL_BODIES:
        body, _ = _upsert(
            MunicipalBody,
            lookup={"slug": item.slug},
            values={
                "name": item.name,
                "kind": item.kind,
                "parent": bodies[item.parent] if item.parent else None,
                "description": item.description,
                "chair": item.chair,
                "vice_chair": item.vice_chair,
                "contact_name": item.contact_name,
                "contact_email": item.contact_email,
                "contact_phone": item.contact_phone,
                "is_active": True,
            },
        )
        bodies[item.slug] = body
    return bodies


def _organisations_load() -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for item in demo_data.ORGANISATIONS:
        organisation, _ = _upsert(
            Organisation,
            lookup={"slug": item.slug},
            values={
                "name": item.name,
                "legal_form": item.legal_form,
                "umbrella": item.umbrella,
                "description": item.description,
            },
        )
        organisations[item.slug] = organisation
    return organisations


def _affiliations_load(*, organisations: dict[str, Organisation]) -> None:
    """Affiliate some seed organisations, once: an organisation that has ever been
    affiliated (perhaps withdrawn since, in the demo) is left as it is."""
    for item in demo_data.DEMO_AFFILIATIONS:
        organisation = organisations[item.organisation]
        if organisation.affiliations.exists():
            continue
        Affiliation.objects.create(organisation=organisation, affiliated_from=item.affiliated_from)
        for field in item.activities:
            OrganisationActivity.objects.get_or_create(organisation=organisation, field=field)


# --------------------------------------------------------------------------------------
# Demo accounts
# --------------------------------------------------------------------------------------


def _users_load(
    *, bodies: dict[str, MunicipalBody], organisations: dict[str, Organisation]
) -> list[tuple[str, str, str]]:
    password = demo_data.DEMO_PASSWORD
    users: dict[str, User] = {}
    for item in demo_data.DEMO_USERS:
        user, _ = _upsert(
            User,
            lookup={"email": item.email},
            values={
                "first_name": item.first_name,
                "last_name": item.last_name,
                "is_active": True,
                "is_staff": item.is_superuser,
                "is_superuser": item.is_superuser,
            },
        )
        # A fresh salt each time would rewrite the row; set it only when it differs.
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        _email_verify(user=user)
        users[item.email] = user

    # A representation is confirmed by the demo handläggare, as in real use.
    confirmer = next(
        (users[item.email] for item in demo_data.DEMO_USERS if item.role == "handlaggare"),
        None,
    )
    for item in demo_data.DEMO_USERS:
        user = users[item.email]
        if item.role:
            body = bodies[item.municipal_body] if item.municipal_body else None
            RoleAssignment.objects.get_or_create(user=user, role=item.role, municipal_body=body)
        if item.organisation:
            _representation_confirm(
                user=user, organisation=organisations[item.organisation], confirmer=confirmer
            )
    return [(item.label, item.email, password) for item in demo_data.DEMO_USERS]


def _email_verify(*, user: User) -> None:
    """Mark the login address verified and primary for django-allauth."""
    EmailAddress.objects.filter(user=user, primary=True).exclude(email=user.email).update(
        primary=False
    )
    _upsert(
        EmailAddress,
        lookup={"user": user, "email": user.email},
        values={"verified": True, "primary": True},
    )


def _representation_confirm(
    *, user: User, organisation: Organisation, confirmer: User | None
) -> None:
    current = (
        Representation.objects.filter(user=user, organisation=organisation)
        .exclude(status=Representation.Status.ENDED)
        .first()
    )
    if current is None:
        Representation.objects.create(
            user=user,
            organisation=organisation,
            status=Representation.Status.CONFIRMED,
            confirmed_by=confirmer,
            confirmed_at=timezone.now(),
        )
    elif current.status != Representation.Status.CONFIRMED:
        current.status = Representation.Status.CONFIRMED
        current.confirmed_by = confirmer
        current.confirmed_at = timezone.now()
        current.save()
