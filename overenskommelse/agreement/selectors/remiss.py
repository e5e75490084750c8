"""Reads of remiss rounds: lists, who may answer for an instans, the compilation."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from overenskommelse.accounts.models import Role, User
from overenskommelse.accounts.predicates import is_kommunkontoret, user_body_ids
from overenskommelse.agreement.models import (
    Organisation,
    Remiss,
    RemissAnswer,
    RemissCompilationPdf,
    RemissInstans,
    RemissSection,
)
from overenskommelse.agreement.selectors.register import swedish_order


def instans_recipient_emails(instans: RemissInstans) -> list[str]:
    """Who is told about the remiss for an instans: an organisation's confirmed
    representatives; a nämnd's or råd's contact address and its förvaltningskontakter."""
    return instanser_recipient_emails([instans])[instans.pk]


def instanser_recipient_emails(instanser: list[RemissInstans]) -> dict[int, list[str]]:
    """`instans_recipient_emails` for many instanser in two queries, whatever their
    number (the reminder sweep's recipients). Keyed by instans pk; each list sorted.
    Instanser need `municipal_body` loaded (select_related) for its contact address."""
    org_ids = {i.organisation_id for i in instanser if i.organisation_id}
    body_ids = {i.municipal_body_id for i in instanser if i.municipal_body_id}
    by_org: dict[int, set[str]] = {}
    if org_ids:
        for org_id, email in User.objects.filter(
            representations__organisation_id__in=org_ids,
            representations__status="bekraftad",
            is_active=True,
        ).values_list("representations__organisation_id", "email"):
            by_org.setdefault(org_id, set()).add(email)
    by_body: dict[int, set[str]] = {}
    if body_ids:
        for body_id, parent_id, email in User.objects.filter(
            Q(role_assignments__municipal_body_id__in=body_ids)
            | Q(role_assignments__municipal_body__parent_id__in=body_ids),
            role_assignments__role=Role.FORVALTNINGSKONTAKT,
            is_active=True,
        ).values_list(
            "role_assignments__municipal_body_id",
            "role_assignments__municipal_body__parent_id",
            "email",
        ):
            # A contact of a förvaltning answers for the förvaltning and its nämnd.
            for key in (body_id, parent_id):
                if key in body_ids:
                    by_body.setdefault(key, set()).add(email)
    result: dict[int, list[str]] = {}
    for instans in instanser:
        if instans.organisation_id:
            emails = set(by_org.get(instans.organisation_id, ()))
        else:
            body = instans.municipal_body
            assert body is not None  # a CheckConstraint: an organisation or a body
            emails = set(by_body.get(body.pk, ()))
            if body.contact_email:
                emails.add(body.contact_email)
        result[instans.pk] = sorted(emails)
    return result


def remiss_list(*, user) -> QuerySet[Remiss]:
    qs = Remiss.objects.select_related("decision__meeting").order_by("-opens_on", "title")
    if is_kommunkontoret(user):
        return qs
    return qs.filter(status=Remiss.Status.PUBLISHED)


def remiss_instanser(*, remiss: Remiss) -> QuerySet[RemissInstans]:
    return remiss.instanser.select_related("organisation", "municipal_body", "answer").order_by(
        swedish_order("municipal_body__name"), swedish_order("organisation__name")
    )


def instans_for_user(*, remiss: Remiss, user) -> list[RemissInstans]:
    """The instanser of `remiss` the user may answer for."""
    if not user.is_authenticated:
        return []
    return [
        i
        for i in remiss.instanser.select_related("answer")
        if (i.organisation_id and i.organisation_id in user.represented_organisation_ids)
        or (i.municipal_body_id and i.municipal_body_id in user_body_ids(user))
    ]


def own_initiative_organisations(*, remiss: Remiss, user) -> QuerySet[Organisation]:
    """Organisations the user represents that are not yet instanser of the remiss."""
    return Organisation.objects.filter(pk__in=user.represented_organisation_ids).exclude(
        remiss_instanser__remiss=remiss
    )


@dataclass
class MyRemiss:
    remiss: Remiss
    instans: RemissInstans | None
    answer_status: str


def remisser_for_user(*, user, now: dt.datetime) -> list[MyRemiss]:
    """ "Mina sidor": open remisser the user can answer, with the state of each answer.
    Remisser the user's organisations were not asked to answer are listed too (they
    may answer on their own initiative)."""
    if not user.is_authenticated:
        return []
    bodies = user_body_ids(user)
    orgs = user.represented_organisation_ids
    if not bodies and not orgs:
        return []
    instanser = (
        RemissInstans.objects.filter(
            Q(organisation_id__in=orgs) | Q(municipal_body_id__in=bodies),
            remiss__in=Remiss.objects.open(now),
        )
        .select_related("remiss", "answer", "organisation", "municipal_body")
        .order_by("remiss__closes_on", "pk")
    )
    rows: list[MyRemiss] = []
    seen: set[int] = set()
    for instans in instanser:
        answer = getattr(instans, "answer", None)
        status = answer.get_status_display() if answer else ""
        rows.append(MyRemiss(remiss=instans.remiss, instans=instans, answer_status=status))
        seen.add(instans.remiss_id)
    if orgs:
        for remiss in Remiss.objects.open(now).exclude(pk__in=seen).order_by("closes_on"):
            rows.append(MyRemiss(remiss=remiss, instans=None, answer_status=""))
    return rows


@dataclass
class CompiledSection:
    section: RemissSection
    answers: list[tuple[RemissInstans, RemissAnswer, str]] = field(default_factory=list)


@dataclass
class Compilation:
    remiss: Remiss
    sections: list[CompiledSection]
    answered: list[RemissInstans]
    not_answered: list[RemissInstans]


def remiss_compilation(*, remiss: Remiss) -> Compilation:
    """Sammanställning av remissvar: submitted answers section by section, who
    answered (late answers marked), and the instanser that did not answer."""
    # Each text goes to its section's list, so the texts need no order of their own.
    instanser = list(remiss_instanser(remiss=remiss).prefetch_related("answer__texts"))
    sections = [CompiledSection(section=s) for s in remiss.sections.all()]
    by_id = {c.section.pk: c for c in sections}
    answered, not_answered = [], []
    for instans in instanser:
        answer = getattr(instans, "answer", None)
        if answer is None or answer.status != RemissAnswer.Status.SUBMITTED:
            not_answered.append(instans)
            continue
        answered.append(instans)
        for text in answer.texts.all():
            if text.text.strip() and text.section_id in by_id:
                by_id[text.section_id].answers.append((instans, answer, text.text))
    return Compilation(
        remiss=remiss, sections=sections, answered=answered, not_answered=not_answered
    )


def remiss_compilation_pdf(*, remiss: Remiss) -> RemissCompilationPdf | None:
    """The stored compilation PDF of `remiss` and its state, if one was ever asked for."""
    return RemissCompilationPdf.objects.filter(remiss=remiss).first()
