"""Organisations and affiliation through the real views, with arbitrary text:
registration and profile (föreningsrepresentant), the application for anslutning,
utträde, and a handläggare's decision message."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from overenskommelse.agreement.models import Affiliation, AffiliationApplication, Organisation
from overenskommelse.platform.models import HistoryEntry
from tests.factories import (
    AffiliationApplicationFactory,
    AffiliationFactory,
    organisation_number,
)
from tests.property.helpers import (
    BAD_DATE,
    MALFORMED,
    MALFORMED_DATES,
    NUL,
    TOO_LONG,
    VALID,
    assert_refused,
    assert_saved,
    assert_shown_escaped,
    example,
    free_text,
    kept,
    over_limit,
    page,
    rows,
    stripped,
    text_for,
    with_nul,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 signed protocol\n%%EOF"
BAD_FORMAT = "Ett organisationsnummer har tio siffror och skrivs NNNNNN-NNNN."
BAD_CHECK = "Organisationsnumrets kontrollsiffra stämmer inte. Kontrollera numret."

# Free-text fields of the organisation form and their max_length (None: a TextField).
ORG_TEXT = {"name": 200, "umbrella_other": 200, "description": None, "postal_address": None}


def org_data(**values) -> dict:
    return {
        "name": "Föreningen",
        "organisation_number": organisation_number(4711),
        "legal_form": Organisation.LegalForm.IDEELL_FORENING,
        "umbrella": Organisation.Umbrella.OTHER,
        "umbrella_other": "Paraply",
        "postal_address": "",
        "email": "",
        "website": "",
        "description": "",
        **values,
    }


org_texts = st.fixed_dictionaries(
    {
        name: text_for(name, max_length=limit, required=name in ("name", "umbrella_other"))
        for name, limit in ORG_TEXT.items()
    }
)


@pytest.fixture
def logged_in(client, rep_b):
    client.force_login(rep_b)
    return client


@VALID
@given(texts=org_texts, n=st.integers(0, 999_999))
def test_registration_stores_text_intact_and_shows_it_escaped(logged_in, texts, n):
    with example(logged_in):
        response = logged_in.post(
            reverse("agreement:organisation_create"),
            org_data(organisation_number=organisation_number(n), **texts),
        )
        assert_saved(response)
        organisation = Organisation.objects.get(organisation_number=organisation_number(n))
        for name, value in texts.items():
            assert getattr(organisation, name) == kept(name, value), name
        html = page(logged_in.get(response["Location"]))
        assert_shown_escaped(html, [getattr(organisation, name) for name in texts])


@VALID
@given(texts=org_texts)
def test_profile_change_stores_text_intact_and_shows_it_escaped(client, rep_a, texts):
    organisation = Organisation.objects.get(representations__user=rep_a)
    client.force_login(rep_a)
    url = reverse("agreement:organisation_update", kwargs={"slug": organisation.slug})
    with example(client):
        assert_saved(client.post(url, org_data(**texts)))
        organisation.refresh_from_db()
        for name, value in texts.items():
            assert getattr(organisation, name) == kept(name, value), name
        html = page(client.get(organisation_url(organisation)))
        assert_shown_escaped(html, [getattr(organisation, name) for name in texts])


def organisation_url(organisation) -> str:
    return reverse("agreement:organisation_detail", kwargs={"slug": organisation.slug})


def _wrong_check_digit(n: int) -> str:
    number = organisation_number(n)
    return number[:-1] + str((int(number[-1]) + 1) % 10)


malformed_numbers = st.one_of(
    st.integers(0, 999_999).map(lambda n: (_wrong_check_digit(n), BAD_CHECK)),
    # A letter in place of one digit (O for 0, l for 1, or any letter).
    st.tuples(st.integers(0, 999_999), st.integers(0, 9), st.sampled_from("OlIabcXåÖ")).map(
        lambda t: (
            (lambda d: d[: t[1]] + t[2] + d[t[1] + 1 :])(
                organisation_number(t[0]).replace("-", "")
            ),
            BAD_FORMAT,
        )
    ),
    # Wrong length: digits, but not ten of them.
    st.text("0123456789", min_size=1, max_size=30)
    .filter(lambda s: len(s) != 10)
    .map(lambda s: (s, (BAD_FORMAT, TOO_LONG))),
    st.sampled_from(["abc", "٨٠٢٠٠٠٠٠٠٠", "８０２０００−００００", "1e999", "-0"]).map(
        lambda s: (s, BAD_FORMAT)
    ),
)


@MALFORMED
@given(case=malformed_numbers)
def test_malformed_organisationsnummer_is_refused_in_swedish(logged_in, case):
    number, message = case
    with example(logged_in):
        before = rows(Organisation.objects.all())
        response = logged_in.post(
            reverse("agreement:organisation_create"),
            org_data(organisation_number=number),
        )
        assert_refused(response, "organisation_number", message)
        assert rows(Organisation.objects.all()) == before


@MALFORMED
@given(field=st.sampled_from(sorted(ORG_TEXT)), data=st.data())
def test_nul_and_oversized_text_is_refused_on_the_profile(client, rep_a, field, data):
    organisation = Organisation.objects.get(representations__user=rep_a)
    client.force_login(rep_a)
    limit = ORG_TEXT[field]
    kinds = ["nul", "long"] if limit else ["nul"]
    kind = data.draw(st.sampled_from(kinds))
    value = data.draw(with_nul() if kind == "nul" else over_limit(limit))
    url = reverse("agreement:organisation_update", kwargs={"slug": organisation.slug})
    with example(client):
        before = rows(Organisation.objects.all(), HistoryEntry.objects.all())
        response = client.post(url, org_data(**{field: value}))
        assert_refused(response, field, NUL if kind == "nul" else TOO_LONG)
        assert rows(Organisation.objects.all(), HistoryEntry.objects.all()) == before


# The application for anslutning (a draft needs no upload) ------------------------------


def apply_url(organisation) -> str:
    return reverse("agreement:application_form", kwargs={"slug": organisation.slug})


@VALID
@given(paragraph=free_text(max_length=20), decision_text=free_text())
def test_application_draft_keeps_text_and_shows_it_escaped(
    client, rep_a, organisation_a, paragraph, decision_text
):
    client.force_login(rep_a)
    with example(client):
        response = client.post(
            apply_url(organisation_a),
            {
                "action": "draft",
                "meeting_date": "2025-11-02",
                "paragraph": paragraph,
                "decision_text": decision_text,
            },
        )
        assert_saved(response)
        application = organisation_a.applications.get()
        assert application.paragraph == stripped(paragraph)
        assert application.decision_text == kept("decision_text", decision_text)
        html = page(client.get(response["Location"]))
        assert_shown_escaped(html, [application.paragraph, application.decision_text])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_DATES).map(lambda d: ("meeting_date", d, BAD_DATE)),
        with_nul().map(lambda s: ("paragraph", s, NUL)),
        with_nul().map(lambda s: ("decision_text", s, NUL)),
        over_limit(20).map(lambda s: ("paragraph", s, TOO_LONG)),
    )
)
def test_application_refuses_malformed_input(client, rep_a, organisation_a, case):
    field, value, message = case
    client.force_login(rep_a)
    data = {"action": "draft", "meeting_date": "2025-11-02", "paragraph": "7", field: value}
    with example(client):
        response = client.post(apply_url(organisation_a), data)
        assert_refused(response, field, message)
        assert not AffiliationApplication.objects.exists()


# A handläggare's decision message ----------------------------------------------------------


@VALID
@given(message=free_text(required=True))
def test_decision_message_is_kept_and_shown_escaped(
    client, handlaggare, no_staff_mfa, organisation_a, message
):
    client.force_login(handlaggare)
    with example(client):
        application = AffiliationApplicationFactory(organisation=organisation_a)
        url = reverse("agreement:application_decide", kwargs={"uuid": application.uuid})
        assert_saved(client.post(url, {"action": "reject", "message": message}))
        application.refresh_from_db()
        assert application.staff_message == kept("message", message)
        detail = reverse("agreement:application_detail", kwargs={"uuid": application.uuid})
        assert_shown_escaped(page(client.get(detail)), [application.staff_message])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_DATES).map(
            lambda d: ({"action": "approve", "affiliated_from": d}, "affiliated_from", BAD_DATE)
        ),
        with_nul().map(lambda s: ({"action": "reject", "message": s + "skäl"}, "message", NUL)),
    )
)
def test_decision_refuses_malformed_input(client, handlaggare, no_staff_mfa, organisation_a, case):
    data, field, message = case
    client.force_login(handlaggare)
    with example(client):
        application = AffiliationApplicationFactory(organisation=organisation_a)
        url = reverse("agreement:application_decide", kwargs={"uuid": application.uuid})
        before = rows(AffiliationApplication.objects.all(), Affiliation.objects.all())
        assert_refused(client.post(url, data), field, message)
        assert rows(AffiliationApplication.objects.all(), Affiliation.objects.all()) == before


# Utträde ----------------------------------------------------------------------------------


def withdraw(client, organisation, **values):
    data = {
        "meeting_date": "2025-11-02",
        "paragraph": "12",
        "confirm": "on",
        "protocol": SimpleUploadedFile("protokoll.pdf", PDF, "application/pdf"),
        **values,
    }
    url = reverse("agreement:withdrawal_form", kwargs={"slug": organisation.slug})
    return client.post(url, data)


@VALID
@given(paragraph=free_text(max_length=20, required=True))
def test_withdrawal_keeps_the_paragraph_and_shows_it_escaped(
    client, rep_a, organisation_a, paragraph
):
    client.force_login(rep_a)
    with example(client):
        AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 1, 1))
        response = withdraw(client, organisation_a, paragraph=paragraph)
        assert_saved(response)
        affiliation = organisation_a.affiliations.get()
        assert affiliation.withdrawal_paragraph == stripped(paragraph)
        assert_shown_escaped(page(client.get(response["Location"])), [stripped(paragraph)])


@MALFORMED
@given(
    case=st.one_of(
        st.sampled_from(MALFORMED_DATES).map(lambda d: ("meeting_date", d, BAD_DATE)),
        with_nul().map(lambda s: ("paragraph", s, NUL)),
        over_limit(20).map(lambda s: ("paragraph", s, TOO_LONG)),
    )
)
def test_withdrawal_refuses_malformed_input(client, rep_a, organisation_a, case):
    field, value, message = case
    client.force_login(rep_a)
    with example(client):
        AffiliationFactory(organisation=organisation_a, affiliated_from=datetime.date(2024, 1, 1))
        before = rows(Affiliation.objects.all())
        assert_refused(withdraw(client, organisation_a, **{field: value}), field, message)
        assert rows(Affiliation.objects.all()) == before
