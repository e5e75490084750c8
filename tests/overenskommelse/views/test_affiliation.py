"""Applying, uploads, staff decisions and who may see what."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overenskommelse.agreement.models import AffiliationApplication, Organisation
from tests.conftest import pdf_text
from tests.factories import AffiliationApplicationFactory, AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 signed protocol\n%%EOF"


def apply_url(organisation):
    return reverse("agreement:application_form", kwargs={"slug": organisation.slug})


def form_data(upload=None, action="submit", **extra):
    data = {
        "meeting_date": "2026-11-02",
        "paragraph": "7",
        "decision_text": "Styrelsen beslutar att ansluta.",
        "conditions_confirmed": "on",
        "action": action,
        **extra,
    }
    if upload is not None:
        data["protocol"] = upload
    return data


def test_apply_with_a_pdf_submits_once_even_when_posted_twice(client, rep_a, organisation_a):
    client.force_login(rep_a)
    upload = SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf")
    response = client.post(apply_url(organisation_a), form_data(upload))
    application = AffiliationApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "agreement:application_detail", kwargs={"uuid": application.uuid}
    )
    assert application.status == "inskickad"
    assert application.protocol_content_type == "application/pdf"
    again = SimpleUploadedFile("protokoll.pdf", PDF, content_type="application/pdf")
    client.post(apply_url(organisation_a), form_data(again, paragraph="99"))
    assert AffiliationApplication.objects.count() == 1
    application.refresh_from_db()
    assert application.paragraph == "7"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("protokoll.pdf", "Det här är bara text.\n".encode(), "inte av en tillåten typ"),
        ("protokoll.pdf", b"", "filen är tom"),
        ("protokoll.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "Filen är för stor"),
    ],
    ids=["text-renamed-pdf", "empty", "oversized"],
)
def test_bad_uploads_are_refused_and_keep_the_stored_protocol(
    client, rep_a, organisation_a, name, content, message
):
    draft = AffiliationApplicationFactory(
        organisation=organisation_a, status="utkast", submitted_at=None
    )
    stored = draft.protocol.name
    client.force_login(rep_a)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(apply_url(organisation_a), form_data(upload))
    assert response.status_code == 200
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "utkast" and draft.protocol.name == stored
    assert draft.protocol.read() == b"%PDF-1.4 test\n%%EOF"


def test_submit_without_protocol_shows_messages_and_a_draft_saves_without(
    client, rep_a, organisation_a
):
    client.force_login(rep_a)
    response = client.post(apply_url(organisation_a), form_data(conditions_confirmed=""))
    html = response.content.decode()
    assert "Ladda upp det justerade protokollet." in html
    assert "Intyga att organisationen uppfyller villkoren." in html
    assert not AffiliationApplication.objects.exists()
    client.post(apply_url(organisation_a), form_data(action="draft", meeting_date="2999-01-01"))
    assert not AffiliationApplication.objects.exists()  # a future date is refused
    client.post(apply_url(organisation_a), form_data(action="draft", paragraph=""))
    assert AffiliationApplication.objects.get().status == "utkast"


def test_the_pre_filled_protocol_names_the_association(client, rep_a, organisation_a):
    client.force_login(rep_a)
    response = client.get(
        reverse("agreement:affiliation_protocol_template", kwargs={"slug": organisation_a.slug})
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert (
        "Styrelsen beslutar att ansluta Förening A till Lunds kommuns Överenskommelse"
        in " ".join(text.split())
    )
    assert "Justerare" in text and "Protokollsutdrag" in text


def test_another_association_cannot_see_change_or_download(client, rep_b, organisation_a):
    application = AffiliationApplicationFactory(organisation=organisation_a)
    affiliation = AffiliationFactory(
        organisation=OrganisationFactory(),
        ended_on=datetime.date(2026, 1, 1),
        affiliated_from=datetime.date(2025, 1, 1),
        withdrawal_protocol=application.protocol.name,
        withdrawal_protocol_content_type="application/pdf",
    )
    client.force_login(rep_b)
    uuid = {"uuid": application.uuid}
    assert client.get(reverse("agreement:application_detail", kwargs=uuid)).status_code == 403
    protocol = client.get(reverse("agreement:application_protocol", kwargs=uuid))
    assert protocol.status_code == 403 and PDF not in protocol.content
    decide = client.post(
        reverse("agreement:application_decide", kwargs=uuid),
        {"action": "approve", "affiliated_from": "2026-11-20"},
    )
    assert decide.status_code == 403
    assert client.post(apply_url(organisation_a), form_data()).status_code == 403
    withdrawal = reverse("agreement:withdrawal_protocol", kwargs={"uuid": affiliation.uuid})
    assert client.get(withdrawal).status_code == 403
    application.refresh_from_db()
    assert application.status == "inskickad"


def test_anonymous_is_sent_to_log_in_for_protocols(client, organisation_a):
    application = AffiliationApplicationFactory(organisation=organisation_a)
    response = client.get(
        reverse("agreement:application_protocol", kwargs={"uuid": application.uuid})
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_own_representative_and_staff_may_download(client, rep_a, handlaggare, no_staff_mfa):
    application = AffiliationApplicationFactory(organisation=Organisation.objects.get())
    url = reverse("agreement:application_protocol", kwargs={"uuid": application.uuid})
    for user in (rep_a, handlaggare):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 test\n%%EOF"
        assert response["Cache-Control"] == "private, no-store"


def test_staff_decisions_with_missing_input_show_messages(
    client, handlaggare, no_staff_mfa, organisation_a
):
    application = AffiliationApplicationFactory(organisation=organisation_a)
    client.force_login(handlaggare)
    url = reverse("agreement:application_decide", kwargs={"uuid": application.uuid})
    html = client.post(url, {"action": "reject", "message": " "}).content.decode()
    assert "Skriv ett meddelande till föreningen." in html
    html = client.post(url, {"action": "approve", "affiliated_from": ""}).content.decode()
    assert "Ange datum då anslutningen börjar gälla." in html
    html = client.post(url, {"action": "approve", "affiliated_from": "2026-10-01"}).content.decode()
    assert "Anslutningen kan inte börja före styrelsens beslut." in html
    application.refresh_from_db()
    assert application.status == "inskickad"
    client.post(url, {"action": "approve", "affiliated_from": "2026-11-20"})
    application.refresh_from_db()
    assert application.status == "godkand"


def test_queue_filters_by_status_and_form(client, handlaggare, no_staff_mfa):
    AffiliationApplicationFactory(organisation=OrganisationFactory(name="Väntande"))
    AffiliationApplicationFactory(
        organisation=OrganisationFactory(name="Avslagen", legal_form="stiftelse"),
        status="avslagen",
    )
    AffiliationApplicationFactory(organisation=OrganisationFactory(name="Utkast"), status="utkast")
    client.force_login(handlaggare)
    url = reverse("agreement:application_queue")
    names = [a.organisation.name for a in client.get(url).context["applications"]]
    assert names == ["Väntande"]
    names = [a.organisation.name for a in client.get(url, {"status": ""}).context["applications"]]
    assert sorted(names) == ["Avslagen", "Väntande"]
    filtered = client.get(url, {"status": "", "legal_form": "stiftelse"}).context["applications"]
    assert [a.organisation.name for a in filtered] == ["Avslagen"]


def test_registering_a_known_number_offers_to_represent(client, rep_b):
    known = OrganisationFactory(name="Kända föreningen", organisation_number="802000-0009")
    client.force_login(rep_b)
    response = client.post(
        reverse("agreement:organisation_create"),
        {"name": "Kopia", "organisation_number": "8020000009", "legal_form": "ideell_forening"},
    )
    html = response.content.decode()
    assert "redan registrerad" in html
    link = reverse("agreement:representation_request", kwargs={"uuid": known.uuid})
    assert link in html
    client.post(link)
    assert known.representations.get(user=rep_b).status == "begard"


def test_registering_with_a_wrong_check_digit_keeps_the_form(client, rep_b):
    client.force_login(rep_b)
    response = client.post(
        reverse("agreement:organisation_create"),
        {"name": "Ny förening", "organisation_number": "802000-0008", "legal_form": "annan"},
    )
    html = response.content.decode()
    assert "kontrollsiffra stämmer inte" in html and 'value="Ny förening"' in html
    assert not Organisation.objects.filter(name="Ny förening").exists()


@pytest.mark.parametrize("posted", ["", "tolv", "²", "9" * 30])
def test_deciding_a_request_that_is_not_one_is_a_404(client, rep_a, organisation_a, posted):
    from overenskommelse.agreement.models import Representation
    from tests.factories import UserFactory

    request = Representation.objects.create(
        user=UserFactory(), organisation=organisation_a, status=Representation.Status.REQUESTED
    )
    client.force_login(rep_a)
    url = reverse("agreement:representation_decide", kwargs={"slug": organisation_a.slug})
    response = client.post(url, {"representation": posted, "decision": "confirm"})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == Representation.Status.REQUESTED


@pytest.mark.parametrize("decision", [None, "", "ja"])
def test_a_request_is_declined_only_when_asked_to(client, rep_a, organisation_a, decision):
    from django.contrib.messages import get_messages

    from overenskommelse.agreement.models import Representation
    from tests.factories import UserFactory

    request = Representation.objects.create(
        user=UserFactory(), organisation=organisation_a, status=Representation.Status.REQUESTED
    )
    client.force_login(rep_a)
    url = reverse("agreement:representation_decide", kwargs={"slug": organisation_a.slug})
    posted = {"representation": request.pk} | ({} if decision is None else {"decision": decision})
    response = client.post(url, posted)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Representation.Status.REQUESTED
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Välj om du vill bekräfta eller avböja begäran."
    ]


def test_withdrawal_without_the_confirmation_is_refused_in_swedish(client, rep_a, organisation_a):
    """Utträde takes effect at once and cannot be undone: the box must be ticked."""
    affiliation = AffiliationFactory(organisation=organisation_a)
    client.force_login(rep_a)
    url = reverse("agreement:withdrawal_form", kwargs={"slug": organisation_a.slug})
    upload = SimpleUploadedFile("uttrade.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url, {"meeting_date": "2026-11-02", "paragraph": "7", "protocol": upload}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kryssa i att ni träder ut ur Överenskommelsen: det kan inte ångras." in page
    assert 'href="#id_confirm"' in page
    affiliation.refresh_from_db()
    assert affiliation.ended_on is None
