"""The conference's invitation list (samverkan/group/services/conference.py): which years have a
conference, who is invited with which addresses, the nämnder's chairs, and a second
build that adds only what is missing.

Written against the mutants that survived
`make mutation MUTATE=samverkan/group/services/conference.py`."""

import pytest
from django.utils.translation import gettext

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import Representation
from overenskommelse.platform.selectors.history import history_for
from samverkan.group.models import ConferenceInvitation
from samverkan.group.services import conference as services
from tests.factories import (
    MunicipalBodyFactory,
    OrganisationFactory,
    RepresentationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Kind = ConferenceInvitation.Kind


def test_a_conference_every_second_year_from_the_cycle_start(settings):
    settings.SAMVERKAN_CONFERENCE_CYCLE_START = 2021
    assert [year for year in range(2019, 2028) if services.conference_year_due(year)] == [
        2019,
        2021,
        2023,
        2025,
        2027,
    ]


def invitations(conference) -> dict[str, str]:
    return {i.name: i.emails for i in conference.invitations.all()}


def test_every_organisation_with_its_public_address_and_confirmed_representatives(
    conference, handlaggare
):
    open_one = OrganisationFactory(name="Förening Öppen", email="info@oppen.se")
    for email, status, active in [
        ("anna@oppen.se", Representation.Status.CONFIRMED, True),
        ("bo@oppen.se", Representation.Status.CONFIRMED, False),
        ("cia@oppen.se", Representation.Status.REQUESTED, True),
    ]:
        RepresentationFactory(
            organisation=open_one, status=status, user=UserFactory(email=email, is_active=active)
        )
    quiet = OrganisationFactory(name="Förening Tyst", email="")
    RepresentationFactory(organisation=quiet, user=UserFactory(email="dan@tyst.se"))
    OrganisationFactory(name="Förening Utan", email="")
    assert services.invitation_list_build(actor=handlaggare, conference=conference) == 3
    assert invitations(conference) == {
        "Förening Öppen": "anna@oppen.se\ninfo@oppen.se",
        "Förening Tyst": "dan@tyst.se",
        "Förening Utan": "",
    }
    built = history_for(subject=conference).get(action="conference_list_built")
    assert (built.actor, built.message) == (handlaggare, "3")


def test_the_chair_and_vice_chair_of_every_active_namnd(conference, handlaggare):
    namnd = MunicipalBodyFactory(
        name="Kultur- och fritidsnämnden",
        kind=MunicipalBody.Kind.NAMND,
        chair="Olle Ordförande",
        vice_chair="",
        contact_email="kfn@example.se",
    )
    MunicipalBodyFactory(name="Gamla nämnden", kind=MunicipalBody.Kind.NAMND, is_active=False)
    MunicipalBodyFactory(name="Socialförvaltningen", chair="Inte en nämnd")
    services.invitation_list_build(actor=handlaggare, conference=conference)
    rows = sorted(
        conference.invitations.exclude(kind=Kind.ORGANISATION).values_list(
            "kind", "municipal_body", "name", "emails"
        )
    )
    unnamed = rows[1][2]
    assert rows == [
        (
            Kind.CHAIR,
            namnd.pk,
            "Olle Ordförande, ordförande, Kultur- och fritidsnämnden",
            "kfn@example.se",
        ),
        (Kind.VICE_CHAIR, namnd.pk, unnamed, "kfn@example.se"),
    ]
    # The marker has no Swedish translation yet (config/locale/sv); whatever it reads.
    assert (
        unnamed == f"{gettext('(name not recorded)')}, vice ordförande, Kultur- och fritidsnämnden"
    )


def test_a_second_build_adds_only_who_is_missing(conference, handlaggare, organisation_a):
    MunicipalBodyFactory(
        name="Nämnden", kind=MunicipalBody.Kind.NAMND, chair="Ordf", vice_chair="Vice"
    )
    assert services.invitation_list_build(actor=handlaggare, conference=conference) == 3
    conference.invitations.filter(kind=Kind.VICE_CHAIR).delete()
    OrganisationFactory(name="Ny förening")
    assert services.invitation_list_build(actor=handlaggare, conference=conference) == 2
    kinds = sorted(conference.invitations.values_list("kind", flat=True))
    assert kinds == sorted([Kind.ORGANISATION, Kind.ORGANISATION, Kind.CHAIR, Kind.VICE_CHAIR])
    assert services.invitation_list_build(actor=handlaggare, conference=conference) == 0
