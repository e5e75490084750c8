"""Delivery from the outbox: claim a row, send it, mark it sent or failed.

Delivery is at least once. A delivery claims its row first, so two workers, a retry
and the flush never send a message at the same time. But a worker killed after
handing the message to SMTP and before marking it sent leaves the claim to expire
(`CLAIM_TIMEOUT`), and the message is then sent again. Every attempt carries the same
Message-ID (made from the row's uuid), so a resend is recognisable as the same mail.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from overenskommelse.platform.models import OutboxMessage

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=10)
FLUSH_GRACE = timedelta(seconds=30)
MAX_ATTEMPTS = 8


def outbox_message_id(message: OutboxMessage) -> str:
    """The Message-ID header of `message`: the same on every attempt to send it."""
    domain = urlsplit(settings.PORTAL_BASE_URL).hostname or "localhost"
    return f"<{message.uuid}@{domain}>"


def outbox_message_claim(*, message_id: int, now=None) -> bool:
    """Take the message for delivery; True only for the one caller that got it."""
    now = now or timezone.now()
    claimable = OutboxMessage.objects.due(now=now, claim_timeout=CLAIM_TIMEOUT, grace=timedelta(0))
    updated = claimable.filter(pk=message_id).update(
        status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return updated == 1


def outbox_message_deliver(*, message_id: int, now=None) -> bool:
    """Send one message if this caller can claim it. Returns whether it was sent."""
    if not outbox_message_claim(message_id=message_id, now=now):
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    email = EmailMultiAlternatives(  # from DEFAULT_FROM_EMAIL
        subject=message.subject,
        body=message.body_text,
        to=message.to,
        headers={"Message-ID": outbox_message_id(message)},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as exc:
        status = (
            OutboxMessage.Status.FAILED
            if message.attempts >= MAX_ATTEMPTS
            else OutboxMessage.Status.PENDING
        )
        OutboxMessage.objects.filter(pk=message_id).update(
            status=status, last_error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        logger.exception("Sending outbox message %s failed", message_id)
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def outbox_flush(*, now=None, limit: int = 500) -> int:
    """Deliver what is due and was not handed over. Returns how many were sent."""
    now = now or timezone.now()
    ids = list(
        OutboxMessage.objects.due(now=now, claim_timeout=CLAIM_TIMEOUT, grace=FLUSH_GRACE)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(outbox_message_deliver(message_id=pk, now=now) for pk in ids)
