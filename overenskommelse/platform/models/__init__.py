"""The platform's models: history, the outbox, submissions and the abstract bases."""

from overenskommelse.platform.models.base import CalendarSequenceModel, TimeStampedModel
from overenskommelse.platform.models.documents import RenderedDocument
from overenskommelse.platform.models.history import HistoryEntry, field_history
from overenskommelse.platform.models.outbox import OutboxMessage, OutboxMessageQuerySet
from overenskommelse.platform.models.records import (
    CaseNumberSeries,
    GallringEntry,
    GallringRun,
    RecordType,
    RetentionRule,
)
from overenskommelse.platform.models.reminders import ReminderClaim
from overenskommelse.platform.models.submissions import FormSubmission
from overenskommelse.platform.models.uploads import UploadedDocument

__all__ = [
    "CalendarSequenceModel",
    "CaseNumberSeries",
    "FormSubmission",
    "GallringEntry",
    "GallringRun",
    "HistoryEntry",
    "OutboxMessage",
    "OutboxMessageQuerySet",
    "RecordType",
    "ReminderClaim",
    "RenderedDocument",
    "RetentionRule",
    "TimeStampedModel",
    "UploadedDocument",
    "field_history",
]
