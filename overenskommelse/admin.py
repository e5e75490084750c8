from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from overenskommelse import models


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


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation_number", "legal_form", "umbrella"]
    list_filter = ["legal_form", "umbrella"]
    search_fields = ["name", "organisation_number"]
    prepopulated_fields = {"slug": ["name"]}


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
