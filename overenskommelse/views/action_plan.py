"""The handlingsplan's public pages: the current plan and every earlier version."""

from functools import cached_property

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.models import ActionPlan, ActionPlanDocument, PriorityArea
from overenskommelse.uploads import protected_file_response


class ActionPlanDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "overenskommelse.view_action_plan"
    template_name = "overenskommelse/action_plan/plan_detail.html"

    @cached_property
    def plan(self) -> ActionPlan:
        plans = ActionPlan.objects.select_related("decision__meeting").prefetch_related(
            Prefetch("areas", queryset=PriorityArea.objects.prefetch_related("directions")),
            "documents",
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
            download_name=f"{self.document.title}.pdf",
            content_type="application/pdf",
        )
