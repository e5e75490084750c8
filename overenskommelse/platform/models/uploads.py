"""The abstract base of every model that holds one uploaded document.

What the document models of every app share: the title, the stored file, what the
upload was (its own name, the content type found by reading it, its size), who
uploaded it and when (`created_at`), and the name it is downloaded under. The
checks themselves are `overenskommelse.platform.uploads.upload_validate`, which the service
that stores an upload calls; `clean()` runs them again for the admin's forms.
"""

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models.base import TimeStampedModel
from overenskommelse.platform.uploads import (
    PROTOCOL_TYPES,
    RandomUploadTo,
    download_name,
    upload_validate,
)


class UploadedDocument(TimeStampedModel):
    """A titled document uploaded by a user, stored under a random name.

    A subclass overrides `file` only to choose its folder, and `ALLOWED_TYPES`
    when it accepts fewer types than PDF, JPEG and PNG.
    """

    ALLOWED_TYPES: ClassVar[tuple[str, ...]] = PROTOCOL_TYPES

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=RandomUploadTo("documents"))
    original_name = models.CharField(
        _("uploaded file name"), max_length=255, blank=True, editable=False
    )
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @classmethod
    def upload_fields(cls, upload: UploadedFile, *, content_type: str) -> dict[str, object]:
        """The fields of a new row for an upload that `upload_validate` has passed,
        `content_type` being what it returned."""
        return {
            "file": upload,
            "original_name": (upload.name or "")[:255],
            "content_type": content_type,
            "size": upload.size,
        }

    @property
    def download_name(self) -> str:
        """The title as a file name with the extension of what the file really is."""
        return download_name(slugify(self.title), self.content_type)

    def clean(self) -> None:
        """Check a file set on the row but not yet stored (the admin's forms), the
        same way the services do, and record what it is."""
        super().clean()
        if not self.file or self.file._committed:
            return
        upload = self.file.file
        if not isinstance(upload, UploadedFile):
            return
        try:
            content_type = upload_validate(upload, allowed=self.ALLOWED_TYPES)
        except ValidationError as error:
            raise ValidationError({"file": error.error_list}) from error
        self.original_name = (upload.name or "")[:255]
        self.content_type = content_type
        self.size = upload.size
