# ruff: noqa: F811  (the remiss fixtures are imported, then named as arguments)
"""Kommunkontoret's writes refuse everyone else in the service itself, not only in the
view: a representative, a förvaltningskontakt, samverkansgruppen, an anonymous
visitor and no actor at all; an organisation's own writes (affiliation, utträde, its
details and representatives) refuse everyone its rule leaves out. Nothing is stored
for a refused call."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from overenskommelse.agreement.models import (
    AccessibilityFeedback,
    ActionPlan,
    Affiliation,
    AffiliationApplication,
    Organisation,
    Remiss,
    RemissAnswer,
    Representation,
)
from overenskommelse.agreement.services import (
    accessibility,
    action_plan,
    affiliation,
    organisations,
    remiss,
)
from overenskommelse.protocols.models import Ballot, Paragraph, ProtocolMeeting
from overenskommelse.protocols.services import protocols
from tests.factories import AffiliationApplicationFactory, AffiliationFactory, UserFactory
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 bilaga\n%%EOF"


@pytest.fixture(
    params=["rep_a", "forvaltningskontakt", "samverkansgruppen_member", "anonymous", None]
)
def refused(request):
    if request.param is None:
        return None
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.fixture
def meeting(handlaggare):
    meeting = protocols.protocol_meeting_create(
        actor=handlaggare, date=dt.date(2026, 5, 4), organ_name="Kommunstyrelsen"
    )
    protocols.protocol_members_add(meeting=meeting, actor=handlaggare, text="Anna (S)\nBo (M)")
    return meeting


@pytest.fixture
def paragraph(meeting, handlaggare):
    return protocols.paragraph_create(
        meeting=meeting, actor=handlaggare, number=1, title="Budget", clauses=["att anta"]
    )


def _calls(meeting, paragraph, draft, published):
    members = list(meeting.members.all())
    instans = published.instanser.filter(organisation__isnull=False).first()
    plan = ActionPlan.objects.create(
        title="Handlingsplan", slug="hp-refusals", start_year=2025, end_year=2028
    )
    feedback = AccessibilityFeedback.objects.create(page="/", problem="Kontrasten är låg.")
    return {
        "accessibility_statement_update": lambda actor: (
            accessibility.accessibility_statement_update(
                actor=actor,
                compliance="helt_forenlig",
                shortcomings="Inga kända brister.",
                not_covered="",
                assessed_on=dt.date(2026, 12, 1),
                method="Självskattning.",
            )
        ),
        "accessibility_feedback_transition": lambda actor: (
            accessibility.accessibility_feedback_transition(
                case=feedback, name="feedback_close", actor=actor
            )
        ),
        "protocol_meeting_create": lambda actor: protocols.protocol_meeting_create(
            actor=actor, date=dt.date(2026, 6, 1), organ_name="Nämnden"
        ),
        "protocol_meeting_update": lambda actor: protocols.protocol_meeting_update(
            meeting=meeting,
            actor=actor,
            adjusted_on=dt.date(2026, 5, 6),
            adjustment_place_time="Stadshuset",
            notice_posted_on=dt.date(2026, 5, 7),
            notice_removed_on=dt.date(2026, 5, 28),
            protocol_kept_at="Kommunkontoret",
        ),
        "protocol_members_add": lambda actor: protocols.protocol_members_add(
            meeting=meeting, actor=actor, text="Cia (V)"
        ),
        "paragraph_create": lambda actor: protocols.paragraph_create(
            meeting=meeting, actor=actor, number=2, title="T", clauses=["att x"]
        ),
        "paragraph_publish": lambda actor: protocols.paragraph_publish(
            paragraph=paragraph, actor=actor, is_public=True
        ),
        "division_record": lambda actor: protocols.division_record(
            paragraph=paragraph,
            actor=actor,
            yes_means="bifall",
            no_means="avslag",
            ballots=[(m, Ballot.Choice.YES) for m in members],
        ),
        "remiss_create": lambda actor: remiss.remiss_create(
            actor=actor, title="Ny", opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 2, 1)
        ),
        "remiss_update": lambda actor: remiss.remiss_update(
            remiss=draft, actor=actor, title="Ändrad"
        ),
        "remiss_document_add": lambda actor: remiss.remiss_document_add(
            remiss=draft,
            actor=actor,
            title="Bilaga",
            upload=SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"),
        ),
        "remiss_instanser_add": lambda actor: remiss.remiss_instanser_add(
            remiss=draft, actor=actor, all_bodies=True
        ),
        "remiss_transition": lambda actor: remiss.remiss_transition(
            remiss=published, actor=actor, name="withdraw", reason="Fel underlag"
        ),
        "remiss_answer_register": lambda actor: remiss.remiss_answer_register(
            instans=instans,
            actor=actor,
            texts={s.pk: "Svar" for s in published.sections.all()},
            channel=RemissAnswer.Channel.EMAIL,
            received_at=at(2021, 2, 1, 9),
        ),
        "action_plan_document_add": lambda actor: action_plan.action_plan_document_add(
            plan=plan,
            actor=actor,
            title="Planen",
            upload=SimpleUploadedFile("p.pdf", PDF, content_type="application/pdf"),
        ),
    }


NAMES = [
    "accessibility_statement_update",
    "accessibility_feedback_transition",
    "protocol_meeting_create",
    "protocol_meeting_update",
    "protocol_members_add",
    "paragraph_create",
    "paragraph_publish",
    "division_record",
    "remiss_create",
    "remiss_update",
    "remiss_document_add",
    "remiss_instanser_add",
    "remiss_transition",
    "remiss_answer_register",
    "action_plan_document_add",
]


def _state():
    """How many rows each of the app's models has, and the fields a refused call
    would change in place."""
    rows = {
        m.__name__: m.objects.count()
        for label in ("platform", "accounts", "protocols", "agreement")
        for m in apps.get_app_config(label).get_models()
    }
    rows["titles"] = sorted(Remiss.objects.values_list("title", "status"))
    rows["public"] = sorted(Paragraph.objects.values_list("pk", "is_public"))
    rows["adjusted"] = sorted(ProtocolMeeting.objects.values_list("pk", "adjusted_on"))
    rows["cases"] = sorted(AccessibilityFeedback.objects.values_list("pk", "status"))
    return rows


@pytest.mark.parametrize("name", NAMES)
def test_kommunkontorets_writes_refuse_everyone_else(
    name,
    refused,
    meeting,
    paragraph,
    draft_remiss,
    published_remiss,
):
    call = _calls(meeting, paragraph, draft_remiss, published_remiss)[name]
    before = _state()
    with pytest.raises(PermissionDenied):
        call(refused)
    assert _state() == before


@pytest.mark.parametrize("name", NAMES)
def test_the_handlaggare_may_make_each_of_them(
    name,
    handlaggare,
    meeting,
    paragraph,
    draft_remiss,
    published_remiss,
):
    _calls(meeting, paragraph, draft_remiss, published_remiss)[name](handlaggare)


# An organisation's own writes -------------------------------------------------------
#
# Affiliation, utträde, the organisation's details and its representatives: the
# service checks the rule its view asks for (overenskommelse/agreement/rules.py), so another
# association's representative, a förvaltningskontakt, samverkansgruppen, an anonymous
# visitor and no actor are refused; kommunkontoret too where the rule is the
# representatives' alone.

OTHERS = ["rep_b", "forvaltningskontakt", "samverkansgruppen_member", "anonymous", None]
FROM = dt.date(2026, 11, 20)


def _actor(name, request):
    if name is None:
        return None
    if name == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(name)


def _draft(organisation):
    return AffiliationApplicationFactory(
        organisation=organisation, status=AffiliationApplication.Status.DRAFT, submitted_at=None
    )


def _withdraw(organisation, actor):
    return affiliation.affiliation_withdraw(
        organisation=organisation,
        actor=actor,
        meeting_date=dt.date(2026, 11, 2),
        paragraph="12",
        protocol=SimpleUploadedFile("p.pdf", PDF, content_type="application/pdf"),
    )


def _update(organisation, actor):
    details = {"organisation_number": "802000-0009", "name": "Nytt namn"}
    return organisations.organisation_update(
        organisation=organisation, actor=actor, details=details
    )


# The service: what it works on (made from organisation A), the call, and who besides
# the refused may make it (the last test shows they do).
ORGANISATION_CALLS = {
    "application_transition/submit": (
        _draft,
        lambda a, actor: affiliation.application_transition(
            application=a, action="submit", actor=actor
        ),
        ["rep_a"],
    ),
    "application_transition/approve": (
        lambda o: AffiliationApplicationFactory(organisation=o),
        lambda a, actor: affiliation.application_transition(
            application=a, action="approve", actor=actor, affiliated_from=FROM
        ),
        ["handlaggare"],
    ),
    "application_transition/reject": (
        lambda o: AffiliationApplicationFactory(organisation=o),
        lambda a, actor: affiliation.application_transition(
            application=a, action="reject", actor=actor, message="Vinstdrivande."
        ),
        ["handlaggare"],
    ),
    "affiliation_withdraw": (
        lambda o: AffiliationFactory(organisation=o).organisation,
        _withdraw,
        ["rep_a"],
    ),
    "organisation_update": (lambda o: o, _update, ["rep_a", "handlaggare"]),
    "organisation_details_confirm": (
        lambda o: o,
        lambda o, actor: organisations.organisation_details_confirm(organisation=o, actor=actor),
        ["rep_a"],
    ),
    "representation_decide": (
        lambda o: Representation.objects.create(user=UserFactory(), organisation=o),
        lambda r, actor: organisations.representation_decide(
            representation=r, actor=actor, confirm=True
        ),
        ["rep_a", "handlaggare"],
    ),
}
ORGANISATION_REFUSALS = [
    pytest.param(name, actor, id=f"{name}-{actor}")
    for name, (_prepare, _call, allowed) in ORGANISATION_CALLS.items()
    for actor in [*OTHERS, *sorted({"rep_a", "handlaggare"} - set(allowed))]
]


def _organisation_state():
    """Every row of the app, and the fields of organisations, applications,
    affiliations and representations that a refused call would change in place."""
    return {
        **_state(),
        "organisations": sorted(
            Organisation.objects.values_list("pk", "name", "contact_confirmed_at")
        ),
        "applications": sorted(AffiliationApplication.objects.values_list("pk", "status")),
        "affiliations": sorted(Affiliation.objects.values_list("pk", "ended_on")),
        "representations": sorted(Representation.objects.values_list("pk", "status")),
    }


@pytest.mark.parametrize(("name", "actor"), ORGANISATION_REFUSALS)
def test_an_organisations_writes_refuse_everyone_else(name, actor, organisation_a, rep_a, request):
    prepare, call, _allowed = ORGANISATION_CALLS[name]
    subject, user = prepare(organisation_a), _actor(actor, request)
    before = _organisation_state()
    with pytest.raises(PermissionDenied) as refused:
        call(subject, user)
    assert str(refused.value) == "Du får inte göra det."
    assert _organisation_state() == before


@pytest.mark.parametrize("name", sorted(ORGANISATION_CALLS))
def test_an_organisations_representative_or_kommunkontoret_makes_them(
    name, organisation_a, rep_a, handlaggare, request
):
    prepare, call, allowed = ORGANISATION_CALLS[name]
    for actor in allowed:
        before = _organisation_state()
        call(
            prepare(Organisation.objects.get(pk=organisation_a.pk)), request.getfixturevalue(actor)
        )
        assert _organisation_state() != before, actor
