from django.contrib import admin

from natverk import models


class MunicipalityInline(admin.TabularInline):
    model = models.NetworkMunicipality
    extra = 0


@admin.register(models.Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "organiser", "kind", "starts_on", "ends_on", "is_archived"]
    list_filter = ["kind", "is_archived"]
    search_fields = ["name", "organiser", "case_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityInline]


class RepresentativeInline(admin.TabularInline):
    model = models.Representative
    extra = 0


class PhaseInline(admin.TabularInline):
    model = models.PartnershipPhase
    extra = 0


@admin.register(models.Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["municipality_name", "network", "stage", "decision"]
    list_filter = ["stage", "network__kind"]
    search_fields = ["municipality_name", "network__name"]
    # The stage changes only through the transition service, which keeps history.
    readonly_fields = ["stage"]
    raw_id_fields = ["decision"]
    inlines = [RepresentativeInline, PhaseInline]


class DocumentInline(admin.TabularInline):
    model = models.MeetingDocument
    extra = 0
    readonly_fields = ["content_type", "uploaded_by"]


@admin.register(models.NetworkMeeting)
class NetworkMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "date", "start_time", "mode", "is_cancelled"]
    list_filter = ["mode", "is_cancelled", "network"]
    search_fields = ["title", "network__name"]
    filter_horizontal = ["attendees"]
    inlines = [DocumentInline]


@admin.register(models.MeetingReminder)
class MeetingReminderAdmin(admin.ModelAdmin):
    list_display = ["meeting", "user", "step", "sent_at"]
    readonly_fields = ["meeting", "user", "step", "sent_at"]


@admin.register(models.WindowReminder)
class WindowReminderAdmin(admin.ModelAdmin):
    list_display = ["participation", "window_opens_on", "user", "sent_at"]
    readonly_fields = ["participation", "window_opens_on", "user", "sent_at"]


@admin.register(models.CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__email"]
    readonly_fields = ["token"]
