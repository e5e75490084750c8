"""The network register (kommunkontoret), participation, meetings and calendars."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from natverk import forms, selectors
from natverk.ics import meeting_events
from natverk.models import CalendarFeed, MeetingDocument, Network, NetworkMeeting, Participation
from natverk.services import meetings as meeting_services
from natverk.services import networks as services
from overenskommelse.platform.calendars import calendar_response
from overenskommelse.platform.middleware import private_no_store
from overenskommelse.platform.uploads import protected_file_response


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


class NetworkListView(PermissionRequiredMixin, TemplateView):
    permission_required = "natverk.view_networks"
    template_name = "natverk/network_list.html"

    def get_context_data(self, **kwargs):
        archived = self.request.GET.get("arkiverade") == "1"
        return super().get_context_data(
            networks=selectors.network_list(include_archived=archived),
            show_archived=archived,
            **kwargs,
        )


class NetworkCreateView(PermissionRequiredMixin, FormView):
    permission_required = "natverk.manage_networks"
    template_name = "natverk/network_form.html"
    form_class = forms.NetworkForm

    def form_valid(self, form):
        try:
            network = services.network_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The network is registered."))
        return redirect("natverk:network_detail", slug=network.slug)


class NetworkMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "natverk.manage_networks"

    @cached_property
    def network(self) -> Network:
        return get_object_or_404(Network, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)


class NetworkUpdateView(NetworkMixin, FormView):
    template_name = "natverk/network_form.html"
    form_class = forms.NetworkForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.network}

    def form_valid(self, form):
        try:
            services.network_update(
                network=Network.objects.get(pk=self.network.pk),
                actor=self.request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The network is saved."))
        return redirect("natverk:network_detail", slug=self.network.slug)


class NetworkDetailView(NetworkMixin, TemplateView):
    permission_required = "natverk.view_networks"
    template_name = "natverk/network_detail.html"

    def get_context_data(self, **kwargs):
        detail = selectors.network_detail(network=self.network)
        return super().get_context_data(
            **detail,
            history=selectors.network_history(network=self.network, meetings=detail["meetings"]),
            municipality_form=forms.MunicipalityForm(),
            **kwargs,
        )


class MunicipalityAddView(NetworkMixin, FormView):
    template_name = "natverk/municipality_form.html"
    form_class = forms.MunicipalityForm

    def form_valid(self, form):
        try:
            services.network_municipality_add(
                network=self.network, actor=self.request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The municipality is added."))
        return redirect("natverk:network_detail", slug=self.network.slug)


class ParticipationCreateView(NetworkMixin, FormView):
    permission_required = "natverk.manage_participation"
    template_name = "natverk/participation_form.html"
    form_class = forms.ParticipationForm

    def get_initial(self):
        from django.conf import settings

        return {"municipality_name": settings.MUNICIPALITY_NAME}

    def form_valid(self, form):
        try:
            participation = services.participation_create(
                network=self.network, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The participation is registered as applied."))
        return redirect("natverk:participation_detail", uuid=participation.uuid)


class ParticipationMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "natverk.manage_participation"

    @cached_property
    def participation(self) -> Participation:
        return get_object_or_404(
            Participation.objects.select_related("network", "decision", "decision__meeting"),
            uuid=self.kwargs["uuid"],
        )

    def next_stages(self) -> list[str]:
        return services.participation_next_stages(self.participation)

    def get_context_data(self, **kwargs):
        participation = self.participation
        context = {
            "participation": participation,
            "network": participation.network,
            "history": selectors.participation_history(participation=participation),
            "is_partnership": participation.network.kind == Network.Kind.PARTNERSHIP,
            **selectors.participation_detail(participation=participation),
            **kwargs,
        }
        next_stages = self.next_stages()
        context.setdefault(
            "transition_form",
            forms.TransitionForm(participation=participation, next_stages=next_stages)
            if next_stages
            else None,
        )
        context.setdefault("representative_form", forms.RepresentativeForm())
        context.setdefault("phase_form", forms.PhaseForm())
        context.setdefault("details_form", forms.ParticipationDetailsForm(instance=participation))
        return super().get_context_data(**context)


class ParticipationDetailView(ParticipationMixin, TemplateView):
    template_name = "natverk/participation_detail.html"


class ParticipationPostView(ParticipationMixin, TemplateView):
    """A POST from one of the forms on the participation page. A refused change shows
    the page again with the reason next to the form (like any invalid form), never a 500."""

    http_method_names = ["post"]
    template_name = "natverk/participation_detail.html"
    form_name = ""

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
                messages.success(request, message)
                return redirect("natverk:participation_detail", uuid=self.participation.uuid)
        return self.render_to_response(self.get_context_data(**{self.form_name: form}))


class ParticipationTransitionView(ParticipationPostView):
    form_name = "transition_form"

    def build_form(self):
        return forms.TransitionForm(
            self.request.POST, participation=self.participation, next_stages=self.next_stages()
        )

    def perform(self, form) -> str:
        participation = services.participation_transition(
            participation=self.participation,
            actor=self.request.user,
            to_stage=form.cleaned_data["to_stage"],
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
        )
        return _("The participation is now “%(stage)s”.") % {
            "stage": participation.get_stage_display()
        }


class RepresentativeAddView(ParticipationPostView):
    form_name = "representative_form"

    def build_form(self):
        return forms.RepresentativeForm(self.request.POST)

    def perform(self, form) -> str:
        representative = services.representative_add(
            participation=self.participation, actor=self.request.user, **form.cleaned_data
        )
        return _("%(name)s is added.") % {"name": representative.name}


class RepresentativeEndView(ParticipationMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        posted = request.POST.get("representative", "")
        representative = get_object_or_404(
            self.participation.representatives,
            pk=int(posted) if posted.isascii() and posted.isdigit() else 0,
        )
        services.representative_end(representative=representative, actor=request.user)
        messages.success(request, _("%(name)s no longer represents us.") % {"name": representative})
        return redirect("natverk:participation_detail", uuid=self.participation.uuid)


class PhaseAddView(ParticipationPostView):
    form_name = "phase_form"

    def build_form(self):
        return forms.PhaseForm(self.request.POST)

    def perform(self, form) -> str:
        phase = services.partnership_phase_add(
            participation=self.participation, actor=self.request.user, **form.cleaned_data
        )
        return _("The %(phase)s is added.") % {"phase": phase.get_kind_display().lower()}


class ParticipationDetailsView(ParticipationPostView):
    form_name = "details_form"

    def build_form(self):
        return forms.ParticipationDetailsForm(self.request.POST, instance=self.participation)

    def perform(self, form) -> str:
        services.participation_update(
            participation=Participation.objects.get(pk=self.participation.pk),
            actor=self.request.user,
            **form.cleaned_data,
        )
        return _("The participation is saved.")


# Meetings -------------------------------------------------------------------------


class MeetingCreateView(NetworkMixin, FormView):
    permission_required = "natverk.manage_meetings"
    template_name = "natverk/meeting_form.html"
    form_class = forms.MeetingForm

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            meeting = meeting_services.meeting_create(
                network=self.network, actor=self.request.user, **data
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is added."))
        return redirect("natverk:meeting_detail", uuid=meeting.uuid)


class MeetingMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "natverk.view_meeting"

    @cached_property
    def meeting(self) -> NetworkMeeting:
        return get_object_or_404(
            NetworkMeeting.objects.select_related("network"), uuid=self.kwargs["uuid"]
        )

    def get_permission_object(self):
        return self.meeting

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meeting=self.meeting, network=self.meeting.network, **kwargs
        )


class MeetingDetailView(MeetingMixin, TemplateView):
    template_name = "natverk/meeting_detail.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("document_form", forms.DocumentForm())
        return super().get_context_data(
            attendees=list(self.meeting.attendees.order_by("first_name", "email")),
            documents=list(self.meeting.documents.all()),
            **kwargs,
        )


class MeetingUpdateView(MeetingMixin, FormView):
    permission_required = "natverk.manage_meetings"
    template_name = "natverk/meeting_form.html"
    form_class = forms.MeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.meeting}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            meeting_services.meeting_update(
                meeting=NetworkMeeting.objects.get(pk=self.meeting.pk),
                actor=self.request.user,
                **data,
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is saved."))
        return redirect("natverk:meeting_detail", uuid=self.meeting.uuid)


class MeetingDocumentAddView(MeetingDetailView):
    permission_required = "natverk.manage_meetings"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = forms.DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                meeting_services.meeting_document_add(
                    meeting=self.meeting,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("The document is added."))
                return redirect("natverk:meeting_detail", uuid=self.meeting.uuid)
        return self.render_to_response(self.get_context_data(document_form=form))


class MeetingDocumentView(MeetingMixin, View):
    def get(self, request, *args, **kwargs):
        document = get_object_or_404(MeetingDocument, meeting=self.meeting, pk=kwargs["document"])
        return protected_file_response(
            document.file,
            download_name=document.download_name,
            content_type=document.content_type,
        )


class NetworkCalendarView(NetworkMixin, View):
    """The .ics feed of one network's dated meetings: kommunkontoret's, or anyone's
    without log-in when the network's calendar is public."""

    permission_required = "natverk.view_network_calendar"

    def get_permission_object(self):
        return self.network

    def get(self, request, *args, **kwargs):
        meetings = self.network.meetings.for_calendar()
        return calendar_response(
            events=meeting_events(meetings), name=self.network.name, filename=self.network.slug
        )


class MyMeetingsView(PermissionRequiredMixin, TemplateView):
    permission_required = "natverk.view_own_meetings"
    template_name = "natverk/my_meetings.html"

    def get_context_data(self, **kwargs):
        feed = meeting_services.calendar_feed_for(user=self.request.user)
        return super().get_context_data(
            meetings=list(selectors.meetings_attended(user=self.request.user)),
            feed_url=self.request.build_absolute_uri(
                redirect("natverk:my_calendar", token=feed.token).url
            ),
            **kwargs,
        )


class MyCalendarView(View):
    """A user's meetings as an .ics feed. The secret token in the address is the
    credential, since calendar programs cannot log in."""

    def get(self, request, *args, **kwargs):
        feed = CalendarFeed.objects.select_related("user").filter(token=kwargs["token"]).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        meetings = NetworkMeeting.objects.filter(attendees=feed.user).for_calendar()
        response = calendar_response(
            events=meeting_events(meetings), name=_("My network meetings"), filename="mina-moten"
        )
        return private_no_store(response)  # one person's meetings, fetched without log-in
