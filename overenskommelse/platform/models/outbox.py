import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models.base import TimeStampedModel


class OutboxMessageQuerySet(models.QuerySet):
    def due(self, *, now, claim_timeout, grace):
        """Pending mail older than `grace`, or claims abandoned for `claim_timeout`."""
        return self.filter(
            models.Q(status=OutboxMessage.Status.PENDING, created_at__lte=now - grace)
            | models.Q(status=OutboxMessage.Status.SENDING, claimed_at__lte=now - claim_timeout)
        )


class OutboxMessage(TimeStampedModel):
    """An e-mail written in the same transaction as the change it reports.

    The worker delivers it: right after commit when the broker answers, otherwise
    by the periodic flush. A delivery first claims the row with a conditional
    UPDATE, so two workers never send the same message.
    """

    class Status(models.TextChoices):
        PENDING = "vantar", _("Pending")
        SENDING = "skickas", _("Sending")
        SENT = "skickat", _("Sent")
        FAILED = "misslyckat", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = OutboxMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self) -> str:
        return self.subject
