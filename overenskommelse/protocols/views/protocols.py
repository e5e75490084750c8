"""Protocols: staff record sammanträden, paragrafer and votes and produce extracts;
a paragraph marked public has a public extract (web page and PDF)."""

import logging
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.platform.pdf import PDFRenderError, stored_pdf_response
from overenskommelse.platform.services import documents
from overenskommelse.protocols.forms.protocols import (
    DivisionForm,
    ParagraphForm,
    ProtocolAdjustmentForm,
    ProtocolMeetingForm,
    ProtocolMembersForm,
)
from overenskommelse.protocols.models import Paragraph, ProtocolMeeting, ProtocolMember
from overenskommelse.protocols.selectors import protocols as selectors
from overenskommelse.protocols.services import protocols as services

logger = logging.getLogger(__name__)


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


class ProtocolListView(TemplateView):
    """Public: the justerade protocols and the paragraphs with a public extract.
    Kommunkontoret sees every sammanträde and every paragraph."""

    template_name = "protocols/protocol_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            paragraphs=selectors.protocol_paragraph_list(user=user),
            meetings=selectors.protocol_meeting_list(user=user),
            can_manage=user.has_perm("overenskommelse.manage_protocols"),
            **kwargs,
        )


class ProtocolMeetingCreateView(PermissionRequiredMixin, FormView):
    permission_required = "overenskommelse.manage_protocols"
    template_name = "protocols/meeting_form.html"
    form_class = ProtocolMeetingForm

    def form_valid(self, form):
        try:
            meeting = services.protocol_meeting_create(actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is recorded."))
        return redirect("protocols:protocol_meeting", uuid=meeting.uuid)


class MeetingMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "overenskommelse.manage_protocols"

    @cached_property
    def meeting(self) -> ProtocolMeeting:
        return get_object_or_404(ProtocolMeeting, uuid=self.kwargs["uuid"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)


class ProtocolMeetingDetailView(MeetingMixin, TemplateView):
    """The protocol of a sammanträde: staff always; anyone once it is justerat (an
    allmän handling), with the paragraphs that are public."""

    template_name = "protocols/meeting_detail.html"
    permission_required = "overenskommelse.view_protocol_meeting"

    def get_permission_object(self):
        return self.meeting

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **selectors.protocol_meeting_detail(meeting=self.meeting, user=user),
            can_manage=user.has_perm("overenskommelse.manage_protocols"),
            **kwargs,
        )


class ProtocolAdjustmentView(MeetingMixin, FormView):
    """ "Justering och anslag": kommunkontoret records the justering and the anslag
    after the sammanträde (the protocol is justerat days later)."""

    template_name = "protocols/adjustment_form.html"
    form_class = ProtocolAdjustmentForm

    def get_initial(self):
        meeting = self.meeting
        return {name: getattr(meeting, name) for name in services.ADJUSTMENT_FIELDS}

    def form_valid(self, form):
        before = [getattr(self.meeting, name) for name in services.ADJUSTMENT_FIELDS]
        try:
            meeting = services.protocol_meeting_update(
                meeting=self.meeting, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        if [getattr(meeting, name) for name in services.ADJUSTMENT_FIELDS] == before:
            messages.info(self.request, _("Nothing was changed."))
        else:
            messages.success(self.request, _("The adjustment and the notice are recorded."))
        return redirect("protocols:protocol_meeting", uuid=meeting.uuid)


class ProtocolMembersAddView(MeetingMixin, FormView):
    template_name = "protocols/members_form.html"
    form_class = ProtocolMembersForm

    def form_valid(self, form):
        try:
            added = services.protocol_members_add(
                meeting=self.meeting,
                actor=self.request.user,
                text=form.cleaned_data["text"],
                kind=form.cleaned_data["kind"],
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(count)s people added.") % {"count": len(added)})
        return redirect("protocols:protocol_meeting", uuid=self.meeting.uuid)


class ParagraphCreateView(MeetingMixin, FormView):
    template_name = "protocols/paragraph_form.html"
    form_class = ParagraphForm

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            paragraph = services.paragraph_create(
                meeting=self.meeting, actor=self.request.user, **data
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("§ %(number)s is recorded.") % {"number": paragraph.number}
        )
        return redirect("protocols:paragraph", uuid=paragraph.uuid)


class ParagraphMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "overenskommelse.view_paragraph"

    @cached_property
    def paragraph(self) -> Paragraph:
        return get_object_or_404(
            Paragraph.objects.select_related("meeting"), uuid=self.kwargs["uuid"]
        )

    def get_permission_object(self):
        return self.paragraph


class ParagraphDetailView(ParagraphMixin, TemplateView):
    """The web page of a protokollsutdrag."""

    template_name = "protocols/paragraph_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **selectors.paragraph_extract(paragraph=self.paragraph),
            meeting_readable=user.has_perm(
                "overenskommelse.view_protocol_meeting", self.paragraph.meeting
            ),
            **kwargs,
        )


class ParagraphPdfView(ParagraphMixin, View):
    """The protokollsutdrag as a PDF: made when first asked for after a change (in well
    under a second), then served from storage."""

    def get(self, request, *args, **kwargs):
        paragraph = self.paragraph
        meeting = paragraph.meeting
        filename = (
            f"protokollsutdrag {meeting.organ_name} {meeting.date:%Y-%m-%d} § {paragraph.number}"
        )
        html = services.paragraph_pdf_html(paragraph)
        for _attempt in range(2):  # a stored file gone missing is made again, once
            try:
                document = documents.document_store_now(services.PARAGRAPH_PDF, paragraph, html)
                return stored_pdf_response(
                    document, filename=filename, inline=request.GET.get("download") != "1"
                )
            except PDFRenderError:
                break
            except FileNotFoundError:
                logger.warning("Stored extract of paragraph %s missing", paragraph.uuid)
                documents.document_changed(services.PARAGRAPH_PDF, paragraph)
        return render(request, "pdf_error.html", status=503)


class ParagraphPublishView(ParagraphMixin, View):
    permission_required = "overenskommelse.manage_protocols"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        choice = request.POST.get("is_public")
        if choice not in ("0", "1"):
            messages.error(request, _("Choose whether the extract is public or for staff only."))
            return redirect("protocols:paragraph", uuid=self.paragraph.uuid)
        is_public = choice == "1"
        services.paragraph_publish(
            paragraph=self.paragraph, actor=request.user, is_public=is_public
        )
        messages.success(
            request,
            _("The extract is public.") if is_public else _("The extract is for staff only."),
        )
        return redirect("protocols:paragraph", uuid=self.paragraph.uuid)


class DivisionCreateView(ParagraphMixin, FormView):
    permission_required = "overenskommelse.manage_protocols"
    template_name = "protocols/division_form.html"
    form_class = DivisionForm

    def get_form_kwargs(self):
        members = list(
            self.paragraph.meeting.members.filter(kind=ProtocolMember.Kind.MEMBER).order_by(
                "position", "pk"
            )
        )
        return {**super().get_form_kwargs(), "members": members}

    def get_context_data(self, **kwargs):
        return super().get_context_data(paragraph=self.paragraph, **kwargs)

    def form_valid(self, form):
        try:
            services.division_record(
                paragraph=self.paragraph,
                actor=self.request.user,
                question=form.cleaned_data["question"],
                yes_means=form.cleaned_data["yes_means"],
                no_means=form.cleaned_data["no_means"],
                outcome=form.cleaned_data["outcome"],
                ballots=form.ballots(),
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The vote is recorded."))
        return redirect(reverse("protocols:paragraph", kwargs={"uuid": self.paragraph.uuid}))
