"""The form for the handlingsplan's PDF. The checks of the file are in the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.forms.fields import NameField
from overenskommelse.platform.uploads import upload_help


class ActionPlanDocumentForm(forms.Form):
    title = NameField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Shown as the link text. Leave empty to use the plan's name."),
    )
    file = forms.FileField(
        label=_("The plan as a PDF"),
        help_text=upload_help(_("PDF only, at most %(limit)s. The file's content is checked.")),
    )
