# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Remiss services: publishing guards, invitations, the deadline boundary (also across
summer time), refusals, optimistic locking, receipts, late answers, compilation."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from overenskommelse.agreement.models import Remiss, RemissAnswer, RemissInstans
from overenskommelse.agreement.selectors.remiss import remiss_compilation, remisser_for_user
from overenskommelse.agreement.services import remiss as services
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db


def _instans(remiss, organisation=None, body=None) -> RemissInstans:
    if organisation is not None:
        return remiss.instanser.get(organisation=organisation)
    return remiss.instanser.get(municipal_body=body)


def _texts(remiss, text="Vi stöder planen.") -> dict[int, str]:
    return {s.pk: f"{text} ({s.heading})" for s in remiss.sections.all()}


def test_default_disposition_is_the_seeds_four_sections(draft_remiss):
    assert [s.heading for s in draft_remiss.sections.all()] == [
        "Sammanfattning av synpunkterna",
        "Handlingsplanens samverkansområden",
        "Processen för samverkan",
        "Organisation och struktur kring Lunds Överenskommelse",
    ]


def test_cannot_publish_without_instanser_or_with_end_before_start(draft_remiss, handlaggare):
    with pytest.raises(ValidationError) as error:
        services.remiss_transition(remiss=draft_remiss, actor=handlaggare, name="publish")
    assert "Välj minst en remissinstans" in " ".join(error.value.messages)
    Remiss.objects.filter(pk=draft_remiss.pk).update(closes_on=dt.date(2020, 11, 1))
    draft_remiss.refresh_from_db()
    assert any("kan inte sluta före" in p for p in services.remiss_publish_problems(draft_remiss))
    draft_remiss.refresh_from_db()
    assert draft_remiss.status == Remiss.Status.DRAFT


def test_publish_invites_every_instans(published_remiss, rep_a, namnd_contact, namnd):
    instanser = {i.name for i in published_remiss.instanser.all()}
    assert instanser == {"Förening A", "Kultur- och fritidsnämnden"}
    assert all(i.invited_at for i in published_remiss.instanser.all())
    invitations = OutboxMessage.objects.filter(subject__startswith="Remiss:")
    recipients = sorted(r for m in invitations for r in m.to)
    assert rep_a.email in recipients and namnd_contact.email in recipients
    assert [h.action for h in history_for(subject=published_remiss)][:1] == ["publish"] or any(
        h.action == "publish" for h in history_for(subject=published_remiss)
    )


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (at(2020, 11, 30, 23, 59, 59), False),  # before the period
        (at(2020, 12, 1, 0, 0, 0), True),
        (at(2021, 2, 28, 23, 59, 59), True),  # the last second of the last day
        (at(2021, 3, 1, 0, 0, 0), False),  # one second later
    ],
)
def test_deadline_boundary_to_the_second(published_remiss, organisation_a, rep_a, now, allowed):
    instans = _instans(published_remiss, organisation_a)
    with time_machine.travel(now, tick=False):
        if allowed:
            answer = services.remiss_answer_save(
                instans=instans, actor=rep_a, texts=_texts(published_remiss), version=None
            )
            assert answer.status == RemissAnswer.Status.DRAFT
        else:
            with pytest.raises(ValidationError):
                services.remiss_answer_save(
                    instans=instans, actor=rep_a, texts=_texts(published_remiss), version=None
                )
            assert not RemissAnswer.objects.exists()


def test_deadline_across_the_summer_time_change(published_remiss, organisation_a, rep_a):
    # Last day 2021-03-28, the night clocks go forward: the deadline is 23:59:59 CEST.
    Remiss.objects.filter(pk=published_remiss.pk).update(closes_on=dt.date(2021, 3, 28))
    published_remiss.refresh_from_db()
    assert published_remiss.deadline == at(2021, 3, 29, 0, 0)
    assert published_remiss.deadline.utcoffset() == dt.timedelta(hours=2)
    instans = _instans(published_remiss, organisation_a)
    with time_machine.travel(dt.datetime(2021, 3, 28, 21, 59, 59, tzinfo=dt.UTC), tick=False):
        services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=_texts(published_remiss), version=None
        )
    after = dt.datetime(2021, 3, 28, 22, 0, 0, tzinfo=dt.UTC)
    with (
        time_machine.travel(after, tick=False),
        pytest.raises(ValidationError, match="stängde"),
    ):
        services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=_texts(published_remiss), version=1
        )


def test_deadline_when_summer_time_ends(published_remiss):
    Remiss.objects.filter(pk=published_remiss.pk).update(closes_on=dt.date(2021, 10, 31))
    published_remiss.refresh_from_db()
    assert published_remiss.last_moment == at(2021, 10, 31, 23, 59, 59)
    assert published_remiss.deadline.utcoffset() == dt.timedelta(hours=1)


def test_refusals_unpublished_withdrawn_and_outsider(
    draft_remiss, published_remiss, organisation_a, rep_b, handlaggare
):
    instans = _instans(published_remiss, organisation_a)
    with time_machine.travel(at(2021, 1, 10, 12), tick=False):
        with pytest.raises(ValidationError, match="företräder inte"):
            services.remiss_answer_save(instans=instans, actor=rep_b, texts={}, version=None)
        services.remiss_transition(
            remiss=published_remiss, actor=handlaggare, name="withdraw", reason="Fel version"
        )
        instans.refresh_from_db()
        assert services.answer_refusal_reason(
            instans=instans, user=handlaggare, now=at(2021, 1, 10, 12)
        ) == ("Remissen är inte öppen för svar.")


def test_draft_then_submit_sends_a_receipt(published_remiss, organisation_a, rep_a):
    instans = _instans(published_remiss, organisation_a)
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        draft = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=_texts(published_remiss), version=None
        )
        assert draft.status == RemissAnswer.Status.DRAFT
        assert not OutboxMessage.objects.filter(subject__startswith="Kvitto").exists()
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts=_texts(published_remiss, "Slutligt"),
            version=draft.version,
            submit=True,
        )
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.version == 2
    receipt = OutboxMessage.objects.get(subject__startswith="Kvitto")
    assert receipt.to == [rep_a.email]
    compiled = remiss_compilation(remiss=published_remiss)
    assert [i.name for i in compiled.answered] == ["Förening A"]
    assert [i.name for i in compiled.not_answered] == ["Kultur- och fritidsnämnden"]
    assert "Slutligt" in compiled.sections[0].answers[0][2]


def test_two_representatives_do_not_overwrite_each_other(published_remiss, organisation_a, rep_a):
    from tests.factories import RepresentationFactory

    second = RepresentationFactory(organisation=organisation_a).user
    instans = _instans(published_remiss, organisation_a)
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        first = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=_texts(published_remiss), version=None
        )
        # Both open the form at version 1; the first saves, the second is told.
        services.remiss_answer_save(
            instans=instans, actor=rep_a, texts=_texts(published_remiss, "A"), version=1
        )
        with pytest.raises(ValidationError, match="Någon annan har sparat") as error:
            services.remiss_answer_save(
                instans=instans, actor=second, texts=_texts(published_remiss, "B"), version=1
            )
        assert error.value.code == "conflict"
    first.refresh_from_db()
    assert first.version == 2
    assert all(t.text.startswith("A") for t in first.texts.all())


def test_nämnd_contact_answers_for_the_nämnd(published_remiss, namnd, namnd_contact, rep_a):
    instans = _instans(published_remiss, body=namnd)
    now = at(2021, 2, 1, 12)
    assert services.answer_refusal_reason(instans=instans, user=namnd_contact, now=now) is None
    assert services.answer_refusal_reason(instans=instans, user=rep_a, now=now) is not None


def test_own_initiative_while_open_only(published_remiss, organisation_b, rep_b):
    with time_machine.travel(at(2021, 3, 1, 0, 0, 1), tick=False), pytest.raises(ValidationError):
        services.remiss_own_initiative(
            remiss=published_remiss, actor=rep_b, organisation=organisation_b
        )
    with time_machine.travel(at(2021, 2, 10, 9), tick=False):
        mine = remisser_for_user(user=rep_b, now=at(2021, 2, 10, 9))
        assert [(m.remiss, m.instans) for m in mine] == [(published_remiss, None)]
        instans = services.remiss_own_initiative(
            remiss=published_remiss, actor=rep_b, organisation=organisation_b
        )
    assert instans.source == RemissInstans.Source.OWN_INITIATIVE


def test_staff_register_a_late_posted_answer(published_remiss, namnd, handlaggare):
    instans = _instans(published_remiss, body=namnd)
    answer = services.remiss_answer_register(
        instans=instans,
        actor=handlaggare,
        texts=_texts(published_remiss, "Per post"),
        channel=RemissAnswer.Channel.POST,
        received_at=at(2021, 3, 3, 12),
    )
    assert answer.is_late and answer.registered_by_staff
    assert answer.status == RemissAnswer.Status.SUBMITTED
    with pytest.raises(ValidationError):
        services.remiss_answer_register(
            instans=instans,
            actor=handlaggare,
            texts={},
            channel=RemissAnswer.Channel.EMAIL,
            received_at=at(2021, 3, 4, 12),
        )


def _submitted(remiss, organisation, actor, text="Inskickat"):
    instans = _instans(remiss, organisation)
    answer = services.remiss_answer_save(
        instans=instans, actor=actor, texts=_texts(remiss, text), version=None, submit=True
    )
    return instans, answer


def test_saving_a_submitted_answer_as_a_draft_is_refused_and_changes_nothing(
    published_remiss, organisation_a, rep_a
):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        instans, answer = _submitted(published_remiss, organisation_a, rep_a)
        receipts = OutboxMessage.objects.filter(subject__startswith="Kvitto").count()
        with pytest.raises(ValidationError, match="redan inskickat") as error:
            services.remiss_answer_save(
                instans=instans,
                actor=rep_a,
                texts=_texts(published_remiss, "Ändrat"),
                version=answer.version,
            )
    assert error.value.code == "submitted"
    answer.refresh_from_db()
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.version == 1
    assert all(t.text.startswith("Inskickat") for t in answer.texts.all())
    assert OutboxMessage.objects.filter(subject__startswith="Kvitto").count() == receipts == 1
    assert [h.action for h in history_for(subject=answer)] == ["answer_submitted"]


def test_resubmitting_changes_records_it_and_the_receipt_says_it_is_changed(
    published_remiss, organisation_a, rep_a
):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        instans, answer = _submitted(published_remiss, organisation_a, rep_a)
    with time_machine.travel(at(2021, 2, 2, 9), tick=False):
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts=_texts(published_remiss, "Ändrat"),
            version=answer.version,
            submit=True,
        )
    assert answer.status == RemissAnswer.Status.SUBMITTED and answer.version == 2
    assert answer.submitted_at == at(2021, 2, 2, 9)
    assert sorted(h.action for h in history_for(subject=answer)) == [
        "answer_resubmitted",
        "answer_submitted",
    ]
    first, second = OutboxMessage.objects.filter(subject__startswith="Kvitto").order_by("pk")
    assert "ändrade" not in first.subject and "ändrade" not in first.body_text
    assert "ert ändrade svar" in second.subject
    assert "det ändrade svaret" in second.body_text


def test_resubmitting_without_changes_sends_nothing(published_remiss, organisation_a, rep_a):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        instans, answer = _submitted(published_remiss, organisation_a, rep_a)
        again = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts=_texts(published_remiss, "Inskickat"),
            version=answer.version,
            submit=True,
        )
    assert again.version == 1 and again.status == RemissAnswer.Status.SUBMITTED
    assert OutboxMessage.objects.filter(subject__startswith="Kvitto").count() == 1
    assert [h.action for h in history_for(subject=answer)] == ["answer_submitted"]


def test_reopening_a_submitted_answer_as_a_draft_is_explicit_and_recorded(
    published_remiss, organisation_a, rep_a
):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        instans, answer = _submitted(published_remiss, organisation_a, rep_a)
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts=_texts(published_remiss, "Omarbetas"),
            version=answer.version,
            reopen=True,
        )
    assert answer.status == RemissAnswer.Status.DRAFT and answer.version == 2
    assert answer.submitted_at is None and answer.submitted_by is None
    assert all(t.text.startswith("Omarbetas") for t in answer.texts.all())
    assert sorted(h.action for h in history_for(subject=answer)) == [
        "answer_reopened",
        "answer_submitted",
    ]
    assert OutboxMessage.objects.filter(subject__startswith="Kvitto").count() == 1
    assert remiss_compilation(remiss=published_remiss).answered == []


def test_an_empty_answer_cannot_be_submitted(published_remiss, organisation_a, rep_a):
    instans = _instans(published_remiss, organisation_a)
    blank = {s.pk: "  \n " for s in published_remiss.sections.all()}
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        with pytest.raises(ValidationError, match="Svaret är tomt") as error:
            services.remiss_answer_save(
                instans=instans, actor=rep_a, texts=blank, version=None, submit=True
            )
        assert error.value.code == "empty"
        assert not RemissAnswer.objects.exists()
        # A submitted answer emptied under every heading is refused too and kept as it was.
        _instans_a, answer = _submitted(published_remiss, organisation_a, rep_a)
        with pytest.raises(ValidationError, match="Svaret är tomt"):
            services.remiss_answer_save(
                instans=instans, actor=rep_a, texts=blank, version=answer.version, submit=True
            )
    answer.refresh_from_db()
    assert answer.version == 1 and all(t.text.startswith("Inskickat") for t in answer.texts.all())
    assert OutboxMessage.objects.filter(subject__startswith="Kvitto").count() == 1


def test_one_heading_is_enough_to_submit_and_an_empty_draft_may_be_saved(
    published_remiss, organisation_a, rep_a
):
    instans = _instans(published_remiss, organisation_a)
    first, *rest = published_remiss.sections.all()
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        draft = services.remiss_answer_save(
            instans=instans, actor=rep_a, texts={s.pk: "" for s in rest}, version=None
        )
        assert draft.status == RemissAnswer.Status.DRAFT
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={first.pk: "Bara en sammanfattning.", **{s.pk: "" for s in rest}},
            version=draft.version,
            submit=True,
        )
    assert answer.status == RemissAnswer.Status.SUBMITTED


def test_the_service_refuses_a_text_over_the_limit(
    published_remiss, organisation_a, rep_a, handlaggare, settings
):
    settings.REMISS_ANSWER_MAX_CHARS = 20
    instans = _instans(published_remiss, organisation_a)
    first = published_remiss.sections.first()
    with (
        time_machine.travel(at(2021, 2, 1, 12), tick=False),
        pytest.raises(ValidationError, match=r"har 21 tecken\. Gränsen är 20 tecken"),
    ):
        services.remiss_answer_save(
            instans=instans, actor=rep_a, texts={first.pk: "z" * 21}, version=None
        )
    assert not RemissAnswer.objects.exists()
    with pytest.raises(ValidationError, match=first.heading):
        services.remiss_answer_register(  # kommunkontoret registering a late answer
            instans=instans,
            actor=handlaggare,
            texts={first.pk: "z" * 21},
            channel=RemissAnswer.Channel.EMAIL,
            received_at=at(2021, 3, 3, 12),
        )
    assert not RemissAnswer.objects.exists()


def test_own_initiative_is_judged_at_the_moment_given(published_remiss, organisation_b, rep_b):
    # The clock says the remiss is open; the moment the caller gives is after it closed.
    with time_machine.travel(at(2021, 2, 10, 9), tick=False), pytest.raises(ValidationError):
        services.remiss_own_initiative(
            remiss=published_remiss,
            actor=rep_b,
            organisation=organisation_b,
            now=at(2021, 3, 1, 0, 0, 1),
        )
    assert not published_remiss.instanser.filter(organisation=organisation_b).exists()


def test_a_heading_left_empty_again_is_no_change(published_remiss, organisation_a, rep_a):
    first, second = published_remiss.sections.order_by("number")[:2]
    instans = _instans(published_remiss, organisation_a)
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        answer = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={first.pk: "Vi stöder planen."},
            version=None,
            submit=True,
        )
        again = services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={first.pk: "Vi stöder planen.", second.pk: "   "},
            version=answer.version,
            submit=True,
        )
    assert again.version == answer.version
    assert OutboxMessage.objects.filter(subject__startswith="Kvitto").count() == 1


def test_the_receipt_names_the_instans_and_when_it_was_sent(
    published_remiss, organisation_a, rep_a
):
    with time_machine.travel(at(2021, 2, 1, 12), tick=False):
        _submitted(published_remiss, organisation_a, rep_a)
    receipt = OutboxMessage.objects.get(subject__startswith="Kvitto")
    assert "Förening A" in receipt.body_text
    assert "1 februari 2021 12:00" in receipt.body_text


def test_a_remiss_may_open_and_close_on_the_same_day(published_remiss, handlaggare):
    services.remiss_update(
        remiss=published_remiss, actor=handlaggare, closes_on=published_remiss.opens_on
    )
    published_remiss.refresh_from_db()
    assert published_remiss.closes_on == published_remiss.opens_on


def test_a_field_emptied_is_recorded_as_empty(published_remiss, handlaggare):
    services.remiss_update(remiss=published_remiss, actor=handlaggare, meeting_link="")
    entry = history_for(subject=published_remiss).get(action="changed")
    assert entry.changes == {"meeting_link": ["https://example.se/zoom", ""]}
