"""The register's open data, stored as files so a download is not a rebuild."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import TimeStampedModel
from overenskommelse.platform.uploads import RandomUploadTo


class RegisterExport(TimeStampedModel):
    """The whole register as open data, one stored file per format and language.

    `version` grows by one in the transaction of every change to what the register
    shows (`overenskommelse/agreement/services/open_data.py`); `requested_version` is the version
    the worker was last asked to make (claimed by a conditional UPDATE, so each version
    is asked for once); `rendered_version` is the version the stored file shows. The
    file is served while it is current; until then the export is made in the request.
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    language = models.CharField(_("language"), max_length=8)
    version = models.PositiveIntegerField(default=1)
    requested_version = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(null=True, blank=True)
    rendered_version = models.PositiveIntegerField(default=0)
    file = models.FileField(_("file"), upload_to=RandomUploadTo("open-data"), blank=True)
    generated_at = models.DateTimeField(_("made"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored register export")
        verbose_name_plural = _("stored register exports")
        constraints = [
            models.UniqueConstraint(
                fields=["format", "language"], name="registerexport_one_per_format_language"
            ),
            models.CheckConstraint(
                condition=models.Q(rendered_version__lte=models.F("version")),
                name="registerexport_rendered_not_ahead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.format} ({self.language})"

    @property
    def is_current(self) -> bool:
        return bool(self.file) and self.rendered_version >= self.version
