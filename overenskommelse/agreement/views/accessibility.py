"""The tillgänglighetsredogörelse (public, with its feedback form), its edit page and
kommunkontoret's list of the feedback cases."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.agreement.forms.accessibility import (
    AccessibilityFeedbackActionForm,
    AccessibilityFeedbackForm,
    AccessibilityStatementForm,
)
from overenskommelse.agreement.models import AccessibilityFeedback
from overenskommelse.agreement.selectors import accessibility as selectors
from overenskommelse.agreement.services import accessibility as services
from overenskommelse.platform.selectors.history import history_for

DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"


class AccessibilityStatementView(FormView):
    """The statement as Digg's model has it, and the form to report a problem."""

    template_name = "agreement/accessibility/statement.html"
    form_class = AccessibilityFeedbackForm

    def get_initial(self):
        # A link "report a problem on this page" may name the page it came from.
        return {"page": self.request.GET.get("sida", "")[:500]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statement=selectors.accessibility_statement_current(),
            digg_complaint_url=DIGG_COMPLAINT_URL,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.accessibility_feedback_submit(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if form.cleaned_data["email"]:
            text = _("Thank you. We have received your report and sent a receipt to your address.")
        else:
            text = _("Thank you. We have received your report.")
        messages.success(self.request, text)
        return redirect("agreement:accessibility")


class AccessibilityStatementEditView(PermissionRequiredMixin, FormView):
    permission_required = "overenskommelse.change_accessibility_statement"
    template_name = "agreement/accessibility/statement_form.html"
    form_class = AccessibilityStatementForm

    def get_initial(self):
        statement = selectors.accessibility_statement_current()
        return {name: getattr(statement, name) for name in services.STATEMENT_FIELDS}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            versions=selectors.accessibility_statement_versions()[:50], **kwargs
        )

    def form_valid(self, form):
        saved = services.accessibility_statement_update(
            actor=self.request.user, **form.cleaned_data
        )
        if saved is None:
            messages.info(self.request, _("Nothing was changed."))
        else:
            messages.success(self.request, _("The accessibility statement was saved."))
        return redirect("agreement:accessibility")


class AccessibilityFeedbackListView(PermissionRequiredMixin, TemplateView):
    permission_required = "overenskommelse.handle_accessibility_feedback"
    template_name = "agreement/accessibility/feedback_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", AccessibilityFeedback.Status.OPEN)
        if status not in AccessibilityFeedback.Status.values:
            status = ""
        return super().get_context_data(
            cases=selectors.accessibility_feedback_list(status=status)[:200],
            counts=selectors.accessibility_feedback_counts(),
            status=status,
            statuses=AccessibilityFeedback.Status.choices,
            **kwargs,
        )


class AccessibilityFeedbackView(PermissionRequiredMixin, FormView):
    """One case: what was reported, its history, and the form to answer or close it."""

    permission_required = "overenskommelse.handle_accessibility_feedback"
    template_name = "agreement/accessibility/feedback_detail.html"
    form_class = AccessibilityFeedbackActionForm

    @cached_property
    def case(self) -> AccessibilityFeedback:
        return get_object_or_404(AccessibilityFeedback, uuid=self.kwargs["uuid"])

    def get_form_kwargs(self):
        allowed = [t.name for t in services.TRANSITIONS.leaving(self.case.status)]
        return {**super().get_form_kwargs(), "allowed": allowed}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case=self.case, history=history_for(subject=self.case), **kwargs
        )

    def form_valid(self, form):
        try:
            services.accessibility_feedback_transition(
                case=self.case,
                name=form.cleaned_data["action"],
                actor=self.request.user,
                reason=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("The case was updated."))
        return redirect("agreement:accessibility_feedback", uuid=self.case.uuid)
