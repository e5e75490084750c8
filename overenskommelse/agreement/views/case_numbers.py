"""The diarium for kommunkontoret: an ärende's diarienummer, and "Sök diarienummer".

Every type of ärende (affiliation applications, withdrawals, remissvar, initiatives,
follow-ups) is registered in the platform's records registry by its app; these views
go through it, so the agreement app need not import the apps above it."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.platform.forms.case_numbers import CaseNumberForm, CaseSearchForm
from overenskommelse.platform.records import CASE_KINDS, CaseKind
from overenskommelse.platform.selectors.records import case_search
from overenskommelse.platform.services.case_numbers import case_number_set


class CaseNumberView(PermissionRequiredMixin, FormView):
    template_name = "agreement/case_number_form.html"
    form_class = CaseNumberForm

    @cached_property
    def kind(self) -> CaseKind:
        kind = CASE_KINDS.get(self.kwargs["kind"])
        if kind is None:
            raise Http404
        return kind

    @cached_property
    def case(self):
        return get_object_or_404(self.kind.queryset(), uuid=self.kwargs["uuid"])

    def get_permission_required(self):
        return (self.kind.perm,)

    def get_permission_object(self):
        return self.case

    def get_initial(self):
        return {"case_number": getattr(self.case, self.kind.number_field)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kind=self.kind,
            case=self.case,
            case_title=self.kind.title(self.case),
            case_url=self.kind.url(self.case),
            number=getattr(self.case, self.kind.number_field),
            arrived_on=getattr(self.case, self.kind.arrived_field),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            number = case_number_set(
                actor=self.request.user,
                kind=self.kind,
                obj=self.case,
                number=form.cleaned_data["case_number"],
            )
        except ValidationError as error:
            form.add_error("case_number", error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Diarienummer %(number)s registered.") % {"number": number}
        )
        return redirect(self.kind.url(self.case))


class CaseSearchView(PermissionRequiredMixin, TemplateView):
    permission_required = "overenskommelse.search_case_numbers"
    template_name = "agreement/case_search.html"

    def get_context_data(self, **kwargs):
        form = CaseSearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        return super().get_context_data(
            form=form, query=query, hits=case_search(query=query) if query else [], **kwargs
        )
