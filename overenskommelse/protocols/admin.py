"""Admin for meetings, paragraphs and divisions."""

from django.contrib import admin

from overenskommelse.protocols.models import (
    Ballot,
    DecisionClause,
    Division,
    Paragraph,
    ProtocolMeeting,
    ProtocolMember,
)


class ProtocolMemberInline(admin.TabularInline):
    model = ProtocolMember
    extra = 0


@admin.register(ProtocolMeeting)
class ProtocolMeetingAdmin(admin.ModelAdmin):
    list_display = ["organ_name", "municipality_name", "date"]
    list_filter = ["municipality_name", "organ_name"]
    date_hierarchy = "date"
    inlines = [ProtocolMemberInline]


class DecisionClauseInline(admin.TabularInline):
    model = DecisionClause
    extra = 0


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "case_number", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["title", "case_number"]
    inlines = [DecisionClauseInline]


class BallotInline(admin.TabularInline):
    model = Ballot
    extra = 0
    raw_id_fields = ["member"]


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "paragraph"]
    inlines = [BallotInline]
