"""The user a request carries comes with its roles, representations and TOTP state
in one query (overenskommelse/accounts/auth_backends.py), and is the user Django would load."""

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from overenskommelse.accounts.auth_backends import (
    PortalAuthenticationBackend,
    PortalModelBackend,
    user_with_access,
)
from overenskommelse.accounts.models import Role, RoleAssignment
from overenskommelse.agreement.models import Representation
from tests.factories import (
    MunicipalBodyFactory,
    OrganisationFactory,
    RepresentationFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_one_query_loads_roles_representations_and_totp():
    body = MunicipalBodyFactory()
    user = user_with_role(Role.FORVALTNINGSKONTAKT, municipal_body=body)
    RoleAssignment.objects.create(user=user, role=Role.SAMVERKANSGRUPPEN)
    first, second, requested = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    RepresentationFactory(user=user, organisation=first, status=Representation.Status.CONFIRMED)
    RepresentationFactory(user=user, organisation=second, status=Representation.Status.CONFIRMED)
    RepresentationFactory(user=user, organisation=requested, status=Representation.Status.REQUESTED)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})

    with CaptureQueriesContext(connection) as queries:
        loaded = user_with_access(user.pk)
        assert loaded == user
        assert loaded.role_keys == {
            (Role.FORVALTNINGSKONTAKT, body.pk),
            (Role.SAMVERKANSGRUPPEN, None),
        }
        assert loaded.represented_organisation_ids == {first.pk, second.pk}
        assert loaded.has_totp is True
    assert len(queries) == 1


def test_a_user_without_roles_or_representations_or_totp():
    user = UserFactory()
    Authenticator.objects.create(user=user, type=Authenticator.Type.RECOVERY_CODES, data={})
    loaded = user_with_access(user.pk)
    assert loaded.role_keys == frozenset()
    assert loaded.represented_organisation_ids == frozenset()
    assert loaded.has_totp is False
    # The same values the properties compute on a user loaded the usual way.
    fresh = type(user).objects.get(pk=user.pk)
    assert (fresh.role_keys, fresh.represented_organisation_ids, fresh.has_totp) == (
        loaded.role_keys,
        loaded.represented_organisation_ids,
        loaded.has_totp,
    )


def test_an_unknown_id_is_no_user():
    assert user_with_access(987654) is None


@pytest.mark.parametrize("backend", [PortalModelBackend, PortalAuthenticationBackend])
def test_an_inactive_user_is_refused_by_both_backends(backend):
    active, inactive = UserFactory(), UserFactory(is_active=False)
    assert backend().get_user(active.pk) == active
    assert backend().get_user(inactive.pk) is None


def test_a_logged_in_page_reads_the_user_in_one_query(client):
    user = user_with_role(Role.HANDLAGGARE)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("mina_sidor"))
    # One query touches the roles, the representations and the authenticators: the
    # one that loads the user.
    touching = [
        q["sql"]
        for q in queries.captured_queries
        if any(
            table in q["sql"]
            for table in (
                '"accounts_roleassignment"',
                '"agreement_representation"',
                '"mfa_authenticator"',
            )
        )
    ]
    assert len(touching) == 1
    assert 'FROM "accounts_user"' in touching[0]
