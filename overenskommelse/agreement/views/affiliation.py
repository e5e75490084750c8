"""Anslutning and utträde: the association applies and withdraws, kommunkontoret decides."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.agreement.forms.affiliation import (
    ApplicationForm,
    DecisionForm,
    WithdrawalForm,
)
from overenskommelse.agreement.forms.filters import ApplicationFilter
from overenskommelse.agreement.models import Affiliation, AffiliationApplication, Organisation
from overenskommelse.agreement.selectors.organisations import (
    organisation_active_affiliation,
    organisations_unconfirmed,
)
from overenskommelse.agreement.services import affiliation as services
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.uploads import download_name, protected_file_response


def _protocol_name(prefix: str, organisation: Organisation, content_type: str) -> str:
    return download_name(f"{prefix}-{organisation.slug}", content_type)


class OrganisationFromSlugMixin:
    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.organisation


class ApplicationFormView(OrganisationFromSlugMixin, PermissionRequiredMixin, FormView):
    """Write, save as draft and send the application; also where a completion is made."""

    permission_required = "overenskommelse.apply_for_affiliation"
    template_name = "agreement/affiliation/application_form.html"
    form_class = ApplicationForm

    def get(self, request, *args, **kwargs):
        blocked = self._blocked()
        if blocked:
            return blocked
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        blocked = self._blocked()
        if blocked:
            return blocked
        return super().post(request, *args, **kwargs)

    @property
    def application(self) -> AffiliationApplication | None:
        if not hasattr(self, "_application"):
            self._application = self.organisation.applications.open().first()
        return self._application

    def _blocked(self):
        """Nothing to fill in: already affiliated, or the application is with kommunkontoret."""
        if organisation_active_affiliation(organisation=self.organisation):
            messages.info(self.request, _("The organisation is already affiliated."))
            return redirect("agreement:organisation_detail", slug=self.organisation.slug)
        if self.application and not self.application.is_editable:
            messages.info(self.request, _("The application has been sent and is being reviewed."))
            return redirect("agreement:application_detail", uuid=self.application.uuid)
        return None

    def get_initial(self):
        application = self.application
        if application is None:
            return {
                "decision_text": services.affiliation_decision_wording(
                    organisation=self.organisation
                )
            }
        return {
            "meeting_date": application.meeting_date,
            "paragraph": application.paragraph,
            "decision_text": application.decision_text,
            "conditions_confirmed": application.conditions_confirmed,
        }

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "submitting": self.request.POST.get("action") == "submit",
            "has_stored_protocol": bool(self.application and self.application.protocol),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation,
            application=self.application,
            confirmed=self.organisation.pk in self.request.user.represented_organisation_ids,
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            application = services.application_save(
                organisation=self.organisation,
                actor=self.request.user,
                meeting_date=data["meeting_date"],
                paragraph=data["paragraph"],
                decision_text=data["decision_text"],
                conditions_confirmed=data["conditions_confirmed"],
                protocol=data.get("protocol") or None,
                submit=form.submitting,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        if application.status == AffiliationApplication.Status.SUBMITTED:
            messages.success(
                self.request,
                _("The application is sent. You will hear from kommunkontoret by e-mail."),
            )
        else:
            messages.success(self.request, _("The draft is saved."))
        return redirect("agreement:application_detail", uuid=application.uuid)


class ApplicationObjectMixin:
    model = AffiliationApplication
    slug_field = "uuid"
    slug_url_kwarg = "uuid"
    context_object_name: str | None = "application"  # as SingleObjectMixin declares it

    def get_queryset(self):
        return AffiliationApplication.objects.select_related("organisation", "decided_by")


class ApplicationDetailView(PermissionRequiredMixin, ApplicationObjectMixin, DetailView):
    permission_required = "overenskommelse.view_application"
    template_name = "agreement/affiliation/application_detail.html"

    def get_context_data(self, **kwargs):
        application = self.object
        user = self.request.user
        decision_form = kwargs.pop("decision_form", None)
        if decision_form is None and application.status == AffiliationApplication.Status.SUBMITTED:
            decision_form = DecisionForm(initial={"affiliated_from": timezone.localdate()})
        return super().get_context_data(
            organisation=application.organisation,
            history=history_for(subject=application),
            can_decide=user.has_perm("overenskommelse.decide_application", application)
            and application.status == AffiliationApplication.Status.SUBMITTED,
            can_change=user.has_perm("overenskommelse.change_application", application)
            and application.is_editable,
            decision_form=decision_form,
            notice=services.application_decision_notice(application),
            **kwargs,
        )


class ApplicationProtocolView(PermissionRequiredMixin, ApplicationObjectMixin, DetailView):
    """The uploaded protocol, inline: only the organisation's representatives and staff."""

    permission_required = "overenskommelse.view_application"

    def get(self, request, *args, **kwargs):
        application = self.get_object()
        if not application.protocol:
            return redirect("agreement:application_detail", uuid=application.uuid)
        return protected_file_response(
            application.protocol,
            download_name=_protocol_name(
                "protokoll-anslutning",
                application.organisation,
                application.protocol_content_type,
            ),
            content_type=application.protocol_content_type,
            inline=True,
        )


class ApplicationDecideView(ApplicationDetailView):
    """POST: a handläggare approves, asks for completion or rejects."""

    permission_required = "overenskommelse.decide_application"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = application = self.get_object()
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.application_transition(
                    application=application,
                    action=form.cleaned_data["action"],
                    actor=request.user,
                    message=form.cleaned_data["message"],
                    affiliated_from=form.cleaned_data["affiliated_from"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The decision is saved and the association is told."))
                return redirect("agreement:application_detail", uuid=application.uuid)
        context = self.get_context_data(decision_form=form)
        return self.render_to_response(context)


class ApplicationQueueView(PermissionRequiredMixin, TemplateView):
    """Kommunkontoret's queue of applications, and the withdrawals just registered."""

    permission_required = "overenskommelse.view_application_queue"
    template_name = "agreement/affiliation/queue.html"

    def get_context_data(self, **kwargs):
        queryset = (
            AffiliationApplication.objects.exclude(status=AffiliationApplication.Status.DRAFT)
            .select_related("organisation")
            .order_by("-submitted_at")
        )
        data = self.request.GET.copy()
        if "status" not in data:
            data["status"] = AffiliationApplication.Status.SUBMITTED
        filterset = ApplicationFilter(data, queryset=queryset, request=self.request)
        applications = filterset.qs if filterset.is_valid() else queryset.none()
        withdrawals = (
            Affiliation.objects.filter(ended_on__gte=timezone.localdate() - timedelta(days=90))
            .select_related("organisation", "withdrawal_registered_by")
            .order_by("-ended_on")
        )
        return super().get_context_data(
            filter=filterset,
            applications=applications[:200],
            withdrawals=withdrawals,
            **kwargs,
        )


class UnconfirmedOrganisationsView(PermissionRequiredMixin, TemplateView):
    """Affiliated organisations that have not confirmed their details for over a year."""

    permission_required = "overenskommelse.view_application_queue"
    template_name = "agreement/affiliation/unconfirmed.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisations=organisations_unconfirmed(now=timezone.now()), **kwargs
        )


class WithdrawalFormView(OrganisationFromSlugMixin, PermissionRequiredMixin, FormView):
    permission_required = "overenskommelse.withdraw_affiliation"
    template_name = "agreement/affiliation/withdraw_form.html"
    form_class = WithdrawalForm

    def get(self, request, *args, **kwargs):
        if not organisation_active_affiliation(organisation=self.organisation):
            messages.info(request, _("The organisation is not affiliated."))
            return redirect("agreement:organisation_detail", slug=self.organisation.slug)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.affiliation_withdraw(
                organisation=self.organisation,
                actor=self.request.user,
                meeting_date=data["meeting_date"],
                paragraph=data["paragraph"],
                protocol=data["protocol"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "The withdrawal is registered. %(name)s is no longer affiliated and has left "
                "the public register. It may affiliate again later."
            )
            % {"name": self.organisation.name},
        )
        return redirect("agreement:organisation_detail", slug=self.organisation.slug)


class WithdrawalProtocolView(PermissionRequiredMixin, View):
    permission_required = "overenskommelse.view_withdrawal_protocol"

    def dispatch(self, request, *args, **kwargs):
        self.affiliation = get_object_or_404(
            Affiliation.objects.select_related("organisation"), uuid=kwargs["uuid"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.affiliation

    def get(self, request, *args, **kwargs):
        affiliation = self.affiliation
        if not affiliation.withdrawal_protocol:
            return redirect("agreement:organisation_detail", slug=affiliation.organisation.slug)
        return protected_file_response(
            affiliation.withdrawal_protocol,
            download_name=_protocol_name(
                "protokoll-uttrade",
                affiliation.organisation,
                affiliation.withdrawal_protocol_content_type,
            ),
            content_type=affiliation.withdrawal_protocol_content_type,
            inline=True,
        )
