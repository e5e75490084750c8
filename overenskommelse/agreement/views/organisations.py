"""An organisation's own pages: register it, change it, its representatives, its protocol."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.agreement.forms.organisations import HandOverForm, OrganisationForm
from overenskommelse.agreement.models import Organisation, Representation
from overenskommelse.agreement.selectors.organisations import organisation_active_affiliation
from overenskommelse.agreement.services import organisations as services
from overenskommelse.agreement.services.affiliation import affiliation_decision_wording
from overenskommelse.platform.pdf import pdf_response
from overenskommelse.platform.selectors.history import history_for


class OrganisationObjectMixin(SingleObjectMixin):
    model = Organisation
    slug_url_kwarg = "slug"
    context_object_name = "organisation"


class OrganisationCreateView(PermissionRequiredMixin, FormView):
    permission_required = "overenskommelse.register_organisation"
    template_name = "agreement/organisations/form.html"
    form_class = OrganisationForm

    def form_valid(self, form):
        try:
            organisation = services.organisation_register(
                user=self.request.user, details=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(name)s is registered. You can prepare the application now; you can send "
                "it when a confirmed representative or kommunkontoret has confirmed you."
            )
            % {"name": organisation.name},
        )
        return redirect("agreement:organisation_detail", slug=organisation.slug)


class OrganisationDetailView(PermissionRequiredMixin, OrganisationObjectMixin, DetailView):
    permission_required = "overenskommelse.view_organisation"
    template_name = "agreement/organisations/detail.html"

    def get_context_data(self, **kwargs):
        organisation = self.object
        user = self.request.user
        history = None
        if user.has_perm("overenskommelse.view_organisation_history", organisation):
            history = list(history_for(subject=organisation)[:100])
        applications = organisation.applications.order_by("-created_at")
        return super().get_context_data(
            affiliation=organisation_active_affiliation(organisation=organisation),
            past_affiliations=organisation.affiliations.filter(ended_on__isnull=False),
            applications=applications,
            open_application=next((a for a in applications if a.is_open), None),
            representatives=organisation.representations.filter(
                status=Representation.Status.CONFIRMED
            ).select_related("user"),
            pending=organisation.representations.filter(status=Representation.Status.REQUESTED)
            .exclude(origin=Representation.Origin.HANDOVER)
            .select_related("user"),
            successors=organisation.representations.filter(
                status=Representation.Status.REQUESTED, origin=Representation.Origin.HANDOVER
            ).select_related("user", "handed_over_by__user"),
            own=organisation.representations.filter(user=user)
            .exclude(status=Representation.Status.ENDED)
            .first(),
            activities=organisation.activities.all(),
            areas=organisation.priority_areas.all(),
            history=history,
            **kwargs,
        )


class OrganisationUpdateView(PermissionRequiredMixin, OrganisationObjectMixin, FormView):
    permission_required = "overenskommelse.change_organisation"
    template_name = "agreement/organisations/form.html"
    form_class = OrganisationForm

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def form_valid(self, form):
        # The form has written the cleaned values to its instance; start from the row.
        organisation = Organisation.objects.get(pk=self.object.pk)
        try:
            services.organisation_update(
                organisation=organisation, actor=self.request.user, details=form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The details are saved."))
        return redirect("agreement:organisation_detail", slug=organisation.slug)


class OrganisationConfirmDetailsView(PermissionRequiredMixin, OrganisationObjectMixin, View):
    """POST: a representative confirms the details are still right (årlig uppdatering)."""

    permission_required = "overenskommelse.confirm_organisation_details"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisation = self.get_object()
        services.organisation_details_confirm(organisation=organisation, actor=request.user)
        messages.success(request, _("Thank you. The details are confirmed."))
        return redirect("agreement:organisation_detail", slug=organisation.slug)


class AffiliationProtocolTemplateView(PermissionRequiredMixin, OrganisationObjectMixin, View):
    """The pre-filled protokollsutdrag for the board's decision to affiliate (PDF)."""

    permission_required = "overenskommelse.view_organisation"

    def get(self, request, *args, **kwargs):
        organisation = self.get_object()
        return pdf_response(
            request,
            template="agreement/pdf/affiliation_decision.html",
            context={
                "organisation": organisation,
                "decision": affiliation_decision_wording(organisation=organisation),
            },
            filename=f"protokollsutdrag-anslutning-{organisation.slug}",
        )


class RepresentationRequestView(PermissionRequiredMixin, TemplateView):
    """Ask to represent an organisation already in the portal (GET asks, POST sends)."""

    permission_required = "overenskommelse.request_representation"
    template_name = "agreement/organisations/represent.html"

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, uuid=kwargs["uuid"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        current = (
            Representation.objects.filter(user=self.request.user, organisation=self.organisation)
            .exclude(status=Representation.Status.ENDED)
            .first()
        )
        return super().get_context_data(organisation=self.organisation, current=current, **kwargs)

    def post(self, request, *args, **kwargs):
        representation = services.representation_request(
            organisation=self.organisation, user=request.user
        )
        if representation.status == Representation.Status.CONFIRMED:
            return redirect("agreement:organisation_detail", slug=self.organisation.slug)
        messages.success(
            request,
            _(
                "Your request is sent. A representative of %(name)s or kommunkontoret "
                "will confirm it."
            )
            % {"name": self.organisation.name},
        )
        return redirect("mina_sidor")


class RepresentationDecideView(PermissionRequiredMixin, OrganisationObjectMixin, View):
    """POST: confirm or decline a pending request to represent the organisation."""

    permission_required = "overenskommelse.decide_representation"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisation = self.get_object()
        representation_id = request.POST.get("representation", "")
        representation = get_object_or_404(
            organisation.representations.filter(status=Representation.Status.REQUESTED).exclude(
                origin=Representation.Origin.HANDOVER
            ),
            pk=int(representation_id)
            if representation_id.isascii() and representation_id.isdigit()
            else 0,
        )
        decision = request.POST.get("decision")
        if decision not in ("confirm", "decline"):
            messages.error(request, _("Choose whether to confirm or decline the request."))
            return HttpResponseRedirect(
                reverse("agreement:organisation_detail", kwargs={"slug": organisation.slug})
            )
        confirm = decision == "confirm"
        try:
            services.representation_decide(
                representation=representation, actor=request.user, confirm=confirm
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            text = (
                _("%(email)s is now a representative.")
                if confirm
                else _("The request from %(email)s is declined.")
            )
            messages.success(request, text % {"email": representation.user.email})
        return HttpResponseRedirect(
            reverse("agreement:organisation_detail", kwargs={"slug": organisation.slug})
        )


def _posted_pk(request) -> int:
    value = request.POST.get("representation", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 0


def _detail_or_my_pages(request, organisation: Organisation):
    if request.user.has_perm("overenskommelse.view_organisation", organisation):
        return redirect("agreement:organisation_detail", slug=organisation.slug)
    return redirect("mina_sidor")


class RepresentationEndView(LoginRequiredMixin, OrganisationObjectMixin, View):
    """POST: end a representation: one's own (leave, or decline being named successor),
    or, for kommunkontoret, anyone's. The service checks who may (403 otherwise)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisation = self.get_object()
        representation = get_object_or_404(
            organisation.representations.exclude(status=Representation.Status.ENDED),
            pk=_posted_pk(request),
        )
        services.representation_end(representation=representation, actor=request.user)
        if representation.user_id == request.user.pk:
            # The request's user was loaded before the change.
            for name in ("represented_organisation_ids", "preparing_organisation_ids"):
                request.user.__dict__.pop(name, None)
            messages.success(
                request,
                _("You no longer represent %(name)s.") % {"name": organisation.name},
            )
        else:
            messages.success(
                request,
                _("%(email)s no longer represents the organisation.")
                % {"email": representation.user.email},
            )
        return _detail_or_my_pages(request, organisation)


class RepresentationHandOverView(PermissionRequiredMixin, OrganisationObjectMixin, FormView):
    """A confirmed representative names their successor."""

    permission_required = "overenskommelse.name_successor"
    template_name = "agreement/organisations/hand_over.html"
    form_class = HandOverForm

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.object, **kwargs)

    def form_valid(self, form):
        own = get_object_or_404(
            self.object.representations.filter(
                user=self.request.user, status=Representation.Status.CONFIRMED
            )
        )
        try:
            offer = services.representation_hand_over(
                representation=own,
                actor=self.request.user,
                successor_email=form.cleaned_data["email"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(email)s is named your successor. You stay a representative until they accept.")
            % {"email": offer.user.email},
        )
        return redirect("agreement:organisation_detail", slug=self.object.slug)


class RepresentationHandOverAcceptView(LoginRequiredMixin, OrganisationObjectMixin, View):
    """POST: the named successor accepts the hand-over (declining is ending it)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        organisation = self.get_object()
        offer = get_object_or_404(
            organisation.representations.filter(
                user=request.user,
                status=Representation.Status.REQUESTED,
                origin=Representation.Origin.HANDOVER,
            )
        )
        services.representation_handover_accept(representation=offer, actor=request.user)
        request.user.__dict__.pop("represented_organisation_ids", None)
        messages.success(request, _("You now represent %(name)s.") % {"name": organisation.name})
        return redirect("agreement:organisation_detail", slug=organisation.slug)
