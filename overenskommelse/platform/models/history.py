from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ModelT = TypeVar("ModelT", bound=models.Model)


class HistoryEntry(models.Model):
    """One change that matters, kept for good: who, when, what and on which object.

    Written only by `overenskommelse.platform.services.history.history_record`, from the
    service that makes the change, in the same transaction. Never edited or deleted.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(
        _("by (name)"),
        max_length=200,
        blank=True,
        help_text=_("Kept when the account is removed, or for the system."),
    )
    action = models.CharField(_("action"), max_length=64)
    message = models.TextField(_("comment"), blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), db_index=True)

    # Not fields: what the timeline selectors set on the rows they return for a page
    # (samverkan.pipeline.selectors.initiative_timeline, natverk.selectors.history_labelled).
    label: str
    stage_from: str
    stage_to: "StrOrPromise"
    detail: str
    about: str

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="history_subject_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


def field_history() -> Callable[[type[ModelT]], type[ModelT]]:
    """Keep every insert, change and delete of a model's rows, field by field.

    django-pghistory: an event model beside the tracked one (`<Model>Event`, reached as
    `obj.field_history`) filled by database triggers, so a change through the admin,
    a bulk `update()` or the shell is recorded as surely as one through a service; the
    request's user and URL come with it (`pghistory.middleware.HistoryMiddleware`).
    `HistoryEntry` stays the record of the acts that carry a message. The triggers
    exist on PostgreSQL only; on SQLite (make run's default) nothing is recorded."""
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        obj_field=pghistory.ObjForeignKey(related_name="field_history", db_constraint=False),
    )
