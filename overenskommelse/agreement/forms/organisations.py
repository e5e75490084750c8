from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from overenskommelse.agreement.models import ActivityField, Organisation, PriorityArea
from overenskommelse.agreement.selectors.agreement import current_areas
from overenskommelse.agreement.services.organisations import (
    DETAIL_FIELDS,
    organisation_number_normalise,
)
from overenskommelse.platform.forms.fields import LongTextField, NameField


class OrganisationForm(forms.ModelForm):
    """Register or change an organisation. The service, not `save()`, writes it."""

    activities = forms.MultipleChoiceField(
        label=_("Fields of activity"),
        choices=ActivityField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(
        label=_("Web site"),
        required=False,
        max_length=Organisation._meta.get_field("website").max_length,
        assume_scheme="https",
        help_text=_("Shown in the public register."),
    )
    priority_areas = forms.ModelMultipleChoiceField(
        label=_("Priority areas of the action plan that interest you"),
        queryset=PriorityArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    field_order = [
        "name",
        "organisation_number",
        "legal_form",
        "activities",
        "umbrella",
        "umbrella_other",
        "postal_address",
        "email",
        "website",
        "description",
        "priority_areas",
    ]

    class Meta:
        model = Organisation
        # `website` is declared above (https by default), so not generated here.
        fields = [name for name in DETAIL_FIELDS if name != "website"]
        field_classes = {
            "name": NameField,
            "umbrella_other": NameField,
            "postal_address": LongTextField,
            "description": LongTextField,
        }
        widgets = {
            "legal_form": forms.RadioSelect,
            "umbrella": forms.RadioSelect,
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "organisation_number": _("Ten digits, e.g. 802000-0000."),
            "email": _("Shown in the public register."),
            "description": _("A few sentences, shown in the public register."),
            "postal_address": _("Not shown publicly."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_number"].required = True
        self.fields["umbrella"].choices = Organisation.Umbrella.choices
        self.fields["umbrella"].required = False
        self.fields["priority_areas"].queryset = current_areas()
        if self.instance.pk and not self.is_bound:
            self.initial["website"] = self.instance.website
            self.initial["activities"] = list(
                self.instance.activities.values_list("field", flat=True)
            )
            self.initial["priority_areas"] = list(self.instance.priority_areas.all())

    def clean_organisation_number(self) -> str:
        number = organisation_number_normalise(self.cleaned_data["organisation_number"])
        duplicates = Organisation.objects.filter(organisation_number=number)
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(
                _(
                    "An organisation with this organisationsnummer is already registered. "
                    "Ask to represent it instead."
                ),
                code="duplicate",
            )
        return number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("umbrella") == Organisation.Umbrella.OTHER and not cleaned.get(
            "umbrella_other"
        ):
            self.add_error("umbrella_other", _("Name the umbrella organisation."))
        if cleaned.get("umbrella") != Organisation.Umbrella.OTHER:
            cleaned["umbrella_other"] = ""
        return cleaned

    def validate_unique(self):
        """Uniqueness is checked above with a clearer message; the service re-checks."""

    @property
    def existing_organisation(self) -> Organisation | None:
        """The organisation already registered under the number given, if any."""
        number = self.data.get(self.add_prefix("organisation_number"), "")
        try:
            number = organisation_number_normalise(number)
        except ValidationError:
            return None
        found = Organisation.objects.filter(organisation_number=number)
        if self.instance.pk:
            found = found.exclude(pk=self.instance.pk)
        return found.first()


class HandOverForm(forms.Form):
    """Name a successor as representative, by the e-mail of their account."""

    email = forms.EmailField(
        label=_("The successor's e-mail address"),
        max_length=254,
        help_text=_(
            "The address your successor logs in with. They become a representative when "
            "they accept, and your representation then ends."
        ),
    )
