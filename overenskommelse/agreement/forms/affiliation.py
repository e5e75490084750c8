from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.forms.fields import LongTextField
from overenskommelse.platform.uploads import PROTOCOL_TYPES, upload_help, upload_validate


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."), code="future")
    return value


class ProtocolFieldMixin:
    """Checks an uploaded protocol by its content, to answer at the field at once; the
    service checks it again, whoever calls it."""

    def clean_protocol(self):
        upload = self.cleaned_data.get("protocol")
        if upload:
            upload_validate(upload, allowed=PROTOCOL_TYPES)
        return upload


PROTOCOL_HELP = upload_help(
    _("PDF, JPEG or PNG, at most %(limit)s. The file's content is checked.")
)


class ApplicationForm(ProtocolFieldMixin, forms.Form):
    """The application for anslutning. A draft may be incomplete; a submission may not."""

    meeting_date = forms.DateField(
        label=_("Date of the board meeting"), required=False, widget=DateInput
    )
    paragraph = forms.CharField(label=_("§ number in the protocol"), max_length=20, required=False)
    decision_text = LongTextField(
        label=_("The decision's wording"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    protocol = forms.FileField(
        label=_("Signed protocol (protokollsutdrag)"), required=False, help_text=PROTOCOL_HELP
    )
    conditions_confirmed = forms.BooleanField(
        label=_(
            "We confirm that the organisation meets the conditions of the Agreement: a "
            "democratic value base, the equal worth of all people, a public or member "
            "benefit, non-profit and independent of the public sector."
        ),
        required=False,
    )

    def __init__(self, *args, submitting: bool = False, has_stored_protocol: bool = False, **kw):
        super().__init__(*args, **kw)
        self.submitting = submitting
        self.has_stored_protocol = has_stored_protocol

    def clean_meeting_date(self):
        return _not_in_future(self.cleaned_data.get("meeting_date"))

    def clean(self):
        cleaned = super().clean()
        if not self.submitting:
            return cleaned
        required = {
            "meeting_date": _("Give the date of the board meeting."),
            "paragraph": _("Give the § number of the decision."),
            "decision_text": _("Give the decision's wording."),
        }
        for name, message in required.items():
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        missing_protocol = not cleaned.get("protocol") and not self.has_stored_protocol
        if missing_protocol and "protocol" not in self.errors:
            self.add_error("protocol", _("Upload the signed protocol."))
        if not cleaned.get("conditions_confirmed"):
            self.add_error(
                "conditions_confirmed", _("Confirm that the organisation meets the conditions.")
            )
        return cleaned


class DecisionForm(forms.Form):
    """A handläggare's decision on a submitted application."""

    ACTIONS = (
        ("approve", _("Approve")),
        ("request_completion", _("Ask for completion")),
        ("reject", _("Reject")),
    )
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    affiliated_from = forms.DateField(
        label=_("Affiliated from"),
        required=False,
        widget=DateInput,
        help_text=_("Only when approving."),
    )
    message = LongTextField(
        label=_("Message to the association"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What to complete, or why the application is rejected."),
    )

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        no_date = not cleaned.get("affiliated_from") and "affiliated_from" not in self.errors
        if action == "approve" and no_date:
            self.add_error("affiliated_from", _("Give the date the affiliation starts."))
        if action in ("request_completion", "reject") and not cleaned.get("message", "").strip():
            self.add_error("message", _("Write a message to the association."))
        return cleaned


class WithdrawalForm(ProtocolFieldMixin, forms.Form):
    """Utträde: the board's decision to leave, with its signed protocol."""

    meeting_date = forms.DateField(label=_("Date of the board meeting"), widget=DateInput)
    paragraph = forms.CharField(label=_("§ number in the protocol"), max_length=20)
    protocol = forms.FileField(
        label=_("Signed protocol with the decision to withdraw"), help_text=PROTOCOL_HELP
    )
    confirm = forms.BooleanField(
        label=_("We withdraw from the Agreement. This takes effect at once."),
        error_messages={
            "required": _("Tick that you withdraw from the Agreement: it cannot be undone.")
        },
    )

    def clean_meeting_date(self):
        return _not_in_future(self.cleaned_data.get("meeting_date"))
