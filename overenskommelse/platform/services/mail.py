"""Mail goes through the transactional outbox.

`mail_enqueue` stores the rendered message in the caller's transaction and asks
the worker to deliver it once that transaction commits. If the broker is down the
row simply waits for the periodic `outbox_flush`; nothing is lost. Delivery itself,
at least once and claimed first, is `overenskommelse.platform.outbox`.
"""

import logging
from collections.abc import Iterable, Sequence
from typing import cast

from django.conf import settings
from django.db import transaction
from django.template import Context
from django.template.backends.django import Template as DjangoTemplate
from django.template.loader import get_template
from django.utils.text import Truncator

from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.outbox.tasks import outbox_deliver, outbox_deliver_many

logger = logging.getLogger(__name__)


def mail_enqueue(
    *, to: Iterable[str], subject: str, body_text: str, body_html: str = ""
) -> OutboxMessage:
    message = _message(to=to, subject=subject, body_text=body_text, body_html=body_html)
    message.save()
    transaction.on_commit(lambda: _hand_to_worker(message.pk))
    return message


def _message(*, to: Iterable[str], subject: str, body_text: str, body_html: str) -> OutboxMessage:
    """An unsaved outbox row. A subject quoting a long title still fits its column."""
    limit = OutboxMessage._meta.get_field("subject").max_length
    assert limit is not None  # a CharField
    subject = " ".join(subject.split())
    return OutboxMessage(
        to=sorted(set(to)),
        subject=Truncator(subject).chars(limit),  # unchanged when it fits
        body_text=body_text,
        body_html=body_html,
    )


class _Templates:
    """The three templates of one message (`<prefix>_subject.txt`, `_body.txt`,
    `_body.html`), loaded once. The plain-text parts are not HTML, so nothing in them
    is escaped (a title "O'Neill & Co" reads as written, not "O&#x27;Neill &amp; Co")."""

    def __init__(self, prefix: str) -> None:
        # Django's is the only template engine: its templates carry the compiled
        # `.template` that parts() renders with a Context.
        self.subject, self.text, self.html = (
            cast(DjangoTemplate, get_template(f"{prefix}_{part}"))
            for part in ("subject.txt", "body.txt", "body.html")
        )

    def parts(self, context: dict) -> tuple[str, str, str]:
        """Subject, plain text and HTML as rendered from `context`."""
        context = {"municipality_name": settings.MUNICIPALITY_NAME, **context}
        plain = Context(context, autoescape=False)
        return (
            self.subject.template.render(plain),
            self.text.template.render(plain),
            self.html.render(context),
        )

    def message(self, to: Iterable[str], context: dict) -> OutboxMessage:
        subject, text, html = self.parts(context)
        return _message(to=to, subject=subject, body_text=text, body_html=html)


def mail_render_and_enqueue(*, to: Iterable[str], template: str, context: dict) -> OutboxMessage:
    """Render `<template>_subject.txt`, `_body.txt` and `_body.html` and enqueue them.

    `template` is a path prefix such as "overenskommelse/email/application_approved".
    """
    message = _Templates(template).message(to, context)
    message.save()
    transaction.on_commit(lambda: _hand_to_worker(message.pk))
    return message


HAND_OVER_CHUNK = 50  # messages per task: well inside the task time limit over SMTP


def mail_enqueue_many(messages: Sequence[OutboxMessage]) -> list[OutboxMessage]:
    """Unsaved outbox rows (from `mail_render_many`, say) in one INSERT, handed to the worker
    in chunks after commit."""
    created = OutboxMessage.objects.bulk_create(messages)
    ids = [m.pk for m in created]
    transaction.on_commit(lambda: _hand_many_to_worker(ids))
    return created


def mail_render_many(
    *, template: str, messages: Iterable[tuple[Iterable[str], dict]]
) -> list[OutboxMessage]:
    """Unsaved outbox rows for `mail_enqueue_many`: each (addresses, context) rendered in
    full, the three templates loaded once. A sweep that reminds 300 instanser renders in
    about 0.2 s, so nothing cleverer is needed."""
    templates = _Templates(template)
    return [templates.message(to, context) for to, context in messages]


def _hand_many_to_worker(ids: list[int]) -> None:
    for start in range(0, len(ids), HAND_OVER_CHUNK):
        chunk = ids[start : start + HAND_OVER_CHUNK]
        try:
            outbox_deliver_many.delay(chunk)
        except Exception:  # broker unreachable: the periodic flush delivers them later
            waiting = len(ids) - start  # this chunk and those after it
            logger.warning("Broker unavailable; %s outbox messages wait for the flush", waiting)
            return


def _hand_to_worker(message_id: int) -> None:
    try:
        outbox_deliver.delay(message_id)
    except Exception:  # broker unreachable: the periodic flush delivers it later
        logger.warning("Broker unavailable; outbox message %s waits for the flush", message_id)
