"""What a compiled follow-up holds, as approval freezes it and the published report shows
it: the förvaltningar's reports and the lessons of the year, the affiliations with
names and dates, the totals of the plan's areas only, the comparison with the year
before, and a number of queries that does not grow with the data."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from overenskommelse.agreement.models import ActionPlan, PriorityArea
from samverkan.group.models import ForvaltningReport, ForvaltningReportArea
from samverkan.group.services import followup as followup_services
from samverkan.pipeline.models import ContinueChoice, Evaluation, Stage
from tests.factories import AffiliationFactory, MunicipalBodyFactory, OrganisationFactory
from tests.samverkan.group.conftest import initiative

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 2, 10, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _report(body, year: int, commitments: str, texts: dict) -> ForvaltningReport:
    report = ForvaltningReport.objects.create(
        municipal_body=body, year=year, commitments=commitments, submitted_at=NOW
    )
    for area, text in texts.items():
        ForvaltningReportArea.objects.create(report=report, area=area, text=text)
    return report


def _evaluation(item, lessons: str, created: datetime.datetime) -> Evaluation:
    evaluation = Evaluation.objects.create(
        initiative=item,
        goal_fulfilment="Målen nåddes",
        lessons=lessons,
        should_continue=ContinueChoice.YES,
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(created_at=created)
    return evaluation


def _year_of_data(areas, handlaggare, numbers: range) -> None:
    one, two = areas
    for i in numbers:
        item = initiative(
            title=f"Läxhjälp {i}", stage=Stage.RESULTS, areas=[one], handlaggare=handlaggare
        )
        _evaluation(item, f"Lärdom {i}", datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC))
        body = MunicipalBodyFactory(name=f"Förvaltning {i:02}")
        _report(body, 2025, f"Åtagande {i}", {two: "Om hälsa", one: "Om inkludering"})
        AffiliationFactory(
            organisation=OrganisationFactory(name=f"Förening {i}"),
            affiliated_from=datetime.date(2025, 4, 1),
            ended_on=datetime.date(2025, 10, 1),
        )


def test_the_reports_of_the_year_each_with_its_areas_in_the_plans_order(areas):
    one, two = areas
    _report(
        MunicipalBodyFactory(name="Socialförvaltningen"),
        2025,
        "Två IOP",
        {two: "Motion", one: "Läxhjälp"},
    )
    _report(MunicipalBodyFactory(name="Kulturförvaltningen"), 2025, "Ett IOP", {})
    _report(MunicipalBodyFactory(name="Förra året"), 2024, "Gammalt", {one: "Gammalt"})
    assert followup_services.followup_compile(year=2025)["reports"] == [
        {"body": "Kulturförvaltningen", "commitments": "Ett IOP", "areas": []},
        {
            "body": "Socialförvaltningen",
            "commitments": "Två IOP",
            "areas": [
                {"area": "Inkludering", "text": "Läxhjälp"},
                {"area": "Hälsosamma levnadsvanor", "text": "Motion"},
            ],
        },
    ]


def test_the_lessons_of_the_years_evaluations_that_wrote_some(areas, handlaggare):
    one, _two = areas
    item = initiative(title="Läxhjälp", stage=Stage.FOLLOW_UP, areas=[one], handlaggare=handlaggare)
    _evaluation(item, "Börja tidigare", datetime.datetime(2025, 9, 1, tzinfo=datetime.UTC))
    _evaluation(item, "", datetime.datetime(2025, 10, 1, tzinfo=datetime.UTC))
    _evaluation(item, "Förra året", datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC))
    assert followup_services.followup_compile(year=2025)["lessons"] == [
        {"initiative": "Läxhjälp", "lessons": "Börja tidigare"}
    ]


def test_affiliations_with_names_and_dates_and_the_ten_latest_years_of_the_series():
    AffiliationFactory(
        organisation=OrganisationFactory(name="Gamla föreningen"),
        affiliated_from=datetime.date(2012, 5, 1),
    )
    AffiliationFactory(
        organisation=OrganisationFactory(name="Nya föreningen"),
        affiliated_from=datetime.date(2025, 4, 1),
        ended_on=datetime.date(2025, 11, 30),
    )
    figures = followup_services.followup_compile(year=2025)["affiliations"]
    assert figures["new"] == [{"name": "Nya föreningen", "date": "2025-04-01"}]
    assert figures["withdrawn"] == [{"name": "Nya föreningen", "date": "2025-11-30"}]
    assert [point["year"] for point in figures["series"]] == list(range(2016, 2026))
    assert figures["active_at_end"] == 1


def test_the_totals_count_only_initiatives_in_the_plans_areas(areas, handlaggare):
    one, two = areas
    old_plan = ActionPlan.objects.create(
        title="Förra planen", slug="gammal", start_year=2015, end_year=2020, status="ersatt"
    )
    old_area = PriorityArea.objects.create(plan=old_plan, number=1, name="Gammalt", slug="g")
    year = {"start": datetime.date(2025, 3, 1), "end": datetime.date(2025, 9, 1)}
    initiative(title="Utan område", stage=Stage.RESULTS, areas=[], handlaggare=handlaggare, **year)
    initiative(
        title="Gammalt område",
        stage=Stage.RESULTS,
        areas=[old_area],
        handlaggare=handlaggare,
        **year,
    )
    initiative(
        title="Ett och gammalt",
        stage=Stage.RESULTS,
        areas=[one, old_area],
        handlaggare=handlaggare,
        **year,
    )
    initiative(
        title="Förslag i båda", stage=Stage.PROPOSAL, areas=[one, two], handlaggare=handlaggare
    )
    compiled = followup_services.followup_compile(year=2025)
    assert compiled["totals"]["initiatives"] == 1
    assert (compiled["totals"]["started"], compiled["totals"]["finished"]) == (1, 1)
    # The proposal is not counted, and the old area is not the plan's.
    assert compiled["in_several_areas"] == 0
    assert [s["count"] for s in compiled["stage_totals"]] == [0, 0, 1, 0, 0]


def test_the_comparison_is_with_the_year_before_labelled_in_swedish(areas, handlaggare):
    one, _two = areas
    for year in (2024, 2023, 2023):
        initiative(
            title=f"Start {year}",
            stage=Stage.IMPLEMENTATION,
            areas=[one],
            handlaggare=handlaggare,
            start=datetime.date(year, 3, 1),
        )
    compiled = followup_services.followup_compile(year=2025)
    assert [(row["label"], row["previous"]) for row in compiled["comparison"]] == [
        ("Initiativ (antagna)", 0),  # all created in 2025
        ("Påbörjade under året", 1),
        ("Avslutade under året", 0),
        ("Nya anslutningar", 0),
        ("Utträden", 0),
        ("Anslutna organisationer vid årets slut", 0),
    ]
    assert compiled["compiled_at"] == "2026-02-10T09:00:00+00:00"
    assert [stage["label"] for stage in compiled["stages"]] == [
        "Samverkansinitiativ",
        "Genomförande",
        "Resultat och spridning",
        "Utvärdering",
        "Uppföljning",
    ]


def test_compiling_takes_as_many_queries_for_three_of_everything_as_for_one(areas, handlaggare):
    _year_of_data(areas, handlaggare, range(1))
    with CaptureQueriesContext(connection) as one:
        followup_services.followup_compile(year=2025)
    _year_of_data(areas, handlaggare, range(1, 4))
    with CaptureQueriesContext(connection) as four:
        compiled = followup_services.followup_compile(year=2025)
    assert len(compiled["reports"]) == len(compiled["lessons"]) == 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_the_plan_that_covers_the_year_is_followed_up_whatever_its_status(db):
    def plan(slug, start, end, status):
        made = ActionPlan.objects.create(
            title=slug, slug=slug, start_year=start, end_year=end, status=status
        )
        PriorityArea.objects.create(plan=made, number=1, name=f"Område {slug}", slug=slug)

    plan("aldre", 2019, 2022, "antagen")
    plan("nyare", 2023, 2026, "remiss")
    areas = {2021: "Område aldre", 2025: "Område nyare"}
    for year, name in areas.items():
        assert [a["name"] for a in followup_services.followup_compile(year=year)["areas"]] == [name]
    ActionPlan.objects.update(status="remiss")
    ActionPlan.objects.filter(slug="nyare").update(status="antagen")
    for year, name in areas.items():
        assert [a["name"] for a in followup_services.followup_compile(year=year)["areas"]] == [name]


def test_every_fourth_year_the_compiled_follow_up_says_it_covers_the_agreement(db, settings):
    settings.SAMVERKAN_AGREEMENT_CYCLE_START = 2019
    assert followup_services.followup_compile(year=2023)["covers_agreement"] is True
    assert followup_services.followup_compile(year=2024)["covers_agreement"] is False


def test_a_follow_up_is_started_by_kommunkontoret_only_and_recorded(
    handlaggare, samverkansgruppen_member, settings
):
    from django.core.exceptions import PermissionDenied

    from overenskommelse.platform.selectors.history import history_for

    settings.SAMVERKAN_AGREEMENT_CYCLE_START = 2021
    with pytest.raises(PermissionDenied) as refused:
        followup_services.followup_create(actor=samverkansgruppen_member, year=2025)
    assert str(refused.value) == "Bara kommunkontoret får göra detta."
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    followup.refresh_from_db()
    assert (followup.created_by, followup.covers_agreement) == (handlaggare, True)
    (entry,) = history_for(subject=followup)
    assert (entry.action, entry.actor) == ("followup_created", handlaggare)
