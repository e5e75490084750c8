"""What the URL matrices share (tests/test_permission_matrix.py, tests/test_form_matrix.py):
the roles, the portal's own named URLs, and the world of objects those URLs point at."""

from collections.abc import Callable

from django.urls import URLPattern, URLResolver, reverse

ROLES = (
    "anonymous",
    "rep_a",
    "rep_b",
    "forvaltningskontakt",
    "samverkansgruppen_member",
    "handlaggare",
    "admin_user",
)
THIRD_PARTY = ("allauth.", "django.contrib.admin.", "django.views.i18n", "django.views.static")


def url(url_name: str, **kwargs) -> Callable[[dict], str]:
    """A URL whose kwargs may be callables taking the world (the objects made for the test)."""

    def build(world: dict) -> str:
        return reverse(
            url_name, kwargs={k: v(world) if callable(v) else v for k, v in kwargs.items()}
        )

    return build


def named_patterns(patterns, namespace: str = "") -> dict[str, URLPattern]:
    """The portal's own named URL patterns by their full name (third-party ones left out)."""
    found: dict[str, URLPattern] = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns == "admin":
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            found.update(named_patterns(pattern.url_patterns, prefix))
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "") or ""
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            if not module.startswith(THIRD_PARTY):
                found[f"{namespace}{pattern.name}"] = pattern
    return found


def world_create(cast: dict) -> dict:
    """The objects URLs in the matrices point at, for the cast (tests/cast.py). Apps add
    what their URLs need."""
    organisation_a = cast["organisation_a"]
    world = {"organisation_a": organisation_a, "organisation_b": cast["organisation_b"]}
    world.update(_affiliation_world(organisation_a, cast["rep_a"]))
    world.update(_protocol_network_world(cast["samverkansgruppen_member"], cast["handlaggare"]))
    world.update(_samverkan_world(organisation_a, cast["handlaggare"], cast["forvaltningskontakt"]))
    world.update(_remiss_world(organisation_a, cast["handlaggare"]))
    world.update(_group_world(cast["handlaggare"], cast["samverkansgruppen_member"]))
    world.update(_accessibility_world())
    return world


def _accessibility_world() -> dict:
    """An open report about accessibility, sent without an e-mail address."""
    from overenskommelse.agreement.models import AccessibilityFeedback

    feedback = AccessibilityFeedback.objects.create(
        page="/foreningsregistret/", problem="Tabellen saknar rubriker."
    )
    return {"accessibility_feedback": feedback}


def _samverkan_world(organisation_a, handlaggare, forvaltningskontakt) -> dict:
    """An initiative in samverkansinitiativ with organisation A taking part, the
    förvaltningskontakt's förvaltning invited, and one document."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from samverkan.pipeline.models import Initiative, InitiativeDocument, InitiativeParty

    now = timezone.now()
    initiative = Initiative.objects.create(
        title="Initiativ", need="Behov", stage="samverkansinitiativ",
        handlaggare=handlaggare, last_activity_at=now,
    )  # fmt: skip
    organisation_party = InitiativeParty.objects.create(
        initiative=initiative, organisation=organisation_a, status="deltar", invited_at=now
    )
    invited_party = InitiativeParty.objects.create(
        initiative=initiative,
        municipal_body=forvaltningskontakt.role_assignments.get().municipal_body,
        invited_at=now,
    )
    document = InitiativeDocument.objects.create(
        initiative=initiative,
        title="Avtal",
        file=ContentFile(b"%PDF-1.4 test", name="avtal.pdf"),
        content_type="application/pdf",
    )
    return {
        "initiative": initiative,
        "organisation_party": organisation_party,
        "invited_party": invited_party,
        "initiative_document": document,
    }


def _group_world(handlaggare, member) -> dict:
    """A term, a meeting with a document, a follow-up under review and an
    approved one, a conference with one registration."""
    import datetime

    from django.core.files.base import ContentFile

    from samverkan.group.models import GroupMeetingDocument
    from samverkan.group.services import conference, followup, group
    from tests.factories import MunicipalBodyFactory

    body = MunicipalBodyFactory(name="Kommunkontoret", slug="kommunkontoret")
    membership = group.membership_add(
        actor=handlaggare, name="Ledamot", municipal_body=body,
        starts_on=datetime.date(2025, 1, 1), user=member,
    )  # fmt: skip
    meeting = group.meeting_create(
        actor=handlaggare, title="Möte", date=datetime.date(2027, 3, 1),
        start_time=datetime.time(13), place="Stadshuset",
    )  # fmt: skip
    document = GroupMeetingDocument.objects.create(
        meeting=meeting,
        title="Handling",
        file=ContentFile(b"%PDF-1.4 test", name="handling.pdf"),
        content_type="application/pdf",
    )
    followup.followup_create(actor=handlaggare, year=2024)
    approved = followup.followup_approve(
        actor=member, followup=followup.followup_create(actor=handlaggare, year=2023)
    )
    event = conference.conference_create(
        actor=handlaggare, title="Konferens", date=datetime.date(2099, 5, 1),
        start_time=datetime.time(9), place="Stadshallen", programme="Program", places=10,
        registration_closes_on=datetime.date(2099, 4, 20),
    )  # fmt: skip
    registration = conference.registration_create(
        conference=event, name="Anna", email="anna@example.se"
    )
    from samverkan.group.models import FollowUp

    return {
        "group_membership": membership,
        "group_meeting": meeting,
        "group_document": document,
        "followup_draft": FollowUp.objects.get(year=2024),
        "followup_approved": approved,
        "conference": event,
        "registration": registration,
    }


def _affiliation_world(organisation_a, rep_a) -> dict:
    """A has a draft application and an earlier, withdrawn affiliation; rep_a
    also represents an affiliated organisation."""
    import datetime

    from overenskommelse.agreement.models import AgreementVersion
    from tests.factories import (
        AffiliationApplicationFactory,
        AffiliationFactory,
        OrganisationFactory,
        RepresentationFactory,
    )

    AgreementVersion.objects.create(
        title="Överenskommelsen", version_date=datetime.date(2018, 6, 26), is_current=True
    )
    application = AffiliationApplicationFactory(
        organisation=organisation_a, status="utkast", submitted_at=None
    )
    withdrawal = AffiliationFactory(
        organisation=organisation_a,
        affiliated_from=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2024, 1, 1),
        withdrawal_protocol=application.protocol.name,
        withdrawal_protocol_content_type="application/pdf",
    )
    affiliated = AffiliationFactory(organisation=OrganisationFactory(name="Ansluten")).organisation
    RepresentationFactory(user=rep_a, organisation=affiliated)
    return {"application": application, "withdrawal": withdrawal, "affiliated": affiliated}


def _protocol_network_world(attendee, handlaggare) -> dict:
    """A sammanträde with a public and a non-public §, and a network with a
    participation and a meeting (with a document) that `attendee` attends."""
    import datetime

    from django.core.files.base import ContentFile

    from natverk.models import CalendarFeed, MeetingDocument, Network, NetworkMeeting, Participation
    from overenskommelse.protocols.services import protocols

    meeting = protocols.protocol_meeting_create(
        actor=handlaggare, organ_name="Kommunstyrelsen", date=datetime.date(2026, 1, 1)
    )
    public = protocols.paragraph_create(
        meeting=meeting,
        actor=handlaggare,
        number=1,
        title="Öppen",
        clauses=["att x"],
        is_public=True,
    )
    private = protocols.paragraph_create(
        meeting=meeting, actor=handlaggare, number=2, title="Intern", clauses=["att y"]
    )
    network = Network.objects.create(
        slug="natverk", name="Nätverk", organiser="SKR", kind="utvecklingsnatverk"
    )
    participation = Participation.objects.create(network=network, municipality_name="Lund")
    network_meeting = NetworkMeeting.objects.create(
        network=network, title="Träff", date=datetime.date(2026, 12, 1)
    )
    network_meeting.attendees.add(attendee)
    document = MeetingDocument.objects.create(
        meeting=network_meeting,
        title="Dagordning",
        file=ContentFile(b"%PDF-1.4 test", name="dagordning.pdf"),
        content_type="application/pdf",
    )
    return {
        "protocol_meeting": meeting,
        "public_paragraph": public,
        "private_paragraph": private,
        "network": network,
        "participation": participation,
        "network_meeting": network_meeting,
        "meeting_document": document,
        "calendar_feed": CalendarFeed.objects.create(user=attendee),
    }


def _remiss_world(organisation_a, handlaggare) -> dict:
    import datetime

    from django.core.files.base import ContentFile

    from overenskommelse.agreement.models import (
        ActionPlan,
        ActionPlanDocument,
        RemissAnswer,
        RemissAnswerAttachment,
        RemissDocument,
    )
    from overenskommelse.agreement.services import remiss as remiss_services

    plan = ActionPlan.objects.create(
        title="Handlingsplan", slug="handlingsplan", start_year=2021, end_year=2024, status="remiss"
    )
    plan_document = ActionPlanDocument.objects.create(
        plan=plan, title="Planen", file=ContentFile(b"%PDF-1.4 test", name="plan.pdf")
    )
    remiss = remiss_services.remiss_create(
        actor=handlaggare,
        title="Remiss",
        opens_on=datetime.date(2026, 11, 1),
        closes_on=datetime.date(2026, 12, 31),
        meetings=[
            remiss_services.MeetingTime(
                datetime.date(2026, 12, 1), datetime.time(18), datetime.time(19)
            )
        ],
    )
    document = RemissDocument.objects.create(
        remiss=remiss, title="Remisshandling", file=ContentFile(b"%PDF-1.4 t", name="r.pdf")
    )
    (instans,) = remiss_services.remiss_instanser_add(
        remiss=remiss, actor=handlaggare, organisations=[organisation_a]
    )
    remiss_services.remiss_transition(remiss=remiss, actor=handlaggare, name="publish")
    answer = RemissAnswer.objects.create(instans=instans)
    attachment = RemissAnswerAttachment.objects.create(
        answer=answer,
        title="Bilaga",
        file=ContentFile(b"%PDF-1.4 b", name="b.pdf"),
        content_type="application/pdf",
    )
    return {
        "action_plan": plan,
        "action_plan_document": plan_document,
        "remiss": remiss,
        "remiss_meeting": remiss.meetings.get(),
        "remiss_document": document,
        "remiss_instans": instans,
        "remiss_attachment": attachment,
    }
