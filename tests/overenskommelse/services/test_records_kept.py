# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Official acts keep the official's name; what an association sent in stays as received.

A staff account that is "deleted" is deactivated, and nothing it decided is rewritten.
A representative's profile is wiped, but the protocols and remissvar they sent in, and
the history of them under the name recorded then, stay (a received public document).
Only the person may delete their own account."""

import datetime as dt

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from overenskommelse.accounts.models import RoleAssignment
from overenskommelse.accounts.predicates import is_staff_account
from overenskommelse.accounts.services.accounts import account_delete, account_export_data
from overenskommelse.agreement.models import (
    AffiliationApplication,
    RemissAnswer,
    Representation,
)
from overenskommelse.agreement.services import remiss as remiss_services
from overenskommelse.agreement.services.affiliation import application_save, application_transition
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services.history import history_record
from tests.factories import PASSWORD, OrganisationFactory, RepresentationFactory, UserFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db

SUBMITTED = dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC)
DECIDED = dt.datetime(2026, 11, 10, 14, 30, tzinfo=dt.UTC)
DELETED = dt.datetime(2027, 2, 1, 8, 0, tzinfo=dt.UTC)
PDF = b"%PDF-1.4 signed protocol\n%%EOF"


def _submitted_application(organisation, rep) -> AffiliationApplication:
    with time_machine.travel(SUBMITTED, tick=False):
        return application_save(
            organisation=organisation,
            actor=rep,
            meeting_date=dt.date(2026, 11, 2),
            paragraph="7",
            decision_text="Styrelsen beslutar att ansluta föreningen.",
            conditions_confirmed=True,
            protocol=SimpleUploadedFile("p.pdf", PDF, content_type="application/pdf"),
            submit=True,
        )


def _delete_through_the_page(client, user) -> None:
    client.force_login(user)
    response = client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]


# Who counts as staff -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "staff"),
    [
        ("handlaggare", True),
        ("forvaltningskontakt", True),
        ("samverkansgruppen_member", True),
        ("admin_user", True),
        ("rep_a", False),
    ],
)
def test_who_is_staff(who, staff, request):
    assert is_staff_account(request.getfixturevalue(who)) is staff


def test_django_admin_access_alone_makes_staff(db):
    assert is_staff_account(UserFactory(is_staff=True))
    assert not is_staff_account(UserFactory())


# A handläggare ---------------------------------------------------------------------


def test_a_handlaggare_who_approved_keeps_their_name_and_cannot_log_in(
    client, no_staff_mfa, rep_a, organisation_a, handlaggare
):
    Authenticator.objects.create(user=handlaggare, type=Authenticator.Type.TOTP, data={})
    handlaggare.phone = "046-35 50 00"
    handlaggare.save()
    name, email = handlaggare.get_full_name(), handlaggare.email
    application = _submitted_application(organisation_a, rep_a)
    with time_machine.travel(DECIDED, tick=False):
        application_transition(
            application=application,
            action="approve",
            actor=handlaggare,
            affiliated_from=dt.date(2026, 11, 10),
        )
    other_session = Client()
    other_session.force_login(handlaggare)

    with time_machine.travel(DELETED, tick=False):
        _delete_through_the_page(client, handlaggare)

    handlaggare.refresh_from_db()
    # Deactivated, and nothing to log in with.
    assert not handlaggare.is_active and not handlaggare.has_usable_password()
    assert not client.login(email=email, password=PASSWORD)
    assert "_auth_user_id" not in client.session
    assert other_session.get(reverse("mina_sidor")).status_code == 302  # to the log-in page
    assert not EmailAddress.objects.filter(user=handlaggare).exists()
    assert not Authenticator.objects.filter(user=handlaggare).exists()
    assert not RoleAssignment.objects.filter(user=handlaggare).exists()
    # Not anonymised: the name and address stay on the row, the phone goes.
    assert (handlaggare.get_full_name(), handlaggare.email, handlaggare.phone) == (
        name,
        email,
        "",
    )
    # The record of the decision reads as it did.
    application.refresh_from_db()
    assert application.decided_by == handlaggare and application.decided_at == DECIDED
    decisions = history_for(subject=application).filter(action="approve")
    assert [(h.actor_name, h.at) for h in decisions] == [(name, DECIDED)]
    assert not HistoryEntry.objects.filter(actor_name="Borttagen användare").exists()
    # The association still sees who decided.
    client.force_login(rep_a)
    page = client.get(
        reverse("agreement:application_detail", kwargs={"uuid": application.uuid})
    ).content.decode()
    assert name in page


def test_the_page_tells_staff_their_account_is_deactivated(client, no_staff_mfa, handlaggare):
    client.force_login(handlaggare)
    page = client.get(reverse("account_delete")).content.decode()
    assert "inaktiveras i stället för att raderas" in page
    assert "offentlighetsprincipen" in page and "arkivlagen" in page
    assert "Inaktivera mitt konto" in page
    response = client.post(
        reverse("account_delete"), {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert "Ditt konto är inaktiverat" in response.content.decode()


def test_a_staff_account_still_exports_what_it_did(handlaggare, organisation_a):
    history_record(subject=organisation_a, actor=handlaggare, action="approve", at=DECIDED)
    with time_machine.travel(DELETED, tick=False):
        account_delete(user=handlaggare, actor=handlaggare)
    data = account_export_data(user=handlaggare)
    assert data["account"]["email"] == handlaggare.email
    assert data["history_by_you"] == [
        {"action": "approve", "message": "", "at": DECIDED.isoformat()}
    ]


# A representative ------------------------------------------------------------------


def test_a_representative_is_wiped_but_what_they_sent_in_stays(
    client, rep_a, organisation_a, published_remiss
):
    name = rep_a.get_full_name()
    rep_a.phone = "070-123 45 67"
    rep_a.save()
    # organisation_a is affiliated (it is an instans); rep_a also applies for a second one.
    applying = RepresentationFactory(user=rep_a, organisation=OrganisationFactory()).organisation
    rep_a.__dict__.pop("represented_organisation_ids", None)
    application = _submitted_application(applying, rep_a)
    instans = published_remiss.instanser.get(organisation=organisation_a)
    texts = {s.pk: "Vi stöder planen." for s in published_remiss.sections.all()}
    with time_machine.travel(at(2021, 1, 20, 10), tick=False):
        answer = remiss_services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts=texts,
            version=None,
            submit=True,
            attachments=[("Styrelsens yttrande", SimpleUploadedFile("y.pdf", PDF))],
        )

    with time_machine.travel(DELETED, tick=False):
        _delete_through_the_page(client, rep_a)

    rep_a.refresh_from_db()
    # The profile is wiped.
    assert (rep_a.first_name, rep_a.last_name, rep_a.phone) == ("Borttagen användare", "", "")
    assert rep_a.email.endswith("@invalid") and not rep_a.is_active
    assert set(Representation.objects.filter(user=rep_a).values_list("status", flat=True)) == {
        Representation.Status.ENDED
    }
    # The application and its protocol are kept as received.
    application.refresh_from_db()
    assert application.status == AffiliationApplication.Status.SUBMITTED
    assert application.decision_text == "Styrelsen beslutar att ansluta föreningen."
    with application.protocol.open("rb") as stored:
        assert stored.read() == PDF
    # So is the remissvar, its texts and its attachment.
    answer = RemissAnswer.objects.get(pk=answer.pk)
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.submitted_by == rep_a
    assert set(answer.texts.values_list("text", flat=True)) == {"Vi stöder planen."}
    with answer.attachments.get().file.open("rb") as stored:
        assert stored.read() == PDF
    # And the history of both names the person who sent them in, as recorded then.
    sent = [
        (h.action, h.actor_name, h.at)
        for subject in (application, answer)
        for h in history_for(subject=subject).filter(actor=rep_a).order_by("at", "pk")
    ]
    assert sent == [
        ("created", name, SUBMITTED),
        ("submit", name, SUBMITTED),
        ("answer_submitted", name, at(2021, 1, 20, 10)),
    ]


def test_the_page_tells_a_representative_what_is_kept(client, rep_a):
    client.force_login(rep_a)
    page = client.get(reverse("account_delete")).content.decode()
    assert "tas ditt namn, din e-postadress och ditt telefonnummer bort" in page
    assert "allmän handling (offentlighetsprincipen)" in page and "arkivlagen" in page
    assert "Ta bort mitt konto" in page


# Only one's own ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["rep_b", "handlaggare", "admin_user"])
def test_nobody_deletes_another_persons_account(who, rep_a, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied, match="ditt eget konto"):
        account_delete(user=rep_a, actor=actor)
    rep_a.refresh_from_db()
    assert rep_a.is_active and rep_a.get_full_name() != "Borttagen användare"
    assert Representation.objects.get(user=rep_a).status == Representation.Status.CONFIRMED


def test_the_page_deletes_only_the_logged_in_account(client, rep_a, rep_b):
    # The page takes no account to delete: whatever is posted, it is one's own.
    client.force_login(rep_b)
    client.post(
        reverse("account_delete"),
        {"password": PASSWORD, "confirm": "on", "user": rep_a.pk, "email": rep_a.email},
    )
    rep_a.refresh_from_db()
    rep_b.refresh_from_db()
    assert rep_a.is_active and not rep_b.is_active


def test_anonymous_cannot_reach_the_page(client, rep_a):
    response = client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    rep_a.refresh_from_db()
    assert rep_a.is_active
