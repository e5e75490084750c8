"""The protokollsutdrag a paragraph is served as, stored once made."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import RenderedDocument
from overenskommelse.platform.uploads import RandomUploadTo


class ParagraphPdf(RenderedDocument):
    """A paragraph's protokollsutdrag as a PDF, made when it is first asked for after a
    change and served from storage until the paragraph or its meeting changes."""

    paragraph = models.OneToOneField(
        "protocols.Paragraph",
        on_delete=models.CASCADE,
        related_name="stored_pdf",
        primary_key=True,
    )
    file = models.FileField(_("file"), upload_to=RandomUploadTo("protocols/extracts"), blank=True)

    class Meta(RenderedDocument.Meta):
        verbose_name = _("protokollsutdrag PDF")
        verbose_name_plural = _("protokollsutdrag PDFs")

    def __str__(self) -> str:
        return str(self.paragraph)
