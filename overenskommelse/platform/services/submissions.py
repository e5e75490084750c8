"""Claiming a form's one-time key, so that the form is saved once however often it is
sent (overenskommelse/platform/submissions.py has the middleware that calls these)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from overenskommelse.platform.models import FormSubmission

# How long a used key is remembered. A key belongs to one page view, so keeping it
# longer never refuses a new submission; it only covers a page left open overnight.
SUBMISSION_KEY_KEPT = dt.timedelta(days=2)


def submission_claim(*, key: str, now: dt.datetime | None = None) -> FormSubmission | None:
    """Claim `key` for the POST now being handled. None when it was free; the earlier
    submission when the key was used already (its `location` is empty while that one
    is still being handled).

    The claim is its own committed row before the view runs, so of two POSTs sent at
    the same moment only one claims the key."""
    now = now or timezone.now()
    FormSubmission.objects.filter(created_at__lt=now - SUBMISSION_KEY_KEPT).delete()
    try:
        with transaction.atomic():
            FormSubmission.objects.create(key=key)
    except IntegrityError:
        return FormSubmission.objects.filter(key=key).first() or FormSubmission(key=key)
    return None


def submission_done(*, key: str, location: str) -> None:
    """The POST was handled and redirected to `location`: a repeat goes there too."""
    FormSubmission.objects.filter(key=key).update(location=location[:2000])


def submission_release(*, key: str) -> None:
    """The POST was refused (the form shown again, a 4xx) or failed: the key is free,
    so the corrected form can be sent with it."""
    FormSubmission.objects.filter(key=key, location="").delete()
