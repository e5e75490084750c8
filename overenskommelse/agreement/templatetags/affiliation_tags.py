"""Display helpers for organisation and application history."""

from django import template
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.history_text import change_sentences

register = template.Library()

HISTORY_ACTIONS = {
    "registered": _("Organisation registered"),
    "changed": _("Details changed"),
    "renamed": _("Renamed"),
    "details_confirmed": _("Details confirmed"),
    "representation_requested": _("Asked to represent"),
    "representation_confirmed": _("Representative confirmed"),
    "representation_declined": _("Request to represent declined"),
    "representation_ended": _("Representation ended"),
    "representation_handover_offered": _("Successor named (hand-over)"),
    "representation_handover_accepted": _("Successor accepted the hand-over"),
    "created": _("Application started"),
    "saved": _("Application saved"),
    "submit": _("Application sent"),
    "request_completion": _("Completion requested"),
    "approve": _("Application approved"),
    "reject": _("Application rejected"),
    "affiliated": _("Affiliated"),
    "withdrew": _("Withdrew (utträde)"),
    "annual_update_requested": _("Asked to confirm the details (yearly update)"),
    "action_plan_document_added": _("PDF uploaded"),
    "answer_created": _("Answer started"),
    "answer_saved": _("Draft of the answer saved"),
    "answer_submitted": _("Answer submitted"),
    "answer_resubmitted": _("Changed answer submitted"),
    "answer_reopened": _("Answer reopened as a draft"),
    "answer_registered": _("Answer registered by kommunkontoret"),
    "representative_account_deleted": _("The representative's account was deleted"),
    "document": _("Document added"),
    "remiss_created": _("Remiss drawn up"),
    "publish": _("Remiss published"),
    "withdraw": _("Remiss withdrawn"),
    "instanser": _("Remissinstanser added"),
    "own_initiative": _("Answer on its own initiative"),
    "protocol_meeting_created": _("Meeting recorded"),
    "protocol_meeting_adjustment_recorded": _("Adjustment and notice recorded"),
    "protocol_members_added": _("Members added to the roll"),
    "paragraph_recorded": _("Paragraph recorded"),
    "paragraph_published": _("Paragraph published"),
    "division_recorded": _("Vote recorded"),
    "group_membership_started": _("Seat in samverkansgruppen taken"),
    "group_membership_ended": _("Seat in samverkansgruppen left"),
    "group_meeting_created": _("Meeting planned"),
    "group_meeting_invited": _("Invitations sent"),
    "group_meeting_attendance": _("Attendance recorded"),
    "group_meeting_minutes_opened": _("Minutes started"),
    "group_meeting_document_added": _("Meeting document added"),
    "followup_created": _("Follow-up started"),
    "followup_commented": _("Comment added"),
    "followup_approved": _("Follow-up approved"),
    "followup_sent_to_namnd": _("Follow-up sent to the nämnd"),
    "forvaltning_report_filed": _("Report of the förvaltning filed"),
    "conference_created": _("Conference planned"),
    "conference_cancelled": _("Conference cancelled"),
    "conference_list_built": _("Invitation list made"),
    "conference_invited": _("Invitations sent"),
    "conference_registered": _("Registration received"),
    "conference_promoted": _("Place given from the waiting list"),
    "accessibility_statement_changed": _("Accessibility statement changed"),
    "accessibility_feedback_received": _("Report received"),
    "feedback_answer": _("Marked as answered"),
    "feedback_close": _("Case closed"),
    "feedback_reopen": _("Case opened again"),
    "profile_changed": _("Name or phone changed"),
}


FIELD_LABELS = {
    "name": _("Name"),
    "organisation_number": _("Organisationsnummer"),
    "legal_form": _("Legal form"),
    "umbrella": _("Umbrella organisation"),
    "umbrella_other": _("other umbrella organisation"),
    "postal_address": _("Postal address"),
    "email": _("Public contact e-mail"),
    "website": _("Web site"),
    "description": _("Description"),
    "activities": _("Fields of activity"),
    "priority_areas": _("Priority areas"),
    "contact_confirmed_at": _("Details last confirmed"),
    "status": _("Status"),
    "protocol": _("Signed protocol"),
    "affiliated_from": _("affiliated from"),
    "ended_on": _("withdrew on"),
    "compliance": _("Compliance with the law"),
    "shortcomings": _("Content that is not accessible, and why"),
    "not_covered": _("Content the law does not cover or that is exempted"),
    "assessed_on": _("Date of the assessment"),
    "method": _("How the site was assessed"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "phone": _("Phone"),
}


@register.filter
def history_action(code: str) -> str:
    """The label of a recorded action; never the code itself."""
    return str(HISTORY_ACTIONS.get(code, _("Change recorded")))


@register.filter
def history_changes(entry) -> list[str]:
    """The row's changes as sentences ("Status ändrades från Utkast till Inskickad.")."""
    return change_sentences(entry, FIELD_LABELS)
