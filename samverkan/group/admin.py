"""Admin for samverkansgruppen, the yearly follow-up and the conference.
Changes that matter go through the services (history); the admin is for operators."""

from django.contrib import admin

from samverkan.group.models import (
    Conference,
    ConferenceInvitation,
    ConferenceRegistration,
    FollowUp,
    FollowUpComment,
    ForvaltningReport,
    ForvaltningReportArea,
    GroupMeeting,
    GroupMeetingAttendance,
    GroupMeetingDocument,
    GroupMembership,
    GroupReminder,
)


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["name", "side", "municipal_body", "organisation", "starts_on", "ends_on"]
    list_filter = ["side"]
    search_fields = ["name", "email"]
    raw_id_fields = ["user"]


class AttendanceInline(admin.TabularInline):
    model = GroupMeetingAttendance
    extra = 0


class DocumentInline(admin.TabularInline):
    model = GroupMeetingDocument
    extra = 0
    fields = ["title", "file", "content_type"]
    readonly_fields = ["content_type"]


@admin.register(GroupMeeting)
class GroupMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "place", "invitations_sent_at"]
    inlines = [AttendanceInline, DocumentInline]
    raw_id_fields = ["protocol", "created_by"]


class ReportAreaInline(admin.TabularInline):
    model = ForvaltningReportArea
    extra = 0


@admin.register(ForvaltningReport)
class ForvaltningReportAdmin(admin.ModelAdmin):
    list_display = ["municipal_body", "year", "submitted_at"]
    list_filter = ["year"]
    inlines = [ReportAreaInline]
    raw_id_fields = ["submitted_by"]


class CommentInline(admin.TabularInline):
    model = FollowUpComment
    extra = 0
    fields = ["section", "author_name", "text"]


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "covers_agreement", "approved_by_name", "approved_at"]
    readonly_fields = ["status", "approved_at", "approved_by", "approved_by_name", "snapshot"]
    inlines = [CommentInline]
    raw_id_fields = ["created_by"]


class InvitationInline(admin.TabularInline):
    model = ConferenceInvitation
    extra = 0
    fields = ["kind", "name", "emails", "sent_at"]
    readonly_fields = ["sent_at"]


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "places", "invitations_sent_at"]
    inlines = [InvitationInline]
    raw_id_fields = ["created_by"]


@admin.register(ConferenceRegistration)
class ConferenceRegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "conference", "status", "created_at"]
    list_filter = ["conference", "status"]
    raw_id_fields = ["user"]


@admin.register(GroupReminder)
class GroupReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "step", "email", "sent_at"]
    list_filter = ["kind"]
