"""The initiative board's cards and columns, the suggested parties for an initiative,
and the invitation search: what each shows, in which order, and what it leaves out."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.pipeline.models import Initiative, InitiativeParty, PartyStatus, Stage
from samverkan.pipeline.selectors import (
    SUGGESTIONS_SHOWN,
    initiative_board,
    invitable_organisations_search,
    match_suggestions,
)
from tests.factories import AffiliationFactory, MunicipalBodyFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _initiative(title, stage, handlaggare, *, minutes_ago, **fields):
    return Initiative.objects.create(
        title=title,
        need="Behov",
        stage=stage,
        form="projekt" if stage not in (Stage.PROPOSAL, Stage.INITIATIVE, Stage.DECLINED) else "",
        handlaggare=handlaggare if stage not in (Stage.PROPOSAL, Stage.DECLINED) else None,
        last_activity_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


def _column(board, stage):
    return next(column for column in board if column["stage"] == stage)


def test_the_board_shows_each_stages_newest_cards_and_its_total(handlaggare, handlaggare_b):
    type(handlaggare_b).objects.filter(pk=handlaggare_b.pk).update(first_name="", last_name="")
    _initiative("Avböjt", Stage.DECLINED, None, minutes_ago=1)  # sorts first, never shown
    oldest = _initiative("Äldst", Stage.IMPLEMENTATION, handlaggare, minutes_ago=30)
    newest = _initiative(
        "Nyast",
        Stage.IMPLEMENTATION,
        handlaggare,
        minutes_ago=5,
        hold="pausad",
        hold_reason="Väntar på lokal",
        planned_start=datetime.date(2026, 1, 1),
        planned_end=datetime.date(2026, 6, 30),
    )
    middle = _initiative("Mitten", Stage.IMPLEMENTATION, handlaggare_b, minutes_ago=10)
    board = initiative_board(queryset=Initiative.objects.all(), per_column=2)
    assert [column["stage"] for column in board] == [
        "forslag",
        "samverkansinitiativ",
        "genomforande",
        "resultat",
        "utvardering",
        "uppfoljning",
    ]
    running = _column(board, Stage.IMPLEMENTATION)
    assert (running["label"], running["total"]) == ("Genomförande", 3)
    assert running["initiatives"] == [
        {
            "title": "Nyast",
            "url": reverse("pipeline:initiative", kwargs={"uuid": newest.uuid}),
            "hold": "Pausat",
            "handlaggare": handlaggare.get_full_name(),
            "planned_end": "2026-06-30",
        },
        {
            "title": "Mitten",
            "url": reverse("pipeline:initiative", kwargs={"uuid": middle.uuid}),
            "hold": "",
            "handlaggare": handlaggare_b.email,  # no name recorded: the address
            "planned_end": "",
        },
    ]
    assert oldest.title not in str(board)
    empty = _column(board, Stage.FOLLOW_UP)
    assert (empty["label"], empty["total"], empty["initiatives"]) == ("Uppföljning", 0, [])


@pytest.fixture
def areas_and_initiative(areas, accepted):
    accepted.areas.set(areas)
    return areas, accepted


def _interested(name, *areas, affiliated=True):
    organisation = OrganisationFactory(name=name)
    organisation.priority_areas.set(areas)
    if affiliated:
        AffiliationFactory(organisation=organisation, affiliated_from=datetime.date(2024, 1, 1))
    return organisation


def test_suggestions_share_the_most_areas_first_and_leave_out_the_rest(
    areas_and_initiative, handlaggare
):
    (one, two), initiative = areas_and_initiative
    from overenskommelse.agreement.models import ActionPlan, PriorityArea

    other_plan = ActionPlan.objects.create(
        title="Annan", slug="annan", start_year=2015, end_year=2020, status="ersatt"
    )
    elsewhere = PriorityArea.objects.create(plan=other_plan, number=1, name="Annat", slug="annat")
    _interested("Alfa", one, elsewhere, elsewhere)  # one shared, one not
    _interested("Beta", one, two)  # both shared
    _interested("Gamma", elsewhere)  # interested in nothing of this initiative
    _interested("Delta", one, affiliated=False)  # not affiliated
    suggestions = match_suggestions(initiative=initiative)
    names = [o.name for o in suggestions["organisations"]]
    # The proposer (Förening A) is already a party; Förening B shares one area.
    assert names == ["Beta", "Alfa", "Förening B"]
    assert [o.shared for o in suggestions["organisations"]] == [2, 1, 1]
    assert suggestions["more_organisations"] == 0


def test_past_the_shown_suggestions_the_page_says_how_many_more(areas_and_initiative):
    (one, _two), initiative = areas_and_initiative
    for number in range(SUGGESTIONS_SHOWN + 2):
        _interested(f"Förening nr {number:02}", one)
    suggestions = match_suggestions(initiative=initiative)
    assert len(suggestions["organisations"]) == SUGGESTIONS_SHOWN
    assert suggestions["more_organisations"] == 3  # twelve and Förening B, less the ten shown


def test_forvaltningar_in_the_same_areas_are_suggested_unless_already_parties(
    areas_and_initiative, handlaggare, forvaltning
):
    (one, _two), initiative = areas_and_initiative
    working = MunicipalBodyFactory(name="Arbetar redan")
    elsewhere = _initiative("Annat", Stage.INITIATIVE, handlaggare, minutes_ago=1)
    elsewhere.areas.set([one])
    for body in (working, forvaltning):
        InitiativeParty.objects.create(
            initiative=elsewhere,
            municipal_body=body,
            status=PartyStatus.ACCEPTED,
            invited_at=timezone.now(),
        )
    by_name = sorted([working, forvaltning], key=lambda body: body.name)
    assert match_suggestions(initiative=initiative)["bodies"] == by_name
    InitiativeParty.objects.create(
        initiative=initiative,
        municipal_body=forvaltning,
        status=PartyStatus.INVITED,
        invited_at=timezone.now(),
    )
    assert match_suggestions(initiative=initiative)["bodies"] == [working]


def test_a_search_of_one_letter_finds_nothing_and_says_there_is_no_more(accepted):
    assert invitable_organisations_search(initiative=accepted, query=" F ") == {
        "organisations": [],
        "more": False,
    }


def test_the_timeline_names_each_step_in_order_with_the_stage_reached(accepted, handlaggare):
    from overenskommelse.platform.services.history import history_record
    from samverkan.pipeline.selectors import initiative_timeline

    moment = timezone.now() + datetime.timedelta(hours=1)
    history_record(
        subject=accepted,
        actor=handlaggare,
        action="samverkan_back_to_samverkansinitiativ",
        changes={"stage": ["genomforande", "samverkansinitiativ"]},
        at=moment,
    )
    history_record(subject=accepted, actor=handlaggare, action="something_new", at=moment)
    timeline = initiative_timeline(initiative=accepted)
    assert [(e.label, e.stage_to) for e in timeline] == [
        ("Föreslaget", ""),
        ("Godtaget som samverkansinitiativ", "Samverkansinitiativ"),
        ("Tillbaka ett steg", "Samverkansinitiativ"),
        ("Ändring registrerad", ""),  # same moment: in the order recorded
    ]


def test_a_party_that_left_the_agreement_is_named_and_no_other(ready, handlaggare, rep_a):
    from overenskommelse.agreement.models import Affiliation
    from samverkan.pipeline.selectors import initiative_detail, withdrawn_parties
    from samverkan.pipeline.services import pipeline

    running = pipeline.initiative_transition(initiative=ready, actor=handlaggare, name="start")
    assert withdrawn_parties(initiative=initiative_detail(uuid=running.uuid)) == []
    organisation_party = running.parties.get(organisation__isnull=False)
    Affiliation.objects.filter(organisation=organisation_party.organisation).update(
        ended_on=datetime.date(2026, 1, 1)
    )
    left = withdrawn_parties(initiative=initiative_detail(uuid=running.uuid))
    assert left == [organisation_party]  # the förvaltning is never "withdrawn"


def test_who_acts_for_a_party_confirmed_representatives_or_the_bodys_contacts(
    ready, rep_a, forvaltningskontakt, forvaltningskontakt_b, organisation_a
):
    from overenskommelse.agreement.models import Representation
    from samverkan.pipeline.selectors import party_recipients, party_users
    from tests.factories import RepresentationFactory, UserFactory

    RepresentationFactory(
        organisation=organisation_a,
        user=UserFactory(email="vantar@example.se"),
        status=Representation.Status.REQUESTED,
    )
    RepresentationFactory(organisation=organisation_a, user=UserFactory(email="slutat@example.se"))
    type(rep_a).objects.filter(email="slutat@example.se").update(is_active=False)
    organisation_party = ready.parties.get(organisation__isnull=False)
    body_party = ready.parties.get(municipal_body__isnull=False)
    assert party_recipients(party=organisation_party) == [rep_a.email]
    assert party_recipients(party=body_party) == [forvaltningskontakt.email]
    assert party_users(parties=[organisation_party]) == [rep_a]
    assert party_users(parties=[body_party]) == [forvaltningskontakt]
    assert forvaltningskontakt_b not in party_users(parties=[organisation_party, body_party])


def test_the_search_says_more_only_past_its_limit(accepted):
    for name in ("Fotbollsklubben Ett", "Fotbollsklubben Två"):
        AffiliationFactory(
            organisation=OrganisationFactory(name=name), affiliated_from=datetime.date(2024, 1, 1)
        )
    exactly = invitable_organisations_search(initiative=accepted, query="fotboll", limit=2)
    assert ([o.name for o in exactly["organisations"]], exactly["more"]) == (
        ["Fotbollsklubben Ett", "Fotbollsklubben Två"],
        False,
    )
    assert invitable_organisations_search(initiative=accepted, query="fotboll", limit=1)["more"]


def test_without_a_plan_there_are_no_current_areas(db):
    from overenskommelse.agreement.selectors.agreement import current_areas

    assert list(current_areas()) == []


def test_within_a_column_the_most_recently_active_card_comes_first_whatever_was_made_first(
    handlaggare,
):
    _initiative("Vilande", Stage.INITIATIVE, handlaggare, minutes_ago=60)
    _initiative("Aktiv", Stage.INITIATIVE, handlaggare, minutes_ago=1)
    _initiative("Förslag", Stage.PROPOSAL, None, minutes_ago=5)
    board = initiative_board(queryset=Initiative.objects.all(), per_column=5)
    assert [c["title"] for c in _column(board, Stage.INITIATIVE)["initiatives"]] == [
        "Aktiv",
        "Vilande",
    ]
    (proposal,) = _column(board, Stage.PROPOSAL)["initiatives"]
    assert proposal["handlaggare"] == ""  # not yet assigned: nothing shown


def test_the_timeline_follows_the_time_of_each_step_not_the_order_it_was_written(
    accepted, handlaggare
):
    from overenskommelse.platform.services.history import history_record
    from samverkan.pipeline.selectors import initiative_timeline

    history_record(
        subject=accepted,
        actor=handlaggare,
        action="samverkan_comment",
        message="Registrerat i efterhand",
        at=timezone.now() - datetime.timedelta(days=400),
    )
    timeline = initiative_timeline(initiative=accepted)
    assert timeline[0].action == "samverkan_comment"


def test_the_initiative_page_reads_its_related_rows_in_the_selectors_queries(
    ready, handlaggare, django_assert_num_queries
):
    from samverkan.pipeline.selectors import initiative_detail
    from samverkan.pipeline.services import pipeline

    pipeline.comment_add(initiative=ready, actor=handlaggare, text="Hej")
    Initiative.objects.filter(pk=ready.pk).update(proposing_body=MunicipalBodyFactory())
    initiative = initiative_detail(uuid=ready.uuid)
    with django_assert_num_queries(0):
        assert initiative.handlaggare == handlaggare
        assert initiative.proposed_by.email
        assert initiative.proposing_organisation.name
        assert initiative.proposing_body.name
        assert [a.name for a in initiative.areas.all()]
        assert [p.name for p in initiative.parties.all()]
        assert list(initiative.documents.all()) == []
        assert [e.party for e in initiative.evaluations.all()] == []


def test_my_pages_read_an_invitations_party_without_a_query_each(
    accepted, handlaggare, forvaltning, forvaltningskontakt, django_assert_num_queries
):
    from samverkan.pipeline.selectors import initiatives_of_user
    from samverkan.pipeline.services import pipeline

    pipeline.party_invite(initiative=accepted, actor=handlaggare, municipal_body=forvaltning)
    (invitation,) = initiatives_of_user(user=forvaltningskontakt)["invitations"]
    with django_assert_num_queries(0):
        assert invitation.initiative.title == accepted.title
        assert invitation.municipal_body.name == forvaltning.name
        assert invitation.organisation is None


def test_an_organisation_partys_recipients_are_its_own_representatives_only(ready, rep_a, rep_b):
    from samverkan.pipeline.selectors import party_recipients

    organisation_party = ready.parties.get(organisation__isnull=False)
    assert party_recipients(party=organisation_party) == [rep_a.email]


def test_a_filter_over_parties_and_areas_shows_and_counts_each_initiative_once(handlaggare, rf):
    from overenskommelse.agreement.models import ActionPlan, PriorityArea
    from samverkan.pipeline.forms import InitiativeFilter

    plan = ActionPlan.objects.create(title="Plan", slug="plan", start_year=2025, end_year=2028)
    area = PriorityArea.objects.create(plan=plan, number=1, name="Område", slug="omrade")
    body = MunicipalBodyFactory()
    shared = _initiative("Med båda", Stage.IMPLEMENTATION, handlaggare, minutes_ago=1)
    shared.areas.add(area)
    now = timezone.now()
    InitiativeParty.objects.create(initiative=shared, municipal_body=body, invited_at=now)
    InitiativeParty.objects.create(
        initiative=shared, organisation=OrganisationFactory(), invited_at=now
    )
    _initiative("Utan", Stage.IMPLEMENTATION, handlaggare, minutes_ago=2)
    request = rf.get("/", {"area": area.pk, "forvaltning": body.pk})
    filterset = InitiativeFilter(request.GET, queryset=Initiative.objects.all(), request=request)
    running = _column(initiative_board(queryset=filterset.qs), Stage.IMPLEMENTATION)
    assert running["total"] == 1
    assert [card["title"] for card in running["initiatives"]] == ["Med båda"]
    # Unfiltered, nothing is joined, so nothing needs DISTINCT.
    plain = InitiativeFilter({}, queryset=Initiative.objects.all(), request=rf.get("/"))
    assert not plain.qs.query.distinct
    assert _column(initiative_board(queryset=plain.qs), Stage.IMPLEMENTATION)["total"] == 2


def test_each_board_column_is_read_from_the_stage_and_activity_index(handlaggare):
    from django.db import connection

    _initiative("Ett", Stage.IMPLEMENTATION, handlaggare, minutes_ago=1)
    queries = []

    def capture(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        initiative_board(queryset=Initiative.objects.all())
    sql, params = next(q for q in queries if "UNION ALL" in q[0])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("initiative_board_idx") == 6  # one LIMIT per column
    assert "WindowAgg" not in plan
