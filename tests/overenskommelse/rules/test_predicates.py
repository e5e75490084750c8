"""The predicates of overenskommelse/agreement/predicates.py one by one, against the whole cast.

The rules tests see them only combined (`is_kommunkontoret`, `must_use_mfa`, …), where
one predicate can hide behind another: a role predicate that held for nobody went
unnoticed (mutation testing found it).
"""

import pytest

from overenskommelse.accounts import predicates
from overenskommelse.accounts.models import Role, RoleAssignment, User
from tests.rules_cast import cast_users

pytestmark = pytest.mark.django_db

STAFF_MFA = {
    "forvaltningskontakt",
    "forvaltningskontakt_b",
    "handlaggare",
    "handlaggare_b",
    "admin_user",
}


@pytest.mark.parametrize(
    ("predicate", "holders"),
    [
        (predicates.is_handlaggare, {"handlaggare", "handlaggare_b"}),
        (predicates.is_forvaltningskontakt, {"forvaltningskontakt", "forvaltningskontakt_b"}),
        (predicates.is_samverkansgruppen, {"samverkansgruppen_member"}),
        (predicates.is_admin, {"admin_user"}),
        (predicates.is_foreningsrepresentant, {"rep_a", "rep_b"}),
        (predicates.is_kommunkontoret, {"handlaggare", "handlaggare_b", "admin_user"}),
        (predicates.must_use_mfa, STAFF_MFA),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_a_predicate_holds_for_exactly_its_part_of_the_cast(request, predicate, holders):
    cast = cast_users(request)
    assert {name for name, user in cast.items() if predicate(user)} == holders


def test_roles_of_names_every_role_in_swedish_representative_first_administrator_last(
    rep_a,
):
    for role in (Role.SAMVERKANSGRUPPEN, Role.HANDLAGGARE):
        RoleAssignment.objects.create(user=rep_a, role=role)
    User.objects.filter(pk=rep_a.pk).update(is_superuser=True, is_staff=True)
    user = User.objects.get(pk=rep_a.pk)

    assert predicates.roles_of(user) == [
        "Föreningsrepresentant",
        "Handläggare (kommunkontoret)",
        "Ledamot i samverkansgruppen",
        "Administratör",
    ]


def test_roles_of_a_representative_with_one_role(rep_a):
    RoleAssignment.objects.create(user=rep_a, role=Role.SAMVERKANSGRUPPEN)
    user = User.objects.get(pk=rep_a.pk)

    assert predicates.roles_of(user) == ["Föreningsrepresentant", "Ledamot i samverkansgruppen"]
