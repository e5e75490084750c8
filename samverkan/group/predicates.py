"""Predicates of samverkansgruppen and the yearly follow-up."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import rules
from django.utils.translation import gettext as _

from overenskommelse.accounts.models import MunicipalBody
from samverkan.group.models import SeatSide
from samverkan.pipeline.predicates import contact_body_ids


@rules.predicate
def followup_is_draft(user, followup) -> bool:
    return followup is not None and not followup.is_approved


@rules.predicate
def followup_is_approved(user, followup) -> bool:
    return followup is not None and followup.is_approved


@rules.predicate
def is_forvaltning_contact(user) -> bool:
    return user.is_authenticated and bool(contact_body_ids(user))


# The group's composition (four municipal seats, four for idéburen sektor, PIL and LIPS
# among them): what the services and the group page check.
MUNICIPAL_SEATS: tuple[str, ...] = (
    "kommunkontoret",
    "kultur-och-fritidsforvaltningen",
    "socialforvaltningen",
    "vard-och-omsorgsforvaltningen",
)
SECTOR_SEATS = 4
SECTOR_REQUIRED: tuple[str, ...] = ("pil", "lips")


@dataclass(frozen=True)
class Seat:
    """A current term reduced to what the rule looks at."""

    side: str
    slug: str  # the förvaltning's or the organisation's slug


def composition_problems(seats: Iterable[Seat]) -> list[str]:
    """What is wrong with the group's current composition; empty when it is right."""
    seats = list(seats)
    problems: list[str] = []
    municipal = [s.slug for s in seats if s.side == SeatSide.MUNICIPAL]
    sector = [s.slug for s in seats if s.side == SeatSide.SECTOR]
    if len(municipal) > len(MUNICIPAL_SEATS):
        problems.append(
            _("%(count)s municipal seats are filled; the group has four.")
            % {"count": len(municipal)}
        )
    counts = Counter(municipal)
    for slug in MUNICIPAL_SEATS:
        if counts[slug] == 0:
            problems.append(_("The seat of %(seat)s is vacant.") % {"seat": _body_name(slug)})
        elif counts[slug] > 1:
            problems.append(_("%(seat)s holds more than one seat.") % {"seat": _body_name(slug)})
    for slug in sorted(set(municipal) - set(MUNICIPAL_SEATS)):
        problems.append(
            _("%(seat)s does not have a municipal seat in the group.") % {"seat": _body_name(slug)}
        )
    if len(sector) > SECTOR_SEATS:
        problems.append(
            _("%(count)s sector seats are filled; the group has four.") % {"count": len(sector)}
        )
    elif len(sector) < SECTOR_SEATS:
        problems.append(
            _("%(count)s of the four seats for idéburen sektor are vacant.")
            % {"count": SECTOR_SEATS - len(sector)}
        )
    for slug in SECTOR_REQUIRED:
        if slug not in sector:
            problems.append(
                _("%(organisation)s has no seat; one sector seat is %(organisation)s's.")
                % {"organisation": slug.upper()}
            )
    return problems


def _body_name(slug: str) -> str:
    body = MunicipalBody.objects.filter(slug=slug).only("name").first()
    return body.name if body else slug
