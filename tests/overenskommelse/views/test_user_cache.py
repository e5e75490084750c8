"""The logged-in user kept in process memory (overenskommelse/user_cache.py): no
queries for a known user, but any change to the account or its roles is seen at once."""

import pytest
from django.test import Client
from django.urls import reverse

from overenskommelse.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db

BOARD = "/samverkan/tavla/"


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    assert client.get(BOARD).status_code == 200  # user, roles and page now kept
    return client


def test_a_known_user_on_a_kept_page_costs_no_query(staff, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert staff.get(BOARD).status_code == 200


def test_a_role_taken_away_is_seen_by_the_next_request(staff, handlaggare):
    RoleAssignment.objects.filter(user=handlaggare).delete()
    assert staff.get(BOARD).status_code == 403


def test_a_role_given_is_seen_by_the_next_request(client, rep_a, no_staff_mfa):
    client.force_login(rep_a)
    assert client.get(BOARD).status_code == 403
    RoleAssignment.objects.create(user=rep_a, role=Role.HANDLAGGARE)
    assert client.get(BOARD).status_code == 200


def test_a_closed_account_is_logged_out_at_once(staff, handlaggare):
    handlaggare.is_active = False
    handlaggare.save()
    response = staff.get(BOARD)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_password_changed_elsewhere_ends_this_session(staff, handlaggare):
    handlaggare.set_password("ett-helt-nytt-lösenord-9")
    handlaggare.save()
    response = staff.get(BOARD)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_each_session_gets_its_own_user(staff, handlaggare, admin_user, no_staff_mfa):
    other = Client()
    other.force_login(admin_user)
    mine = staff.get(reverse("mina_sidor"))
    theirs = other.get(reverse("mina_sidor"))
    assert mine.context["user"].pk == handlaggare.pk
    assert theirs.context["user"].pk == admin_user.pk
    assert mine.context["user"] is not staff.get(reverse("mina_sidor")).context["user"]


def test_the_session_is_read_with_the_data_version_in_one_round_trip(staff, settings):
    from overenskommelse.page_cache import data_version

    assert settings.SESSION_ENGINE == "overenskommelse.sessions"
    request = staff.get(BOARD).wsgi_request
    assert request.session.portal_data_version == data_version()
    assert request._portal_data_version == data_version()
