"""Admin for the initiative pipeline. Stage changes go through the services (history)."""

from django.contrib import admin

from samverkan.pipeline.models import Evaluation, Initiative, InitiativeParty, InitiativeReminder


# Stages change only through samverkan.pipeline.services.pipeline.initiative_transition, which
# keeps the timeline, so the stage fields are read-only here and nothing can be deleted.
class InitiativePartyInline(admin.TabularInline):
    model = InitiativeParty
    fk_name = "initiative"
    extra = 0
    raw_id_fields = ["organisation", "municipal_body", "invited_by", "responded_by", "agreed_by"]
    readonly_fields = ["status", "invited_at", "responded_at", "agreed_at"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EvaluationInline(admin.StackedInline):
    model = Evaluation
    extra = 0
    raw_id_fields = ["author", "party"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "hold", "handlaggare", "planned_start", "planned_end"]
    list_filter = ["stage", "hold", "form"]
    search_fields = ["title"]
    raw_id_fields = ["proposed_by", "proposing_organisation", "proposing_body", "handlaggare"]
    filter_horizontal = ["areas"]
    readonly_fields = ["uuid", "stage", "hold", "results_reported_at", "last_activity_at"]
    inlines = [InitiativePartyInline, EvaluationInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(InitiativeReminder)
class InitiativeReminderAdmin(admin.ModelAdmin):
    list_display = ["initiative", "user", "kind", "step", "sent_at"]
    list_filter = ["kind"]
    raw_id_fields = ["initiative", "user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
