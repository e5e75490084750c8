"""People have names: sign-up asks for them, "Namn och telefon" changes them, and
others see the name instead of the e-mail address."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from overenskommelse.accounts.models import User
from overenskommelse.accounts.services.profile import user_profile_update
from overenskommelse.platform.models import HistoryEntry
from tests.factories import UserFactory

SIGNUP = {
    "email": "ny@example.se",
    "password1": "ett-bra-lösenord-9",
    "password2": "ett-bra-lösenord-9",
}


@pytest.mark.django_db
def test_sign_up_stores_the_name(client):
    response = client.post(
        reverse("account_signup"), {**SIGNUP, "first_name": " Åsa ", "last_name": "Öberg  Lind"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny@example.se")
    assert (user.first_name, user.last_name) == ("Åsa", "Öberg Lind")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first_name", "last_name", "message"),
    [
        ("", "Lind", "Skriv ditt förnamn."),
        ("Åsa", "   ", "Skriv ditt efternamn."),
        ("Å\u200bsa", "Lind", "osynliga"),
        ("Åsa", "Lind\u202e", "osynliga"),
    ],
)
def test_sign_up_refuses_a_missing_or_invisible_name(client, first_name, last_name, message):
    response = client.post(
        reverse("account_signup"), {**SIGNUP, "first_name": first_name, "last_name": last_name}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="ny@example.se").exists()


@pytest.mark.django_db
def test_the_header_shows_the_name_not_the_e_mail(client, rep_a):
    client.force_login(rep_a)
    page = client.get(reverse("mina_sidor")).content.decode()
    header = page.split("</header>")[0]
    assert rep_a.get_full_name() in header
    assert rep_a.email not in header


@pytest.mark.django_db
def test_profile_changes_name_and_phone_with_a_history_row(client, rep_a):
    client.force_login(rep_a)
    response = client.post(
        reverse("account_profile"),
        {"first_name": "Karin", "last_name": "Ek", "phone": "070-123 45 67"},
    )
    assert response.status_code == 302
    rep_a.refresh_from_db()
    assert (rep_a.first_name, rep_a.last_name, rep_a.phone) == ("Karin", "Ek", "070-123 45 67")
    entry = HistoryEntry.objects.get(action="profile_changed", object_id=str(rep_a.pk))
    assert entry.actor == rep_a and entry.actor_name == "Karin Ek"
    assert entry.changes["first_name"][1] == "Karin"
    page = client.get(reverse("account_profile")).content.decode()
    assert "Namn eller telefon ändrat" in page and "Dina uppgifter är sparade." in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"first_name": "", "last_name": "Ek", "phone": ""}, "Skriv ditt förnamn."),
        ({"first_name": "Karin", "last_name": " ", "phone": ""}, "Skriv ditt efternamn."),
        ({"first_name": "Karin", "last_name": "Ek", "phone": "ring mig"}, "siffror"),
        ({"first_name": "Ka\u2066rin", "last_name": "Ek", "phone": ""}, "osynliga"),
    ],
)
def test_profile_refuses_a_blank_name_and_a_bad_phone(client, rep_a, data, message):
    before = (rep_a.first_name, rep_a.last_name, rep_a.phone)
    client.force_login(rep_a)
    response = client.post(reverse("account_profile"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    rep_a.refresh_from_db()
    assert (rep_a.first_name, rep_a.last_name, rep_a.phone) == before
    assert not HistoryEntry.objects.filter(action="profile_changed").exists()


@pytest.mark.django_db
def test_a_second_user_cannot_change_another_users_name(client, rep_a, rep_b):
    """The page has no id: rep_b posting changes only rep_b; the service refuses outright."""
    name_a = rep_a.get_full_name()
    client.force_login(rep_b)
    client.post(
        reverse("account_profile"),
        {"first_name": "Inte", "last_name": "Rep A", "phone": "", "user": rep_a.pk},
    )
    rep_a.refresh_from_db()
    assert rep_a.get_full_name() == name_a
    with pytest.raises(PermissionDenied):
        user_profile_update(user=rep_a, actor=rep_b, first_name="X", last_name="Y", phone="")
    rep_a.refresh_from_db()
    assert rep_a.get_full_name() == name_a


@pytest.mark.django_db
def test_profile_needs_log_in(client):
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302 and reverse("account_login") in response.url


@pytest.mark.django_db
def test_a_user_without_a_name_is_asked_for_it_but_not_stopped(client):
    user = UserFactory(first_name="", last_name="")
    client.force_login(user)
    page = client.get(reverse("mina_sidor")).content.decode()
    assert "Lägg till ditt namn" in page
    assert f"{reverse('account_profile')}?next=" in page
    response = client.post(
        reverse("account_profile"),
        {"first_name": "Nils", "last_name": "Holm", "phone": "", "next": reverse("mina_sidor")},
    )
    assert response.url == reverse("mina_sidor")
    assert "Lägg till ditt namn" not in client.get(reverse("mina_sidor")).content.decode()


@pytest.mark.django_db
def test_profile_next_goes_nowhere_outside_the_portal(client, rep_a):
    client.force_login(rep_a)
    response = client.post(
        reverse("account_profile"),
        {"first_name": "Karin", "last_name": "Ek", "phone": "", "next": "https://evil.example"},
    )
    assert response.url == reverse("account_profile")


@pytest.mark.django_db
def test_representatives_and_history_show_names_not_e_mails(
    client, organisation_a, rep_a, handlaggare, no_staff_mfa
):
    from overenskommelse.platform.services.history import history_record

    history_record(subject=organisation_a, actor=rep_a, action="changed")
    client.force_login(handlaggare)
    url = reverse("agreement:organisation_detail", kwargs={"slug": organisation_a.slug})
    page = client.get(url).content.decode()
    reps = page.split('id="reps-heading"')[1].split("</section>")[0]
    assert rep_a.get_full_name() in reps and rep_a.email not in reps
    assert rep_a.get_full_name() in page.split('class="history"')[1]
