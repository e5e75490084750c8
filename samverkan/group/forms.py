"""Forms of samverkansgruppen, the yearly follow-up and the conference."""

from typing import cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import Organisation, PriorityArea
from overenskommelse.agreement.selectors.register import swedish_order
from overenskommelse.platform.forms.fields import LongTextField, NameField
from samverkan.group.models import GroupMeeting, GroupMembership
from samverkan.group.services.followup import SECTIONS, section_labels


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class MembershipForm(forms.Form):
    name = NameField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    municipal_body = forms.ModelChoiceField(
        label=_("Municipal seat (förvaltning)"),
        queryset=MunicipalBody.objects.forvaltningar().active().order_by("name"),
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Seat for idéburen sektor (organisation)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    starts_on = forms.DateField(label=_("Term starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Term ends"), widget=DateInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Swedish order asks the database for its collation: not at import time.
        self.fields["organisation"].queryset = Organisation.objects.order_by(swedish_order("name"))

    def clean(self):
        data = super().clean()
        if bool(data.get("municipal_body")) == bool(data.get("organisation")):
            raise forms.ValidationError(_("Choose either a förvaltning or an organisation."))
        return data


class MembershipEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Term ends"), widget=DateInput)


class MeetingForm(forms.Form):
    title = NameField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput, required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    link = forms.URLField(
        label=_("Meeting link"),
        required=False,
        max_length=GroupMeeting._meta.get_field("link").max_length,
        assume_scheme="https",
    )
    agenda = LongTextField(
        label=_("Agenda"), widget=forms.Textarea, required=False, help_text=_("One item a line.")
    )


class MeetingAttendanceForm(forms.Form):
    """Who of the members on the meeting day was present; any other value is refused."""

    present = forms.ModelMultipleChoiceField(
        label=_("Present at the meeting"),
        queryset=GroupMembership.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": _("Choose only members of the group on the day of the meeting."),
            "invalid_pk_value": _("Choose only members of the group on the day of the meeting."),
        },
    )

    def __init__(self, *args, meeting: GroupMeeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["present"])
        field.queryset = GroupMembership.objects.current(meeting.date)


class MeetingDocumentForm(forms.Form):
    title = NameField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))


class FollowUpCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2019, max_value=2100)


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=())
    text = LongTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = section_labels()
        self.fields["section"].choices = [(key, labels[key]) for key in SECTIONS]


class SendToNamndForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Responsible nämnd"),
        queryset=MunicipalBody.objects.filter(
            Q(kind=MunicipalBody.Kind.NAMND) | Q(kind=MunicipalBody.Kind.STYRELSE)
        ).order_by("name"),
    )


class ReportForm(forms.Form):
    commitments = LongTextField(
        label=_("The förvaltning's samverkansåtaganden with idéburen sektor"),
        help_text=_("Which initiatives, IOPs, projects and other commitments."),
        widget=forms.Textarea,
    )

    def __init__(self, *args, areas: list[PriorityArea], **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"area_{area.pk}"] = LongTextField(
                label=_("Short text: %(area)s") % {"area": area.name},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def area_texts(self) -> dict:
        return {area: self.cleaned_data.get(f"area_{area.pk}", "") for area in self.areas}


class ConferenceForm(forms.Form):
    title = NameField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Starts"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ends"), widget=TimeInput, required=False)
    place = forms.CharField(label=_("Place"), max_length=300)
    programme = LongTextField(label=_("Programme"), widget=forms.Textarea)
    places = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=100000)
    registration_closes_on = forms.DateField(label=_("Last day to register"), widget=DateInput)


class RegistrationForm(forms.Form):
    name = NameField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    represents = NameField(label=_("Organisation or nämnd"), max_length=300, required=False)
