"""Sign-up, verification, log-in and password reset through the test client."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail as django_mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LINK = re.compile(r"https?://testserver(/[^\s\"<>]+)")


def _link_in_last_mail() -> str:
    return LINK.search(django_mail.outbox[-1].body).group(1)


@pytest.mark.django_db(transaction=True)
def test_sign_up_requires_verification_before_log_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ny@example.se",
            "first_name": "Ny",
            "last_name": "Person",
            "password1": "ett-bra-lösenord-9",
            "password2": "ett-bra-lösenord-9",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert django_mail.outbox[-1].to == ["ny@example.se"]

    login = client.post(
        reverse("account_login"), {"login": "ny@example.se", "password": "ett-bra-lösenord-9"}
    )
    assert login.url == reverse("account_email_verification_sent")

    client.post(_link_in_last_mail())
    assert EmailAddress.objects.get(email="ny@example.se").verified

    login = client.post(
        reverse("account_login"), {"login": "ny@example.se", "password": "ett-bra-lösenord-9"}
    )
    assert login.url == reverse("mina_sidor")


@pytest.mark.django_db(transaction=True)
def test_password_reset_by_mail(client):
    user = UserFactory(email="glomsk@example.se")
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert django_mail.outbox[-1].to == [user.email]
    form_url = client.get(_link_in_last_mail(), follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"password1": "nytt-lösenord-77", "password2": "nytt-lösenord-77"}
    )
    assert response.status_code == 302
    assert client.login(email=user.email, password="nytt-lösenord-77")
    assert not client.login(email=user.email, password=PASSWORD)


@pytest.mark.django_db
def test_sign_up_errors_are_swedish_and_tied_to_the_field(client):
    response = client.post(
        reverse("account_signup"), {"email": "inte-en-adress", "password1": "a", "password2": "b"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fyll i en giltig e-postadress." in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_email_error"' in page


@pytest.mark.django_db
def test_failed_log_ins_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/key"}
    user = UserFactory(email="utsatt@example.se")
    for _ in range(3):
        client.post(reverse("account_login"), {"login": user.email, "password": "fel"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
