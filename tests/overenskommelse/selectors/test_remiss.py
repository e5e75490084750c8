# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Reads of remiss rounds: who answers for an instans, who is told, what a user sees,
and the compilation of the answers."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from overenskommelse.accounts import predicates as accounts_predicates
from overenskommelse.accounts.models import MunicipalBody, Role
from overenskommelse.agreement import predicates as agreement_predicates
from overenskommelse.agreement.models import (
    Remiss,
    RemissAnswer,
    RemissCompilationPdf,
    Representation,
)
from overenskommelse.agreement.selectors import remiss as selectors
from overenskommelse.agreement.services import remiss as services
from tests.factories import (
    MunicipalBodyFactory,
    OrganisationFactory,
    RepresentationFactory,
    UserFactory,
    user_with_role,
)
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db

OPEN = at(2021, 2, 1, 12)


def test_a_contact_answers_for_the_forvaltning_and_its_namnd(namnd, namnd_contact, rep_a):
    body = namnd_contact.role_assignments.get().municipal_body
    assert accounts_predicates.user_body_ids(namnd_contact) == frozenset({body.pk, namnd.pk})
    assert accounts_predicates.user_body_ids(rep_a) == frozenset()
    assert accounts_predicates.user_body_ids(AnonymousUser()) == frozenset()
    # A förvaltning without a nämnd is only itself.
    lone = MunicipalBodyFactory()
    contact = user_with_role(Role.FORVALTNINGSKONTAKT, municipal_body=lone)
    assert accounts_predicates.user_body_ids(contact) == frozenset({lone.pk})
    # Other roles tied to nothing give nothing.
    assert accounts_predicates.user_body_ids(user_with_role(Role.HANDLAGGARE)) == frozenset()


def test_who_represents_an_instans(published_remiss, organisation_a, rep_a, rep_b, namnd):
    by_org = published_remiss.instanser.get(organisation=organisation_a)
    by_body = published_remiss.instanser.get(municipal_body=namnd)
    assert agreement_predicates.user_represents_instans(rep_a, by_org)
    assert not agreement_predicates.user_represents_instans(rep_b, by_org)
    assert not agreement_predicates.user_represents_instans(rep_a, by_body)
    assert not agreement_predicates.user_represents_instans(AnonymousUser(), by_org)


def test_an_organisation_instans_is_told_through_its_confirmed_active_representatives(
    published_remiss, organisation_a, rep_a
):
    RepresentationFactory(
        organisation=organisation_a, user=UserFactory(email="b@example.se"), status="begard"
    )
    RepresentationFactory(
        organisation=organisation_a, user=UserFactory(email="c@example.se", is_active=False)
    )
    RepresentationFactory(organisation=organisation_a, user=UserFactory(email="a@example.se"))
    organisation_a.email = "info@a.se"
    organisation_a.save()
    instans = published_remiss.instanser.get(organisation=organisation_a)
    assert selectors.instans_recipient_emails(instans) == sorted(["a@example.se", rep_a.email])


def test_a_namnd_instans_is_told_through_its_address_and_the_contacts_of_it_and_below(
    published_remiss, namnd, namnd_contact
):
    namnd.contact_email = "namnd@lund.se"
    namnd.save()
    direct = user_with_role(Role.FORVALTNINGSKONTAKT, municipal_body=namnd, email="direkt@lund.se")
    user_with_role(
        Role.FORVALTNINGSKONTAKT,
        municipal_body=MunicipalBodyFactory(parent=namnd),
        email="slutat@lund.se",
        is_active=False,
    )
    user_with_role(Role.FORVALTNINGSKONTAKT, email="annan@lund.se")
    user_with_role(Role.HANDLAGGARE, email="handlaggare@lund.se")
    instans = published_remiss.instanser.select_related("municipal_body").get(municipal_body=namnd)
    assert selectors.instans_recipient_emails(instans) == sorted(
        ["namnd@lund.se", direct.email, namnd_contact.email]
    )
    # Without a contact address only the people.
    namnd.contact_email = ""
    namnd.save()
    instans = published_remiss.instanser.select_related("municipal_body").get(municipal_body=namnd)
    assert selectors.instans_recipient_emails(instans) == sorted(
        [direct.email, namnd_contact.email]
    )


def test_many_instanser_are_told_each_their_own(published_remiss, organisation_a, rep_a, namnd):
    instanser = list(published_remiss.instanser.select_related("municipal_body"))
    result = selectors.instanser_recipient_emails(instanser)
    by_org = published_remiss.instanser.get(organisation=organisation_a)
    by_body = published_remiss.instanser.get(municipal_body=namnd)
    assert result[by_org.pk] == [rep_a.email]
    assert rep_a.email not in result[by_body.pk]
    assert selectors.instanser_recipient_emails([]) == {}


def test_the_list_shows_kommunkontoret_every_remiss_and_others_the_published(
    published_remiss, handlaggare, rep_a
):
    draft = services.remiss_create(
        actor=handlaggare,
        title="A utkast",
        opens_on=dt.date(2021, 5, 1),
        closes_on=dt.date(2021, 6, 1),
    )
    same_day = services.remiss_create(
        actor=handlaggare,
        title="B utkast",
        opens_on=dt.date(2021, 5, 1),
        closes_on=dt.date(2021, 6, 1),
    )
    oldest = services.remiss_create(
        actor=handlaggare,
        title="0 äldst",  # first by title, last by the day it opens
        opens_on=dt.date(2020, 1, 1),
        closes_on=dt.date(2020, 2, 1),
    )
    assert list(selectors.remiss_list(user=handlaggare)) == [
        draft,
        same_day,
        published_remiss,
        oldest,
    ]
    assert list(selectors.remiss_list(user=rep_a)) == [published_remiss]
    assert list(selectors.remiss_list(user=AnonymousUser())) == [published_remiss]


def test_the_instanser_are_listed_bodies_then_organisations_in_swedish_order(
    draft_remiss, handlaggare
):
    orgs = [OrganisationFactory(name=n) for n in ("Örebroföreningen", "Ankföreningen", "Zeta")]
    bodies = [
        MunicipalBodyFactory(name=n, kind=MunicipalBody.Kind.NAMND)
        for n in ("Äldrenämnden", "Byggnadsnämnden")
    ]
    services.remiss_instanser_add(
        remiss=draft_remiss, actor=handlaggare, organisations=orgs, bodies=bodies
    )
    assert [i.name for i in selectors.remiss_instanser(remiss=draft_remiss)] == [
        "Byggnadsnämnden",
        "Äldrenämnden",
        "Ankföreningen",
        "Zeta",
        "Örebroföreningen",
    ]


def test_a_user_answers_for_the_instanser_they_represent(
    published_remiss, organisation_a, rep_a, namnd, namnd_contact, rep_b
):
    assert [
        i.organisation for i in selectors.instans_for_user(remiss=published_remiss, user=rep_a)
    ] == [organisation_a]
    assert [
        i.municipal_body
        for i in selectors.instans_for_user(remiss=published_remiss, user=namnd_contact)
    ] == [namnd]
    assert selectors.instans_for_user(remiss=published_remiss, user=rep_b) == []
    assert selectors.instans_for_user(remiss=published_remiss, user=AnonymousUser()) == []


def test_own_initiative_is_offered_for_organisations_not_yet_asked(
    published_remiss, organisation_a, rep_a
):
    other = OrganisationFactory(name="Annan förening")
    RepresentationFactory(user=rep_a, organisation=other)
    RepresentationFactory(
        user=rep_a, organisation=OrganisationFactory(), status=Representation.Status.REQUESTED
    )
    assert list(selectors.own_initiative_organisations(remiss=published_remiss, user=rep_a)) == [
        other
    ]


def test_mina_sidor_lists_the_open_remisser_with_the_state_of_each_answer(
    published_remiss, organisation_a, rep_a, namnd_contact, handlaggare
):
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(instans=instans, actor=rep_a, texts={}, version=None)
        later = services.remiss_create(
            actor=handlaggare,
            title="Senare",
            opens_on=dt.date(2021, 1, 1),
            closes_on=dt.date(2021, 3, 31),
        )
        services.remiss_instanser_add(
            remiss=later, actor=handlaggare, organisations=[OrganisationFactory()]
        )
        services.remiss_transition(remiss=later, actor=handlaggare, name="publish")
    rows = selectors.remisser_for_user(user=rep_a, now=OPEN)
    assert [(r.remiss, r.instans, r.answer_status) for r in rows] == [
        (published_remiss, instans, "Utkast"),
        (later, None, ""),
    ]
    # A förvaltningskontakt is offered only what its bodies were asked.
    contact_rows = selectors.remisser_for_user(user=namnd_contact, now=OPEN)
    assert [(r.remiss, r.answer_status) for r in contact_rows] == [(published_remiss, "")]
    assert selectors.remisser_for_user(user=handlaggare, now=OPEN) == []
    assert selectors.remisser_for_user(user=AnonymousUser(), now=OPEN) == []
    # After the deadline nothing is open.
    assert selectors.remisser_for_user(user=rep_a, now=at(2021, 4, 1, 12)) == []


def test_mina_sidor_lists_the_remiss_that_closes_first_first(
    published_remiss, organisation_a, rep_a, handlaggare
):
    with time_machine.travel(OPEN, tick=False):
        sooner = services.remiss_create(  # made after, closes before 28 February
            actor=handlaggare,
            title="Snart",
            opens_on=dt.date(2021, 1, 1),
            closes_on=dt.date(2021, 2, 10),
        )
        services.remiss_instanser_add(
            remiss=sooner, actor=handlaggare, organisations=[organisation_a]
        )
        services.remiss_transition(remiss=sooner, actor=handlaggare, name="publish")
    rows = selectors.remisser_for_user(user=rep_a, now=OPEN)
    assert [r.remiss for r in rows] == [sooner, published_remiss]


def test_the_compilation_has_submitted_texts_by_section_and_who_did_not_answer(
    published_remiss, organisation_a, rep_a, namnd, handlaggare
):
    first, second, *_ = published_remiss.sections.all()
    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(
            instans=instans,
            actor=rep_a,
            texts={first.pk: "Föreningens svar", second.pk: "   "},
            version=None,
            submit=True,
        )
    draft_org = OrganisationFactory(name="Utkastföreningen")
    RepresentationFactory(organisation=draft_org, user=UserFactory(email="u@example.se"))
    (draft_instans,) = services.remiss_instanser_add(
        remiss=published_remiss, actor=handlaggare, organisations=[draft_org]
    )
    draft_user = draft_org.representations.get().user
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(
            instans=draft_instans, actor=draft_user, texts={first.pk: "Utkast"}, version=None
        )
    compiled = selectors.remiss_compilation(remiss=published_remiss)
    assert compiled.remiss == published_remiss
    assert [c.section for c in compiled.sections] == list(published_remiss.sections.all())
    answer = RemissAnswer.objects.get(instans=instans)
    assert compiled.sections[0].answers == [(instans, answer, "Föreningens svar")]
    assert all(c.answers == [] for c in compiled.sections[1:])
    assert compiled.answered == [instans]
    assert [i.name for i in compiled.not_answered] == [
        "Kultur- och fritidsnämnden",
        "Utkastföreningen",
    ]


def test_the_compilation_pdf_is_found_once_asked_for(published_remiss):
    assert selectors.remiss_compilation_pdf(remiss=published_remiss) is None
    pdf = RemissCompilationPdf.objects.create(remiss=published_remiss)
    assert selectors.remiss_compilation_pdf(remiss=published_remiss) == pdf
    assert Remiss.objects.count() == 1


def _queries(read) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_the_lists_of_instanser_take_as_many_queries_for_many_as_for_one(
    published_remiss, organisation_a, rep_a, handlaggare
):
    def mina_sidor():
        rep_a.__dict__.pop("represented_organisation_ids", None)  # a new request
        return [
            (row.remiss.title, row.instans and row.instans.name, row.answer_status)
            for row in selectors.remisser_for_user(user=rep_a, now=OPEN)
        ]

    def instanser():
        return [
            (i.name, getattr(i, "answer", None))
            for i in selectors.remiss_instanser(remiss=published_remiss)
        ]

    def own():
        rep_a.__dict__.pop("represented_organisation_ids", None)
        return [
            getattr(i, "answer", None)
            for i in selectors.instans_for_user(remiss=published_remiss, user=rep_a)
        ]

    instans = published_remiss.instanser.get(organisation=organisation_a)
    with time_machine.travel(OPEN, tick=False):
        services.remiss_answer_save(instans=instans, actor=rep_a, texts={}, version=None)
    for read in (mina_sidor, instanser, own):
        read()  # once, for what is loaded once per process or per user
    before = [_queries(read) for read in (mina_sidor, instanser, own)]
    more = [OrganisationFactory(name=f"Förening {n}") for n in "CDE"]
    for organisation in more:
        RepresentationFactory(organisation=organisation, user=rep_a, status="bekraftad")
    services.remiss_instanser_add(remiss=published_remiss, actor=handlaggare, organisations=more)
    rep_a.__dict__.pop("represented_organisation_ids", None)  # cached per request
    for organisation in more:
        with time_machine.travel(OPEN, tick=False):
            services.remiss_answer_save(
                instans=published_remiss.instanser.get(organisation=organisation),
                actor=rep_a,
                texts={},
                version=None,
            )
    assert [_queries(read) for read in (mina_sidor, instanser, own)] == before
