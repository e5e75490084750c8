"""A person's name and phone: asked at sign-up and changed on "Mina uppgifter"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.forms.fields import NameField

NAME_MAX_LENGTH = 150  # AbstractUser's first_name and last_name
PHONE_MAX_LENGTH = 40  # User.phone


class PersonNameForm(forms.Form):
    """First and last name, both required: shown to others instead of the e-mail address."""

    first_name = NameField(
        label=_("First name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Write your first name.")},
    )
    last_name = NameField(
        label=_("Last name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Write your last name.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self):
        cleaned = super().clean()
        for field in ("first_name", "last_name"):
            value = cleaned.get(field)
            if isinstance(value, str):
                cleaned[field] = " ".join(value.split())
        return cleaned


class SignupNameForm(PersonNameForm):
    """allauth's ACCOUNT_SIGNUP_FORM_CLASS: its sign-up form adds these fields, and
    `signup` stores them on the new user before allauth saves it."""

    field_order = ["first_name", "last_name"]

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]


class ProfileForm(PersonNameForm):
    phone = forms.CharField(
        label=_("Phone"),
        max_length=PHONE_MAX_LENGTH,
        required=False,
        help_text=_("Optional."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-() ")
        if phone and (not set(phone) <= allowed or not any(c.isdigit() for c in phone)):
            raise forms.ValidationError(
                _("Write the phone number with digits, spaces, +, - and brackets only.")
            )
        return phone
