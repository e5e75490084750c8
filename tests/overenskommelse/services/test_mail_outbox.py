"""The outbox: stored with the change, sent once, picked up again when the broker was down."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.db import transaction
from django.utils import timezone

from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.outbox import delivery
from overenskommelse.platform.outbox import tasks as outbox_tasks
from overenskommelse.platform.services import mail


def _enqueue(**kwargs) -> OutboxMessage:
    return mail.mail_enqueue(to=["a@example.se"], subject="Ämne", body_text="Hej", **kwargs)


@pytest.mark.django_db(transaction=True)
def test_enqueued_mail_is_delivered_after_commit():
    with transaction.atomic():
        message = _enqueue()
        assert django_mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert [m.subject for m in django_mail.outbox] == ["Ämne"]


@pytest.mark.django_db(transaction=True)
def test_rolled_back_change_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        _enqueue()
        raise RuntimeError
    assert django_mail.outbox == []
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_message_is_claimed_by_one_caller_only():
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="S", body_text="B")
    assert delivery.outbox_message_deliver(message_id=message.pk) is True
    assert delivery.outbox_message_deliver(message_id=message.pk) is False
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_broker_down_keeps_the_mail_and_the_flush_sends_it_once(monkeypatch):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(outbox_tasks.outbox_deliver, "delay", broker_down)
    message = _enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert django_mail.outbox == []

    later = timezone.now() + timedelta(minutes=1)
    assert delivery.outbox_flush(now=later) == 1
    assert delivery.outbox_flush(now=later) == 0
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db
def test_an_abandoned_claim_is_taken_again_after_the_timeout():
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="S", body_text="B")
    start = timezone.now()
    assert delivery.outbox_message_claim(message_id=message.pk, now=start)
    assert delivery.outbox_flush(now=start + timedelta(minutes=5)) == 0
    assert delivery.outbox_flush(now=start + delivery.CLAIM_TIMEOUT + timedelta(seconds=1)) == 1


@pytest.mark.django_db
def test_a_worker_killed_after_smtp_resends_with_the_same_message_id(monkeypatch, settings):
    """At least once: the mail reached SMTP, the worker died before marking it sent, so
    the claim expires and the flush sends it again, recognisably the same message."""
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="S", body_text="B")
    real_send = delivery.EmailMultiAlternatives.send

    def send_then_die(self, *args, **kwargs):
        real_send(self, *args, **kwargs)
        raise SystemExit("worker killed")  # not an Exception: nothing marks it

    monkeypatch.setattr(delivery.EmailMultiAlternatives, "send", send_then_die)
    start = timezone.now()
    with pytest.raises(SystemExit):
        delivery.outbox_message_deliver(message_id=message.pk, now=start)
    monkeypatch.setattr(delivery.EmailMultiAlternatives, "send", real_send)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENDING

    assert delivery.outbox_flush(now=start + delivery.CLAIM_TIMEOUT + timedelta(seconds=1)) == 1
    first, second = django_mail.outbox
    assert first.extra_headers["Message-ID"] == f"<{message.uuid}@portal.example.se>"
    assert first.message()["Message-ID"] == second.message()["Message-ID"]


@pytest.mark.django_db
def test_send_failure_leaves_the_message_pending(monkeypatch):
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="S", body_text="B")

    def smtp_down(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)
    assert delivery.outbox_message_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert "SMTP down" in message.last_error


@pytest.mark.django_db
def test_a_failure_is_logged_and_a_later_success_clears_it(monkeypatch, caplog, settings):
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="S", body_text="B")
    real_send = django_mail.EmailMultiAlternatives.send

    def smtp_down(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)
    with caplog.at_level("ERROR"):
        assert delivery.outbox_message_deliver(message_id=message.pk) is False
    assert caplog.messages == [f"Sending outbox message {message.pk} failed"]
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", real_send)
    assert delivery.outbox_message_deliver(message_id=message.pk) is True
    message.refresh_from_db()
    assert (message.status, message.last_error) == (OutboxMessage.Status.SENT, "")
    (sent,) = django_mail.outbox
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL


@pytest.mark.django_db
def test_a_flush_sends_at_most_its_limit_the_oldest_first():
    later = timezone.now() + timedelta(minutes=5)
    rows = OutboxMessage.objects.bulk_create(
        OutboxMessage(to=["a@example.se"], subject=str(n), body_text="B") for n in range(3)
    )
    assert delivery.outbox_flush(now=later, limit=2) == 2
    assert (
        list(OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).order_by("pk"))
        == rows[:2]
    )


@pytest.mark.django_db
def test_the_periodic_flush_sends_500_at_a_time():
    """The beat's flush takes no limit: 500 a run, the next run takes the rest."""
    later = timezone.now() + timedelta(minutes=5)
    OutboxMessage.objects.bulk_create(
        OutboxMessage(to=["a@example.se"], subject=str(n), body_text="B") for n in range(501)
    )
    assert delivery.outbox_flush(now=later) == 500
    assert len(django_mail.outbox) == 500
    assert delivery.outbox_flush(now=later) == 1


@pytest.mark.django_db
def test_plain_text_parts_are_not_html_escaped_and_the_html_part_is():
    import datetime
    from types import SimpleNamespace

    from overenskommelse.platform.services.mail import (
        mail_enqueue_many,
        mail_render_and_enqueue,
        mail_render_many,
    )

    title = "O'Neill & Co <Förening>"
    context = {
        "remiss": SimpleNamespace(title=title, closes_on=datetime.date(2026, 12, 1)),
        "name": 'Föreningen "Vi" & de andra',
        "days": 3,
        "url": "https://portal.example.se/remiss/svar/1/",
    }
    single = mail_render_and_enqueue(
        to=["a@example.se"], template="agreement/email/remiss_reminder", context=context
    )
    # the sweep's path: rendered together, inserted in bulk
    bulk = mail_enqueue_many(
        mail_render_many(
            template="agreement/email/remiss_reminder",
            messages=[(["b@example.se"], context), (["c@example.se"], context)],
        )
    )
    for message in (single, *bulk):
        assert title in message.subject
        assert title in message.body_text
        assert 'Föreningen "Vi" & de andra' in message.body_text
        assert "&amp;" not in message.body_text + message.subject
        assert "O&#x27;Neill &amp; Co &lt;Förening&gt;" in message.body_html


NAMES = ['Föreningen "Vi" & de andra', "O'Neill <Co>", "Enkel förening", "a\nb"]


def _remiss_context() -> dict:
    import datetime
    from types import SimpleNamespace

    remiss = SimpleNamespace(title="Remiss & <plan>", closes_on=datetime.date(2026, 12, 1))
    return {"remiss": remiss, "days": 14}


def test_rendering_many_gives_each_recipient_its_own_message():
    messages = mail.mail_render_many(
        template="agreement/email/remiss_reminder",
        messages=[
            (
                [f"r{n}@example.se"],
                {**_remiss_context(), "name": name, "url": f"https://p.example.se/{n}/?a=1&b=2"},
            )
            for n, name in enumerate(NAMES)
        ],
    )
    assert [m.to for m in messages] == [[f"r{n}@example.se"] for n in range(len(NAMES))]
    assert all(m.pk is None for m in messages)  # unsaved, for mail_enqueue_many
    assert "O'Neill <Co> har ännu inte" in messages[1].body_text
    assert "O&#x27;Neill &lt;Co&gt; har ännu inte" in messages[1].body_html
    assert "https://p.example.se/3/?a=1&amp;b=2" in messages[3].body_html
    assert "https://p.example.se/3/?a=1&b=2" in messages[3].body_text
    assert all("Remiss & <plan>" in m.subject for m in messages)
    assert all("Lunds kommun" in m.body_text for m in messages)  # the signature


def test_rendering_many_for_no_one_renders_nothing():
    template = "agreement/email/remiss_reminder"
    assert mail.mail_render_many(template=template, messages=[]) == []


# What a message holds and how a delivery ends -----------------------------------------


@pytest.mark.django_db
def test_a_message_has_each_address_once_in_order_and_a_subject_on_one_line():
    message = mail.mail_enqueue(
        to=["b@example.se", "a@example.se", "b@example.se"],
        subject="  Remiss:\n lång   titel ",
        body_text="Hej",
        body_html="<p>Hej</p>",
    )
    stored = OutboxMessage.objects.get(pk=message.pk)
    assert (stored.to, stored.subject, stored.body_text, stored.body_html) == (
        ["a@example.se", "b@example.se"],
        "Remiss: lång titel",
        "Hej",
        "<p>Hej</p>",
    )


@pytest.mark.django_db
def test_a_subject_longer_than_its_column_is_shortened_to_fit():
    limit = OutboxMessage._meta.get_field("subject").max_length
    exact = mail.mail_enqueue(to=["a@example.se"], subject="x" * limit, body_text="B")
    assert exact.subject == "x" * limit
    long = mail.mail_enqueue(to=["a@example.se"], subject="y" * (limit + 1), body_text="B")
    stored = OutboxMessage.objects.get(pk=long.pk)
    assert len(stored.subject) == limit and stored.subject.endswith("…")


@pytest.mark.django_db
def test_a_delivery_sends_both_parts_from_the_portal_and_marks_it_sent(settings):
    message = OutboxMessage.objects.create(
        to=["a@example.se", "b@example.se"], subject="S", body_text="B", body_html="<p>B</p>"
    )
    plain = OutboxMessage.objects.create(to=["c@example.se"], subject="P", body_text="Text")
    now = timezone.now()
    assert delivery.outbox_message_deliver(message_id=message.pk, now=now) is True
    assert delivery.outbox_message_deliver(message_id=plain.pk, now=now) is True
    sent, sent_plain = django_mail.outbox
    assert (sent.subject, sent.body, sent.from_email, sent.to) == (
        "S",
        "B",
        settings.DEFAULT_FROM_EMAIL,
        ["a@example.se", "b@example.se"],
    )
    assert sent.alternatives == [("<p>B</p>", "text/html")]
    assert sent_plain.alternatives == []
    message.refresh_from_db()
    assert (message.status, message.attempts, message.claimed_at, message.last_error) == (
        OutboxMessage.Status.SENT,
        1,
        now,
        "",
    )
    assert message.sent_at is not None


@pytest.mark.django_db
def test_a_message_fails_for_good_after_the_last_attempt(monkeypatch):
    message = OutboxMessage.objects.create(
        to=["a@example.se"], subject="S", body_text="B", attempts=delivery.MAX_ATTEMPTS - 2
    )

    def smtp_down(self, *args, **kwargs):
        raise OSError("x" * 3000)

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)
    start = timezone.now()
    assert delivery.outbox_message_deliver(message_id=message.pk, now=start) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == (
        OutboxMessage.Status.PENDING,
        delivery.MAX_ATTEMPTS - 1,
    )
    assert message.last_error == ("OSError: " + "x" * 3000)[:2000]
    assert delivery.outbox_message_deliver(message_id=message.pk, now=start) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == (
        OutboxMessage.Status.FAILED,
        delivery.MAX_ATTEMPTS,
    )
    assert delivery.outbox_flush(now=start + timedelta(days=1)) == 0


@pytest.mark.django_db
def test_the_flush_waits_a_moment_for_the_worker_and_sends_the_oldest_first():
    start = timezone.now()
    messages = [
        OutboxMessage.objects.create(to=[f"{n}@example.se"], subject=str(n), body_text="B")
        for n in range(3)
    ]
    OutboxMessage.objects.filter(pk=messages[2].pk).update(created_at=start - timedelta(hours=1))
    assert delivery.outbox_flush(now=start + timedelta(seconds=10)) == 1  # only the old one
    assert [m.subject for m in django_mail.outbox] == ["2"]
    later = start + delivery.FLUSH_GRACE + timedelta(seconds=1)
    assert delivery.outbox_flush(now=later, limit=1) == 1
    assert [m.subject for m in django_mail.outbox] == ["2", "0"]
    assert delivery.outbox_flush(now=later) == 1
    assert delivery.outbox_flush(now=later) == 0


@pytest.mark.django_db
def test_thinning_removes_sent_mail_older_than_the_limit_only():
    """Sent mail is thinned by the gallring under its retention rule
    (tests/overenskommelse/services/test_gallring.py runs the whole schedule)."""
    from overenskommelse.platform.services.gallring import outbox_sent_thin

    now = timezone.now()
    old_sent, recent_sent, old_failed = (
        OutboxMessage.objects.create(to=["a@example.se"], subject=s, body_text="B") for s in "abc"
    )
    OutboxMessage.objects.filter(pk=old_sent.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=now - timedelta(days=91)
    )
    OutboxMessage.objects.filter(pk=recent_sent.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=now - timedelta(days=89)
    )
    OutboxMessage.objects.filter(pk=old_failed.pk).update(
        status=OutboxMessage.Status.FAILED, sent_at=now - timedelta(days=91)
    )
    assert outbox_sent_thin(now - timedelta(days=90)).count == 1
    assert set(OutboxMessage.objects.values_list("subject", flat=True)) == {"b", "c"}
    thinned = outbox_sent_thin(now - timedelta(days=1))
    assert thinned.count == 1
    day = timezone.localdate(now - timedelta(days=89))
    assert thinned.items == [f"E-post {recent_sent.uuid} skickad {day:%Y-%m-%d}"]
    assert set(OutboxMessage.objects.values_list("subject", flat=True)) == {"c"}


@pytest.mark.django_db
def test_many_messages_are_handed_to_the_worker_in_chunks(
    monkeypatch, django_capture_on_commit_callbacks
):
    chunks = []
    monkeypatch.setattr(outbox_tasks.outbox_deliver_many, "delay", chunks.append)
    rows = [
        OutboxMessage(to=["a@example.se"], subject=str(n), body_text="B")
        for n in range(mail.HAND_OVER_CHUNK + 1)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        created = mail.mail_enqueue_many(rows)
    ids = [m.pk for m in created]
    assert chunks == [ids[: mail.HAND_OVER_CHUNK], ids[mail.HAND_OVER_CHUNK :]]


@pytest.mark.django_db
def test_a_broker_down_stops_the_hand_over_and_the_rows_wait(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    calls = []

    def broker_down(chunk):
        calls.append(chunk)
        if len(calls) > 1:  # the first chunk got through
            raise ConnectionError("broker unreachable")

    monkeypatch.setattr(outbox_tasks.outbox_deliver_many, "delay", broker_down)
    rows = [
        OutboxMessage(to=["a@example.se"], subject=str(n), body_text="B")
        for n in range(mail.HAND_OVER_CHUNK * 3)
    ]
    with caplog.at_level("WARNING"), django_capture_on_commit_callbacks(execute=True):
        mail.mail_enqueue_many(rows)
    assert len(calls) == 2
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).count() == len(rows)
    waiting = mail.HAND_OVER_CHUNK * 2
    assert caplog.messages == [f"Broker unavailable; {waiting} outbox messages wait for the flush"]


@pytest.mark.django_db
def test_the_message_id_falls_back_to_localhost(settings):
    message = OutboxMessage.objects.create(to=["a@example.se"], subject="S", body_text="B")
    settings.PORTAL_BASE_URL = ""
    assert delivery.outbox_message_id(message) == f"<{message.uuid}@localhost>"


@pytest.mark.django_db
def test_a_message_without_html_is_plain_text_only():
    message = mail.mail_enqueue(to=["a@example.se"], subject="S", body_text="Hej")
    assert OutboxMessage.objects.get(pk=message.pk).body_html == ""


@pytest.mark.django_db
def test_one_message_waits_for_the_flush_when_the_broker_is_down(
    monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broker_down(message_id):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(outbox_tasks.outbox_deliver, "delay", broker_down)
    with caplog.at_level("WARNING"), django_capture_on_commit_callbacks(execute=True):
        message = mail.mail_enqueue(to=["a@example.se"], subject="S", body_text="B")
    assert caplog.messages == [
        f"Broker unavailable; outbox message {message.pk} waits for the flush"
    ]
    assert OutboxMessage.objects.get(pk=message.pk).status == OutboxMessage.Status.PENDING


@pytest.mark.django_db
def test_a_subject_that_fits_is_kept_and_a_longer_one_cut(settings):
    limit = OutboxMessage._meta.get_field("subject").max_length
    fits = mail.mail_enqueue(to=["a@example.se"], subject="x" * limit, body_text="B")
    longer = mail.mail_enqueue(to=["a@example.se"], subject="y" * (limit + 1), body_text="B")
    assert fits.subject == "x" * limit
    assert len(longer.subject) == limit and longer.subject.endswith("…")
