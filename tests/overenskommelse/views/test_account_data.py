"""A person downloads what the portal holds about them, and deletes the account."""

import json

import pytest
from django.urls import reverse

from overenskommelse.accounts.models import User
from overenskommelse.agreement.models import Organisation, Representation
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.services.history import history_record
from tests.factories import PASSWORD


def test_export_holds_the_account_and_its_records_but_no_secrets(client, rep_a, organisation_a):
    history_record(subject=organisation_a, actor=rep_a, action="organisation_updated")
    client.force_login(rep_a)
    response = client.get(reverse("account_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mina-uppgifter-')
    data = json.loads(response.content)
    assert data["account"]["email"] == rep_a.email
    representations = data["records"]["agreement.representation"]
    assert [r["fields"]["organisation"] for r in representations] == [organisation_a.pk]
    assert data["history_by_you"][0]["action"] == "organisation_updated"
    assert "password" not in response.content.decode()
    assert rep_a.password not in response.content.decode()


def test_wrong_password_deletes_nothing(client, rep_a):
    client.force_login(rep_a)
    response = client.post(reverse("account_delete"), {"password": "fel", "confirm": "on"})
    assert response.status_code == 200
    assert "Lösenordet är inte rätt." in response.content.decode()
    rep_a.refresh_from_db()
    assert rep_a.is_active and rep_a.email.endswith("@example.se")


def test_delete_without_the_confirmation_is_refused_in_swedish(client, rep_a):
    """Deleting the account cannot be undone: the ticked box is checked on the server."""
    client.force_login(rep_a)
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kryssa i att du förstår att detta inte kan ångras." in page
    assert 'href="#id_confirm"' in page  # the summary leads to the box
    rep_a.refresh_from_db()
    assert rep_a.is_active and rep_a.email.endswith("@example.se")


def test_delete_removes_the_person_and_keeps_the_organisations_records(
    client, rep_a, organisation_a
):
    history_record(subject=organisation_a, actor=rep_a, action="organisation_updated")
    email, name = rep_a.email, rep_a.get_full_name()
    client.force_login(rep_a)
    response = client.post(
        reverse("account_delete"), {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert "Ditt konto är borttaget" in response.content.decode()
    assert "mottagen allmän handling" in response.content.decode()
    assert "_auth_user_id" not in client.session

    rep_a.refresh_from_db()
    assert not rep_a.is_active and not rep_a.has_usable_password()
    assert (rep_a.first_name, rep_a.last_name) == ("Borttagen användare", "")
    assert not User.objects.filter(email=email).exists()
    assert Organisation.objects.filter(pk=organisation_a.pk).exists()
    assert Representation.objects.get(user=rep_a).status == Representation.Status.ENDED
    entry = HistoryEntry.objects.get(action="organisation_updated")
    assert entry.actor_name == name  # the record of what they did is not rewritten
    assert not client.login(email=email, password=PASSWORD)


@pytest.mark.django_db
def test_privacy_page_says_what_is_kept_and_why(client):
    page = client.get(reverse("privacy")).content.decode()
    assert "Vad som sparas" in page and "Varför" in page
