"""Every rule of overenskommelse/agreement/rules.py × the whole cast (tests/rules_cast.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from overenskommelse.agreement.models import ActionPlan, Remiss, RemissInstans, Representation
from overenskommelse.protocols.services import protocols
from tests.factories import (
    AffiliationApplicationFactory,
    AffiliationFactory,
    MunicipalBodyFactory,
)
from tests.rules_cast import (
    EVERYONE,
    KOMMUNKONTORET,
    LOGGED_IN,
    NOBODY,
    Situation,
    assert_rules_allow_exactly,
    cast_users,
    only,
    project_rules,
)

pytestmark = pytest.mark.django_db
K = KOMMUNKONTORET
S = Situation

RULES: dict[str, list[Situation]] = {
    "overenskommelse.view_staff_overview": [S(None, K)],
    "overenskommelse.view_outbox": [S(None, K)],
    "overenskommelse.manage_protocols": [S(None, K)],
    "overenskommelse.view_paragraph": [S("private_paragraph", K), S("public_paragraph", EVERYONE)],
    # The whole protocol: staff only until it is justerat, then everyone.
    "overenskommelse.view_protocol_meeting": [
        S("meeting_unadjusted", K),
        S("meeting_adjusted_tomorrow", K),
        S("meeting_adjusted", EVERYONE),
    ],
    "overenskommelse.register_organisation": [S(None, LOGGED_IN)],
    "overenskommelse.request_representation": [S(None, LOGGED_IN)],
    "overenskommelse.view_organisation": [
        S("organisation_a", K | only("rep_a")),
        S("organisation_b", K | only("rep_b")),
    ],
    "overenskommelse.change_organisation": [
        S("organisation_a", K | only("rep_a")),
        S("organisation_b", K | only("rep_b")),
    ],
    "overenskommelse.view_organisation_history": [S("organisation_a", K)],
    "overenskommelse.confirm_organisation_details": [
        S("organisation_a", only("rep_a")),
        S("organisation_b", only("rep_b")),
    ],
    "overenskommelse.decide_representation": [S("organisation_a", K | only("rep_a"))],
    "overenskommelse.name_successor": [
        S("organisation_a", only("rep_a")),
        S("organisation_b", only("rep_b")),
    ],
    # rep_a's confirmed representation of A, and rep_b named rep_a's successor in A.
    "overenskommelse.end_representation": [
        S("representation_a", K | only("rep_a")),
        S("handover_offer_b", K | only("rep_b")),
    ],
    "overenskommelse.hand_over_representation": [
        S("representation_a", only("rep_a")),
        S("handover_offer_b", NOBODY),
    ],
    "overenskommelse.accept_handover": [
        S("representation_a", NOBODY),
        S("handover_offer_b", only("rep_b")),
    ],
    "overenskommelse.apply_for_affiliation": [
        S("organisation_a", only("rep_a")),
        S("organisation_b", only("rep_b")),
    ],
    "overenskommelse.withdraw_affiliation": [S("organisation_a", only("rep_a"))],
    "overenskommelse.view_application": [S("application_a", K | only("rep_a"))],
    "overenskommelse.change_application": [S("application_a", only("rep_a"))],
    "overenskommelse.decide_application": [S("application_a", K)],
    "overenskommelse.view_application_queue": [S(None, K)],
    "overenskommelse.view_withdrawal_protocol": [S("withdrawal_a", K | only("rep_a"))],
    "overenskommelse.view_action_plan": [S("plan_draft", K), S("plan_adopted", EVERYONE)],
    "overenskommelse.manage_action_plan": [S(None, K)],
    "overenskommelse.manage_remiss": [S("remiss_open", K)],
    "overenskommelse.view_remiss": [
        S("remiss_draft", K),
        S("remiss_open", EVERYONE),
        S("remiss_withdrawn", K),
    ],
    # The instans's own representative or contact answers; not kommunkontoret, not
    # the other organisation, not the other förvaltning's contact.
    "overenskommelse.answer_remiss": [
        S("instans_organisation_a", only("rep_a")),
        S("instans_forvaltning", only("forvaltningskontakt")),
        # The förvaltning serves the nämnd: its contact answers for the nämnd too.
        S("instans_namnd", only("forvaltningskontakt")),
    ],
    "overenskommelse.view_remiss_answer": [
        S("instans_organisation_a", K | only("rep_a")),
        S("instans_forvaltning", K | only("forvaltningskontakt")),
        S("instans_namnd", K | only("forvaltningskontakt")),
    ],
    "overenskommelse.answer_remiss_own_initiative": [
        S("remiss_open", only("rep_a", "rep_b")),
        S("remiss_draft", NOBODY),
        S("remiss_withdrawn", NOBODY),
    ],
    "overenskommelse.view_remiss_compilation": [S("remiss_open", K), S("remiss_closed", EVERYONE)],
    # The diarium: kommunkontoret registers and searches the ärenden's numbers.
    "overenskommelse.register_case_number": [S(None, K)],
    "overenskommelse.search_case_numbers": [S(None, K)],
    # The statement is public; its text and the reports about it are kommunkontoret's.
    "overenskommelse.change_accessibility_statement": [S(None, K)],
    "overenskommelse.handle_accessibility_feedback": [S(None, K)],
}


def test_every_rule_has_an_entry():
    assert set(RULES) == project_rules("overenskommelse")


@pytest.fixture
def world(organisation_a, organisation_b, forvaltning, handlaggare, rep_a, rep_b):
    today = timezone.localdate()
    representation_a = organisation_a.representations.get(user=rep_a)
    handover_offer_b = Representation.objects.create(
        user=rep_b,
        organisation=organisation_a,
        origin="overlamning",
        handed_over_by=representation_a,
    )
    meeting = protocols.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunstyrelsen", date=dt.date(2026, 3, 4)
    )
    paragraphs = [
        protocols.paragraph_create(
            meeting=meeting, actor=handlaggare, number=n, title=f"§ {n}", clauses=["att besluta"]
        )
        for n in (1, 2)
    ]
    paragraphs[1].is_public = True
    paragraphs[1].save()

    def adjusted(days_ago: int | None):
        return protocols.protocol_meeting_create(
            actor=handlaggare,
            organ_name="Kommunfullmäktige",
            date=today - dt.timedelta(days=14),
            adjusted_on=None if days_ago is None else today - dt.timedelta(days=days_ago),
        )

    withdrawal = AffiliationFactory(
        organisation=organisation_a, affiliated_from=dt.date(2024, 1, 1), ended_on=today
    )

    def remiss(status, opens_on, closes_on):
        published = timezone.now() if status != Remiss.Status.DRAFT else None
        return Remiss.objects.create(
            title=f"Remiss {status}",
            status=status,
            opens_on=opens_on,
            closes_on=closes_on,
            published_at=published,
        )

    namnd = MunicipalBodyFactory(name="Kultur- och fritidsnämnden", kind="namnd")
    forvaltning.parent = namnd
    forvaltning.save()
    open_remiss = remiss(
        Remiss.Status.PUBLISHED, today - dt.timedelta(10), today + dt.timedelta(30)
    )
    return {
        "organisation_a": organisation_a,
        "organisation_b": organisation_b,
        "representation_a": representation_a,
        "handover_offer_b": handover_offer_b,
        "application_a": AffiliationApplicationFactory(organisation=organisation_a),
        "withdrawal_a": withdrawal,
        "private_paragraph": paragraphs[0],
        "meeting_unadjusted": meeting,
        "meeting_adjusted_tomorrow": adjusted(-1),
        "meeting_adjusted": adjusted(1),
        "public_paragraph": paragraphs[1],
        "plan_draft": ActionPlan.objects.create(
            title="Utkast", slug="utkast", start_year=2029, end_year=2032, status="utkast"
        ),
        "plan_adopted": ActionPlan.objects.create(
            title="Antagen", slug="antagen", start_year=2025, end_year=2028, status="antagen"
        ),
        "remiss_draft": remiss(Remiss.Status.DRAFT, today, today + dt.timedelta(30)),
        "remiss_open": open_remiss,
        "remiss_closed": remiss(
            Remiss.Status.PUBLISHED, today - dt.timedelta(60), today - dt.timedelta(5)
        ),
        "remiss_withdrawn": remiss(
            Remiss.Status.WITHDRAWN, today - dt.timedelta(10), today + dt.timedelta(30)
        ),
        "instans_organisation_a": RemissInstans.objects.create(
            remiss=open_remiss, organisation=organisation_a, source=RemissInstans.Source.AFFILIATED
        ),
        "instans_forvaltning": RemissInstans.objects.create(
            remiss=open_remiss, municipal_body=forvaltning, source=RemissInstans.Source.BODY
        ),
        "instans_namnd": RemissInstans.objects.create(
            remiss=open_remiss, municipal_body=namnd, source=RemissInstans.Source.BODY
        ),
    }


def test_each_rule_allows_exactly_its_actors_and_refuses_the_rest(world, request):
    assert_rules_allow_exactly(RULES, cast_users(request), world)
