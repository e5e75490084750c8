# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Remiss pages through the real views: staff create, choose instanser and publish;
representatives draft, submit and collide; the deadline; refusals; late answers by
hand; the compilation (page and PDF) staff-only while open and public after; .ics;
staff read an answer; "Mina sidor" lists the open remisser."""

import datetime as dt
import re
from unittest import mock
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from overenskommelse.agreement.models import Remiss, RemissAnswer
from overenskommelse.agreement.services import remiss as services
from overenskommelse.protocols.services import protocols as protocol_services
from tests.conftest import pdf_text
from tests.factories import AffiliationFactory, RepresentationFactory, UserFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db

OPEN = at(2021, 1, 20, 10)
CLOSED = at(2021, 3, 2, 9)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _url(name, obj) -> str:
    return reverse(f"agreement:{name}", kwargs={"uuid": obj.uuid})


def _instans_a(remiss, organisation_a):
    return remiss.instanser.get(organisation=organisation_a)


def _answer_post(remiss, text, version, action="draft") -> dict:
    data = {f"section_{s.pk}": f"{text} – {s.heading}" for s in remiss.sections.all()}
    return {**data, "version": version, action: "1"}


@pytest.fixture
def staff(client, handlaggare, no_staff_mfa):
    client.force_login(handlaggare)
    return client


def test_staff_create_choose_instanser_and_publish(staff, handlaggare, organisation_a, rep_a):
    AffiliationFactory(organisation=organisation_a)
    meeting = protocol_services.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunstyrelsens arbetsutskott", date=dt.date(2020, 11, 23)
    )
    decision = protocol_services.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=442,
        title="Remiss handlingsplan",
        clauses=["att skicka förslaget på remiss"],
        is_public=True,
    )
    with time_machine.travel(at(2020, 11, 25, 10), tick=False):
        response = staff.post(
            reverse("agreement:remiss_create"),
            {
                "title": "Remiss handlingsplan 2021–2024",
                "case_number": "KS 2020/0882",
                "decision": decision.pk,
                "opens_on": "2020-12-01",
                "closes_on": "2021-02-28",
                "instructions": "Lämna synpunkter enligt dispositionen.",
                "disposition": "Sammanfattning\nSamverkansområden\nProcessen",
                "meetings": "2021-01-12 18:00-19:30\n2021-01-14 12:00-13:30",
                "meeting_link": "https://example.se/zoom",
                "contact_name": "Ulrika Dagård",
                "contact_email": "ulrika@example.se",
                "contact_phone": "0734 – 15 09 30",
            },
        )
        remiss = Remiss.objects.get(case_number="KS 2020/0882")
        assert response.status_code == 302
        assert response["Location"] == _url("remiss_instanser", remiss)
        assert remiss.decision == decision and remiss.status == Remiss.Status.DRAFT
        assert [s.heading for s in remiss.sections.all()] == [
            "Sammanfattning",
            "Samverkansområden",
            "Processen",
        ]
        assert remiss.meetings.count() == 2 and remiss.contact_name == "Ulrika Dagård"

        # Publishing with no instanser is refused on the page; nothing changes.
        page = staff.post(_url("remiss_publish", remiss), follow=True)
        assert "Välj minst en remissinstans innan remissen publiceras." in _text(page)
        remiss.refresh_from_db()
        assert remiss.status == Remiss.Status.DRAFT and remiss.sections.count() == 3

        staff.post(_url("remiss_instanser", remiss), {"all_affiliated": "on"})
        assert [i.name for i in remiss.instanser.all()] == [organisation_a.name]

        # End before start (only a draft can hold it) is refused too.
        Remiss.objects.filter(pk=remiss.pk).update(closes_on=dt.date(2020, 11, 1))
        page = staff.post(_url("remiss_publish", remiss), follow=True)
        assert "Remisstiden kan inte sluta före den börjar." in _text(page)
        remiss.refresh_from_db()
        assert remiss.status == Remiss.Status.DRAFT and remiss.instanser.count() == 1

        Remiss.objects.filter(pk=remiss.pk).update(closes_on=dt.date(2021, 2, 28))
        page = staff.post(_url("remiss_publish", remiss), follow=True)
    assert "Remissen är publicerad och instanserna inbjudna." in _text(page)
    remiss.refresh_from_db()
    assert remiss.status == Remiss.Status.PUBLISHED


def test_create_form_refuses_end_before_start_on_the_page(staff):
    response = staff.post(
        reverse("agreement:remiss_create"),
        {"title": "Fel", "opens_on": "2021-03-01", "closes_on": "2021-02-01", "disposition": "A"},
    )
    assert response.status_code == 200
    assert "Remisstiden kan inte sluta före den börjar." in _text(response)
    assert not Remiss.objects.exists()


def test_draft_then_submit_sends_a_receipt(
    client, published_remiss, organisation_a, rep_a, django_capture_on_commit_callbacks
):
    instans = _instans_a(published_remiss, organisation_a)
    client.force_login(rep_a)
    with time_machine.travel(OPEN, tick=False):
        page = client.post(
            _url("remiss_answer", instans), _answer_post(published_remiss, "Utkast", 0), follow=True
        )
        assert "Utkastet är sparat. Det är inte inskickat än." in _text(page)
        answer = RemissAnswer.objects.get(instans=instans)
        assert answer.status == RemissAnswer.Status.DRAFT and answer.version == 1
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            page = client.post(
                _url("remiss_answer", instans),
                _answer_post(published_remiss, "Vi stöder planen", 1, "submit"),
                follow=True,
            )
    assert "Ert svar är inskickat. Ett kvitto skickas per e-post." in _text(page)
    answer.refresh_from_db()
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.submitted_by == rep_a
    assert [rep_a.email] in [m.to for m in mail.outbox]
    receipt = next(m for m in mail.outbox if m.to == [rep_a.email])
    assert published_remiss.title in receipt.subject + receipt.body


def test_a_stale_version_is_refused_and_the_first_text_kept(
    client, published_remiss, organisation_a, rep_a
):
    second = UserFactory(email="andra@forening-a.example.se")
    RepresentationFactory(user=second, organisation=organisation_a)
    instans = _instans_a(published_remiss, organisation_a)
    with time_machine.travel(OPEN, tick=False):
        client.force_login(rep_a)
        client.post(_url("remiss_answer", instans), _answer_post(published_remiss, "Först", 0))
        client.force_login(second)
        page = client.post(
            _url("remiss_answer", instans), _answer_post(published_remiss, "Sedan", 0)
        )
    assert page.status_code == 200
    assert "Någon annan har sparat svaret medan du redigerade det." in _text(page)
    assert "Sedan – " in _text(page)  # the second person's text is still in the form
    texts = [t.text for t in RemissAnswer.objects.get(instans=instans).texts.all()]
    assert texts and all(t.startswith("Först") for t in texts)


def test_the_deadline_is_the_end_of_the_last_day(client, published_remiss, organisation_a, rep_a):
    instans = _instans_a(published_remiss, organisation_a)
    client.force_login(rep_a)
    with time_machine.travel(at(2021, 2, 28, 23, 59, 59), tick=False):
        client.post(_url("remiss_answer", instans), _answer_post(published_remiss, "I tid", 0))
    assert RemissAnswer.objects.get(instans=instans).version == 1
    with time_machine.travel(at(2021, 3, 1, 0, 0, 0), tick=False):
        page = client.post(
            _url("remiss_answer", instans),
            _answer_post(published_remiss, "För sent", 1, "submit"),
            follow=True,
        )
    assert "Remissen stängde vid slutet av 2021-02-28. Svar kan inte längre lämnas." in _text(page)
    answer = RemissAnswer.objects.get(instans=instans)
    assert answer.status == RemissAnswer.Status.DRAFT and answer.version == 1
    assert all(t.text.startswith("I tid") for t in answer.texts.all())


def test_outsider_and_anonymous_are_refused(client, published_remiss, organisation_a, rep_b):
    instans = _instans_a(published_remiss, organisation_a)
    url = _url("remiss_answer", instans)
    with time_machine.travel(OPEN, tick=False):
        response = client.post(url, _answer_post(published_remiss, "Anonym", 0))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        client.force_login(rep_b)
        assert client.get(url).status_code == 403
        assert client.post(url, _answer_post(published_remiss, "Fel", 0)).status_code == 403
    assert not RemissAnswer.objects.exists()


def test_staff_read_an_answer_read_only(staff, published_remiss, organisation_a, rep_a):
    instans = _instans_a(published_remiss, organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={s.pk: "Vi vill ha fler mötesplatser." for s in published_remiss.sections.all()},
            version=None,
        )
        page = staff.get(_url("remiss_answer", instans))
        assert page.status_code == 200
        text = _text(page)
        assert "Vi vill ha fler mötesplatser." in text
        assert "Du företräder inte" not in text
        assert "<textarea" not in text and "Skicka in svaret" not in text
        # Staff cannot write it through this page.
        staff.post(_url("remiss_answer", instans), _answer_post(published_remiss, "Staff", 1))
    assert RemissAnswer.objects.get(instans=instans).version == 1


def test_staff_register_a_late_posted_answer(staff, published_remiss, namnd):
    instans = published_remiss.instanser.get(municipal_body=namnd)
    sections = list(published_remiss.sections.all())
    with time_machine.travel(at(2021, 3, 4, 10), tick=False):
        page = staff.post(
            _url("remiss_register_answer", published_remiss),
            {
                "instans": instans.pk,
                "channel": "post",
                "received_on": "2021-03-03",
                **{f"section_{s.pk}": "Nämnden tillstyrker." for s in sections},
            },
            follow=True,
        )
    assert "Svaret är registrerat." in _text(page)
    answer = RemissAnswer.objects.get(instans=instans)
    assert answer.is_late and answer.registered_by_staff and answer.channel == "post"
    assert answer.status == RemissAnswer.Status.SUBMITTED


@pytest.fixture
def answered(published_remiss, organisation_a, rep_a):
    instans = _instans_a(published_remiss, organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={
                s.pk: f"Föreningens svar om {s.number}" for s in published_remiss.sections.all()
            },
            version=None,
            submit=True,
        )
    return published_remiss


class WeasyPrint:
    """Switches PDF rendering off (any call fails the test) and on again."""

    def __init__(self, monkeypatch):
        from overenskommelse.platform import pdf

        self.monkeypatch, self.module, self.real = monkeypatch, pdf, pdf.HTML

    def refuse(self) -> mock.Mock:
        refused = mock.Mock(side_effect=AssertionError("a PDF was rendered in the request"))
        self.monkeypatch.setattr(self.module, "HTML", refused)
        return refused

    def allow(self) -> None:
        self.monkeypatch.setattr(self.module, "HTML", self.real)


def _worker_runs(asked, django_capture_on_commit_callbacks, weasyprint) -> None:
    """Run the enqueued callbacks: the render task runs eagerly in tests, as the worker."""
    weasyprint.allow()
    with django_capture_on_commit_callbacks(execute=True):
        for callback in asked:
            callback()
    weasyprint.refuse()


def test_compilation_is_staff_only_while_open(
    client,
    answered,
    rep_a,
    handlaggare,
    no_staff_mfa,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    weasyprint = WeasyPrint(monkeypatch)
    with time_machine.travel(OPEN, tick=False):
        for name in ("remiss_compilation", "remiss_compilation_pdf"):
            response = client.get(_url(name, answered))
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        client.force_login(rep_a)
        for name in ("remiss_compilation", "remiss_compilation_pdf"):
            assert client.get(_url(name, answered)).status_code == 403
        client.force_login(handlaggare)
        refused = weasyprint.refuse()
        with django_capture_on_commit_callbacks() as asked:
            page = client.get(_url("remiss_compilation", answered))
            pending = client.get(_url("remiss_compilation_pdf", answered))
        assert page.status_code == 200 and "Föreningens svar om 1" in _text(page)
        assert "Sammanställningen som PDF håller på att göras." in _text(page)
        assert pending.status_code == 200 and pending["Content-Type"].startswith("text/html")
        assert "Sammanställningen som PDF görs nu" in _text(pending)
        assert refused.call_count == 0 and len(asked) == 1  # the worker is asked, once
        _worker_runs(asked, django_capture_on_commit_callbacks, weasyprint)
        response = client.get(_url("remiss_compilation_pdf", answered))
    assert response["Content-Type"] == "application/pdf"
    assert "Föreningens svar om 1" in pdf_text(b"".join(response.streaming_content))


def test_compilation_is_public_after_closing(
    client, answered, namnd, django_capture_on_commit_callbacks, monkeypatch
):
    weasyprint = WeasyPrint(monkeypatch)
    refused = weasyprint.refuse()
    with time_machine.travel(CLOSED, tick=False):
        # Closed, and the worker has not made the PDF yet: the pages say it is being made.
        with django_capture_on_commit_callbacks() as asked:
            page = client.get(_url("remiss_compilation", answered))
            pending = client.get(_url("remiss_compilation_pdf", answered))
        assert page.status_code == 200
        text = _text(page)
        assert "Sammanställningen som PDF håller på att göras." in text
        assert pending.status_code == 200 and pending["Retry-After"] == "60"
        assert "Sammanställningen som PDF görs nu" in _text(pending)
        assert len(asked) == 1
        _worker_runs(asked, django_capture_on_commit_callbacks, weasyprint)
        page = client.get(_url("remiss_compilation", answered))
        response = client.get(_url("remiss_compilation_pdf", answered))
    assert refused.call_count == 0
    assert "Sammanställningen som PDF</a> (skapad 2021-03-02 09:00)" in _text(page)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "sammanstallning-remissvar-ks-20200882.pdf" in response["Content-Disposition"]
    pdf = re.sub(r"\s+", " ", pdf_text(b"".join(response.streaming_content)))
    for section in answered.sections.all():
        assert section.heading in text
        assert section.heading in pdf
        assert f"Föreningens svar om {section.number}" in pdf
    assert "Förening A" in pdf
    # The instanser that did not answer are listed.
    assert "Kultur- och fritidsnämnden" in pdf and "Kultur- och fritidsnämnden" in text


def test_a_stored_pdf_gone_from_storage_is_made_again_not_a_500(
    client, answered, django_capture_on_commit_callbacks, caplog
):
    from overenskommelse.agreement.models import RemissCompilationPdf
    from overenskommelse.agreement.tasks import remiss_compilations_request

    with time_machine.travel(CLOSED, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            remiss_compilations_request()
        stored = RemissCompilationPdf.objects.get(remiss=answered)
        stored.file.storage.delete(stored.file.name)
        with django_capture_on_commit_callbacks() as asked:
            response = client.get(_url("remiss_compilation_pdf", answered))
    assert response.status_code == 200 and "Sammanställningen som PDF görs nu" in _text(response)
    assert len(asked) == 1
    stored.refresh_from_db()
    assert not stored.is_current
    # The operators are told which document's file went missing.
    assert (
        f"Stored file of agreement.remisscompilationpdf {answered.pk} is gone; "
        "asking for a new one" in caplog.messages
    )


def test_information_meeting_ics_has_the_local_time(client, published_remiss):
    meeting = published_remiss.meetings.get()
    response = client.get(
        reverse(
            "agreement:remiss_meeting_ics",
            kwargs={"uuid": published_remiss.uuid, "meeting": meeting.uuid},
        )
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    start = events[0]["DTSTART"].dt
    end = events[0]["DTEND"].dt
    local = ZoneInfo("Europe/Stockholm")
    assert start == dt.datetime(2021, 1, 12, 18, 0, tzinfo=local)
    assert end == dt.datetime(2021, 1, 12, 19, 30, tzinfo=local)
    assert published_remiss.title in str(events[0]["SUMMARY"])


def test_a_moved_information_meeting_keeps_its_uid_with_a_higher_sequence(client, published_remiss):
    meeting = published_remiss.meetings.get()
    url = reverse(
        "agreement:remiss_meeting_ics",
        kwargs={"uuid": published_remiss.uuid, "meeting": meeting.uuid},
    )
    (before,) = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
    meeting.end_time = dt.time(20, 0)  # as the admin's inline saves it
    meeting.save()
    (after,) = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"]) == f"{meeting.uuid}@remiss.overenskommelsen"
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert after["DTEND"].dt == dt.datetime(2021, 1, 12, 20, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def test_my_pages_lists_open_remisser_with_deadline_and_answer_state(
    client, published_remiss, organisation_a, rep_a, rep_b
):
    client.force_login(rep_a)
    url = reverse("mina_sidor")
    with time_machine.travel(OPEN, tick=False):
        text = _text(client.get(url))
        assert published_remiss.title in text
        assert "Sista dag att svara: 28 februari 2021 kl. 23:59." in text
        assert "Inte påbörjat" in text
        client.post(
            _url("remiss_answer", _instans_a(published_remiss, organisation_a)),
            _answer_post(published_remiss, "Utkast", 0),
        )
        assert "<strong>Utkast</strong>" in _text(client.get(url))
        # An organisation that was not asked may answer on its own initiative.
        client.force_login(rep_b)
        text = _text(client.get(url))
        assert published_remiss.title in text and "eget initiativ" in text
    with time_machine.travel(CLOSED, tick=False):
        client.force_login(rep_a)
        assert published_remiss.title not in _text(client.get(url))


def _many_answers(remiss, handlaggare, count):
    from tests.factories import OrganisationFactory

    organisations = [OrganisationFactory() for _ in range(count)]
    with time_machine.travel(OPEN, tick=False):
        services.remiss_instanser_add(remiss=remiss, actor=handlaggare, organisations=organisations)
        for organisation in organisations:
            user = UserFactory()
            RepresentationFactory(user=user, organisation=organisation)
            services.remiss_answer_save(
                instans=remiss.instanser.get(organisation=organisation),
                actor=user,
                texts={s.pk: f"Svar från {organisation.name}" for s in remiss.sections.all()},
                version=None,
                submit=True,
            )


@pytest.mark.parametrize("extra", [0, 12])
def test_remiss_list_and_compilation_keep_a_constant_number_of_queries(
    staff, answered, handlaggare, extra, django_assert_max_num_queries
):
    _many_answers(answered, handlaggare, extra)
    for n in range(extra // 4):
        with time_machine.travel(at(2020, 11, 25, 10), tick=False):
            services.remiss_create(
                actor=handlaggare,
                title=f"Remiss {n}",
                opens_on=dt.date(2021, 1, 1),
                closes_on=dt.date(2021, 2, 1),
            )
    with time_machine.travel(OPEN, tick=False):
        with django_assert_max_num_queries(12):
            assert staff.get(reverse("agreement:remiss_list")).status_code == 200
        with django_assert_max_num_queries(14):
            page = staff.get(_url("remiss_compilation", answered))
    assert page.status_code == 200
    assert _text(page).count("Svar från") == extra * answered.sections.count()


def test_staff_withdraw_a_published_remiss_with_a_reason(staff, published_remiss, rep_a, client):
    url = _url("remiss_withdraw", published_remiss)
    with time_machine.travel(OPEN, tick=False):
        page = staff.post(url, {"reason": "  ", "confirm": "on"}, follow=True)
        assert "Ange ett skäl." in _text(page)
        published_remiss.refresh_from_db()
        assert published_remiss.status == Remiss.Status.PUBLISHED
        page = staff.post(url, {"reason": "Planen skrivs om.", "confirm": "on"}, follow=True)
    assert "Remissen är återkallad." in _text(page)
    published_remiss.refresh_from_db()
    assert published_remiss.status == Remiss.Status.WITHDRAWN
    assert "Planen skrivs om." in _text(page)  # the history row on the page
    client.force_login(rep_a)
    assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 403


def test_withdrawing_a_remiss_without_the_confirmation_is_refused_in_swedish(
    staff, published_remiss
):
    """Återkalla remissen cannot be undone: without the ticked box nothing happens."""
    url = _url("remiss_withdraw", published_remiss)
    with time_machine.travel(OPEN, tick=False):
        page = staff.post(url, {"reason": "Planen skrivs om."}, follow=True)
    assert "Kryssa i att du förstår att återkallelsen av remissen inte kan ångras." in _text(page)
    published_remiss.refresh_from_db()
    assert published_remiss.status == Remiss.Status.PUBLISHED


def test_a_withdrawal_reason_over_the_text_limit_is_refused_in_swedish(staff, published_remiss):
    url = _url("remiss_withdraw", published_remiss)
    with time_machine.travel(OPEN, tick=False):
        page = staff.post(url, {"reason": "x" * 20_001, "confirm": "on"}, follow=True)
    assert "Säkerställ att detta värde har som mest 20000 tecken (den har 20001)." in _text(page)
    published_remiss.refresh_from_db()
    assert published_remiss.status == Remiss.Status.PUBLISHED


def _submitted_answer(published_remiss, organisation_a, rep_a, text="Inskickat"):
    instans = _instans_a(published_remiss, organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={s.pk: f"{text} – {s.heading}" for s in published_remiss.sections.all()},
            version=None,
            submit=True,
        )
    return instans


def test_a_submitted_answer_shows_as_submitted_with_clear_buttons(
    client, published_remiss, organisation_a, rep_a
):
    instans = _submitted_answer(published_remiss, organisation_a, rep_a)
    client.force_login(rep_a)
    with time_machine.travel(OPEN, tick=False):
        text = _text(client.get(_url("remiss_answer", instans)))
    assert "Status: Inskickat (2021-01-20 10:00)" in text
    assert "Skicka in ändringarna" in text and "Öppna som utkast" in text
    assert "Spara som utkast" not in text and "Skicka in svaret" not in text


def test_draft_button_on_a_submitted_answer_changes_nothing_and_says_so(
    client, published_remiss, organisation_a, rep_a
):
    instans = _submitted_answer(published_remiss, organisation_a, rep_a)
    client.force_login(rep_a)
    mail.outbox.clear()
    with time_machine.travel(OPEN, tick=False):
        page = client.post(
            _url("remiss_answer", instans), _answer_post(published_remiss, "Ändrat", 1)
        )
    assert page.status_code == 200
    text = _text(page)
    assert "Svaret är redan inskickat och kan inte sparas som utkast." in text
    assert "Utkastet är sparat" not in text
    assert "Ändrat – " in text  # the text is kept in the form
    answer = RemissAnswer.objects.get(instans=instans)
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.version == 1
    assert all(t.text.startswith("Inskickat") for t in answer.texts.all())
    assert mail.outbox == []


def test_submitting_changes_says_so_and_sends_a_changed_receipt(
    client, published_remiss, organisation_a, rep_a, django_capture_on_commit_callbacks
):
    instans = _submitted_answer(published_remiss, organisation_a, rep_a)
    client.force_login(rep_a)
    mail.outbox.clear()
    with (
        time_machine.travel(OPEN, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = client.post(
            _url("remiss_answer", instans),
            _answer_post(published_remiss, "Ändrat", 1, "submit"),
            follow=True,
        )
    assert "Ändringarna är inskickade. Ett kvitto skickas per e-post." in _text(page)
    answer = RemissAnswer.objects.get(instans=instans)
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.version == 2
    (receipt,) = mail.outbox
    assert "ändrade svar" in receipt.subject and "det ändrade svaret" in receipt.body


def test_submitting_an_unchanged_answer_again_says_nothing_changed(
    client, published_remiss, organisation_a, rep_a, django_capture_on_commit_callbacks
):
    instans = _submitted_answer(published_remiss, organisation_a, rep_a)
    client.force_login(rep_a)
    mail.outbox.clear()
    with (
        time_machine.travel(OPEN, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = client.post(
            _url("remiss_answer", instans),
            _answer_post(published_remiss, "Inskickat", 1, "submit"),
            follow=True,
        )
    assert "Inget var ändrat: svaret är inskickat som det var." in _text(page)
    assert RemissAnswer.objects.get(instans=instans).version == 1
    assert mail.outbox == []


def test_reopening_as_a_draft_is_explicit_and_in_the_history(
    client, published_remiss, organisation_a, rep_a, handlaggare, no_staff_mfa
):
    instans = _submitted_answer(published_remiss, organisation_a, rep_a)
    client.force_login(rep_a)
    mail.outbox.clear()
    with time_machine.travel(OPEN, tick=False):
        page = client.post(
            _url("remiss_answer", instans),
            _answer_post(published_remiss, "Omarbetas", 1, "reopen"),
            follow=True,
        )
        text = _text(page)
        assert "Svaret är öppnat som utkast. Det räknas inte som inskickat" in text
        assert "Status: Utkast" in text and "Skicka in svaret" in text
        answer = RemissAnswer.objects.get(instans=instans)
        assert answer.status == RemissAnswer.Status.DRAFT and answer.submitted_at is None
        assert mail.outbox == []
        client.force_login(handlaggare)
        history = _text(client.get(_url("remiss_answer", instans)))
    assert "Svaret öppnat som utkast" in history and "Svaret inskickat" in history


def test_an_empty_answer_is_refused_on_the_page(client, published_remiss, organisation_a, rep_a):
    instans = _instans_a(published_remiss, organisation_a)
    client.force_login(rep_a)
    blank = {f"section_{s.pk}": "   " for s in published_remiss.sections.all()}
    mail.outbox.clear()
    with time_machine.travel(OPEN, tick=False):
        page = client.post(
            _url("remiss_answer", instans),
            {**blank, "attachment_title": "Vårt brev", "version": 0, "submit": "1"},
        )
    assert page.status_code == 200
    assert "Svaret är tomt. Skriv något under minst en rubrik innan ni skickar in det." in _text(
        page
    )
    assert 'value="Vårt brev"' in _text(page)  # what was typed is kept
    assert not RemissAnswer.objects.exists() and mail.outbox == []


def _wait_until_blocked_on_a_lock(timeout: float = 10.0) -> None:
    """Wait until some other connection to the test database waits on a row lock."""
    import time

    from django.db import connection

    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second save never waited for the first")


@pytest.mark.django_db(transaction=True)
def test_two_first_answers_saved_at_once_the_second_gets_the_conflict_message(
    published_remiss, organisation_a, rep_a
):
    """Two representatives press save on a new answer at the same moment, in two real
    transactions: the first is stored; the second is told and keeps its text (it got a
    500 from the unique constraint on the answer's instans)."""
    import threading
    from unittest import mock

    from django.db import connection
    from django.test import Client

    second = UserFactory(email="andra@forening-a.example.se")
    RepresentationFactory(user=second, organisation=organisation_a)
    instans = _instans_a(published_remiss, organisation_a)
    first_inside, release = threading.Event(), threading.Event()
    real_store = services._texts_store

    def store_then_wait(answer, texts):
        real_store(answer, texts)
        if threading.current_thread().name == "first":
            first_inside.set()
            release.wait(10)

    responses = {}

    def post(user, text):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            responses[threading.current_thread().name] = client.post(
                _url("remiss_answer", instans), _answer_post(published_remiss, text, 0)
            )
        finally:
            connection.close()

    with (
        time_machine.travel(OPEN, tick=False),
        mock.patch.object(services, "_texts_store", store_then_wait),
    ):
        one = threading.Thread(target=post, args=(rep_a, "Först"), name="first")
        two = threading.Thread(target=post, args=(second, "Sedan"), name="second")
        one.start()
        assert first_inside.wait(10)
        two.start()
        try:
            _wait_until_blocked_on_a_lock()  # the second is inside its save, waiting
        finally:
            release.set()
            one.join(10)
            two.join(10)
    assert responses["first"].status_code == 302
    page = responses["second"]
    assert page.status_code == 200
    assert "Någon annan har sparat svaret medan du redigerade det." in _text(page)
    assert "Sedan – " in _text(page)  # the second person's text is still in the form
    texts = [t.text for t in RemissAnswer.objects.get(instans=instans).texts.all()]
    assert texts and all(t.startswith("Först") for t in texts)


def test_the_answer_form_shows_the_length_limit(client, published_remiss, organisation_a, rep_a):
    client.force_login(rep_a)
    with time_machine.travel(OPEN, tick=False):
        page = client.get(_url("remiss_answer", _instans_a(published_remiss, organisation_a)))
    text = _text(page)
    assert text.count('maxlength="20000"') == published_remiss.sections.count()
    assert "Högst 20 000 tecken under varje rubrik." in text


def test_a_text_over_the_limit_is_refused_on_the_page(
    client, published_remiss, organisation_a, rep_a, settings
):
    settings.REMISS_ANSWER_MAX_CHARS = 50
    instans = _instans_a(published_remiss, organisation_a)
    first, *rest = published_remiss.sections.all()
    client.force_login(rep_a)
    data = {f"section_{s.pk}": "Kort." for s in rest}
    with time_machine.travel(OPEN, tick=False):
        page = client.post(
            _url("remiss_answer", instans),
            {**data, f"section_{first.pk}": "x" * 51, "version": 0, "submit": "1"},
        )
        assert page.status_code == 200
        assert 'maxlength="50"' in _text(page)
        assert "Texten har 51 tecken. Gränsen är 50 tecken under varje rubrik." in _text(page)
        assert not RemissAnswer.objects.exists()
        # A line break counts as one character, as the browser counts it.
        page = client.post(
            _url("remiss_answer", instans),
            {**data, f"section_{first.pk}": "x" * 24 + "\r\n" + "y" * 25, "version": 0},
        )
    assert page.status_code == 302
    stored = RemissAnswer.objects.get(instans=instans).texts.get(section=first).text
    assert stored == "x" * 24 + "\n" + "y" * 25
