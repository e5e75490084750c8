"""The fixed cast, made by plain functions so that a fixture of any scope can make it:
tests/conftest.py makes it per test, tests/test_form_matrix.py once per module."""

from overenskommelse.accounts.models import Role
from tests.factories import (
    OrganisationFactory,
    RepresentationFactory,
    UserFactory,
    user_with_role,
)

ORGANISATIONS = {"organisation_a": "Förening A", "organisation_b": "Förening B"}
STAFF_ROLES = {
    "handlaggare": (Role.HANDLAGGARE, "handlaggare@example.se"),
    "forvaltningskontakt": (Role.FORVALTNINGSKONTAKT, "kontakt@example.se"),
    "samverkansgruppen_member": (Role.SAMVERKANSGRUPPEN, "sg@example.se"),
}


def organisation_create(key: str):
    return OrganisationFactory(name=ORGANISATIONS[key])


def representative_create(organisation):
    return RepresentationFactory(organisation=organisation).user


def staff_create(key: str):
    role, email = STAFF_ROLES[key]
    return user_with_role(role, email=email)


def admin_user_create():
    return UserFactory(email="admin@example.se", is_staff=True, is_superuser=True)


def cast_create() -> dict:
    """Everyone at once, keyed as the fixtures are named."""
    cast = {key: organisation_create(key) for key in ORGANISATIONS}
    cast["rep_a"] = representative_create(cast["organisation_a"])
    cast["rep_b"] = representative_create(cast["organisation_b"])
    cast.update({key: staff_create(key) for key in STAFF_ROLES})
    cast["admin_user"] = admin_user_create()
    return cast
