"""Admin for the mail outbox (read-only, for operators) and for the field-level
history that django-pghistory records (its "Events" pages)."""

from django.contrib import admin
from django.db import connection
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from pghistory.admin import EventsAdmin

from overenskommelse.platform.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
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
