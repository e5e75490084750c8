"""Remiss rounds: kommunkontoret creates, chooses instanser and publishes; instanser
answer (draft, submit); the compilation is public once the remiss has closed."""

import datetime as dt
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from overenskommelse.agreement.forms.remiss import (
    AnswerForm,
    InstanserForm,
    OwnInitiativeForm,
    RegisterAnswerForm,
    RemissForm,
    WithdrawForm,
)
from overenskommelse.agreement.models import (
    Remiss,
    RemissAnswer,
    RemissCompilationPdf,
    RemissDocument,
    RemissInstans,
)
from overenskommelse.agreement.predicates import user_represents_instans
from overenskommelse.agreement.selectors import remiss as selectors
from overenskommelse.agreement.services import remiss as services
from overenskommelse.agreement.services import remiss_compilation as compilation_services
from overenskommelse.platform.calendars import CalendarEvent, calendar_response, local_datetime
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services import documents
from overenskommelse.platform.uploads import protected_file_response


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


class RemissListView(TemplateView):
    template_name = "agreement/remiss/remiss_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            remisser=selectors.remiss_list(user=self.request.user), now=timezone.now(), **kwargs
        )


class RemissMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "overenskommelse.view_remiss"

    @cached_property
    def remiss(self) -> Remiss:
        return get_object_or_404(
            Remiss.objects.select_related("decision__meeting", "action_plan"),
            uuid=self.kwargs["uuid"],
        )

    def get_permission_object(self):
        return self.remiss

    def get_context_data(self, **kwargs):
        return super().get_context_data(remiss=self.remiss, **kwargs)


class RemissCreateView(PermissionRequiredMixin, FormView):
    permission_required = "overenskommelse.manage_remiss"
    template_name = "agreement/remiss/remiss_form.html"
    form_class = RemissForm

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        sections, meetings = data.pop("disposition"), data.pop("meetings")
        document, document_title = data.pop("document"), data.pop("document_title")
        try:
            # A document the service refuses leaves no remiss behind to be made twice.
            with transaction.atomic():
                remiss = services.remiss_create(
                    actor=self.request.user, sections=sections, meetings=meetings, **data
                )
                if document:
                    services.remiss_document_add(
                        remiss=remiss,
                        actor=self.request.user,
                        title=document_title,
                        upload=document,
                    )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The remiss is saved as a draft. Choose its instanser."))
        return redirect("agreement:remiss_instanser", uuid=remiss.uuid)


class RemissUpdateView(RemissMixin, FormView):
    permission_required = "overenskommelse.manage_remiss"
    template_name = "agreement/remiss/remiss_form.html"
    form_class = RemissForm

    def get_initial(self):
        r = self.remiss
        initial = {name: getattr(r, name) for name in services.REMISS_FIELDS}
        initial["disposition"] = "\n".join(s.heading for s in r.sections.all())
        initial["meetings"] = "\n".join(
            f"{m.date:%Y-%m-%d} {m.start_time:%H:%M}-{m.end_time:%H:%M}" for m in r.meetings.all()
        )
        return initial

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        sections, meetings = data.pop("disposition"), data.pop("meetings")
        document, document_title = data.pop("document"), data.pop("document_title")
        try:
            # The page says the save failed, so a refused document saves none of it.
            with transaction.atomic():
                services.remiss_update(
                    remiss=self.remiss,
                    actor=self.request.user,
                    sections=sections,
                    meetings=meetings,
                    **data,
                )
                if document:
                    services.remiss_document_add(
                        remiss=self.remiss,
                        actor=self.request.user,
                        title=document_title,
                        upload=document,
                    )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The remiss is saved."))
        return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)


class RemissDetailView(RemissMixin, TemplateView):
    template_name = "agreement/remiss/remiss_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        now = timezone.now()
        staff = user.has_perm("overenskommelse.manage_remiss")
        context = {
            "now": now,
            "is_open": self.remiss.is_open(now),
            "sections": self.remiss.sections.all(),
            "meetings": self.remiss.meetings.all(),
            "documents": self.remiss.documents.all(),
            "my_instanser": selectors.instans_for_user(remiss=self.remiss, user=user),
            "staff": staff,
        }
        if user.is_authenticated and self.remiss.is_open(now):
            orgs = selectors.own_initiative_organisations(remiss=self.remiss, user=user)
            context["own_initiative_form"] = OwnInitiativeForm(organisations=orgs) if orgs else None
        if staff:
            context["instanser"] = selectors.remiss_instanser(remiss=self.remiss)
            context["publish_problems"] = services.remiss_publish_problems(self.remiss)
            context["history"] = history_for(subject=self.remiss)
            context["withdraw_form"] = WithdrawForm()
        return super().get_context_data(**context, **kwargs)


class RemissInstanserView(RemissMixin, FormView):
    permission_required = "overenskommelse.manage_remiss"
    template_name = "agreement/remiss/instanser_form.html"
    form_class = InstanserForm

    def form_valid(self, form):
        try:
            created = services.remiss_instanser_add(
                remiss=self.remiss, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(count)d remissinstanser added.") % {"count": len(created)}
        )
        return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            instanser=selectors.remiss_instanser(remiss=self.remiss), **kwargs
        )


class RemissPublishView(RemissMixin, View):
    permission_required = "overenskommelse.manage_remiss"

    def post(self, request, uuid):
        try:
            services.remiss_transition(remiss=self.remiss, actor=request.user, name="publish")
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The remiss is published and the instanser invited."))
        return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)


class RemissWithdrawView(RemissMixin, View):
    """Kommunkontoret withdraws (återkallar) a published remiss, giving a reason."""

    permission_required = "overenskommelse.manage_remiss"

    def post(self, request, uuid):
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)
        try:
            services.remiss_transition(
                remiss=self.remiss,
                actor=request.user,
                name="withdraw",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The remiss is withdrawn."))
        return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)


class RemissOwnInitiativeView(RemissMixin, View):
    permission_required = "overenskommelse.answer_remiss_own_initiative"

    def post(self, request, uuid):
        orgs = selectors.own_initiative_organisations(remiss=self.remiss, user=request.user)
        form = OwnInitiativeForm(request.POST, organisations=orgs)
        if not form.is_valid():
            messages.error(request, _("Choose an organisation you represent."))
            return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)
        try:
            instans = services.remiss_own_initiative(
                remiss=self.remiss,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)
        return redirect("agreement:remiss_answer", uuid=instans.uuid)


class RemissMeetingIcsView(RemissMixin, View):
    def get(self, request, uuid, meeting):
        found = self.remiss.meetings.filter(uuid=meeting).first()
        if found is None:
            raise Http404
        event = CalendarEvent(
            uid=f"{found.uuid}@remiss.overenskommelsen",
            start=local_datetime(found.date, found.start_time),
            end=local_datetime(found.date, found.end_time),
            summary=_("Information meeting: %(title)s") % {"title": self.remiss.title},
            sequence=found.sequence,
            location=found.link,
            url=found.link,
            modified=found.updated_at,
        )
        return calendar_response(
            events=[event],
            name=self.remiss.title,
            filename=f"informationsmote-{found.date:%Y-%m-%d}",
        )


class RemissDocumentView(RemissMixin, View):
    def get(self, request, uuid, document):
        doc = get_object_or_404(RemissDocument, remiss=self.remiss, uuid=document)
        return protected_file_response(
            doc.file, download_name=doc.download_name, content_type=doc.content_type
        )


class InstansMixin(PermissionRequiredMixin):
    # Set by View.setup(); declared here for the type checker.
    kwargs: dict[str, Any]

    permission_required = "overenskommelse.view_remiss_answer"

    @cached_property
    def instans(self) -> RemissInstans:
        return get_object_or_404(
            RemissInstans.objects.select_related("remiss", "organisation", "municipal_body"),
            uuid=self.kwargs["uuid"],
        )

    def get_permission_object(self):
        return self.instans


class RemissAnswerView(InstansMixin, FormView):
    """The answer of one instans: the representatives write it; staff read it."""

    template_name = "agreement/remiss/answer_form.html"
    form_class = AnswerForm

    @cached_property
    def answer(self) -> RemissAnswer | None:
        return (
            RemissAnswer.objects.filter(instans=self.instans)
            .prefetch_related("texts", "attachments")
            .first()
        )

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "sections": self.instans.remiss.sections.all(),
            "answer": self.answer,
        }

    def get_context_data(self, **kwargs):
        user = self.request.user
        refusal = services.answer_refusal_reason(
            instans=self.instans, user=user, now=timezone.now()
        )
        # Kommunkontoret reads an instans's answer; it does not write it (see the register view).
        staff_reading = not user_represents_instans(user, self.instans) and user.has_perm(
            "overenskommelse.manage_remiss"
        )
        return super().get_context_data(
            instans=self.instans,
            remiss=self.instans.remiss,
            answer=self.answer,
            refusal=None if staff_reading else refusal,
            read_only=staff_reading or bool(refusal),
            staff_reading=staff_reading,
            history=history_for(subject=self.answer) if staff_reading and self.answer else [],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        refusal = services.answer_refusal_reason(
            instans=self.instans, user=request.user, now=timezone.now()
        )
        if refusal:
            messages.error(request, refusal)
            return redirect("agreement:remiss_answer", uuid=self.instans.uuid)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data.get("attachment")
        submit = "submit" in self.request.POST
        reopen = "reopen" in self.request.POST and not submit
        version = form.cleaned_data.get("version")
        was_submitted = bool(self.answer) and self.answer.status == RemissAnswer.Status.SUBMITTED
        try:
            answer = services.remiss_answer_save(
                instans=self.instans,
                actor=self.request.user,
                texts=form.texts(),
                version=version,
                submit=submit,
                reopen=reopen,
                attachments=[(form.cleaned_data.get("attachment_title", ""), upload)]
                if upload
                else [],
            )
        except ValidationError as error:
            _form_error(form, error)
            if getattr(error, "code", "") == "conflict":
                # Show the current answer and version, keep the user's text in the form.
                del self.answer
                form.data = form.data.copy()
                form.data["version"] = self.answer.version if self.answer else 0
            return self.form_invalid(form)
        messages.success(
            self.request, _saved_message(submit, reopen, was_submitted, answer, version)
        )
        return redirect("agreement:remiss_answer", uuid=self.instans.uuid)


def _saved_message(
    submit: bool, reopen: bool, was_submitted: bool, answer: RemissAnswer, version
) -> str:
    """What happened to the answer, in words that are true for each case."""
    if submit and not was_submitted:
        return _("Your answer is submitted. A receipt is sent by e-mail.")
    if submit and answer.version == version:
        return _("Nothing had changed: the answer is submitted as it was.")
    if submit:
        return _("Your changes are submitted. A receipt is sent by e-mail.")
    if reopen and was_submitted:
        return _(
            "The answer is reopened as a draft. It does not count as submitted until you "
            "submit it again."
        )
    return _("Your draft is saved. It is not submitted yet.")


class RemissAttachmentView(InstansMixin, View):
    def get(self, request, uuid, attachment):
        answer = get_object_or_404(RemissAnswer, instans=self.instans)
        item = get_object_or_404(answer.attachments, uuid=attachment)
        return protected_file_response(
            item.file, download_name=item.download_name, content_type=item.content_type
        )


class RemissRegisterAnswerView(RemissMixin, FormView):
    permission_required = "overenskommelse.manage_remiss"
    template_name = "agreement/remiss/register_answer_form.html"
    form_class = RegisterAnswerForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "remiss": self.remiss}

    def form_valid(self, form):
        received = form.cleaned_data["received_on"]
        received_at = timezone.make_aware(dt.datetime.combine(received, dt.time(12, 0)))
        try:
            services.remiss_answer_register(
                instans=form.cleaned_data["instans"],
                actor=self.request.user,
                texts=form.texts(),
                channel=form.cleaned_data["channel"],
                received_at=received_at,
            )
        except ValidationError as error:
            _form_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The answer is registered."))
        return redirect("agreement:remiss_detail", uuid=self.remiss.uuid)


class RemissCompilationView(RemissMixin, TemplateView):
    permission_required = "overenskommelse.view_remiss_compilation"
    template_name = "agreement/remiss/compilation.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            compilation=selectors.remiss_compilation(remiss=self.remiss),
            pdf=_compilation_pdf(self.remiss),
            **kwargs,
        )


def _compilation_pdf(remiss: Remiss) -> RemissCompilationPdf:
    """The stored compilation PDF; when it is missing or out of date the worker is asked
    for a current one (once per version; the render never runs in the request)."""
    pdf = selectors.remiss_compilation_pdf(remiss=remiss)
    if pdf is None or not pdf.is_current:
        compilation_services.remiss_compilation_pdf_request(remiss=remiss)
        pdf = selectors.remiss_compilation_pdf(remiss=remiss)
        assert pdf is not None  # the request made the row (documents.document_get)
    return pdf


class RemissCompilationPdfView(RemissMixin, View):
    """Serves the PDF the worker stored; while it is being made, a page that says so."""

    permission_required = "overenskommelse.view_remiss_compilation"

    def get(self, request, uuid):
        pdf = _compilation_pdf(self.remiss)
        if pdf.is_current:
            name = f"sammanstallning-remissvar-{self.remiss.case_number or self.remiss.uuid}"
            response = documents.document_response(
                compilation_services.KIND, self.remiss, pdf, filename=name
            )
            if response is not None:
                return response
        response = render(
            request, "agreement/remiss/compilation_pdf_pending.html", {"remiss": self.remiss}
        )
        response["Retry-After"] = "60"
        return response
