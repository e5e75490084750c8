from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderClaim(models.Model):
    """The claim of one reminder: a row inserted in the same transaction as its mail.

    Each concrete claim model adds the fields that name the recipient and the step, and
    a unique constraint over them: the insert is the claim, so a second sweep, a late
    one or two at once find the row taken and send nothing, and a sweep that dies
    leaves either the row and its mail or neither. `overenskommelse/platform/services/reminders.py`
    makes and checks the claims.
    """

    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        abstract = True
