"""A person's own data: the export holds all of it and no secret; deleting wipes a
representative's profile and keeps the organisations' records (tests/overenskommelse/
services/test_records_kept.py has the staff accounts and the records kept)."""

import datetime as dt

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from natverk.models import CalendarFeed
from overenskommelse.accounts.services.accounts import account_delete, account_export_data
from overenskommelse.agreement.models import Representation
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.services.history import history_record
from tests.factories import RepresentationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 5, 4, 8, 15, tzinfo=dt.UTC)
JOINED = dt.datetime(2024, 1, 2, 10, tzinfo=dt.UTC)


@pytest.fixture
def person(organisation_a):
    user = UserFactory(
        email="anna@example.se", first_name="Anna", last_name="Berg", date_joined=JOINED
    )
    user.phone = "046-35 00 00"
    user.save()
    RepresentationFactory(user=user, organisation=organisation_a)
    return user


def test_the_export_holds_the_account_as_stored(person):
    with time_machine.travel(NOW, tick=False):
        data = account_export_data(user=person)
    assert data["exported_at"] == NOW.isoformat()
    assert data["account"] == {
        "email": "anna@example.se",
        "first_name": "Anna",
        "last_name": "Berg",
        "phone": "046-35 00 00",
        "date_joined": JOINED.isoformat(),
        "last_login": None,
    }
    person.last_login = NOW
    assert account_export_data(user=person)["account"]["last_login"] == NOW.isoformat()


def test_the_export_holds_every_related_record_and_no_secret(person, organisation_a):
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "x"})
    feed = CalendarFeed.objects.create(user=person)
    data = account_export_data(user=person)
    records = data["records"]
    assert [r["fields"]["organisation"] for r in records["agreement.representation"]] == [
        organisation_a.pk
    ]
    assert [r["fields"]["email"] for r in records["account.emailaddress"]] == ["anna@example.se"]
    # One-to-one relations are found too.
    assert [r["pk"] for r in records["natverk.calendarfeed"]] == [feed.pk]
    (authenticator,) = records["mfa.authenticator"]
    assert "data" not in authenticator["fields"] and authenticator["fields"]["type"] == "totp"
    # Nothing that points elsewhere, nor an empty list for a relation without rows.
    assert "accounts.roleassignment" not in records
    assert "password" not in str(data) and person.password not in str(data)


def test_the_export_lists_what_the_person_did(person, organisation_a, organisation_b):
    at = dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC)
    history_record(
        subject=organisation_a, actor=person, action="changed", message="Ny adress", at=at
    )
    history_record(subject=organisation_b, actor=UserFactory(), action="renamed")
    assert account_export_data(user=person)["history_by_you"] == [
        {"action": "changed", "message": "Ny adress", "at": at.isoformat()}
    ]


def test_delete_ends_the_representations_and_records_it_on_the_organisation(
    person, organisation_a, organisation_b
):
    ended = RepresentationFactory(
        user=person, organisation=organisation_b, status=Representation.Status.ENDED
    )
    account_delete(user=person, actor=person)
    assert set(Representation.objects.filter(user=person).values_list("status", flat=True)) == {
        Representation.Status.ENDED
    }
    rows = HistoryEntry.objects.filter(action="representative_account_deleted")
    assert [(r.object_id, r.actor, r.actor_name, r.message) for r in rows] == [
        (str(organisation_a.pk), None, "Systemet", "Borttagen användare")
    ]
    ended.refresh_from_db()
    assert ended.status == Representation.Status.ENDED


def test_delete_wipes_the_person_and_what_signs_them_in(person, organisation_a):
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    history_record(subject=organisation_a, actor=person, action="changed")
    other = UserFactory(first_name="Bo", last_name="Ek")
    history_record(subject=organisation_a, actor=other, action="renamed")

    account_delete(user=person, actor=person)

    person.refresh_from_db()
    assert person.email.startswith("borttagen-") and person.email.endswith("@invalid")
    assert (person.first_name, person.last_name, person.phone) == ("Borttagen användare", "", "")
    assert str(person) == "Borttagen användare"
    assert not (person.is_active or person.is_staff or person.is_superuser)
    assert not person.has_usable_password()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Authenticator.objects.filter(user=person).exists()
    # What they did stays recorded under the name it was done in (a received document).
    assert HistoryEntry.objects.get(action="changed").actor_name == "Anna Berg"
    assert HistoryEntry.objects.get(action="renamed").actor_name == "Bo Ek"
    assert EmailAddress.objects.filter(user=other).exists()


def test_two_deleted_accounts_get_different_addresses(person):
    second = UserFactory()
    account_delete(user=person, actor=person)
    account_delete(user=second, actor=second)
    person.refresh_from_db()
    second.refresh_from_db()
    assert person.email != second.email
