"""Reads of the accounts app."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from overenskommelse.accounts.models import User
from overenskommelse.platform.models import HistoryEntry


def user_profile_history(*, user: User, limit: int = 20) -> QuerySet[HistoryEntry]:
    """The latest changes to a person's own details, newest first."""
    return HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    ).order_by("-at")[:limit]
