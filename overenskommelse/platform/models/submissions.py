from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models.base import TimeStampedModel


class FormSubmission(TimeStampedModel):
    """The one-time key of a rendered form, claimed by the POST that first sends it.

    Every form carries a fresh key ({% submission_key %}); a second POST with the same
    key (a double click, a reload of the result, the back button) is not run again but
    sent where the first one went (`location`). See overenskommelse/platform/submissions.py.
    """

    key = models.CharField(_("key"), max_length=64, unique=True)
    location = models.CharField(_("sent to"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.key
