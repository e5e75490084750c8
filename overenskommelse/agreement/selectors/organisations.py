"""Reads about organisations: who acts for them, what they take part in, what is due."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    DateTimeField,
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce

from overenskommelse.accounts.models import Role, User
from overenskommelse.agreement.models import (
    Affiliation,
    AffiliationApplication,
    Organisation,
    Representation,
)


def handlaggare_emails() -> list[str]:
    """Who hears about new applications and withdrawals: every active handläggare."""
    return sorted(
        User.objects.filter(is_active=True, role_assignments__role=Role.HANDLAGGARE)
        .values_list("email", flat=True)
        .distinct()
    )


def organisation_representative_emails(*, organisation: Organisation) -> list[str]:
    return sorted(
        organisation.representations.filter(
            status=Representation.Status.CONFIRMED, user__is_active=True
        ).values_list("user__email", flat=True)
    )


def organisation_representative_names(*, organisation: Organisation) -> list[str]:
    """The confirmed representatives as others see them: the name, or the e-mail address
    of one who has not given a name yet."""
    users = User.objects.filter(
        is_active=True,
        representations__organisation=organisation,
        representations__status=Representation.Status.CONFIRMED,
    ).distinct()
    return sorted(str(user) for user in users)


def organisation_active_affiliation(*, organisation: Organisation) -> Affiliation | None:
    return organisation.affiliations.active().first()


def organisations_of_user(*, user: User) -> QuerySet[Organisation]:
    """The organisations a user represents, with what "Mina sidor" shows of each."""
    return (
        Organisation.objects.filter(pk__in=user.represented_organisation_ids)
        .annotate(
            affiliated_from=Subquery(
                Affiliation.objects.active()
                .filter(organisation=OuterRef("pk"))
                .values("affiliated_from")[:1]
            )
        )
        .prefetch_related(
            Prefetch(
                "applications",
                queryset=AffiliationApplication.objects.order_by("-created_at"),
            ),
            Prefetch(
                "representations",
                queryset=Representation.objects.filter(status=Representation.Status.REQUESTED)
                .exclude(origin=Representation.Origin.HANDOVER)
                .select_related("user"),
                to_attr="pending_representations",
            ),
        )
        .order_by("name")
    )


def representation_requests_of_user(*, user: User) -> QuerySet[Representation]:
    return (
        Representation.objects.filter(user=user)
        .exclude(status=Representation.Status.CONFIRMED)
        .select_related("organisation", "handed_over_by__user")
        .order_by("-created_at")
    )


def organisations_unconfirmed(*, now: datetime) -> QuerySet[Organisation]:
    """Affiliated organisations whose details nobody has confirmed for more than a year.

    Until the first confirmation, the affiliation's start counts as one.
    """
    active = Affiliation.objects.active().filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(Exists(active))
        .annotate(
            affiliated_from=Subquery(active.values("affiliated_from")[:1]),
            last_confirmed=Coalesce(
                "contact_confirmed_at",
                Cast(Subquery(active.values("affiliated_from")[:1]), DateTimeField()),
            ),
        )
        .filter(last_confirmed__lt=now - timedelta(days=365))
        .order_by("last_confirmed", "name")
    )


# Samverkan hook ------------------------------------------------------------------------


@dataclass(frozen=True)
class OngoingInitiative:
    """An ongoing samverkansinitiativ as the agreement app needs to know it."""

    title: str
    url: str
    responsible_name: str
    responsible_email: str


InitiativeProvider = Callable[[Organisation], list[OngoingInitiative]]
_initiative_providers: list[InitiativeProvider] = []


def initiative_provider_register(provider: InitiativeProvider) -> InitiativeProvider:
    """Let another app (samverkan) say which ongoing initiatives an organisation is in.

    `samverkan` imports this app, never the other way round, so it registers a
    provider from its AppConfig.ready(). Used as a decorator or called directly.
    """
    if provider not in _initiative_providers:
        _initiative_providers.append(provider)
    return provider


def initiatives_ongoing_for(*, organisation: Organisation) -> list[OngoingInitiative]:
    """The ongoing initiatives an organisation is party to.

    Empty until the pipeline app registers a provider: there are no initiatives
    yet. The withdrawal service alerts each initiative's responsible handläggare,
    and the public organisation page lists them, so both work as soon as it does.
    """
    found: list[OngoingInitiative] = []
    for provider in _initiative_providers:
        found.extend(provider(organisation))
    return found


@dataclass(frozen=True)
class FinishedInitiative:
    """A finished samverkansinitiativ (it reached results, evaluation or follow-up)."""

    title: str
    url: str = ""  # its public page, when it has one


FinishedInitiativeProvider = Callable[[Organisation], list[FinishedInitiative]]
_finished_initiative_providers: list[FinishedInitiativeProvider] = []


def finished_initiative_provider_register(
    provider: FinishedInitiativeProvider,
) -> FinishedInitiativeProvider:
    """Let samverkan say which finished initiatives an organisation took part in; like
    `initiative_provider_register`, called from its AppConfig.ready()."""
    if provider not in _finished_initiative_providers:
        _finished_initiative_providers.append(provider)
    return provider


def initiatives_finished_for(*, organisation: Organisation) -> list[FinishedInitiative]:
    """The finished, public initiatives an organisation took part in; empty until the
    pipeline app registers a provider."""
    found: list[FinishedInitiative] = []
    for provider in _finished_initiative_providers:
        found.extend(provider(organisation))
    return found


def initiatives_public_for(*, organisation: Organisation) -> dict[str, list]:
    """What an organisation's public page lists: its ongoing and its finished
    initiatives. An initiative that has finished (results or later) but still runs for
    the affiliation rule is listed once, as finished. One query per provider."""
    finished = initiatives_finished_for(organisation=organisation)
    finished_urls = {initiative.url for initiative in finished if initiative.url}
    ongoing = [
        initiative
        for initiative in initiatives_ongoing_for(organisation=organisation)
        if initiative.url not in finished_urls
    ]
    return {"ongoing": ongoing, "finished": finished}
