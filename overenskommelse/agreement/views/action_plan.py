"""The handlingsplan's public pages: the current plan and every earlier version; and
kommunkontoret's page for uploading the plan's PDF."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.agreement.forms.action_plan import ActionPlanDocumentForm
from overenskommelse.agreement.models import ActionPlan, ActionPlanDocument, PriorityArea
from overenskommelse.agreement.services.action_plan import action_plan_document_add
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.uploads import protected_file_response

NEWEST_FIRST = ("-created_at", "-pk")


class ActionPlanDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "overenskommelse.view_action_plan"
    template_name = "agreement/action_plan/plan_detail.html"

    @cached_property
    def plan(self) -> ActionPlan:
        plans = ActionPlan.objects.select_related("decision__meeting").prefetch_related(
            Prefetch("areas", queryset=PriorityArea.objects.prefetch_related("directions")),
            Prefetch("documents", queryset=ActionPlanDocument.objects.order_by(*NEWEST_FIRST)),
        )
        if "slug" in self.kwargs:
            return get_object_or_404(plans, slug=self.kwargs["slug"])
        plan = plans.current().first()
        if plan is None:
            from django.http import Http404

            raise Http404
        return plan

    def get_permission_object(self):
        return self.plan

    def get_context_data(self, **kwargs):
        versions = ActionPlan.objects.exclude(status=ActionPlan.Status.DRAFT).exclude(
            pk=self.plan.pk
        )
        return super().get_context_data(
            plan=self.plan, versions=versions, remisser=self.plan.remisser.published(), **kwargs
        )


class ActionPlanDocumentView(PermissionRequiredMixin, View):
    permission_required = "overenskommelse.view_action_plan"

    @cached_property
    def document(self) -> ActionPlanDocument:
        return get_object_or_404(
            ActionPlanDocument.objects.select_related("plan"),
            plan__slug=self.kwargs["slug"],
            uuid=self.kwargs["uuid"],
        )

    def get_permission_object(self):
        return self.document.plan

    def get(self, request, slug, uuid):
        return protected_file_response(
            self.document.file,
            download_name=self.document.download_name,
            content_type=self.document.content_type,
        )


class ActionPlanDocumentUploadView(PermissionRequiredMixin, FormView):
    """Kommunkontoret uploads the plan's PDF; it becomes the newest document."""

    permission_required = "overenskommelse.manage_action_plan"
    template_name = "agreement/action_plan/document_upload.html"
    form_class = ActionPlanDocumentForm

    @cached_property
    def plan(self) -> ActionPlan:
        return get_object_or_404(ActionPlan, slug=self.kwargs["slug"])

    def get_permission_object(self):
        return self.plan

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plan=self.plan,
            documents=self.plan.documents.order_by(*NEWEST_FIRST),
            history=history_for(subject=self.plan).filter(action="action_plan_document_added"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            action_plan_document_add(
                plan=self.plan,
                actor=self.request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The action plan's PDF is uploaded."))
        return redirect("agreement:action_plan_version", slug=self.plan.slug)
