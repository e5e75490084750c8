"""Every URL of the portal × every role → the status it must answer (a GET).

The table is built against the URL configuration itself: a new URL without an
entry here fails `test_every_url_has_an_entry`. Third-party views (allauth, the
Django admin, i18n) guard themselves and are left out.

Statuses: 200 allowed, 302 sent to log in, 403 refused, 404 hidden, 405 GET not
allowed (POST-only views).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import get_resolver

from tests.matrix import ROLES, named_patterns, url, world_create


@dataclass(frozen=True)
class Case:
    url: Callable[[dict], str]
    expect: dict[str, int]


CAST = ("organisation_a", "organisation_b", *ROLES[1:])


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


PUBLIC = everyone(200)
LOGGED_IN = {**everyone(200), "anonymous": 302}
KOMMUNKONTORET = {**everyone(403), "anonymous": 302, "handlaggare": 200, "admin_user": 200}
# Organisation A's own pages: its representative and kommunkontoret.
REP_A_AND_STAFF = {**KOMMUNKONTORET, "rep_a": 200}
# Acting for organisation A (apply, withdraw): its representative; a superuser may do all.
REP_A_AND_SUPERUSER = {**everyone(403), "anonymous": 302, "rep_a": 200, "admin_user": 200}


def _samverkan_matrix() -> dict[str, Case]:
    hidden = {"anonymous": 302, "rep_b": 404, "samverkansgruppen_member": 404}
    viewers = {**hidden, "rep_a": 200, "forvaltningskontakt": 200}
    staff_post = {**hidden, "rep_a": 403, "forvaltningskontakt": 403}
    staff_post |= {"handlaggare": 405, "admin_user": 405}
    later_stage = {**staff_post, "handlaggare": 403}
    member_post = {**staff_post, "rep_a": 405}

    def initiative_url(name, **extra):
        return url(f"pipeline:{name}", uuid=lambda w: w["initiative"].uuid, **extra)

    return {
        "pipeline:public_list": Case(url("pipeline:public_list"), PUBLIC),
        "pipeline:public_detail": Case(
            url("pipeline:public_detail", uuid=lambda w: w["initiative"].uuid), PUBLIC
        ),
        "pipeline:propose": Case(
            url("pipeline:propose"), {**LOGGED_IN, "samverkansgruppen_member": 403}
        ),
        "pipeline:board": Case(url("pipeline:board"), KOMMUNKONTORET),
        "pipeline:list": Case(url("pipeline:list"), KOMMUNKONTORET),
        "pipeline:list_csv": Case(url("pipeline:list_csv"), KOMMUNKONTORET),
        "pipeline:initiative": Case(
            initiative_url("initiative"), {**viewers, "handlaggare": 200, "admin_user": 200}
        ),
        "pipeline:details": Case(
            initiative_url("details"),
            {**staff_post, "handlaggare": 200, "admin_user": 200},
        ),
        "pipeline:transition": Case(initiative_url("transition"), staff_post),
        "pipeline:invite": Case(initiative_url("invite"), staff_post),
        "pipeline:results": Case(initiative_url("results"), later_stage),
        "pipeline:reported": Case(initiative_url("reported"), later_stage),
        "pipeline:evaluation": Case(initiative_url("evaluation"), later_stage),
        "pipeline:comment": Case(initiative_url("comment"), member_post),
        "pipeline:document_add": Case(initiative_url("document_add"), member_post),
        "pipeline:document": Case(
            initiative_url("document", document=lambda w: w["initiative_document"].pk),
            {**viewers, "forvaltningskontakt": 403, "handlaggare": 200, "admin_user": 200},
        ),
        "pipeline:respond": Case(
            initiative_url("respond", party=lambda w: w["invited_party"].pk),
            {**staff_post, "forvaltningskontakt": 405, "handlaggare": 403},
        ),
        "pipeline:agree": Case(
            initiative_url("agree", party=lambda w: w["organisation_party"].pk),
            {**staff_post, "rep_a": 405, "handlaggare": 403},
        ),
    }


def _group_matrix() -> dict[str, Case]:
    """Samverkansgruppen (the group and kommunkontoret), the yearly follow-up
    ("followup_draft" under review, "followup_approved" published) and the conference
    (public page and registration; staff manage invitations and attendees)."""
    group = {**KOMMUNKONTORET, "samverkansgruppen_member": 200}
    group_post = {**group, "samverkansgruppen_member": 405, "handlaggare": 405}
    group_post["admin_user"] = 405
    staff_post = {**KOMMUNKONTORET, "handlaggare": 405, "admin_user": 405}
    contact = {**everyone(403), "anonymous": 302, "forvaltningskontakt": 200}

    def meeting_url(name, **extra):
        return url(f"samverkansgruppen:{name}", uuid=lambda w: w["group_meeting"].uuid, **extra)

    def draft(name):
        return url(f"samverkansgruppen:{name}", year=lambda w: w["followup_draft"].year)

    def approved(name):
        return url(f"samverkansgruppen:{name}", year=lambda w: w["followup_approved"].year)

    def conference_url(name):
        return url(f"samverkansgruppen:{name}", uuid=lambda w: w["conference"].uuid)

    return {
        "samverkansgruppen:group": Case(url("samverkansgruppen:group"), group),
        "samverkansgruppen:group_member_add": Case(
            url("samverkansgruppen:group_member_add"), KOMMUNKONTORET
        ),
        "samverkansgruppen:group_member_end": Case(
            url("samverkansgruppen:group_member_end", pk=lambda w: w["group_membership"].pk),
            KOMMUNKONTORET,
        ),
        "samverkansgruppen:group_meeting_create": Case(
            url("samverkansgruppen:group_meeting_create"), KOMMUNKONTORET
        ),
        "samverkansgruppen:group_meeting": Case(meeting_url("group_meeting"), group),
        "samverkansgruppen:group_meeting_ics": Case(meeting_url("group_meeting_ics"), group),
        "samverkansgruppen:group_meeting_action": Case(
            meeting_url("group_meeting_action", action="invite"), staff_post
        ),
        "samverkansgruppen:group_meeting_document": Case(
            meeting_url("group_meeting_document", document=lambda w: w["group_document"].pk),
            group,
        ),
        "samverkansgruppen:followups_published": Case(
            url("samverkansgruppen:followups_published"), PUBLIC
        ),
        "samverkansgruppen:followups": Case(url("samverkansgruppen:followups"), group),
        "samverkansgruppen:followup": Case(draft("followup"), group),
        "samverkansgruppen:followup_comment": Case(draft("followup_comment"), group_post),
        "samverkansgruppen:followup_approve": Case(draft("followup_approve"), group_post),
        "samverkansgruppen:followup_send": Case(approved("followup_send"), staff_post),
        "samverkansgruppen:followup_public": Case(approved("followup_public"), PUBLIC),
        "samverkansgruppen:followup_pdf": Case(approved("followup_pdf"), PUBLIC),
        "samverkansgruppen:report_submit": Case(
            url("samverkansgruppen:report_submit", year=2026), contact
        ),
        "samverkansgruppen:conferences": Case(url("samverkansgruppen:conferences"), PUBLIC),
        "samverkansgruppen:conference": Case(conference_url("conference"), PUBLIC),
        "samverkansgruppen:conference_staff": Case(
            conference_url("conference_staff"), KOMMUNKONTORET
        ),
        "samverkansgruppen:conference_csv": Case(conference_url("conference_csv"), KOMMUNKONTORET),
        "samverkansgruppen:conference_registration": Case(
            url("samverkansgruppen:conference_registration", uuid=lambda w: w["registration"].uuid),
            PUBLIC,
        ),
    }


def _remiss_matrix() -> dict[str, Case]:
    """An open remiss with organisation A as instans (answer with attachment)."""
    answer_viewers = {**KOMMUNKONTORET, "rep_a": 200}
    post_staff = {**KOMMUNKONTORET, "handlaggare": 405, "admin_user": 405}
    post_reps = {**everyone(403), "anonymous": 302, "rep_a": 405, "rep_b": 405}
    post_reps["admin_user"] = 405

    def remiss_url(name, **extra):
        return url(f"agreement:{name}", uuid=lambda w: w["remiss"].uuid, **extra)

    return {
        "agreement:action_plan": Case(url("agreement:action_plan"), PUBLIC),
        "agreement:action_plan_version": Case(
            url("agreement:action_plan_version", slug=lambda w: w["action_plan"].slug),
            PUBLIC,
        ),
        "agreement:action_plan_document": Case(
            url(
                "agreement:action_plan_document",
                slug=lambda w: w["action_plan"].slug,
                uuid=lambda w: w["action_plan_document"].uuid,
            ),
            PUBLIC,
        ),
        "agreement:action_plan_document_upload": Case(
            url(
                "agreement:action_plan_document_upload",
                slug=lambda w: w["action_plan"].slug,
            ),
            KOMMUNKONTORET,
        ),
        "agreement:remiss_list": Case(url("agreement:remiss_list"), PUBLIC),
        "agreement:remiss_create": Case(url("agreement:remiss_create"), KOMMUNKONTORET),
        "agreement:remiss_detail": Case(remiss_url("remiss_detail"), PUBLIC),
        "agreement:remiss_update": Case(remiss_url("remiss_update"), KOMMUNKONTORET),
        "agreement:remiss_instanser": Case(remiss_url("remiss_instanser"), KOMMUNKONTORET),
        "agreement:remiss_publish": Case(remiss_url("remiss_publish"), post_staff),
        "agreement:remiss_withdraw": Case(remiss_url("remiss_withdraw"), post_staff),
        "agreement:remiss_own_initiative": Case(remiss_url("remiss_own_initiative"), post_reps),
        "agreement:remiss_register_answer": Case(
            remiss_url("remiss_register_answer"), KOMMUNKONTORET
        ),
        "agreement:remiss_meeting_ics": Case(
            remiss_url("remiss_meeting_ics", meeting=lambda w: w["remiss_meeting"].uuid), PUBLIC
        ),
        "agreement:remiss_document": Case(
            remiss_url("remiss_document", document=lambda w: w["remiss_document"].uuid), PUBLIC
        ),
        # Open until 2026-12-31: the compilation is staff-only until then.
        "agreement:remiss_compilation": Case(remiss_url("remiss_compilation"), KOMMUNKONTORET),
        "agreement:remiss_compilation_pdf": Case(
            remiss_url("remiss_compilation_pdf"), KOMMUNKONTORET
        ),
        "agreement:remiss_answer": Case(
            url("agreement:remiss_answer", uuid=lambda w: w["remiss_instans"].uuid),
            answer_viewers,
        ),
        "agreement:remiss_attachment": Case(
            url(
                "agreement:remiss_attachment",
                uuid=lambda w: w["remiss_instans"].uuid,
                attachment=lambda w: w["remiss_attachment"].uuid,
            ),
            answer_viewers,
        ),
    }


MATRIX: dict[str, Case] = {
    "home": Case(url("home"), PUBLIC),
    "healthz": Case(url("healthz"), PUBLIC),
    "mina_sidor": Case(url("mina_sidor"), LOGGED_IN),
    "account_export": Case(url("account_export"), LOGGED_IN),
    "account_delete": Case(url("account_delete"), LOGGED_IN),
    "account_profile": Case(url("account_profile"), LOGGED_IN),
    "privacy": Case(url("privacy"), PUBLIC),
    "agreement:contact_paths": Case(url("agreement:contact_paths"), PUBLIC),
    "agreement:staff_overview": Case(url("agreement:staff_overview"), KOMMUNKONTORET),
    # The tillgänglighetsredogörelse is public; its text and the reports are kommunkontoret's.
    "agreement:accessibility": Case(url("agreement:accessibility"), PUBLIC),
    "agreement:accessibility_edit": Case(url("agreement:accessibility_edit"), KOMMUNKONTORET),
    "agreement:accessibility_feedback_list": Case(
        url("agreement:accessibility_feedback_list"), KOMMUNKONTORET
    ),
    "agreement:accessibility_feedback": Case(
        url("agreement:accessibility_feedback", uuid=lambda w: w["accessibility_feedback"].uuid),
        KOMMUNKONTORET,
    ),
    # Development mailbox: off outside `make run`, for everyone.
    "platform:mailbox": Case(url("platform:mailbox"), everyone(404)),
    "platform:mailbox_detail": Case(
        url("platform:mailbox_detail", name="20260101T000000-abc"), everyone(404)
    ),
    # Överenskommelsen, the register, organisations and affiliation.
    "agreement:agreement": Case(url("agreement:agreement"), PUBLIC),
    "agreement:agreement_version": Case(
        url("agreement:agreement_version", version_date="2018-06-26"), PUBLIC
    ),
    "agreement:register": Case(url("agreement:register"), PUBLIC),
    "agreement:register_csv": Case(url("agreement:register_csv"), PUBLIC),
    "agreement:register_json": Case(url("agreement:register_json"), PUBLIC),
    "agreement:register_detail": Case(
        url("agreement:register_detail", slug=lambda w: w["affiliated"].slug), PUBLIC
    ),
    "agreement:organisation_create": Case(url("agreement:organisation_create"), LOGGED_IN),
    "agreement:representation_request": Case(
        url("agreement:representation_request", uuid=lambda w: w["organisation_b"].uuid),
        LOGGED_IN,
    ),
    "agreement:organisation_detail": Case(
        url("agreement:organisation_detail", slug=lambda w: w["organisation_a"].slug),
        REP_A_AND_STAFF,
    ),
    "agreement:organisation_update": Case(
        url("agreement:organisation_update", slug=lambda w: w["organisation_a"].slug),
        REP_A_AND_STAFF,
    ),
    "agreement:organisation_confirm": Case(
        url("agreement:organisation_confirm", slug=lambda w: w["organisation_a"].slug),
        {**everyone(403), "anonymous": 302, "rep_a": 405, "admin_user": 405},
    ),
    "agreement:representation_decide": Case(
        url("agreement:representation_decide", slug=lambda w: w["organisation_a"].slug),
        {**KOMMUNKONTORET, "rep_a": 405, "handlaggare": 405, "admin_user": 405},
    ),
    # Leaving and accepting a hand-over are POSTs any logged-in person may try; the
    # service refuses the wrong one (tests/overenskommelse/services/test_representation).
    "agreement:representation_end": Case(
        url("agreement:representation_end", slug=lambda w: w["organisation_a"].slug),
        {**everyone(405), "anonymous": 302},
    ),
    "agreement:representation_hand_over": Case(
        url("agreement:representation_hand_over", slug=lambda w: w["organisation_a"].slug),
        REP_A_AND_SUPERUSER,
    ),
    "agreement:representation_handover_accept": Case(
        url("agreement:representation_handover_accept", slug=lambda w: w["organisation_a"].slug),
        {**everyone(405), "anonymous": 302},
    ),
    "agreement:affiliation_protocol_template": Case(
        url(
            "agreement:affiliation_protocol_template",
            slug=lambda w: w["organisation_a"].slug,
        ),
        REP_A_AND_STAFF,
    ),
    "agreement:application_form": Case(
        url("agreement:application_form", slug=lambda w: w["organisation_a"].slug),
        REP_A_AND_SUPERUSER,
    ),
    "agreement:withdrawal_form": Case(
        url("agreement:withdrawal_form", slug=lambda w: w["affiliated"].slug),
        REP_A_AND_SUPERUSER,
    ),
    "agreement:application_detail": Case(
        url("agreement:application_detail", uuid=lambda w: w["application"].uuid),
        REP_A_AND_STAFF,
    ),
    "agreement:application_protocol": Case(
        url("agreement:application_protocol", uuid=lambda w: w["application"].uuid),
        REP_A_AND_STAFF,
    ),
    "agreement:application_decide": Case(
        url("agreement:application_decide", uuid=lambda w: w["application"].uuid),
        {**KOMMUNKONTORET, "handlaggare": 405, "admin_user": 405},
    ),
    "agreement:withdrawal_protocol": Case(
        url("agreement:withdrawal_protocol", uuid=lambda w: w["withdrawal"].uuid),
        REP_A_AND_STAFF,
    ),
    "agreement:application_queue": Case(url("agreement:application_queue"), KOMMUNKONTORET),
    # The diarium: kommunkontoret only (the withdrawal is an ärende with a number).
    "agreement:case_search": Case(url("agreement:case_search"), KOMMUNKONTORET),
    "agreement:case_number": Case(
        url("agreement:case_number", kind="uttrade", uuid=lambda w: w["withdrawal"].uuid),
        KOMMUNKONTORET,
    ),
    "agreement:organisations_unconfirmed": Case(
        url("agreement:organisations_unconfirmed"), KOMMUNKONTORET
    ),
    # Protocols and protokollsutdrag. "paragraph" is a non-public §: refused
    # to the public; the PDF entry is of a public §: open to all.
    "protocols:protocols": Case(url("protocols:protocols"), PUBLIC),
    "protocols:protocol_meeting_create": Case(
        url("protocols:protocol_meeting_create"), KOMMUNKONTORET
    ),
    "protocols:protocol_meeting": Case(
        url("protocols:protocol_meeting", uuid=lambda w: w["protocol_meeting"].uuid),
        KOMMUNKONTORET,
    ),
    "protocols:protocol_adjustment": Case(
        url("protocols:protocol_adjustment", uuid=lambda w: w["protocol_meeting"].uuid),
        KOMMUNKONTORET,
    ),
    "protocols:protocol_members_add": Case(
        url("protocols:protocol_members_add", uuid=lambda w: w["protocol_meeting"].uuid),
        KOMMUNKONTORET,
    ),
    "protocols:paragraph_create": Case(
        url("protocols:paragraph_create", uuid=lambda w: w["protocol_meeting"].uuid),
        KOMMUNKONTORET,
    ),
    "protocols:paragraph": Case(
        url("protocols:paragraph", uuid=lambda w: w["private_paragraph"].uuid),
        KOMMUNKONTORET,
    ),
    "protocols:paragraph_pdf": Case(
        url("protocols:paragraph_pdf", uuid=lambda w: w["public_paragraph"].uuid), PUBLIC
    ),
    "protocols:paragraph_publish": Case(
        url("protocols:paragraph_publish", uuid=lambda w: w["private_paragraph"].uuid),
        {**KOMMUNKONTORET, "handlaggare": 405, "admin_user": 405},
    ),
    "protocols:division_create": Case(
        url("protocols:division_create", uuid=lambda w: w["private_paragraph"].uuid),
        KOMMUNKONTORET,
    ),
    # Networks: kommunkontoret keeps the register; whoever attends a meeting
    # (here samverkansgruppen_member) may read it; the calendar feed's token is its key.
    "natverk:network_list": Case(url("natverk:network_list"), KOMMUNKONTORET),
    "natverk:network_create": Case(url("natverk:network_create"), KOMMUNKONTORET),
    "natverk:network_detail": Case(
        url("natverk:network_detail", slug=lambda w: w["network"].slug), KOMMUNKONTORET
    ),
    "natverk:network_update": Case(
        url("natverk:network_update", slug=lambda w: w["network"].slug), KOMMUNKONTORET
    ),
    "natverk:municipality_add": Case(
        url("natverk:municipality_add", slug=lambda w: w["network"].slug), KOMMUNKONTORET
    ),
    "natverk:participation_create": Case(
        url("natverk:participation_create", slug=lambda w: w["network"].slug), KOMMUNKONTORET
    ),
    "natverk:meeting_create": Case(
        url("natverk:meeting_create", slug=lambda w: w["network"].slug), KOMMUNKONTORET
    ),
    "natverk:network_calendar": Case(
        url("natverk:network_calendar", slug=lambda w: w["network"].slug), KOMMUNKONTORET
    ),
    "natverk:participation_detail": Case(
        url("natverk:participation_detail", uuid=lambda w: w["participation"].uuid),
        KOMMUNKONTORET,
    ),
    **{
        f"natverk:{name}": Case(
            url(f"natverk:{name}", uuid=lambda w: w["participation"].uuid),
            {**KOMMUNKONTORET, "handlaggare": 405, "admin_user": 405},
        )
        for name in (
            "participation_transition",
            "participation_details",
            "representative_add",
            "representative_end",
            "phase_add",
        )
    },
    "natverk:meeting_detail": Case(
        url("natverk:meeting_detail", uuid=lambda w: w["network_meeting"].uuid),
        {**KOMMUNKONTORET, "samverkansgruppen_member": 200},
    ),
    "natverk:meeting_update": Case(
        url("natverk:meeting_update", uuid=lambda w: w["network_meeting"].uuid), KOMMUNKONTORET
    ),
    "natverk:meeting_document_add": Case(
        url("natverk:meeting_document_add", uuid=lambda w: w["network_meeting"].uuid),
        {**KOMMUNKONTORET, "handlaggare": 405, "admin_user": 405},
    ),
    "natverk:meeting_document": Case(
        url(
            "natverk:meeting_document",
            uuid=lambda w: w["network_meeting"].uuid,
            document=lambda w: w["meeting_document"].pk,
        ),
        {**KOMMUNKONTORET, "samverkansgruppen_member": 200},
    ),
    "natverk:my_meetings": Case(url("natverk:my_meetings"), LOGGED_IN),
    # Samverkan: organisation A takes part in "initiative" and the
    # förvaltningskontakt's förvaltning is invited; others may not know it exists (404).
    # POST-only views answer 405 to a GET from whoever may use them; results, the report
    # mark and evaluations belong to later stages, so nobody but a superuser may now.
    **_samverkan_matrix(),
    **_remiss_matrix(),
    **_group_matrix(),
    "natverk:my_calendar": Case(
        url("natverk:my_calendar", token=lambda w: w["calendar_feed"].token), PUBLIC
    ),
}


def test_every_url_has_an_entry():
    names = set(named_patterns(get_resolver().url_patterns))
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert not missing, f"add these URLs to the permission matrix: {missing}"
    assert not stale, f"these matrix entries name no URL: {stale}"


@pytest.fixture
def world(request) -> dict:
    return world_create({name: request.getfixturevalue(name) for name in CAST})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_status_for_role(client, request, world, no_staff_mfa, name, role):
    case = MATRIX[name]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(case.url(world))
    assert response.status_code == case.expect[role], (
        f"{name} as {role}: expected {case.expect[role]}, got {response.status_code}"
    )
