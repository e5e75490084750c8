"""Views of the pipeline: public pages, the proposal form, the staff board and list,
and the initiative page where staff and parties act. Views call services; no view
sets a stage."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.platform.csv_export import csv_response
from overenskommelse.platform.uploads import protected_file_response
from samverkan.pipeline import forms, selectors
from samverkan.pipeline.models import Initiative, InitiativeDocument, InitiativeParty, Stage
from samverkan.pipeline.predicates import parties_of_user
from samverkan.pipeline.services import pipeline

# The longest search for an organisation to invite that is looked at.
INVITE_SEARCH_MAX_LENGTH = 100


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# Public ----------------------------------------------------------------------------


class PublicListView(TemplateView):
    template_name = "pipeline/public_list.html"

    def get_context_data(self, **kwargs):
        initiatives = selectors.initiative_list(
            queryset=Initiative.objects.public().order_by("title")
        )
        return super().get_context_data(initiatives=initiatives, **kwargs)


class PublicDetailView(TemplateView):
    template_name = "pipeline/public_detail.html"

    def get_context_data(self, **kwargs):
        try:
            initiative = selectors.initiative_detail(uuid=self.kwargs["uuid"])
        except Initiative.DoesNotExist as error:
            raise Http404 from error
        if initiative.stage in (Stage.PROPOSAL, Stage.DECLINED):
            raise Http404
        parties = [p for p in initiative.parties.all() if p.status == "deltar"]
        return super().get_context_data(initiative=initiative, parties=parties, **kwargs)


# Proposal --------------------------------------------------------------------------


class ProposeView(PermissionRequiredMixin, FormView):
    permission_required = "samverkan.propose_initiative"
    template_name = "pipeline/propose.html"
    form_class = forms.ProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            initiative = pipeline.initiative_propose(
                actor=self.request.user,
                title=data["title"],
                need=data["need"],
                areas=data["areas"],
                proposed_parties=data["proposed_parties"],
                proposed_form=data["proposed_form"],
                proposing_organisation=data["proposing_organisation"],
                proposing_body=data["proposing_body"],
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. Kommunkontoret will look at the proposal."))
        return redirect("pipeline:initiative", uuid=initiative.uuid)


# Staff board, list and CSV ------------------------------------------------------------


class FilteredMixin(PermissionRequiredMixin):
    permission_required = "samverkan.view_board"

    @cached_property
    def filterset(self):
        return forms.InitiativeFilter(
            self.request.GET,
            queryset=Initiative.objects.order_by("-created_at"),
            request=self.request,
        )

    def filtered(self):
        return self.filterset.qs if self.filterset.is_valid() else Initiative.objects.none()

    def initiatives(self):
        return selectors.initiative_list(queryset=self.filtered())


class BoardView(FilteredMixin, TemplateView):
    template_name = "pipeline/board.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=selectors.initiative_board(queryset=self.filtered()),
            filter=self.filterset,
            today=timezone.localdate(),
            query_without_stage=self._query_without_stage(),
            **kwargs,
        )

    def _query_without_stage(self) -> str:
        query = self.request.GET.copy()
        query.pop("stage", None)
        return query.urlencode()


class ListView(FilteredMixin, TemplateView):
    template_name = "pipeline/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            initiatives=self.initiatives(),
            filter=self.filterset,
            today=timezone.localdate(),
            query=self.request.GET.urlencode(),
            **kwargs,
        )


class ListCsvView(FilteredMixin, View):
    def get(self, request, *args, **kwargs):
        header = [
            _("Title"),
            _("Stage"),
            _("Paused or cancelled"),
            _("Priority areas"),
            _("Form"),
            _("Parties"),
            _("Case officer"),
            _("Planned start"),
            _("Planned end"),
            _("Budget (kr)"),
        ]
        rows = (
            [
                initiative.title,
                initiative.get_stage_display(),
                initiative.get_hold_display() if initiative.hold else "",
                ", ".join(a.name for a in initiative.areas.all()),
                initiative.get_form_display() if initiative.form else "",
                ", ".join(p.name for p in initiative.parties.all() if p.status == "deltar"),
                str(initiative.handlaggare or ""),
                initiative.planned_start,
                initiative.planned_end,
                initiative.budget,
            ]
            for initiative in self.initiatives()
        )
        return csv_response(
            [header, *rows], filename="samverkansinitiativ.csv", delimiter=";", private=True
        )


# The initiative page ------------------------------------------------------------------


class InitiativeMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Loads the initiative; one outside the user's reach is a 404."""

    # Set by View.setup(); declared here for the type checker.
    request: HttpRequest
    kwargs: dict[str, Any]

    permission_required = "samverkan.view_initiative"

    @cached_property
    def initiative(self) -> Initiative:
        try:
            initiative = selectors.initiative_detail(uuid=self.kwargs["uuid"])
        except Initiative.DoesNotExist as error:
            raise Http404 from error
        if not self.request.user.has_perm("samverkan.view_initiative", initiative):
            raise Http404
        return initiative

    def get_permission_object(self):
        return self.initiative

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied
        return super().handle_no_permission()

    def detail_context(self, **extra):
        initiative, user = self.initiative, self.request.user
        offered_with_reasons = pipeline.transitions_offered(initiative)
        offered = [t for t, _reason in offered_with_reasons]
        context = {
            "initiative": initiative,
            "parties": list(initiative.parties.all()),
            "my_parties": parties_of_user(user, initiative),
            "withdrawn": selectors.withdrawn_parties(initiative=initiative),
            "timeline": selectors.initiative_timeline(initiative=initiative),
            "notice": selectors.initiative_decline_notice(initiative=initiative),
            "refused": [(t, reason) for t, reason in offered_with_reasons if reason],
            "evaluations": list(initiative.evaluations.all()),
            "documents": list(initiative.documents.all()),
            "comment_form": forms.CommentForm(),
            "document_form": forms.DocumentForm(),
            "can_contribute": user.has_perm("samverkan.add_comment", initiative),
            "can_mark_reported": user.has_perm("samverkan.mark_reported", initiative),
        }
        if user.has_perm("samverkan.transition_initiative", initiative) and offered:
            context["transition_form"] = forms.TransitionForm(
                transitions=offered,
                show_handlaggare=initiative.stage == Stage.PROPOSAL,
            )
        if user.has_perm("samverkan.invite_party", initiative) and initiative.stage in (
            Stage.INITIATIVE,
            Stage.IMPLEMENTATION,
        ):
            context["suggestions"] = selectors.match_suggestions(initiative=initiative)
            context["invite_form"] = forms.InviteForm(
                invitable=selectors.invitable(initiative=initiative)
            )
            # The search (`?sok=`) is carried by the invite buttons, so it survives a POST.
            params = self.request.POST if self.request.method == "POST" else self.request.GET
            query = params.get("sok", "").strip()[:INVITE_SEARCH_MAX_LENGTH]
            context["invite_search"] = {
                "query": query,
                "too_short": 0 < len(query) < selectors.INVITE_SEARCH_MIN_LENGTH,
                "min_length": selectors.INVITE_SEARCH_MIN_LENGTH,
                "max_length": INVITE_SEARCH_MAX_LENGTH,
                **selectors.invitable_organisations_search(initiative=initiative, query=query),
            }
        if user.has_perm("samverkan.report_results", initiative):
            context["results_form"] = forms.ResultsForm(
                initial={
                    "results_text": initiative.results_text,
                    "results_figures": initiative.results_figures,
                    "spread_where": initiative.spread_where,
                }
            )
        if user.has_perm("samverkan.add_evaluation", initiative):
            context["evaluation_form"] = forms.EvaluationForm(parties=self.evaluation_parties())
        context.update(extra)
        return context

    def evaluation_parties(self):
        return [
            p for p in parties_of_user(self.request.user, self.initiative) if p.status == "deltar"
        ]

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect("pipeline:initiative", uuid=self.initiative.uuid)


# What the access predicates read (samverkan/pipeline/predicates.py); a field left out would
# only cost a query of its own.
ACCESS_FIELDS = (
    "uuid",
    "stage",
    "proposed_by_id",
    "proposing_organisation_id",
    "proposing_body_id",
    "handlaggare_id",
)


class InitiativeView(InitiativeMixin, TemplateView):
    template_name = "pipeline/initiative.html"

    @cached_property
    def permission_object(self) -> Initiative:
        """The initiative alone, enough to decide access (the full detail loads only
        when the page is rendered)."""
        initiative = (
            Initiative.objects.filter(uuid=self.kwargs["uuid"]).only(*ACCESS_FIELDS).first()
        )
        if initiative is None or not self.request.user.has_perm(
            "samverkan.view_initiative", initiative
        ):
            raise Http404
        return initiative

    def get_permission_object(self):
        return self.permission_object

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.detail_context(), **kwargs)


class InitiativePostView(InitiativeMixin, TemplateView):
    """A POST from a form on the initiative page; a refused change shows the page again
    with the reason next to the form."""

    http_method_names = ["post"]
    template_name = "pipeline/initiative.html"
    context_name = ""

    def build_form(self):
        raise NotImplementedError

    def perform(self, form) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.build_form()
        if form.is_valid():
            try:
                message = self.perform(form)
            except ValidationError as error:
                _form_error(form, error)
            else:
                return self.done(message)
        return self.render_to_response(self.detail_context(**{self.context_name: form}))


class TransitionView(InitiativePostView):
    permission_required = "samverkan.transition_initiative"
    context_name = "transition_form"

    def build_form(self):
        return forms.TransitionForm(
            self.request.POST,
            transitions=[t for t, _reason in pipeline.transitions_offered(self.initiative)],
            show_handlaggare=self.initiative.stage == Stage.PROPOSAL,
        )

    def perform(self, form) -> str:
        pipeline.initiative_transition(
            initiative=self.initiative,
            actor=self.request.user,
            name=form.cleaned_data["name"],
            comment=form.cleaned_data["comment"],
            handlaggare=form.cleaned_data.get("handlaggare"),
        )
        return _("The initiative is updated.")


class InviteView(InitiativePostView):
    permission_required = "samverkan.invite_party"
    context_name = "invite_form"

    def build_form(self):
        return forms.InviteForm(
            self.request.POST, invitable=selectors.invitable(initiative=self.initiative)
        )

    def perform(self, form) -> str:
        party = pipeline.party_invite(
            initiative=self.initiative,
            actor=self.request.user,
            organisation=form.cleaned_data.get("organisation"),
            municipal_body=form.cleaned_data.get("municipal_body"),
        )
        return _("%(name)s is invited.") % {"name": party.name}

    def done(self, message: str):
        """Back to the initiative page, keeping the search to invite the next one."""
        messages.success(self.request, message)
        url = reverse("pipeline:initiative", kwargs={"uuid": self.initiative.uuid})
        query = self.request.POST.get("sok", "").strip()[:INVITE_SEARCH_MAX_LENGTH]
        return redirect(f"{url}?{urlencode({'sok': query})}" if query else url)


class ResultsView(InitiativePostView):
    permission_required = "samverkan.report_results"
    context_name = "results_form"

    def build_form(self):
        return forms.ResultsForm(self.request.POST)

    def perform(self, form) -> str:
        pipeline.results_update(
            initiative=self.initiative, actor=self.request.user, **form.cleaned_data
        )
        return _("The results report is saved.")


class ReportedView(InitiativePostView):
    permission_required = "samverkan.mark_reported"
    context_name = "comment_form"

    def post(self, request, *args, **kwargs):
        try:
            pipeline.results_mark_reported(initiative=self.initiative, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("pipeline:initiative", uuid=self.initiative.uuid)
        return self.done(_("The results are marked as reported to samverkansgruppen."))


class EvaluationView(InitiativePostView):
    permission_required = "samverkan.add_evaluation"
    context_name = "evaluation_form"

    def build_form(self):
        return forms.EvaluationForm(self.request.POST, parties=self.evaluation_parties())

    def perform(self, form) -> str:
        pipeline.evaluation_add(
            initiative=self.initiative, actor=self.request.user, **form.cleaned_data
        )
        return _("The evaluation is saved.")


class CommentView(InitiativePostView):
    permission_required = "samverkan.add_comment"
    context_name = "comment_form"

    def build_form(self):
        return forms.CommentForm(self.request.POST)

    def perform(self, form) -> str:
        pipeline.comment_add(
            initiative=self.initiative, actor=self.request.user, text=form.cleaned_data["text"]
        )
        return _("The comment is saved.")


class DocumentAddView(InitiativePostView):
    permission_required = "samverkan.add_document"
    context_name = "document_form"

    def build_form(self):
        return forms.DocumentForm(self.request.POST, self.request.FILES)

    def perform(self, form) -> str:
        pipeline.document_add(
            initiative=self.initiative,
            actor=self.request.user,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        return _("The document is added.")


class DocumentView(InitiativeMixin, View):
    permission_required = "samverkan.view_document"

    def get(self, request, *args, **kwargs):
        document = get_object_or_404(
            InitiativeDocument, pk=self.kwargs["document"], initiative=self.initiative
        )
        return protected_file_response(
            document.file,
            download_name=document.download_name,
            content_type=document.content_type,
        )


class DetailsView(InitiativeMixin, FormView):
    permission_required = "samverkan.manage_initiative"
    template_name = "pipeline/details_form.html"
    form_class = forms.DetailsForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": Initiative.objects.get(pk=self.initiative.pk),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiative=self.initiative, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        areas = data.pop("areas")
        try:
            pipeline.initiative_update(
                initiative=Initiative.objects.get(pk=self.initiative.pk),
                actor=self.request.user,
                areas=areas,
                **data,
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        return self.done(_("The details are saved."))


class PartyMixin(InitiativeMixin):
    @cached_property
    def party(self) -> InitiativeParty:
        for party in self.initiative.parties.all():
            if party.pk == self.kwargs["party"]:
                party.initiative = self.initiative
                return party
        raise Http404

    def get_permission_object(self):
        return self.party


class RespondView(PartyMixin, View):
    http_method_names = ["post"]
    permission_required = "samverkan.respond_invitation"

    def post(self, request, *args, **kwargs):
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            messages.error(request, _("Choose whether to accept or decline the invitation."))
            return redirect("pipeline:initiative", uuid=self.initiative.uuid)
        accept = answer == "accept"
        try:
            pipeline.party_respond(party=self.party, actor=request.user, accept=accept)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("pipeline:initiative", uuid=self.initiative.uuid)
        return self.done(
            _("You take part in the initiative.") if accept else _("You declined the invitation.")
        )


class AgreeView(PartyMixin, View):
    http_method_names = ["post"]
    permission_required = "samverkan.record_agreement"

    def post(self, request, *args, **kwargs):
        try:
            pipeline.party_agree(party=self.party, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("pipeline:initiative", uuid=self.initiative.uuid)
        return self.done(_("Your agreement is recorded."))
