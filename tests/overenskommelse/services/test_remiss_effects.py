# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""What each remiss service stores, records and tells, and the exact reason it refuses:
creating and changing a remiss, its instanser and documents, publishing, answers with
attachments, and answers registered by kommunkontoret."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import (
    InformationMeeting,
    Remiss,
    RemissAnswer,
    RemissAnswerText,
    RemissCompilationPdf,
    RemissDocument,
    RemissInstans,
)
from overenskommelse.agreement.services import remiss as services
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from tests.factories import AffiliationFactory, MunicipalBodyFactory, OrganisationFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"
OPEN = at(2021, 2, 1, 12)


def answer_url(instans) -> str:
    path = reverse("agreement:remiss_answer", kwargs={"uuid": instans.uuid})
    return settings.PORTAL_BASE_URL + path


def refused(call, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.messages


# Creating and changing ----------------------------------------------------------------


def test_create_stores_the_remiss_its_disposition_and_meetings(handlaggare):
    remiss = services.remiss_create(
        actor=handlaggare,
        title="Remiss om lokaler",
        opens_on=dt.date(2021, 3, 1),
        closes_on=dt.date(2021, 4, 1),
        sections=[" Första ", "", "  ", "Andra"],
        meetings=[services.MeetingTime(dt.date(2021, 3, 5), dt.time(18), dt.time(19))],
        meeting_link="https://example.se/mote",
        case_number="KS 2021/0001",
    )
    stored = Remiss.objects.get(pk=remiss.pk)
    assert (stored.title, stored.case_number, stored.created_by, stored.status) == (
        "Remiss om lokaler",
        "KS 2021/0001",
        handlaggare,
        Remiss.Status.DRAFT,
    )
    assert [(s.number, s.heading) for s in stored.sections.order_by("number")] == [
        (1, "Första"),
        (2, "Andra"),
    ]
    (meeting,) = InformationMeeting.objects.filter(remiss=stored)
    assert (meeting.date, meeting.start_time, meeting.end_time, meeting.link) == (
        dt.date(2021, 3, 5),
        dt.time(18),
        dt.time(19),
        "https://example.se/mote",
    )
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor, entry.message) == (
        "remiss_created",
        handlaggare,
        "Remiss om lokaler",
    )


def test_a_remiss_is_made_by_someone_never_by_no_actor(handlaggare):
    with pytest.raises(PermissionDenied):
        services.remiss_create(
            actor=None, title="Demo", opens_on=dt.date(2021, 3, 1), closes_on=dt.date(2021, 4, 1)
        )
    assert not Remiss.objects.exists()
    remiss = services.remiss_create(
        actor=handlaggare, title="Demo", opens_on=dt.date(2021, 3, 1), closes_on=dt.date(2021, 4, 1)
    )
    assert remiss.created_by == handlaggare
    assert history_for(subject=remiss).get().actor == handlaggare


def test_create_refuses_unknown_fields_an_empty_disposition_and_a_backwards_meeting(
    handlaggare,
):
    dates = {"opens_on": dt.date(2021, 3, 1), "closes_on": dt.date(2021, 4, 1)}
    with pytest.raises(TypeError, match=r"unknown remiss fields: \['colour'\]"):
        services.remiss_create(actor=handlaggare, title="X", colour="röd", **dates)
    assert refused(
        services.remiss_create, actor=handlaggare, title="X", sections=[" ", ""], **dates
    ) == ["Dispositionen behöver minst en rubrik."]
    backwards = services.MeetingTime(dt.date(2021, 3, 5), dt.time(18), dt.time(18))
    assert refused(
        services.remiss_create, actor=handlaggare, title="X", meetings=[backwards], **dates
    ) == ["Ett informationsmöte måste sluta efter att det börjar."]
    assert not Remiss.objects.exists()


def test_update_records_each_changed_field_and_nothing_else(draft_remiss, handlaggare):
    with mock.patch.object(services, "remiss_compilation_changed") as changed:
        services.remiss_update(
            remiss=draft_remiss,
            actor=handlaggare,
            title="Nytt namn",
            case_number=draft_remiss.case_number,
            contact_phone="046-35 00 00",
        )
    stored = Remiss.objects.get(pk=draft_remiss.pk)
    assert (stored.title, stored.contact_phone) == ("Nytt namn", "046-35 00 00")
    entry = history_for(subject=stored).get(action="changed")
    assert (entry.actor, entry.changes) == (
        handlaggare,
        {
            "title": ["Remiss handlingsplan Lunds Överenskommelse", "Nytt namn"],
            "contact_phone": ["", "046-35 00 00"],
        },
    )
    assert changed.call_count == 1


def test_an_update_that_changes_nothing_records_nothing(draft_remiss, handlaggare):
    with mock.patch.object(services, "remiss_compilation_changed") as changed:
        services.remiss_update(remiss=draft_remiss, actor=handlaggare, title=draft_remiss.title)
    assert not history_for(subject=draft_remiss).filter(action="changed").exists()
    assert changed.call_count == 0


def test_update_refuses_a_field_it_does_not_know(draft_remiss, handlaggare):
    with pytest.raises(TypeError, match=r"^status$"):  # named, for whoever called it so
        services.remiss_update(remiss=draft_remiss, actor=handlaggare, status="publicerad")
    assert Remiss.objects.get(pk=draft_remiss.pk).status == Remiss.Status.DRAFT


def test_update_replaces_the_disposition_while_nobody_has_answered(draft_remiss, handlaggare):
    services.remiss_update(remiss=draft_remiss, actor=handlaggare, sections=[" Ett ", "", "Två"])
    assert [(s.number, s.heading) for s in draft_remiss.sections.order_by("number")] == [
        (1, "Ett"),
        (2, "Två"),
    ]
    entry = history_for(subject=draft_remiss).get(action="changed")
    assert entry.changes == {"sections": ["", "Ett; Två"]}


def test_the_same_disposition_is_no_change(draft_remiss, handlaggare):
    headings = [f" {s.heading} " for s in draft_remiss.sections.all()]
    pks = list(draft_remiss.sections.values_list("pk", flat=True))
    services.remiss_update(remiss=draft_remiss, actor=handlaggare, sections=headings)
    assert list(draft_remiss.sections.values_list("pk", flat=True)) == pks
    assert not history_for(subject=draft_remiss).filter(action="changed").exists()


def test_the_disposition_is_kept_once_an_answer_is_written(
    published_remiss, organisation_a, rep_a, handlaggare
):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(instans=instans, actor=rep_a, texts={}, version=None)
    before = [s.heading for s in published_remiss.sections.all()]
    assert refused(
        services.remiss_update, remiss=published_remiss, actor=handlaggare, sections=["Ny"]
    ) == ["Dispositionen kan inte ändras när svar har börjat skrivas."]
    assert [s.heading for s in published_remiss.sections.all()] == before


def test_update_replaces_the_meetings(draft_remiss, handlaggare):
    services.remiss_update(
        remiss=draft_remiss,
        actor=handlaggare,
        meetings=[services.MeetingTime(dt.date(2021, 1, 20), dt.time(9), dt.time(10))],
    )
    assert list(InformationMeeting.objects.values_list("date", "start_time")) == [
        (dt.date(2021, 1, 20), dt.time(9))
    ]
    services.remiss_update(remiss=draft_remiss, actor=handlaggare, meetings=[])
    assert not InformationMeeting.objects.exists()


def test_a_published_remiss_cannot_end_before_it_starts(published_remiss, handlaggare):
    assert refused(
        services.remiss_update,
        remiss=published_remiss,
        actor=handlaggare,
        closes_on=dt.date(2020, 11, 30),
    ) == ["Remisstiden kan inte sluta före den börjar."]
    assert Remiss.objects.get(pk=published_remiss.pk).closes_on == dt.date(2021, 2, 28)
    # A draft may be saved half done.
    draft = services.remiss_create(
        actor=handlaggare,
        title="Utkast",
        opens_on=dt.date(2021, 3, 1),
        closes_on=dt.date(2021, 4, 1),
    )
    services.remiss_update(remiss=draft, actor=handlaggare, closes_on=dt.date(2021, 2, 1))
    assert Remiss.objects.get(pk=draft.pk).closes_on == dt.date(2021, 2, 1)


def test_a_withdrawn_remiss_cannot_be_changed(published_remiss, handlaggare):
    services.remiss_transition(
        remiss=published_remiss, actor=handlaggare, name="withdraw", reason="Fel"
    )
    message = ["En återkallad remiss kan inte ändras."]
    assert (
        refused(services.remiss_update, remiss=published_remiss, actor=handlaggare, title="Ny")
        == message
    )
    published_remiss.refresh_from_db()
    assert (
        refused(
            services.remiss_instanser_add,
            remiss=published_remiss,
            actor=handlaggare,
            all_bodies=True,
        )
        == message
    )


def test_a_document_is_stored_and_recorded(draft_remiss, handlaggare):
    document = services.remiss_document_add(
        remiss=draft_remiss,
        actor=handlaggare,
        title="",
        upload=SimpleUploadedFile("forslag.pdf", PDF),
    )
    stored = RemissDocument.objects.get(pk=document.pk)
    assert (stored.remiss, stored.title, stored.uploaded_by) == (
        draft_remiss,
        "forslag.pdf",
        handlaggare,
    )
    entry = history_for(subject=draft_remiss).get(action="document")
    assert (entry.actor, entry.message) == (handlaggare, "forslag.pdf")
    services.remiss_document_add(
        remiss=draft_remiss,
        actor=handlaggare,
        title="Förslaget",
        upload=SimpleUploadedFile("f.pdf", PDF),
    )
    assert RemissDocument.objects.filter(title="Förslaget").exists()
    with RemissDocument.objects.get(title="Förslaget").file.open("rb") as stored_file:
        assert stored_file.read() == PDF
    with pytest.raises(ValidationError):
        services.remiss_document_add(
            remiss=draft_remiss,
            actor=handlaggare,
            title="Bild",
            upload=SimpleUploadedFile("b.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
        )
    assert RemissDocument.objects.count() == 2


# Instanser ---------------------------------------------------------------------------


def test_instanser_come_from_every_source_once_each(draft_remiss, handlaggare):
    namnd = MunicipalBodyFactory(name="Nämnd A", kind=MunicipalBody.Kind.NAMND)
    MunicipalBodyFactory(name="Råd A", kind=MunicipalBody.Kind.RAD)
    MunicipalBodyFactory(name="Nedlagd nämnd", kind=MunicipalBody.Kind.NAMND, is_active=False)
    forvaltning = MunicipalBodyFactory(name="Förvaltning A")
    affiliated = AffiliationFactory(organisation=OrganisationFactory(name="Ansluten")).organisation
    AffiliationFactory(
        organisation=OrganisationFactory(name="Utträdd"),
        affiliated_from=dt.date(2020, 1, 1),
        ended_on=dt.date(2020, 6, 1),
    )
    chosen = OrganisationFactory(name="Vald")
    with mock.patch.object(services, "remiss_compilation_changed") as changed:
        created = services.remiss_instanser_add(
            remiss=draft_remiss,
            actor=handlaggare,
            all_bodies=True,
            all_affiliated=True,
            organisations=[chosen, affiliated],
            bodies=[forvaltning, namnd],
        )
    assert changed.call_count == 1
    S = RemissInstans.Source
    assert sorted((i.name, i.source) for i in created) == [
        ("Ansluten", S.AFFILIATED),
        ("Förvaltning A", S.CHOSEN),
        ("Nämnd A", S.BODY),
        ("Råd A", S.BODY),
        ("Vald", S.CHOSEN),
    ]
    assert draft_remiss.instanser.count() == 5
    entry = history_for(subject=draft_remiss).get(action="instanser")
    assert entry.actor == handlaggare
    assert sorted(entry.message.split(", ")) == [
        "Ansluten",
        "Förvaltning A",
        "Nämnd A",
        "Råd A",
        "Vald",
    ]
    # A draft's instanser are not invited yet.
    assert not OutboxMessage.objects.exists()
    assert not draft_remiss.instanser.filter(invited_at__isnull=False).exists()
    # Adding them again adds nothing and records nothing.
    again = services.remiss_instanser_add(
        remiss=draft_remiss, actor=handlaggare, all_bodies=True, organisations=[chosen]
    )
    assert again == [] and history_for(subject=draft_remiss).filter(action="instanser").count() == 1


def test_an_instans_added_to_a_published_remiss_is_invited_at_once(
    published_remiss, handlaggare, organisation_b, rep_b
):
    OutboxMessage.objects.all().delete()
    now = at(2021, 1, 15, 10)
    (instans,) = services.remiss_instanser_add(
        remiss=published_remiss, actor=handlaggare, organisations=[organisation_b], now=now
    )
    instans.refresh_from_db()
    assert instans.invited_at == now
    mail = OutboxMessage.objects.get()
    assert mail.to == [rep_b.email]
    assert published_remiss.title in mail.subject and published_remiss.case_number in mail.subject
    assert "Förening B" in mail.body_text and answer_url(instans) in mail.body_text


def test_an_instans_nobody_can_be_told_about_is_still_marked_invited(published_remiss, handlaggare):
    OutboxMessage.objects.all().delete()
    silent = OrganisationFactory(name="Utan företrädare")
    now = at(2021, 1, 15, 10)
    (instans,) = services.remiss_instanser_add(
        remiss=published_remiss, actor=handlaggare, organisations=[silent], now=now
    )
    instans.refresh_from_db()
    assert instans.invited_at == now and not OutboxMessage.objects.exists()


# Publishing --------------------------------------------------------------------------


def test_publishing_records_the_time_and_the_status_and_invites_each_instans(
    draft_remiss, handlaggare, organisation_a, rep_a, organisation_b, rep_b
):
    services.remiss_instanser_add(
        remiss=draft_remiss, actor=handlaggare, organisations=[organisation_a, organisation_b]
    )
    now = at(2020, 11, 30, 10)
    published = services.remiss_transition(
        remiss=draft_remiss, actor=handlaggare, name="publish", now=now
    )
    stored = Remiss.objects.get(pk=draft_remiss.pk)
    assert (stored.status, stored.published_at) == (Remiss.Status.PUBLISHED, now)
    assert published.status == Remiss.Status.PUBLISHED
    entry = history_for(subject=stored).get(action="publish")
    assert (entry.actor, entry.message, entry.changes, entry.at) == (
        handlaggare,
        "",
        {"status": [Remiss.Status.DRAFT, Remiss.Status.PUBLISHED]},
        now,
    )
    assert set(stored.instanser.values_list("invited_at", flat=True)) == {now}
    assert sorted(m.to[0] for m in OutboxMessage.objects.all()) == sorted(
        [rep_a.email, rep_b.email]
    )


def test_withdrawing_keeps_the_reason_and_the_publication_time(published_remiss, handlaggare):
    published_at = published_remiss.published_at
    now = at(2021, 1, 20, 10)
    services.remiss_transition(
        remiss=published_remiss, actor=handlaggare, name="withdraw", reason="Fel version", now=now
    )
    stored = Remiss.objects.get(pk=published_remiss.pk)
    assert (stored.status, stored.published_at) == (Remiss.Status.WITHDRAWN, published_at)
    entry = history_for(subject=stored).get(action="withdraw")
    assert (entry.message, entry.changes, entry.at) == (
        "Fel version",
        {"status": [Remiss.Status.PUBLISHED, Remiss.Status.WITHDRAWN]},
        now,
    )


def test_a_reason_with_a_nul_character_is_refused(published_remiss, handlaggare):
    with pytest.raises(ValidationError):
        services.remiss_transition(
            remiss=published_remiss, actor=handlaggare, name="withdraw", reason="Fel\x00"
        )
    assert Remiss.objects.get(pk=published_remiss.pk).status == Remiss.Status.PUBLISHED


def test_the_publish_problems_each_have_their_reason(handlaggare):
    remiss = services.remiss_create(
        actor=handlaggare, title="X", opens_on=dt.date(2021, 3, 2), closes_on=dt.date(2021, 3, 1)
    )
    remiss.sections.all().delete()
    assert services.remiss_publish_problems(remiss) == [
        "Remisstiden kan inte sluta före den börjar.",
        "Välj minst en remissinstans innan remissen publiceras.",
        "Dispositionen behöver minst en rubrik.",
    ]
    Remiss.objects.filter(pk=remiss.pk).update(closes_on=dt.date(2021, 3, 2))
    remiss.refresh_from_db()
    assert services.remiss_publish_problems(remiss)[0] == (
        "Välj minst en remissinstans innan remissen publiceras."
    )


# Answers --------------------------------------------------------------------------------


def test_the_reasons_an_answer_is_refused(published_remiss, organisation_a, rep_a, rep_b):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    reason = services.answer_refusal_reason
    assert reason(instans=instans, user=rep_a, now=at(2020, 11, 30, 23, 59)) == (
        "Remisstiden har inte börjat än."
    )
    assert reason(instans=instans, user=rep_a, now=at(2020, 12, 1, 0, 0)) is None
    assert reason(instans=instans, user=rep_a, now=at(2021, 3, 1, 0, 0)) == (
        "Remissen stängde vid slutet av 2021-02-28. Svar kan inte längre lämnas."
    )
    assert reason(instans=instans, user=rep_b, now=OPEN) == (
        "Du företräder inte den här remissinstansen."
    )
    with pytest.raises(ValidationError) as error, time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(instans=instans, actor=rep_b, texts={}, version=None)
    assert error.value.code == "refused"


def test_a_new_answer_is_stored_with_who_and_its_texts(
    published_remiss, organisation_a, rep_a, handlaggare
):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    first, second, *_ = published_remiss.sections.all()
    other = services.remiss_create(
        actor=handlaggare,
        title="Annan",
        opens_on=dt.date(2021, 1, 1),
        closes_on=dt.date(2021, 2, 1),
    ).sections.first()
    with (
        time_machine.travel(OPEN, tick=False),
        mock.patch.object(services, "remiss_compilation_changed") as changed,
    ):
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={first.pk: "  Vår text  ", second.pk: "", other.pk: "Fel remiss"},
            version=0,
        )
    assert changed.call_count == 0  # a draft is not in the compilation
    stored = RemissAnswer.objects.get(pk=answer.pk)
    assert (stored.instans, stored.updated_by, stored.version, stored.status) == (
        instans,
        rep_a,
        1,
        RemissAnswer.Status.DRAFT,
    )
    assert dict(RemissAnswerText.objects.values_list("section_id", "text")) == {
        first.pk: "Vår text",
        second.pk: "",
    }
    (entry,) = history_for(subject=stored)
    assert (entry.action, entry.actor, entry.at) == ("answer_created", rep_a, OPEN)


def test_a_first_save_with_a_version_is_a_conflict(published_remiss, organisation_a, rep_a):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with pytest.raises(ValidationError) as error, time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(instans=instans, actor=rep_a, texts={}, version=3)
    assert error.value.code == "conflict"
    assert error.value.messages[0].startswith("Någon annan har sparat")
    assert not RemissAnswer.objects.exists()


def test_saving_a_draft_again_bumps_the_version_and_records_who(
    published_remiss, organisation_a, rep_a
):
    from tests.factories import RepresentationFactory

    colleague = RepresentationFactory(organisation=organisation_a).user
    instans = published_remiss.instanser.get(organisation=organisation_a)
    first = published_remiss.sections.first()
    with time_machine.travel(OPEN, tick=False):
        draft = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts={first.pk: "Ett"}, version=None
        )
    later = at(2021, 2, 2, 9)
    with time_machine.travel(later, tick=False):
        again = services.remiss_answer_save(
            instans=instans, actor=colleague, texts={first.pk: "Två"}, version=draft.version
        )
    stored = RemissAnswer.objects.get(pk=draft.pk)
    assert (again.version, stored.version, stored.updated_by, stored.updated_at) == (
        2,
        2,
        colleague,
        later,
    )
    assert stored.texts.get().text == "Två"
    assert history_for(subject=stored).get(at=later).action == "answer_saved"


def test_submitting_records_who_and_when_and_sends_the_receipt_to_them_too(
    published_remiss, organisation_a, rep_a, handlaggare
):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with (
        time_machine.travel(OPEN, tick=False),
        mock.patch.object(services, "remiss_compilation_changed") as changed,
    ):
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={s.pk: "Svar" for s in published_remiss.sections.all()},
            version=None,
            submit=True,
        )
    changed.assert_called_once_with(remiss=instans.remiss, now=OPEN)
    stored = RemissAnswer.objects.get(pk=answer.pk)
    assert (stored.status, stored.submitted_at, stored.submitted_by) == (
        RemissAnswer.Status.SUBMITTED,
        OPEN,
        rep_a,
    )
    assert history_for(subject=stored).get().action == "answer_submitted"
    receipt = OutboxMessage.objects.get(subject__startswith="Kvitto")
    assert receipt.to == [rep_a.email]
    assert answer_url(instans) in receipt.body_text


def test_a_receipt_reaches_a_nämnd_contact_who_submits(published_remiss, namnd, namnd_contact):
    instans = published_remiss.instanser.get(municipal_body=namnd)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(
            instans=instans,
            actor=namnd_contact,
            texts={s.pk: "Nämndens svar" for s in published_remiss.sections.all()},
            version=None,
            submit=True,
        )
    receipt = OutboxMessage.objects.get(subject__startswith="Kvitto")
    assert receipt.to == sorted({namnd_contact.email, namnd.contact_email})


def test_reopening_tells_the_compilation(published_remiss, organisation_a, rep_a):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    texts = {s.pk: "Svar" for s in published_remiss.sections.all()}
    with time_machine.travel(OPEN, tick=False):
        answer = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=texts, version=None, submit=True
        )
        with mock.patch.object(services, "remiss_compilation_changed") as changed:
            services.remiss_answer_save(
                instans=instans, actor=rep_a, texts=texts, version=answer.version, reopen=True
            )
    changed.assert_called_once()


def test_a_changed_text_under_one_heading_is_a_change(published_remiss, organisation_a, rep_a):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    first, second, *_ = published_remiss.sections.all()
    texts = {first.pk: "Ett", second.pk: "Två"}
    with time_machine.travel(OPEN, tick=False):
        answer = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=texts, version=None, submit=True
        )
        # Unchanged apart from white space and a heading of another remiss: no change.
        same = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={first.pk: " Ett ", second.pk: "Två\n", 999_999: "x"},
            version=answer.version,
            submit=True,
        )
        assert same.version == 1
        changed = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={second.pk: "Tre"},
            version=answer.version,
            submit=True,
        )
    assert changed.version == 2
    assert dict(changed.texts.values_list("section_id", "text")) == {
        first.pk: "Ett",
        second.pk: "Tre",
    }


def test_resubmitting_with_an_attachment_is_a_change(published_remiss, organisation_a, rep_a):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    texts = {s.pk: "Svar" for s in published_remiss.sections.all()}
    with time_machine.travel(OPEN, tick=False):
        answer = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=texts, version=None, submit=True
        )
        again = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts=texts,
            version=answer.version,
            submit=True,
            attachments=[("", SimpleUploadedFile("bilaga.pdf", PDF))],
        )
    assert again.version == 2
    (attachment,) = again.attachments.all()
    assert (attachment.title, attachment.content_type, attachment.uploaded_by) == (
        "bilaga.pdf",
        "application/pdf",
        rep_a,
    )
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF


def test_an_attachment_keeps_its_title(published_remiss, organisation_a, rep_a):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={},
            version=None,
            attachments=[("Styrelsens yttrande", SimpleUploadedFile("y.pdf", PDF))],
        )
    assert answer.attachments.get().title == "Styrelsens yttrande"


def test_the_limit_counts_a_line_break_as_one_character(
    published_remiss, organisation_a, rep_a, settings
):
    settings.REMISS_ANSWER_MAX_CHARS = 4
    instans = published_remiss.instanser.get(organisation=organisation_a)
    first = published_remiss.sections.first()
    with time_machine.travel(OPEN, tick=False):
        answer = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts={first.pk: " a\r\nbc "}, version=None
        )
    assert answer.texts.get().text == "a\r\nbc"
    services.answer_texts_check(remiss=published_remiss, texts={first.pk: "abcd", 999_999: "x" * 9})
    with pytest.raises(ValidationError) as error:
        services.answer_texts_check(remiss=published_remiss, texts={first.pk: "abcde"})
    assert error.value.code == "too_long"
    assert error.value.messages == [
        f"Texten under ”{first.heading}” har 5 tecken. Gränsen är 4 tecken under varje rubrik."
    ]


def test_own_initiative_makes_the_organisation_an_instans_once(
    published_remiss, organisation_b, rep_b, rep_a
):
    with time_machine.travel(OPEN, tick=False):
        assert refused(
            services.remiss_own_initiative,
            remiss=published_remiss,
            actor=rep_a,
            organisation=organisation_b,
        ) == ["Du företräder inte den här remissinstansen."]
        first = services.remiss_own_initiative(
            remiss=published_remiss, actor=rep_b, organisation=organisation_b
        )
        again = services.remiss_own_initiative(
            remiss=published_remiss, actor=rep_b, organisation=organisation_b
        )
    assert first.pk == again.pk and first.invited_at is None
    entry = history_for(subject=published_remiss).get(action="own_initiative")
    assert (entry.actor, entry.message) == (rep_b, "Förening B")
    with time_machine.travel(at(2021, 3, 1, 0, 0), tick=False):
        assert refused(
            services.remiss_own_initiative,
            remiss=published_remiss,
            actor=rep_b,
            organisation=organisation_b,
        ) == ["Remissen är inte öppen för svar."]


# Answers registered by kommunkontoret -----------------------------------------------


def test_a_registered_answer_is_stored_as_submitted_and_recorded(
    published_remiss, namnd, handlaggare
):
    instans = published_remiss.instanser.get(municipal_body=namnd)
    first = published_remiss.sections.first()
    received = at(2021, 2, 28, 23, 59, 59)
    with mock.patch.object(services, "remiss_compilation_changed") as changed:
        answer = services.remiss_answer_register(
            instans=instans,
            actor=handlaggare,
            texts={first.pk: " Per e-post "},
            channel=RemissAnswer.Channel.EMAIL,
            received_at=received,
        )
    changed.assert_called_once_with(remiss=published_remiss)
    stored = RemissAnswer.objects.get(pk=answer.pk)
    assert (
        stored.status,
        stored.channel,
        stored.registered_by_staff,
        stored.is_late,
        stored.submitted_at,
        stored.submitted_by,
        stored.updated_by,
        stored.version,
    ) == (
        RemissAnswer.Status.SUBMITTED,
        RemissAnswer.Channel.EMAIL,
        True,
        False,
        received,
        None,
        handlaggare,
        1,
    )
    assert stored.texts.get().text == "Per e-post"
    entry = history_for(subject=stored).get()
    assert (entry.action, entry.actor, entry.message) == (
        "answer_registered",
        handlaggare,
        "Per e-post",
    )


def test_a_registered_answer_takes_over_a_draft_and_counts_its_version(
    published_remiss, organisation_a, rep_a, handlaggare
):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        draft = services.remiss_answer_save(instans=instans, actor=rep_a, texts={}, version=None)
    answer = services.remiss_answer_register(
        instans=instans,
        actor=handlaggare,
        texts={},
        channel=RemissAnswer.Channel.POST,
        received_at=at(2021, 3, 1, 0, 0),
    )
    assert answer.pk == draft.pk
    stored = RemissAnswer.objects.get(pk=draft.pk)
    assert (stored.version, stored.is_late, stored.submitted_by, stored.status) == (
        2,
        True,
        None,
        RemissAnswer.Status.SUBMITTED,
    )


def test_registering_refuses_a_remiss_not_published_and_an_answer_already_in(
    published_remiss, organisation_a, rep_a, handlaggare
):
    draft = services.remiss_create(
        actor=handlaggare,
        title="Utkast",
        opens_on=dt.date(2021, 1, 1),
        closes_on=dt.date(2021, 2, 1),
    )
    services.remiss_instanser_add(remiss=draft, actor=handlaggare, organisations=[organisation_a])
    draft_instans = draft.instanser.get()
    kwargs = {
        "actor": handlaggare,
        "texts": {},
        "channel": RemissAnswer.Channel.POST,
        "received_at": at(2021, 3, 1),
    }
    assert refused(services.remiss_answer_register, instans=draft_instans, **kwargs) == [
        "Remissen är inte öppen för svar."
    ]
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={s.pk: "Svar" for s in published_remiss.sections.all()},
            version=None,
            submit=True,
        )
    assert refused(services.remiss_answer_register, instans=instans, **kwargs) == [
        "Den här instansen har redan skickat in ett svar."
    ]
    assert RemissAnswer.objects.get().channel == RemissAnswer.Channel.PORTAL
    assert not RemissCompilationPdf.objects.exists()


def test_the_answer_history_has_the_moment_the_answer_was_saved(
    published_remiss, organisation_a, rep_a
):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    moment = OPEN - dt.timedelta(minutes=5)  # the moment the form was sent, say
    with time_machine.travel(OPEN, tick=False):
        answer = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts={}, version=None, now=moment
        )
    assert history_for(subject=answer).get().at == moment


def test_a_heading_not_in_the_remiss_is_skipped_and_the_rest_stored(
    published_remiss, organisation_a, rep_a
):
    first, second, *_ = published_remiss.sections.all()
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={first.pk: "Ett", 999_999: "Okänd rubrik", second.pk: "Två"},
            version=None,
        )
    assert dict(answer.texts.values_list("section_id", "text")) == {
        first.pk: "Ett",
        second.pk: "Två",
    }


def test_the_limit_message_groups_the_thousands(published_remiss, organisation_a, rep_a, settings):
    settings.REMISS_ANSWER_MAX_CHARS = 20_000
    instans = published_remiss.instanser.get(organisation=organisation_a)
    first = published_remiss.sections.first()
    with (
        time_machine.travel(OPEN, tick=False),
        pytest.raises(ValidationError) as refused,
    ):
        services.remiss_answer_save(
            instans=instans, actor=rep_a, texts={first.pk: "z" * 20_001}, version=None
        )
    assert "har 20\xa0001 tecken. Gränsen är 20\xa0000 tecken" in refused.value.messages[0]


def test_a_body_already_asked_does_not_stop_the_others_being_added(
    published_remiss, namnd, handlaggare
):
    other = MunicipalBodyFactory(name="Äldrerådet")
    created = services.remiss_instanser_add(
        remiss=published_remiss, actor=handlaggare, bodies=[namnd, other]
    )
    assert [i.municipal_body for i in created] == [other]
