from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from overenskommelse import models
from overenskommelse.forms.fields import NameField
from overenskommelse.services.organisations import organisation_renamed_record
from overenskommelse.uploads import PROTOCOL_TYPES, upload_validate


class RoleAssignmentInline(admin.TabularInline):
    model = models.RoleAssignment
    extra = 0
    autocomplete_fields = ["municipal_body"]


class RepresentationInline(admin.TabularInline):
    model = models.Representation
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]
    readonly_fields = ["confirmed_by", "confirmed_at"]


@admin.register(models.User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleAssignmentInline, RepresentationInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "phone")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(models.MunicipalBody)
class MunicipalBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "contact_name", "contact_email", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact_name"]
    prepopulated_fields = {"slug": ["name"]}


class OrganisationActivityInline(admin.TabularInline):
    model = models.OrganisationActivity
    extra = 0


@admin.register(models.Organisation)
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


@admin.register(models.AffiliationApplication)
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


@admin.register(models.Affiliation)
class AffiliationAdmin(NoDeleteAdmin):
    form = WithdrawalProtocolAdminForm
    list_display = ["organisation", "affiliated_from", "ended_on"]
    list_filter = ["ended_on"]
    search_fields = ["organisation__name"]
    raw_id_fields = ["organisation", "application"]
    readonly_fields = ["withdrawal_protocol_content_type"]


@admin.register(models.AnnualUpdateRequest)
class AnnualUpdateRequestAdmin(NoDeleteAdmin):
    list_display = ["organisation", "year", "sent_at"]
    list_filter = ["year"]
    readonly_fields = ["organisation", "year", "sent_at"]


class PrincipleInline(admin.StackedInline):
    model = models.Principle
    extra = 0


class CommitmentInline(admin.StackedInline):
    model = models.Commitment
    extra = 0
    filter_horizontal = ["principles"]


@admin.register(models.AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["title", "version_date", "is_current"]
    inlines = [PrincipleInline, CommitmentInline]


class PriorityAreaInline(admin.StackedInline):
    model = models.PriorityArea
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "start_year", "end_year", "status"]
    inlines = [PriorityAreaInline]


class DirectionInline(admin.TabularInline):
    model = models.Direction
    extra = 0


@admin.register(models.PriorityArea)
class PriorityAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "number"]
    inlines = [DirectionInline]


@admin.register(models.OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    readonly_fields = [f.name for f in models.OutboxMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


# Protocols ------------------------------------------------------------


class ProtocolMemberInline(admin.TabularInline):
    model = models.ProtocolMember
    extra = 0


@admin.register(models.ProtocolMeeting)
class ProtocolMeetingAdmin(admin.ModelAdmin):
    list_display = ["organ_name", "municipality_name", "date"]
    list_filter = ["municipality_name", "organ_name"]
    date_hierarchy = "date"
    inlines = [ProtocolMemberInline]


class DecisionClauseInline(admin.TabularInline):
    model = models.DecisionClause
    extra = 0


@admin.register(models.Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "case_number", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["title", "case_number"]
    inlines = [DecisionClauseInline]


class BallotInline(admin.TabularInline):
    model = models.Ballot
    extra = 0
    raw_id_fields = ["member"]


@admin.register(models.Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "paragraph"]
    inlines = [BallotInline]


# Handlingsplan and remiss. Status changes go through the services, so the
# stage and answer state are read-only here; nothing is deleted.
class ActionPlanDocumentInline(admin.TabularInline):
    model = models.ActionPlanDocument
    extra = 0
    readonly_fields = ["uploaded_by"]


ActionPlanAdmin.inlines = [*ActionPlanAdmin.inlines, ActionPlanDocumentInline]


@admin.register(models.ActionPlanDocument)
class ActionPlanDocumentAdmin(NoDeleteAdmin):
    list_display = ["title", "plan", "created_at"]
    readonly_fields = ["uploaded_by"]


class RemissSectionInline(admin.TabularInline):
    model = models.RemissSection
    extra = 0


class InformationMeetingInline(admin.TabularInline):
    model = models.InformationMeeting
    extra = 0


class RemissDocumentInline(admin.TabularInline):
    model = models.RemissDocument
    extra = 0
    readonly_fields = ["uploaded_by"]


@admin.register(models.Remiss)
class RemissAdmin(NoDeleteAdmin):
    list_display = ["title", "case_number", "status", "opens_on", "closes_on"]
    list_filter = ["status"]
    search_fields = ["title", "case_number"]
    readonly_fields = ["status", "published_at", "summary_sent_at", "created_by"]
    raw_id_fields = ["decision", "action_plan"]
    inlines = [RemissSectionInline, InformationMeetingInline, RemissDocumentInline]


@admin.register(models.RemissInstans)
class RemissInstansAdmin(NoDeleteAdmin):
    list_display = ["__str__", "remiss", "source", "invited_at"]
    list_filter = ["source", "remiss"]
    raw_id_fields = ["remiss", "organisation", "municipal_body"]
    readonly_fields = ["invited_at"]


class RemissAnswerTextInline(admin.StackedInline):
    model = models.RemissAnswerText
    extra = 0


class RemissAnswerAttachmentInline(admin.TabularInline):
    model = models.RemissAnswerAttachment
    extra = 0
    readonly_fields = ["content_type", "uploaded_by"]


@admin.register(models.RemissAnswer)
class RemissAnswerAdmin(NoDeleteAdmin):
    list_display = ["__str__", "status", "channel", "is_late", "submitted_at"]
    list_filter = ["status", "channel", "is_late"]
    raw_id_fields = ["instans"]
    readonly_fields = ["status", "version", "submitted_at", "submitted_by", "updated_by"]
    inlines = [RemissAnswerTextInline, RemissAnswerAttachmentInline]


@admin.register(models.RemissReminder)
class RemissReminderAdmin(NoDeleteAdmin):
    list_display = ["instans", "days_before", "sent_at"]
    readonly_fields = ["instans", "days_before", "sent_at"]
