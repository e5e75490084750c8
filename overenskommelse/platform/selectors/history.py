from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from overenskommelse.platform.models import HistoryEntry


def history_for(*, subject: models.Model) -> QuerySet[HistoryEntry]:
    return HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        object_id=str(subject.pk),
    ).select_related("actor")
