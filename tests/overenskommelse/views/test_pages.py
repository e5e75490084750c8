import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import MunicipalBodyFactory


@pytest.mark.django_db
def test_start_page_is_swedish_and_names_the_municipality(client, settings):
    settings.MUNICIPALITY_NAME = "Exempelstads kommun"
    page = client.get("/").content.decode()
    assert '<html lang="sv">' in page
    assert "Exempelstads kommun" in page
    assert "Hoppa till innehållet" in page
    assert reverse("account_login") in page and reverse("account_signup") in page


@pytest.fixture
def language_restored():
    """The request below activates English in this thread (LocaleMiddleware does not
    undo it); without this, services called directly by later tests in the same
    process (mutmut orders tests its own way) answered in English."""
    yield
    translation.deactivate()


@pytest.mark.django_db
def test_language_switch_to_english(client, language_restored):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Skip to content" in page


@pytest.mark.django_db
def test_contact_paths_lists_each_forvaltning_with_its_contact(client):
    body = MunicipalBodyFactory(
        name="Kultur- och fritidsförvaltningen",
        contact_name="Kim Kontakt",
        contact_email="kim@example.se",
    )
    MunicipalBodyFactory(name="Nedlagd förvaltning", is_active=False)
    page = client.get(reverse("agreement:contact_paths")).content.decode()
    assert body.name in page and "Kim Kontakt" in page and "mailto:kim@example.se" in page
    assert "Nedlagd förvaltning" not in page


@pytest.mark.django_db
def test_contact_paths_query_count_does_not_grow(client, django_assert_max_num_queries):
    MunicipalBodyFactory.create_batch(3)
    with django_assert_max_num_queries(3):
        client.get(reverse("agreement:contact_paths"))
    MunicipalBodyFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        client.get(reverse("agreement:contact_paths"))


@pytest.mark.django_db
def test_unknown_page_is_a_swedish_404(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()
