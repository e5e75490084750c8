"""Admin for the mail outbox (read-only, for operators), the retention schedule
(editable by kommunkontoret's administrators) and the gallringsprotokoll (read-only),
and for the field-level history that django-pghistory records (its "Events" pages)."""

from django.contrib import admin
from django.db import connection
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from pghistory.admin import EventsAdmin

from overenskommelse.platform.models import (
    GallringEntry,
    GallringRun,
    OutboxMessage,
    RetentionRule,
)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """The informationshanteringsplan: one rule per record type. A rule is changed,
    never removed (a record type without a rule is simply not thinned); every change is
    in the field-level history with who and when. `RetentionRule.clean` refuses to
    thin a record type the portal can only keep."""

    list_display = ["record_type", "action", "period_months", "updated_at", "updated_by"]
    fields = ["record_type", "action", "period_months", "basis", "updated_at", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "record_type"] if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class GallringEntryInline(admin.TabularInline):
    model = GallringEntry
    fields = ["record_type", "action", "period_months", "older_than", "removed", "items"]
    readonly_fields = ["record_type", "action", "period_months", "older_than", "removed", "items"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(GallringRun)
class GallringRunAdmin(admin.ModelAdmin):
    """The gallringsprotokoll: what each run removed, under which rule, when. Read-only."""

    list_display = ["started_at", "finished_at", "run_by", "removed"]
    readonly_fields = ["started_at", "finished_at", "run_by"]
    inlines = [GallringEntryInline]

    @admin.display(description=_("removed"))
    def removed(self, obj) -> int:
        return sum(entry.removed for entry in obj.entries.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("entries")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class FieldHistoryAdmin(EventsAdmin):
    """pghistory's events admin (PGHISTORY_ADMIN_CLASS). Its queries are PostgreSQL's;
    on SQLite (make run's default) no trigger records anything, and the page says so
    instead of failing."""

    def changelist_view(self, request, extra_context=None):
        if connection.vendor == "postgresql":
            return super().changelist_view(request, extra_context)
        title = _("Field-level history")
        return TemplateResponse(
            request,
            "admin/platform/field_history_unavailable.html",
            {**self.admin_site.each_context(request), "title": title, "opts": self.opts},
        )
