"""Forms for recording decisions. They only shape input; the rules are in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.platform.forms.fields import LongTextField, NameField
from overenskommelse.protocols.models import (
    NOTICE_MIN_DAYS,
    Ballot,
    Paragraph,
    ProtocolMeeting,
    ProtocolMember,
    lines,
)

DECIDING_KINDS = (
    MunicipalBody.Kind.FULLMAKTIGE,
    MunicipalBody.Kind.STYRELSE,
    MunicipalBody.Kind.UTSKOTT,
    MunicipalBody.Kind.NAMND,
    MunicipalBody.Kind.RAD,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ProtocolMeetingForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Organ in the portal"),
        queryset=MunicipalBody.objects.filter(kind__in=DECIDING_KINDS, is_active=True),
        required=False,
        help_text=_("Leave empty for another municipality's organ or samverkansgruppen."),
    )
    organ_name = NameField(
        label=_("Name of the organ"),
        max_length=200,
        required=False,
        help_text=_("Taken from the organ above when left empty."),
    )
    organ_kind = forms.ChoiceField(
        label=_("Kind of organ"),
        choices=ProtocolMeeting.OrganKind.choices,
        initial=ProtocolMeeting.OrganKind.OTHER,
        required=False,
        help_text=_(
            "Taken from the organ in the portal when one is chosen. Whether a decision "
            "commits the municipality depends on it."
        ),
    )
    municipality_name = NameField(
        label=_("Municipality"),
        max_length=200,
        required=False,
        help_text=_("Our municipality when left empty."),
    )
    date = forms.DateField(label=_("Date of the meeting"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends"), required=False, widget=TimeInput())
    time_note = forms.CharField(label=_("About the time"), max_length=300, required=False)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    chair = forms.CharField(label=_("Chair"), max_length=200, required=False)
    secretary = forms.CharField(label=_("Secretary"), max_length=200, required=False)
    adjusters = LongTextField(
        label=_("Adjusters (justerare)"),
        required=False,
        widget=_textarea(2),
        help_text=_("One a line."),
    )
    adjustment_place_time = forms.CharField(
        label=_("Place and time of adjustment"), max_length=300, required=False
    )
    adjusted_on = forms.DateField(
        label=_("Date of adjustment"),
        required=False,
        widget=DateInput(),
        help_text=_("Once the protocol is adjusted, anyone may read it and its public paragraphs."),
    )
    paragraph_span = forms.CharField(
        label=_("Paragraphs of the protocol"), max_length=50, required=False
    )
    notice_posted_on = forms.DateField(label=_("Notice posted"), required=False, widget=DateInput())
    notice_removed_on = forms.DateField(
        label=_("Notice taken down"), required=False, widget=DateInput()
    )
    protocol_kept_at = forms.CharField(
        label=_("Where the protocol is kept"), max_length=300, required=False
    )

    def clean(self):
        data = super().clean()
        posted, removed = data.get("notice_posted_on"), data.get("notice_removed_on")
        if posted and removed and (removed - posted).days < NOTICE_MIN_DAYS:
            self.add_error(
                "notice_removed_on", _("The notice must stay up for at least three weeks.")
            )
        date, adjusted = data.get("date"), data.get("adjusted_on")
        if date and adjusted and adjusted < date:
            self.add_error("adjusted_on", _("The protocol cannot be adjusted before the meeting."))
        return data


class ProtocolAdjustmentForm(forms.Form):
    """The justering and the anslag, recorded after the sammanträde. Kommunallagen's
    order of the dates is the service's to check (`protocol_meeting_update`)."""

    adjusted_on = forms.DateField(
        label=_("Date of adjustment"),
        required=False,
        widget=DateInput(),
        help_text=_("Once the protocol is adjusted, anyone may read it and its public paragraphs."),
    )
    adjustment_place_time = forms.CharField(
        label=_("Place and time of adjustment"), max_length=300, required=False
    )
    notice_posted_on = forms.DateField(
        label=_("Notice posted"),
        required=False,
        widget=DateInput(),
        help_text=_("The day the notice of the adjustment went up on the notice board."),
    )
    notice_removed_on = forms.DateField(
        label=_("Notice taken down"),
        required=False,
        widget=DateInput(),
        help_text=_("At least three weeks after it went up."),
    )
    protocol_kept_at = forms.CharField(
        label=_("Where the protocol is kept"), max_length=300, required=False
    )


class ProtocolMembersForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("They are"), choices=ProtocolMember.Kind.choices, initial=ProtocolMember.Kind.MEMBER
    )
    text = LongTextField(
        label=_("People, one a line"),
        widget=_textarea(10),
        help_text=_(
            "“Name (Party)”. For a member for whom an ersättare serves: "
            "“Name (Party) / Ersättare (Party)”. An absent member with no ersättare: "
            "“Name (Party) / frånvarande”."
        ),
    )


class ParagraphForm(forms.Form):
    number = forms.IntegerField(label=_("§ number"), min_value=1, max_value=2_147_483_647)
    kind = forms.ChoiceField(
        label=_("Decision or proposal"),
        choices=Paragraph.Kind.choices,
        initial=Paragraph.Kind.DECISION,
        required=False,
        help_text=_(
            "A proposal (förslag till beslut) asks another organ to decide, e.g. the "
            "committee proposing that the board decide."
        ),
    )
    case_number = forms.CharField(label=_("Case number (dnr)"), max_length=50, required=False)
    title = NameField(label=_("Title"), max_length=300)
    decision_intro = forms.CharField(
        label=_("Decision introduction"),
        max_length=300,
        required=False,
        help_text=_("E.g. “Kommunfullmäktige beslutar”."),
    )
    clauses = LongTextField(
        label=_("Att-satser, one a line"),
        widget=_textarea(4),
        help_text=_("Each line is one att-sats of the decision, e.g. “att anta förslaget”."),
    )
    summary = LongTextField(label=_("Summary"), required=False, widget=_textarea(5))
    basis = LongTextField(
        label=_("Basis for the decision"),
        required=False,
        widget=_textarea(4),
        help_text=_("One document a line."),
    )
    speeches = LongTextField(label=_("Speeches (anföranden)"), required=False, widget=_textarea())
    proposals = LongTextField(
        label=_("Proposals (yrkanden)"),
        required=False,
        widget=_textarea(4),
        help_text=_("Who proposes what; one proposal a line."),
    )
    procedure = LongTextField(
        label=_("Procedure (beslutsgång)"), required=False, widget=_textarea(4)
    )
    reservations = LongTextField(label=_("Reservations"), required=False, widget=_textarea())
    sent_for_action = LongTextField(
        label=_("Sent for action"), required=False, widget=_textarea(2), help_text=_("One a line.")
    )
    sent_for_information = LongTextField(
        label=_("Sent for information"),
        required=False,
        widget=_textarea(2),
        help_text=_("One a line."),
    )
    sent_to = LongTextField(
        label=_("Sent to (other)"),
        required=False,
        widget=_textarea(2),
        help_text=_("Recipients the protocol does not sort under action or information."),
    )
    is_public = forms.BooleanField(
        label=_("Public extract"),
        required=False,
        help_text=_("Anyone may read and download the extract of this paragraph."),
    )

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or Paragraph.Kind.DECISION

    def clean_clauses(self) -> list[str]:
        clauses = lines(self.cleaned_data["clauses"])
        if not clauses:
            raise forms.ValidationError(_("A decision has at least one att-sats."))
        return clauses


class DivisionForm(forms.Form):
    """An omröstning: the voting order, then one choice per member (the roll call)."""

    question = LongTextField(
        label=_("What is voted on"),
        required=False,
        widget=_textarea(2),
        help_text=_("E.g. which proposal is the counter-motion in the main vote."),
    )
    yes_means = LongTextField(label=_("Ja means"), widget=_textarea(2))
    no_means = LongTextField(label=_("Nej means"), widget=_textarea(2))
    outcome = LongTextField(
        label=_("Outcome"),
        required=False,
        widget=_textarea(2),
        help_text=_("What the organ thereby decides. The figures are counted from the roll call."),
    )

    def __init__(self, *args, members: list[ProtocolMember], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        choices = [("", _("– not recorded –")), *Ballot.Choice.choices]
        for member in members:
            self.fields[self.member_field(member)] = forms.ChoiceField(
                label=str(member),
                choices=choices,
                required=False,
                initial="" if member.may_vote else Ballot.Choice.ABSENT,
            )

    @staticmethod
    def member_field(member: ProtocolMember) -> str:
        return f"member_{member.pk}"

    def roll_call_rows(self):
        return [(member, self[self.member_field(member)]) for member in self.members]

    def ballots(self) -> list[tuple[ProtocolMember, str]]:
        return [
            (member, self.cleaned_data[self.member_field(member)])
            for member in self.members
            if self.cleaned_data.get(self.member_field(member))
        ]
