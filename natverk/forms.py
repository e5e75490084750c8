"""Forms of the network app. They shape input; the rules live in natverk.services."""

from typing import cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from natverk.models import Network, NetworkMeeting, Participation, PartnershipPhase, Representative
from overenskommelse.accounts.models import User
from overenskommelse.platform.forms.fields import LongTextField, NameField
from overenskommelse.protocols.forms.protocols import DateInput, TimeInput
from overenskommelse.protocols.models import Paragraph
from overenskommelse.protocols.selectors.protocols import decision_choices


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = [
            "name",
            "organiser",
            "kind",
            "starts_on",
            "ends_on",
            "purpose",
            "max_municipalities",
            "fee_per_person_year",
            "max_representatives",
            "registration_deadline",
            "contacts",
            "case_number",
            "cost_note",
            "is_archived",
            "calendar_is_public",
        ]
        field_classes = {
            "name": NameField,
            "organiser": NameField,
            **dict.fromkeys(("purpose", "contacts", "cost_note"), LongTextField),
        }
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "registration_deadline": DateInput(),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "contacts": forms.Textarea(attrs={"rows": 3}),
            "cost_note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "is_archived": _("An archived network leaves the register list; nothing is deleted."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["is_archived"]


class MunicipalityForm(forms.Form):
    name = NameField(label=_("Municipality"), max_length=200)


class ParticipationForm(forms.Form):
    municipality_name = NameField(label=_("Municipality"), max_length=200)
    notes = LongTextField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ParticipationDetailsForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["notes", "partner_municipality", "partner_country"]
        field_classes = {"partner_municipality": NameField, "notes": LongTextField}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Paragraph) -> str:
        meeting = obj.meeting
        return (
            f"{meeting.organ_name}, {meeting.municipality_name} {meeting.date:%Y-%m-%d} "
            f"§ {obj.number} {obj.title}"
        )


class TransitionForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"))
    decision = DecisionChoiceField(
        label=_("Political decision"),
        queryset=Paragraph.objects.none(),
        required=False,
        help_text=_("The paragraph with the decision to take part. Required to take part."),
    )
    comment = LongTextField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, participation: Participation, next_stages: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["to_stage"]).choices = [
            (stage, Participation.Stage(stage).label) for stage in next_stages
        ]
        cast(DecisionChoiceField, self.fields["decision"]).queryset = decision_choices()
        self.fields["decision"].initial = participation.decision_id


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ["name", "role", "title", "party", "side", "email"]
        field_classes = {"name": NameField, "title": NameField}


class PhaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Phase"), choices=PartnershipPhase.Kind.choices)
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Ends"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: the normal length (preparation one year, projects two years)."),
    )
    salary_budget = forms.IntegerField(
        label=_("Of which salaries (kr)"),
        min_value=0,
        initial=0,
        help_text=_("At most half (50 percent) of the phase's flat budget."),
    )


def attendee_choices():
    """People who can attend from us: staff roles and samverkansgruppen."""
    return (
        User.objects.filter(
            Q(role_assignments__isnull=False) | Q(is_superuser=True), is_active=True
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class MeetingForm(forms.ModelForm):
    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=NetworkMeeting._meta.get_field("link").max_length,
        assume_scheme="https",
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who attends from us"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = NetworkMeeting
        fields = [
            "title",
            "date",
            "start_time",
            "end_time",
            "mode",
            "place",
            "link",
            "agenda",
            "attendees",
            "notes",
            "is_cancelled",
        ]
        field_classes = {"title": NameField, "agenda": LongTextField, "notes": LongTextField}
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "date": _("Leave empty while the date is not set (datum ej fastställt)."),
            "is_cancelled": _("A cancelled meeting is kept, marked as cancelled."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = attendee_choices()
        self.fields["attendees"].label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.email})" if user.get_full_name() else user.email
        )
        if self.instance.pk is None:
            del self.fields["notes"]
            del self.fields["is_cancelled"]


class DocumentForm(forms.Form):
    title = NameField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, JPEG or PNG. The file's content is checked.")
    )
