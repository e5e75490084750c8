from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile

from overenskommelse.accounts import admin as accounts_admin
from overenskommelse.accounts.models import User
from overenskommelse.agreement.models import (
    ActionPlan,
    ActionPlanDocument,
    Affiliation,
    AffiliationApplication,
    AgreementVersion,
    AnnualUpdateRequest,
    Commitment,
    Direction,
    InformationMeeting,
    Organisation,
    OrganisationActivity,
    Principle,
    PriorityArea,
    Remiss,
    RemissAnswer,
    RemissAnswerAttachment,
    RemissAnswerText,
    RemissDocument,
    RemissInstans,
    RemissReminder,
    RemissSection,
    Representation,
)
from overenskommelse.agreement.services.organisations import organisation_renamed_record
from overenskommelse.platform.forms.fields import NameField
from overenskommelse.platform.uploads import PROTOCOL_TYPES, upload_validate


class RepresentationInline(admin.TabularInline):
    model = Representation
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["confirmed_by", "confirmed_at"]


# The user's representations are the agreement app's: it adds them to the accounts
# app's user admin, which cannot import them.
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(accounts_admin.UserAdmin):
    inlines = [*accounts_admin.UserAdmin.inlines, RepresentationInline]


class OrganisationActivityInline(admin.TabularInline):
    model = OrganisationActivity
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number", "legal_form", "umbrella"]
    list_filter = ["legal_form", "umbrella"]
    search_fields = ["name", "organisation_number"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["priority_areas"]
    inlines = [OrganisationActivityInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ("name", "umbrella_other"):
            kwargs["form_class"] = NameField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            organisation_renamed_record(
                organisation=obj, actor=request.user, old_name=form.initial["name"]
            )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # history and affiliations refer to it; it is never deleted


class NoDeleteAdmin(admin.ModelAdmin):
    """Affiliation records are kept for good; status changes go through the portal."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ProtocolAdminForm(forms.ModelForm):
    """A protocol uploaded here is checked as the services check it; its type is the
    one found by content, never typed in."""

    FILE_FIELD = "protocol"
    TYPE_FIELD = "protocol_content_type"

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get(self.FILE_FIELD)
        if isinstance(upload, UploadedFile):
            try:
                content_type = upload_validate(upload, allowed=PROTOCOL_TYPES)
            except forms.ValidationError as error:
                self.add_error(self.FILE_FIELD, error)
            else:
                setattr(self.instance, self.TYPE_FIELD, content_type)
        return cleaned


class WithdrawalProtocolAdminForm(ProtocolAdminForm):
    FILE_FIELD = "withdrawal_protocol"
    TYPE_FIELD = "withdrawal_protocol_content_type"


@admin.register(AffiliationApplication)
class AffiliationApplicationAdmin(NoDeleteAdmin):
    form = ProtocolAdminForm
    list_display = ["organisation", "status", "submitted_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name"]
    readonly_fields = [
        "status",
        "submitted_at",
        "decided_at",
        "decided_by",
        "created_by",
        "protocol_content_type",
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Affiliation)
class AffiliationAdmin(NoDeleteAdmin):
    form = WithdrawalProtocolAdminForm
    list_display = ["organisation", "affiliated_from", "ended_on"]
    list_filter = ["ended_on"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "application"]
    readonly_fields = ["withdrawal_protocol_content_type"]


@admin.register(AnnualUpdateRequest)
class AnnualUpdateRequestAdmin(NoDeleteAdmin):
    list_display = ["organisation", "year", "sent_at"]
    list_filter = ["year"]
    readonly_fields = ["organisation", "year", "sent_at"]


class PrincipleInline(admin.StackedInline):
    model = Principle
    extra = 0


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0
    filter_horizontal = ["principles"]


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["title", "version_date", "is_current"]
    inlines = [PrincipleInline, CommitmentInline]


class PriorityAreaInline(admin.StackedInline):
    model = PriorityArea
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "start_year", "end_year", "status"]
    inlines = [PriorityAreaInline]


class DirectionInline(admin.TabularInline):
    model = Direction
    extra = 0


@admin.register(PriorityArea)
class PriorityAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "number"]
    inlines = [DirectionInline]


# Handlingsplan and remiss. Status changes go through the services, so the
# stage and answer state are read-only here; nothing is deleted.
class ActionPlanDocumentInline(admin.TabularInline):
    model = ActionPlanDocument
    extra = 0
    readonly_fields = ["uploaded_by"]


ActionPlanAdmin.inlines = [*ActionPlanAdmin.inlines, ActionPlanDocumentInline]


@admin.register(ActionPlanDocument)
class ActionPlanDocumentAdmin(NoDeleteAdmin):
    list_display = ["title", "plan", "created_at"]
    readonly_fields = ["uploaded_by"]


class RemissSectionInline(admin.TabularInline):
    model = RemissSection
    extra = 0


class InformationMeetingInline(admin.TabularInline):
    model = InformationMeeting
    extra = 0


class RemissDocumentInline(admin.TabularInline):
    model = RemissDocument
    extra = 0
    readonly_fields = ["uploaded_by"]


@admin.register(Remiss)
class RemissAdmin(NoDeleteAdmin):
    list_display = ["title", "case_number", "status", "opens_on", "closes_on"]
    list_filter = ["status"]
    search_fields = ["title", "case_number"]
    readonly_fields = ["status", "published_at", "summary_sent_at", "created_by"]
    raw_id_fields = ["decision", "action_plan"]
    inlines = [RemissSectionInline, InformationMeetingInline, RemissDocumentInline]


@admin.register(RemissInstans)
class RemissInstansAdmin(NoDeleteAdmin):
    list_display = ["__str__", "remiss", "source", "invited_at"]
    list_filter = ["source", "remiss"]
    raw_id_fields = ["remiss", "organisation", "municipal_body"]
    readonly_fields = ["invited_at"]


class RemissAnswerTextInline(admin.StackedInline):
    model = RemissAnswerText
    extra = 0


class RemissAnswerAttachmentInline(admin.TabularInline):
    model = RemissAnswerAttachment
    extra = 0
    readonly_fields = ["content_type", "uploaded_by"]


@admin.register(RemissAnswer)
class RemissAnswerAdmin(NoDeleteAdmin):
    list_display = ["__str__", "status", "channel", "is_late", "submitted_at"]
    list_filter = ["status", "channel", "is_late"]
    raw_id_fields = ["instans"]
    readonly_fields = ["status", "version", "submitted_at", "submitted_by", "updated_by"]
    inlines = [RemissAnswerTextInline, RemissAnswerAttachmentInline]


@admin.register(RemissReminder)
class RemissReminderAdmin(NoDeleteAdmin):
    list_display = ["instans", "days_before", "sent_at"]
    readonly_fields = ["instans", "days_before", "sent_at"]
