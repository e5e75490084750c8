"""Documents the portal makes from its own data (PDFs), stored and served as files.

Each kind is a concrete subclass of `RenderedDocument` with a one-to-one field to
what the document is of (the remiss, the follow-up, the paragraph) and its own
upload folder. overenskommelse/platform/services/documents.py makes and serves them.
"""

from typing import ClassVar, Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models.base import TimeStampedModel
from overenskommelse.platform.uploads import RandomUploadTo


class RenderedDocument(TimeStampedModel):
    """A stored rendering and the versions that say whether it is current.

    `version` grows by one whenever something the document shows changes;
    `requested_version` is the version a render was last asked for (claimed by a
    conditional UPDATE, so each version is handed to the worker once);
    `rendered_version` is the version the stored file shows; `content_hash` is the
    SHA-256 of the HTML the file was made from. The file is current when
    `rendered_version` has caught up with `version`."""

    version = models.PositiveIntegerField(default=1)
    requested_version = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(null=True, blank=True)
    rendered_version = models.PositiveIntegerField(default=0)
    file = models.FileField(_("file"), upload_to=RandomUploadTo("documents"), blank=True)
    content_hash = models.CharField(
        _("SHA-256 of the rendered HTML"), max_length=64, blank=True, editable=False
    )
    generated_at = models.DateTimeField(_("made"), null=True, blank=True)

    # Every concrete kind has Django's default manager; declared for the type checker,
    # which gives an abstract model none (services/documents.py works on the kinds).
    objects: ClassVar[models.Manager[Self]]

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rendered_version__lte=models.F("version")),
                name="%(class)s_rendered_not_ahead",
            ),
        ]

    @property
    def is_current(self) -> bool:
        return bool(self.file) and self.rendered_version >= self.version
