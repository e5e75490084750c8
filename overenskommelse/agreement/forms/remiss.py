"""Forms of the remiss. They shape input; the rules are in
overenskommelse.agreement.services.remiss."""

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import (
    DEFAULT_DISPOSITION,
    ActionPlan,
    Organisation,
    Remiss,
    RemissAnswer,
    RemissInstans,
    RemissSection,
)
from overenskommelse.agreement.services.remiss import MeetingTime
from overenskommelse.platform.forms.fields import LongTextField, NameField
from overenskommelse.protocols.forms.protocols import DateInput
from overenskommelse.protocols.models import Paragraph

MEETING_LINE = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})\s*$"
)


def _time(value: str) -> dt.time:
    hours, minutes = re.split(r"[:.]", value)
    return dt.time(int(hours), int(minutes))


class RemissForm(forms.Form):
    title = NameField(label=_("Title of the remiss"), max_length=200)
    case_number = forms.CharField(label=_("Diarienummer"), max_length=40, required=False)
    action_plan = forms.ModelChoiceField(
        label=_("Action plan sent on remiss"), queryset=ActionPlan.objects.all(), required=False
    )
    decision = forms.ModelChoiceField(
        label=_("Decision that sent the remiss"),
        queryset=Paragraph.objects.select_related("meeting").order_by("-meeting__date", "number"),
        required=False,
    )
    opens_on = forms.DateField(label=_("Remiss period starts"), widget=DateInput())
    closes_on = forms.DateField(
        label=_("Last day to answer"),
        widget=DateInput(),
        help_text=_("Answers are accepted until 23:59 that day, Swedish time."),
    )
    instructions = LongTextField(
        label=_("Instructions to the remissinstanser"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    disposition = LongTextField(
        label=_("Requested disposition of the answers"),
        widget=forms.Textarea(attrs={"rows": 5}),
        initial="\n".join(DEFAULT_DISPOSITION),
        help_text=_("One section per line. Each answer has one text field per section."),
    )
    meetings = LongTextField(
        label=_("Information meetings"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line: date, start and end, e.g. 2021-01-12 18:00-19:30."),
    )
    meeting_link = forms.URLField(
        label=_("Link to the information meetings"),
        required=False,
        max_length=Remiss._meta.get_field("meeting_link").max_length,
        assume_scheme="https",
    )
    reply_email = forms.EmailField(label=_("Answers by e-mail to"), required=False)
    reply_subject = forms.CharField(
        label=_("Subject line for answers"), max_length=200, required=False
    )
    postal_address = LongTextField(
        label=_("Postal address for answers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    contact_name = NameField(label=_("Contact person"), max_length=200, required=False)
    contact_title = NameField(label=_("Contact person's title"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    document = forms.FileField(
        label=_("Add a document (PDF)"), required=False, help_text=_("For example the plan.")
    )
    document_title = NameField(label=_("Document title"), max_length=200, required=False)

    def clean_disposition(self) -> list[str]:
        headings = [h.strip() for h in self.cleaned_data["disposition"].splitlines() if h.strip()]
        if not headings:
            raise forms.ValidationError(_("The disposition needs at least one section."))
        # Each line becomes a RemissSection heading; one too long is a form error, not a 500.
        limit = MaxLengthValidator(RemissSection._meta.get_field("heading").max_length)
        for heading in headings:
            limit(heading)
        return headings

    def clean_meetings(self) -> list[MeetingTime]:
        result = []
        for line in self.cleaned_data["meetings"].splitlines():
            if not line.strip():
                continue
            match = MEETING_LINE.match(line)
            try:
                if not match:
                    raise ValueError
                day = dt.date.fromisoformat(match[1])
                start, end = _time(match[2]), _time(match[3])
            except ValueError:
                raise forms.ValidationError(
                    _(
                        "Could not read the meeting line “%(line)s”. "
                        "Write e.g. 2021-01-12 18:00-19:30."
                    )
                    % {"line": line.strip()}
                ) from None
            if end <= start:
                raise forms.ValidationError(_("An information meeting must end after it starts."))
            result.append(MeetingTime(date=day, start_time=start, end_time=end))
        return result

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The remiss period cannot end before it starts."))
        return data


class InstanserForm(forms.Form):
    all_bodies = forms.BooleanField(label=_("All nämnder and råd"), required=False)
    all_affiliated = forms.BooleanField(
        label=_("All organisations affiliated to the Agreement"), required=False
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Other organisations"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bodies = forms.ModelMultipleChoiceField(
        label=_("Other municipal bodies"),
        queryset=MunicipalBody.objects.active().order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class AnswerTextField(forms.CharField):
    """The text under one heading of an answer, at most REMISS_ANSWER_MAX_CHARS long.

    The browser's maxlength counts a line break as one character but sends it as two
    (CR LF), so line breaks are made single before the length is checked: a text the
    browser let through is never refused for its line breaks."""

    def __init__(self, *, rows: int = 6, **kwargs):
        self.limit = settings.REMISS_ANSWER_MAX_CHARS
        super().__init__(
            widget=forms.Textarea(attrs={"rows": rows, "maxlength": self.limit}),
            help_text=gettext("At most %(limit)s characters under each heading.")
            % {"limit": number_format(self.limit, force_grouping=True)},
            required=False,
            **kwargs,
        )

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")

    def validate(self, value):
        super().validate(value)
        if len(value) > self.limit:
            raise forms.ValidationError(
                gettext(
                    "The text has %(length)s characters. The limit is %(limit)s characters "
                    "under each heading."
                )
                % {
                    "length": number_format(len(value), force_grouping=True),
                    "limit": number_format(self.limit, force_grouping=True),
                },
                code="max_length",
            )


class AnswerForm(forms.Form):
    """One text field per section of the disposition, plus an optional attachment."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        # A hidden field: its error is shown with the form's own errors.
        error_messages={
            "invalid": _("The page is out of date. Reload it, then send your answer again.")
        },
    )
    attachment = forms.FileField(label=_("Attachment (PDF or image)"), required=False)
    attachment_title = NameField(label=_("Title of the attachment"), max_length=200, required=False)

    def __init__(self, *args, sections, answer: RemissAnswer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {t.section_id: t.text for t in answer.texts.all()} if answer else {}
        self.sections = list(sections)
        for section in self.sections:
            self.fields[f"section_{section.pk}"] = AnswerTextField(
                label=f"{section.number}. {section.heading}",
                initial=existing.get(section.pk, ""),
            )
        self.fields["version"].initial = answer.version if answer else 0
        self.order_fields([f"section_{s.pk}" for s in self.sections])

    def section_fields(self):
        return [self[f"section_{s.pk}"] for s in self.sections]

    def texts(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data.get(f"section_{s.pk}", "") for s in self.sections}


class WithdrawForm(forms.Form):
    """The reason kommunkontoret gives for withdrawing a published remiss (the service
    says when it is missing)."""

    reason = LongTextField(
        label=_("Reason for withdrawing the remiss"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that withdrawing the remiss cannot be undone."),
        error_messages={
            "required": _("Tick that you understand that withdrawing the remiss cannot be undone.")
        },
    )


class OwnInitiativeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Answer for"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class RegisterAnswerForm(forms.Form):
    """Kommunkontoret registers an answer that came late, by e-mail or by post."""

    instans = forms.ModelChoiceField(
        label=_("Remissinstans"), queryset=RemissInstans.objects.none()
    )
    channel = forms.ChoiceField(label=_("Received"), choices=RemissAnswer.Channel.choices)
    received_on = forms.DateField(label=_("Date received"), widget=DateInput())

    def __init__(self, *args, remiss, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = list(remiss.sections.all())
        self.fields["instans"].queryset = remiss.instanser.select_related(
            "organisation", "municipal_body"
        ).exclude(answer__status=RemissAnswer.Status.SUBMITTED)
        for section in self.sections:
            self.fields[f"section_{section.pk}"] = AnswerTextField(
                label=f"{section.number}. {section.heading}", rows=4
            )

    def texts(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data.get(f"section_{s.pk}", "") for s in self.sections}
