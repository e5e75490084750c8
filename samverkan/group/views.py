"""Views of samverkansgruppen, the yearly follow-up and the Överenskommelsekonferens.
Views call services; permissions are the rules in `samverkan/pipeline/rules.py`."""

import datetime as dt
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.accounts.models import MunicipalBody, Role, User
from overenskommelse.platform.calendars import calendar_response
from overenskommelse.platform.csv_export import csv_response
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services import documents
from overenskommelse.platform.uploads import protected_file_response
from samverkan.group import forms, selectors
from samverkan.group.charts import followup_charts
from samverkan.group.ics import meeting_event
from samverkan.group.models import (
    Conference,
    ConferenceRegistration,
    FollowUp,
    GroupMeeting,
    GroupMeetingDocument,
    GroupMembership,
)
from samverkan.group.services import conference as conference_services
from samverkan.group.services import followup as followup_services
from samverkan.group.services import group as group_services


def _errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _form_messages(request, form) -> None:
    """A form posted from a page that shows no form of its own: its errors as messages."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _today() -> dt.date:
    return timezone.localdate()


# Samverkansgruppen -------------------------------------------------------------------


class GroupView(PermissionRequiredMixin, TemplateView):
    permission_required = "samverkan.view_group"
    template_name = "samverkansgruppen/group.html"

    def get_context_data(self, **kwargs):
        today = _today()
        return super().get_context_data(
            **selectors.group_overview(today=today),
            member_form=forms.MembershipForm(),
            today=today,
            **kwargs,
        )


class MembershipAddView(PermissionRequiredMixin, FormView):
    permission_required = "samverkan.manage_group"
    template_name = "samverkansgruppen/member_form.html"
    form_class = forms.MembershipForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            group_services.membership_add(actor=self.request.user, **data)
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The member was added."))
        return redirect("samverkansgruppen:group")


class MembershipEndView(PermissionRequiredMixin, FormView):
    permission_required = "samverkan.manage_group"
    template_name = "samverkansgruppen/member_end.html"
    form_class = forms.MembershipEndForm

    @cached_property
    def membership(self):
        return get_object_or_404(GroupMembership, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"ends_on": _today()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, **kwargs)

    def form_valid(self, form):
        try:
            group_services.membership_end(
                actor=self.request.user,
                membership=self.membership,
                ends_on=form.cleaned_data["ends_on"],
            )
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The term was ended; it stays in the history."))
        return redirect("samverkansgruppen:group")


class MeetingCreateView(PermissionRequiredMixin, FormView):
    permission_required = "samverkan.manage_group"
    template_name = "samverkansgruppen/meeting_form.html"
    form_class = forms.MeetingForm

    def form_valid(self, form):
        try:
            meeting = group_services.meeting_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was planned."))
        return redirect("samverkansgruppen:group_meeting", uuid=meeting.uuid)


class MeetingMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "samverkan.view_group"

    @cached_property
    def meeting(self) -> GroupMeeting:
        return get_object_or_404(
            GroupMeeting.objects.select_related("protocol"), uuid=self.kwargs["uuid"]
        )


class MeetingView(MeetingMixin, TemplateView):
    template_name = "samverkansgruppen/meeting.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **selectors.meeting_detail(meeting=self.meeting),
            document_form=forms.MeetingDocumentForm(),
            history=history_for(subject=self.meeting),
            **kwargs,
        )


class MeetingIcsView(MeetingMixin, View):
    def get(self, request, uuid):
        return calendar_response(
            events=[meeting_event(self.meeting)],
            name="Samverkansgruppen",
            filename=f"samverkansgruppen-{self.meeting.date:%Y-%m-%d}",
        )


class MeetingActionView(MeetingMixin, View):
    permission_required = "samverkan.manage_group"
    http_method_names = ["post"]

    def post(self, request, uuid, action):
        if action == "invite":
            sent = group_services.meeting_invite(actor=request.user, meeting=self.meeting)
            messages.success(request, _("Invitations sent to %(count)s members.") % {"count": sent})
        elif action == "minutes":
            protocol = group_services.meeting_minutes_start(
                actor=request.user, meeting=self.meeting
            )
            return redirect("protocols:protocol_meeting", uuid=protocol.uuid)
        elif action == "attendance":
            form = forms.MeetingAttendanceForm(request.POST, meeting=self.meeting)
            if form.is_valid():
                group_services.meeting_attendance_record(
                    actor=request.user,
                    meeting=self.meeting,
                    present_ids={m.pk for m in form.cleaned_data["present"]},
                )
                messages.success(request, _("The attendance was saved."))
            else:
                _form_messages(request, form)
        elif action == "document":
            form = forms.MeetingDocumentForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    group_services.meeting_document_add(
                        actor=request.user,
                        meeting=self.meeting,
                        title=form.cleaned_data["title"],
                        upload=form.cleaned_data["file"],
                    )
                except ValidationError as error:
                    for message in error.messages:
                        messages.error(request, message)
                else:
                    messages.success(request, _("The document was added."))
            else:
                _form_messages(request, form)
        else:
            raise Http404
        return redirect("samverkansgruppen:group_meeting", uuid=uuid)


class MeetingDocumentView(MeetingMixin, View):
    def get(self, request, uuid, document):
        item = get_object_or_404(GroupMeetingDocument, pk=document, meeting=self.meeting)
        return protected_file_response(
            item.file, download_name=item.download_name, content_type=item.content_type
        )


# The yearly follow-up --------------------------------------------------------------------


class FollowUpListView(PermissionRequiredMixin, TemplateView):
    permission_required = "samverkan.view_followups"
    template_name = "samverkansgruppen/followup/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            followups=FollowUp.objects.select_related("approved_by"),
            form=kwargs.pop("form", None) or self.create_form(),
            **kwargs,
        )

    def create_form(self) -> forms.FollowUpCreateForm:
        year = followup_services.followup_suggested_year(
            existing=set(FollowUp.objects.values_list("year", flat=True)), today=_today()
        )
        return forms.FollowUpCreateForm(initial={"year": year})

    def post(self, request):
        if not request.user.has_perm("samverkan.manage_followup"):
            return HttpResponse(status=403)
        form = forms.FollowUpCreateForm(request.POST)
        if form.is_valid():
            try:
                followup = followup_services.followup_create(
                    actor=request.user, year=form.cleaned_data["year"]
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                return redirect("samverkansgruppen:followup", year=followup.year)
        return self.render_to_response(self.get_context_data(form=form))


class FollowUpMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "samverkan.view_followup"

    @cached_property
    def followup(self) -> FollowUp:
        return get_object_or_404(FollowUp, year=self.kwargs["year"])

    def get_permission_object(self):
        return self.followup

    def followup_context(self) -> dict:
        content = followup_services.followup_content(self.followup)
        return {
            "followup": self.followup,
            "content": content,
            "charts": followup_charts(content),
            "section_labels": followup_services.section_labels(),
        }


class FollowUpView(FollowUpMixin, TemplateView):
    permission_required = "samverkan.view_followups"
    template_name = "samverkansgruppen/followup/review.html"

    def get_permission_object(self):
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        comments: dict[str, list] = {}
        for comment in self.followup.comments.all():
            comments.setdefault(comment.section, []).append(comment)
        return super().get_context_data(
            **self.followup_context(),
            comments=comments,
            comment_form=kwargs.pop("comment_form", None) or forms.CommentForm(),
            send_form=forms.SendToNamndForm(),
            history=history_for(subject=self.followup),
            **kwargs,
        )


class FollowUpCommentView(FollowUpMixin, View):
    permission_required = "samverkan.comment_followup"
    http_method_names = ["post"]

    def post(self, request, year):
        form = forms.CommentForm(request.POST)
        if form.is_valid():
            try:
                followup_services.followup_comment(
                    actor=request.user, followup=self.followup, **form.cleaned_data
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Your comment was saved."))
        else:
            messages.error(request, _("Choose a section and write a comment."))
        return redirect("samverkansgruppen:followup", year=year)


class FollowUpApproveView(FollowUpMixin, View):
    permission_required = "samverkan.approve_followup"
    http_method_names = ["post"]

    def post(self, request, year):
        try:
            followup_services.followup_approve(actor=request.user, followup=self.followup)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The follow-up is approved and published."))
        return redirect("samverkansgruppen:followup", year=year)


class FollowUpSendView(FollowUpMixin, View):
    permission_required = "samverkan.send_followup"
    http_method_names = ["post"]

    def post(self, request, year):
        form = forms.SendToNamndForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the responsible nämnd."))
            return redirect("samverkansgruppen:followup", year=year)
        try:
            followup_services.followup_send_to_namnd(
                actor=request.user, followup=self.followup, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The follow-up was sent to %(body)s.") % {"body": form.cleaned_data["body"]},
            )
        return redirect("samverkansgruppen:followup", year=year)


class FollowUpPublicView(FollowUpMixin, TemplateView):
    """The published follow-up; before approval only the group sees it."""

    template_name = "samverkansgruppen/followup/public.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.followup_context(), **kwargs)


class FollowUpPdfView(FollowUpMixin, View):
    """The follow-up as a PDF, from storage; while the worker makes a new one (the
    stored one was made from other figures), a page that says so."""

    def get(self, request, year):
        kind = followup_services.FOLLOWUP_PDF
        html = followup_services.followup_pdf_html(self.followup)
        document = documents.document_for_html(kind, self.followup, html)
        if document is not None:
            response = documents.document_response(
                kind, self.followup, document, filename=f"uppfoljning-{year}"
            )
            if response is not None:
                return response
        response = render(
            request, "samverkansgruppen/followup/pdf_pending.html", {"followup": self.followup}
        )
        response["Retry-After"] = "30"
        return response


class PublishedFollowUpsView(TemplateView):
    template_name = "samverkansgruppen/followup/published.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            followups=FollowUp.objects.filter(status=FollowUp.Status.APPROVED), **kwargs
        )


class ReportSubmitView(PermissionRequiredMixin, FormView):
    permission_required = "samverkan.file_report"
    template_name = "samverkansgruppen/followup/report_form.html"
    form_class = forms.ReportForm

    @cached_property
    def body(self) -> MunicipalBody:
        user = self.request.user
        assert isinstance(user, User)  # file_report is never held by an anonymous user
        ids = [b for r, b in user.role_keys if r == Role.FORVALTNINGSKONTAKT and b]
        wanted = self.request.GET.get("forvaltning") or self.request.POST.get("forvaltning")
        if wanted and wanted.isascii() and wanted.isdigit() and int(wanted) in ids:
            return MunicipalBody.objects.get(pk=int(wanted))
        body = MunicipalBody.objects.filter(pk__in=ids).order_by("name").first()
        if body is None:  # e.g. a superuser, who holds every permission but no förvaltning
            raise PermissionDenied
        return body

    def get_form_kwargs(self):
        year = self.kwargs["year"]
        return {**super().get_form_kwargs(), "areas": followup_services._plan_areas(year)}

    def get_context_data(self, **kwargs):
        existing = self.body.followup_reports.filter(year=self.kwargs["year"]).first()
        return super().get_context_data(
            body=self.body,
            year=self.kwargs["year"],
            existing=existing,
            deadline=followup_services.report_deadline(self.kwargs["year"]),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            followup_services.report_submit(
                actor=self.request.user,
                municipal_body=self.body,
                year=self.kwargs["year"],
                commitments=form.cleaned_data["commitments"],
                area_texts=form.area_texts(),
            )
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. The report was filed."))
        return redirect("samverkansgruppen:report_submit", year=self.kwargs["year"])


# The conference ---------------------------------------------------------------------------


class ConferenceListView(TemplateView):
    """Public list of conferences; staff also get the form to create one."""

    template_name = "samverkansgruppen/conference/list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            conferences=Conference.objects.all(),
            form=kwargs.pop("form", None) or forms.ConferenceForm(),
            conference_year=conference_services.conference_year_due(_today().year),
            **kwargs,
        )

    def post(self, request):
        if not request.user.has_perm("samverkan.manage_conference"):
            if not request.user.is_authenticated:
                return redirect("account_login")
            return HttpResponse(status=403)
        form = forms.ConferenceForm(request.POST)
        if form.is_valid():
            try:
                conference = conference_services.conference_create(
                    actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("The conference was created."))
                return redirect("samverkansgruppen:conference_staff", uuid=conference.uuid)
        return self.render_to_response(self.get_context_data(form=form))


class ConferenceMixin:
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    @cached_property
    def conference(self) -> Conference:
        return get_object_or_404(Conference, uuid=self.kwargs["uuid"])


class ConferenceView(ConferenceMixin, FormView):
    """The public page: date, place, programme and the registration form."""

    template_name = "samverkansgruppen/conference/detail.html"
    form_class = forms.RegistrationForm

    def get_initial(self):
        user = self.request.user
        if user.is_authenticated:
            return {"name": user.get_full_name(), "email": user.email}
        return {}

    def get_context_data(self, **kwargs):
        conference = self.conference
        taken = conference.registrations.filter(
            status=ConferenceRegistration.Status.REGISTERED
        ).count()
        return super().get_context_data(
            conference=conference,
            free=max(conference.places - taken, 0),
            is_open=_today() <= conference.registration_closes_on,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            registration = conference_services.registration_create(
                conference=self.conference, user=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _errors(form, error)
            return self.form_invalid(form)
        return redirect("samverkansgruppen:conference_registration", uuid=registration.uuid)


class RegistrationView(TemplateView):
    """A registration's own page (its UUID is the key): status and cancelling."""

    template_name = "samverkansgruppen/conference/registration.html"

    @cached_property
    def registration(self):
        return get_object_or_404(
            ConferenceRegistration.objects.select_related("conference"), uuid=self.kwargs["uuid"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(registration=self.registration, **kwargs)

    def post(self, request, uuid):
        conference_services.registration_cancel(registration=self.registration, actor=request.user)
        messages.success(request, _("Your registration was cancelled."))
        return redirect("samverkansgruppen:conference_registration", uuid=uuid)


class ConferenceStaffView(ConferenceMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "samverkan.manage_conference"
    template_name = "samverkansgruppen/conference/staff.html"

    def get_context_data(self, **kwargs):
        conference = self.conference
        invitations = list(conference.invitations.select_related("organisation", "municipal_body"))
        return super().get_context_data(
            conference=conference,
            invitations=invitations,
            without_address=[i for i in invitations if not i.emails],
            registrations=conference.registrations.exclude(
                status=ConferenceRegistration.Status.CANCELLED
            ),
            history=history_for(subject=conference),
            **kwargs,
        )

    def post(self, request, uuid):
        action = request.POST.get("action")
        if action not in ("build", "send"):
            messages.error(
                request, _("Choose whether to update the invitation list or send the invitations.")
            )
        elif action == "build":
            added = conference_services.invitation_list_build(
                actor=request.user, conference=self.conference
            )
            messages.success(request, _("%(count)s invitees added to the list.") % {"count": added})
        else:
            sent = conference_services.invitations_send(
                actor=request.user, conference=self.conference
            )
            messages.success(request, _("%(count)s invitations sent.") % {"count": sent})
        return redirect("samverkansgruppen:conference_staff", uuid=uuid)


class ConferenceCsvView(ConferenceMixin, PermissionRequiredMixin, View):
    permission_required = "samverkan.manage_conference"

    def get(self, request, uuid):
        return csv_response(
            conference_services.attendees_rows(conference=self.conference),
            filename=f"deltagare-{self.conference.year}.csv",
            delimiter=";",
            private=True,
        )
