"""The yearly follow-up as compiled, printed, reported to and reminded about: which days
of the year count, the PDF's sections, the worker asked at approval, the nämnd's mail,
the förvaltning's report refused in Swedish, and who the reminders go to and when."""

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from overenskommelse.accounts.models import MunicipalBody, User
from overenskommelse.platform.models import OutboxMessage
from samverkan.group.models import FollowUp, FollowUpPdf, ForvaltningReport
from samverkan.group.services import followup as followup_services
from samverkan.group.services import group
from samverkan.pipeline.models import Stage
from tests.factories import MunicipalBodyFactory
from tests.samverkan.group.conftest import initiative

pytestmark = pytest.mark.django_db


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


def _area(figures: dict, number: int) -> dict:
    return next(area for area in figures["areas"] if area["number"] == number)


def test_an_initiative_starting_on_new_years_day_is_started_that_year(areas, handlaggare):
    one, _two = areas
    initiative(
        title="Nyårsstart",
        stage=Stage.IMPLEMENTATION,
        areas=[one],
        handlaggare=handlaggare,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2026, 1, 1),
    )
    figures = followup_services.followup_compile(year=2025)
    assert _area(figures, one.number)["started"] == 1
    assert figures["totals"]["started"] == 1


def test_an_initiative_created_after_the_year_is_not_in_its_figures(areas, handlaggare):
    one, _two = areas
    later = initiative(title="Senare", stage=Stage.INITIATIVE, areas=[one], handlaggare=handlaggare)
    type(later).objects.filter(pk=later.pk).update(created_at=_at(2026, 1, 2, 9))
    figures = followup_services.followup_compile(year=2025)
    assert _area(figures, one.number)["total"] == 0
    assert followup_services.followup_compile(year=2026)["areas"][0]["total"] == 1


def test_the_pdf_has_every_section_heading_its_year_and_its_charts(followup_data, handlaggare):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    html = followup_services.followup_pdf_html(followup)
    for heading in (
        "Initiativ per prioriterat område",
        "Anslutningar och utträden",
        "Förvaltningarnas rapporter",
        "Lärdomar från utvärderingar",
        "Jämfört med föregående år",
    ):
        assert f">{heading}</h2>" in html
    assert "Den årliga uppföljningen av handlingsplanen 2025" in html
    assert html.count("<svg") >= 3  # areas, stages, affiliated organisations


def test_approval_asks_the_worker_at_the_moment_of_approval(
    followup_data, handlaggare, samverkansgruppen_member
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    moment = _at(2026, 3, 4, 10)
    followup_services.followup_approve(
        actor=samverkansgruppen_member, followup=followup, now=moment
    )
    document = FollowUpPdf.objects.get(followup=followup)
    assert document.requested_at == moment
    assert document.requested_version == document.version


def test_the_namnd_mail_links_the_published_follow_up(
    followup_data, handlaggare, samverkansgruppen_member, namnd
):
    followup = followup_services.followup_create(actor=handlaggare, year=2025)
    followup = followup_services.followup_approve(actor=samverkansgruppen_member, followup=followup)
    followup_services.followup_send_to_namnd(actor=handlaggare, followup=followup, body=namnd)
    mail = OutboxMessage.objects.get(to=[namnd.contact_email])
    public = settings.PORTAL_BASE_URL + reverse(
        "samverkansgruppen:followup_public", kwargs={"year": 2025}
    )
    assert f"\n{public}\n" in mail.body_text  # on a line of its own, above the PDF's
    assert f'href="{public}"' in mail.body_html


def test_a_report_by_anyone_but_the_contact_or_without_commitments_is_refused_in_swedish(
    forvaltningskontakt, forvaltning, forvaltningskontakt_b, handlaggare, areas
):
    for actor in (handlaggare, forvaltningskontakt_b):
        with pytest.raises(PermissionDenied) as refused:
            followup_services.report_submit(
                actor=actor,
                municipal_body=forvaltning,
                year=2026,
                commitments="Två IOP",
                area_texts={},
            )
        assert str(refused.value) == "Bara förvaltningens kontaktperson får lämna dess rapport."
    with pytest.raises(ValidationError) as refused:
        followup_services.report_submit(
            actor=forvaltningskontakt,
            municipal_body=forvaltning,
            year=2026,
            commitments="  \n ",
            area_texts={areas[0]: "Läxhjälp"},
        )
    assert refused.value.messages == ["Beskriv förvaltningens åtaganden."]
    assert not ForvaltningReport.objects.exists()


def test_reminders_follow_the_day_given_and_skip_inactive_contacts_and_filed_bodies(
    forvaltningskontakt, forvaltning, forvaltningskontakt_b, forvaltning_b
):
    gone = User.objects.create_user(email="slutat@example.se", is_active=False)
    gone.role_assignments.create(role="forvaltningskontakt", municipal_body=forvaltning)
    followup_services.report_submit(
        actor=forvaltningskontakt_b,
        municipal_body=forvaltning_b,
        year=2026,
        commitments="Klart",
        area_texts={},
    )
    # No clock travel: the day is the one given.
    sent = followup_services.followup_reminders_send(now=_at(2027, 1, 30, 9))
    recipients = sorted(m.to[0] for m in OutboxMessage.objects.all())
    assert recipients == sorted({forvaltningskontakt.email, forvaltning.contact_email})
    assert sent == len(recipients) == 2


def test_with_a_january_deadline_december_reminds_about_the_current_year(
    forvaltningskontakt, forvaltning, settings
):
    settings.SAMVERKAN_REPORT_DEADLINE = "01-15"
    assert followup_services.report_reminder_step(2026, datetime.date(2026, 12, 20)) == "2026-30d"
    followup_services.followup_reminders_send(now=_at(2026, 12, 20, 9))
    mail = OutboxMessage.objects.get(to=[forvaltningskontakt.email])
    assert "för 2026" in mail.subject


def test_the_agreement_notice_waits_for_last_years_approval_only(
    handlaggare, samverkansgruppen_member, settings
):
    settings.SAMVERKAN_AGREEMENT_CYCLE_START = 2019
    MunicipalBody.objects.filter(slug=group.KOMMUNKONTORET).delete()
    MunicipalBodyFactory(slug=group.KOMMUNKONTORET, contact_email="kk@example.se")
    assert len(group.kommunkontoret_emails()) == 2
    # A draft of 2027, and an approved follow-up of another year, do not silence it.
    FollowUp.objects.create(year=2027, covers_agreement=True, created_by=handlaggare)
    other = followup_services.followup_create(actor=handlaggare, year=2026)
    followup_services.followup_approve(actor=samverkansgruppen_member, followup=other)
    assert followup_services.followup_reminders_send(now=_at(2028, 1, 5, 9)) == 2
    assert OutboxMessage.objects.filter(subject__contains="av 2027").count() == 2


def test_each_area_is_frozen_with_its_stages_labelled_and_zeros_where_nothing_happened(
    areas, handlaggare
):
    one, two = areas
    still_running = initiative(
        title="Pågår",
        stage=Stage.IMPLEMENTATION,
        areas=[one],
        handlaggare=handlaggare,
        start=datetime.date(2024, 5, 1),
        end=datetime.date(2025, 6, 1),  # planned to end, but has no results yet
    )
    initiative(
        title="Klar senare",
        stage=Stage.RESULTS,
        areas=[one],
        handlaggare=handlaggare,
        start=datetime.date(2024, 5, 1),
        end=datetime.date(2026, 2, 1),  # finished, but not in 2025
    )
    figures = followup_services.followup_compile(year=2025)
    first, second = _area(figures, one.number), _area(figures, two.number)
    assert (first["id"], first["name"]) == (one.pk, one.name)
    assert (first["started"], first["finished"]) == (0, 0)
    assert (figures["totals"]["started"], figures["totals"]["finished"]) == (0, 0)
    assert (second["started"], second["finished"], second["total"]) == (0, 0, 0)
    assert first["by_stage"][0] == {
        "stage": "samverkansinitiativ",
        "label": "Samverkansinitiativ",
        "count": 0,
    }
    assert {"stage": still_running.stage, "label": "Genomförande", "count": 1} in first["by_stage"]


def test_an_affiliation_from_new_years_day_is_new_that_year():
    from tests.factories import AffiliationFactory

    AffiliationFactory(affiliated_from=datetime.date(2025, 1, 1))
    figures = followup_services.followup_compile(year=2025)
    assert len(figures["affiliations"]["new"]) == 1
    assert figures["totals"]["new_affiliations"] == 1
