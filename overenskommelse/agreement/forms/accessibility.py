from django import forms
from django.utils.translation import gettext_lazy as _

from overenskommelse.agreement.models import AccessibilityStatement
from overenskommelse.agreement.models.accessibility import (
    FEEDBACK_PAGE_MAX_LENGTH,
    FEEDBACK_PROBLEM_MAX_LENGTH,
)
from overenskommelse.platform.forms.fields import LongTextField
from overenskommelse.protocols.forms.protocols import DateInput


class AccessibilityStatementForm(forms.Form):
    """Kommunkontoret's text of the statement; the service saves it as a new version."""

    compliance = forms.ChoiceField(
        label=_("Compliance with the law"),
        choices=AccessibilityStatement.Compliance.choices,
        widget=forms.RadioSelect,
    )
    shortcomings = LongTextField(
        label=_("Content that is not accessible, and why"),
        help_text=_("Each shortcoming on its own line: what does not work, for whom, and why."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    not_covered = LongTextField(
        label=_("Content the law does not cover or that is exempted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=DateInput())
    method = LongTextField(
        label=_("How the site was assessed"),
        help_text=_(
            "E.g. a self-assessment with automatic and manual tests, or an external audit."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AccessibilityFeedbackForm(forms.Form):
    """Anyone, logged in or not, reports what they could not use."""

    page = forms.CharField(
        label=_("Which page or document?"),
        max_length=FEEDBACK_PAGE_MAX_LENGTH,
        help_text=_("The address of the page, or its title."),
    )
    problem = LongTextField(
        label=_("What is the problem?"),
        max_length=FEEDBACK_PROBLEM_MAX_LENGTH,
        help_text=_(
            "What did you try to do, and what did not work? Tell us the aid you use "
            "(a screen reader, magnification), if you like."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Give it if you want a receipt and an answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


ACTIONS = [
    ("feedback_answer", _("Mark as answered")),
    ("feedback_close", _("Close the case")),
    ("feedback_reopen", _("Open the case again")),
]


class AccessibilityFeedbackActionForm(forms.Form):
    """Kommunkontoret marks a case answered or closed, or opens it again; only the moves
    that start from the case's status are offered (`allowed`)."""

    action = forms.ChoiceField(label=_("What to do"), choices=ACTIONS, widget=forms.RadioSelect)
    note = LongTextField(
        label=_("Note"),
        max_length=2_000,
        required=False,
        help_text=_("What was answered or done. Needed when the case is opened again."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, allowed: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            field = self.fields["action"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(value, label) for value, label in ACTIONS if value in allowed]
