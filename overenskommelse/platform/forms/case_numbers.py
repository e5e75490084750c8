"""The forms of the diarium: setting an ärende's diarienummer and searching by one."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.services.case_numbers import (
    CASE_NUMBER_MAX_LENGTH,
    case_number_normalise,
)


class CaseNumberForm(forms.Form):
    """Enter the case system's number ("Spara"), or let the portal assign one."""

    ASSIGN = "assign"
    SAVE = "save"

    case_number = forms.CharField(
        label=_("Diarienummer"),
        max_length=CASE_NUMBER_MAX_LENGTH,
        required=False,
        help_text=_("As in the municipality's case system, e.g. KS 2020/0882."),
    )
    action = forms.ChoiceField(
        choices=[(SAVE, _("Save")), (ASSIGN, _("Assign diarienummer"))],
        required=False,
        widget=forms.HiddenInput,
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == self.ASSIGN:
            data["case_number"] = None
        elif "case_number" in data:
            try:
                data["case_number"] = case_number_normalise(data["case_number"])
            except ValidationError as error:
                self.add_error("case_number", error)
        return data


class CaseSearchForm(forms.Form):
    q = forms.CharField(label=_("Diarienummer"), max_length=CASE_NUMBER_MAX_LENGTH, required=False)
