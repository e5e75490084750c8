"""Writes for organisations and their representatives.

Every change is kept as history on the organisation (`history_record`), in the
same transaction as the change.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.se import orgnr

from overenskommelse.accounts.models import User
from overenskommelse.accounts.services.accounts import DELETED_NAME
from overenskommelse.agreement.models import (
    Organisation,
    OrganisationActivity,
    PriorityArea,
    Representation,
)
from overenskommelse.agreement.selectors.organisations import handlaggare_emails
from overenskommelse.agreement.services.open_data import register_export_changed
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_changes, history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue

# The fields a representative fills in and may change; `activities` and
# `priority_areas` are the two lists beside them.
DETAIL_FIELDS = (
    "name",
    "organisation_number",
    "legal_form",
    "umbrella",
    "umbrella_other",
    "postal_address",
    "email",
    "website",
    "description",
)


def organisation_number_normalise(value: str) -> str:
    """Return the number as NNNNNN-NNNN, or raise a ValidationError in Swedish.

    Accepts the ten digits with or without the hyphen (and stray spaces). python-stdnum
    checks the length and the Luhn check digit over the first nine; digits other than
    ASCII ones (full-width, Arabic-Indic) are refused here, before it would fold them.
    """
    digits = re.sub(r"[\s-]", "", value or "")
    try:
        if not (digits.isascii() and digits.isdigit()):
            raise stdnum_errors.InvalidFormat()
        return orgnr.format(orgnr.validate(digits))
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(
            _("The organisationsnummer's check digit does not match. Check the number."),
            code="check_digit",
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(
            _("An organisationsnummer has ten digits, written NNNNNN-NNNN."), code="format"
        ) from None


def _duplicate_number_error() -> ValidationError:
    return ValidationError(
        {
            "organisation_number": ValidationError(
                _(
                    "An organisation with this organisationsnummer is already registered. "
                    "Ask to represent it instead."
                ),
                code="duplicate",
            )
        }
    )


# Explicit so slugs stay the same whatever Unicode normalisation slugify does.
_ASCII_LETTERS = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O", "é": "e", "ü": "u"}
)


def ascii_slug(text: str) -> str:
    """Make a stable ASCII slug: "Hälsosamma levnadsvanor" -> "halsosamma-levnadsvanor"."""
    return slugify(text.translate(_ASCII_LETTERS))


def _unique_slug(name: str) -> str:
    base = ascii_slug(name)[:180] or "forening"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_lists(
    organisation: Organisation, *, activities: Iterable[str], priority_areas: Iterable[PriorityArea]
) -> None:
    wanted = set(activities)
    organisation.activities.exclude(field__in=wanted).delete()
    have = set(organisation.activities.values_list("field", flat=True))
    OrganisationActivity.objects.bulk_create(
        OrganisationActivity(organisation=organisation, field=f) for f in sorted(wanted - have)
    )
    register_export_changed()  # bulk_create sends no signal
    organisation.priority_areas.set(list(priority_areas))


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    values = {name: getattr(organisation, name) for name in DETAIL_FIELDS}
    values["activities"] = sorted(organisation.activities.values_list("field", flat=True))
    values["priority_areas"] = sorted(organisation.priority_areas.values_list("name", flat=True))
    return values


@transaction.atomic
def organisation_register(*, user: User, details: Mapping[str, Any]) -> Organisation:
    """Register a new organisation; the user becomes its *pending* representative.

    Anyone with an account may register a number, so nobody speaks for the organisation
    on that alone: the registrant may correct its details and prepare the application,
    and sends it once a confirmed representative or kommunkontoret has confirmed them
    (`representation_decide`)."""
    number = organisation_number_normalise(details["organisation_number"])
    organisation = Organisation(slug=_unique_slug(details["name"]))
    for name in DETAIL_FIELDS:
        setattr(organisation, name, details.get(name, getattr(organisation, name)))
    organisation.organisation_number = number
    organisation.contact_confirmed_at = timezone.now()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # the unique number, also if taken a moment ago
        raise _duplicate_number_error() from exc
    _set_lists(
        organisation,
        activities=details.get("activities", ()),
        priority_areas=details.get("priority_areas", ()),
    )
    Representation.objects.create(
        user=user,
        organisation=organisation,
        status=Representation.Status.REQUESTED,
        origin=Representation.Origin.REGISTERED,
    )
    history_record(
        subject=organisation,
        actor=user,
        action="registered",
        changes={k: [None, v] for k, v in _snapshot(organisation).items() if v not in ("", [])},
    )
    history_record(
        subject=organisation,
        actor=user,
        action="representation_requested",
        message=user.email,
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, actor: User, details: Mapping[str, Any]
) -> Organisation:
    """Change the details; by a representative this also confirms them (årlig uppdatering)."""
    require_perm(actor, "overenskommelse.change_organisation", organisation)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = _snapshot(organisation)
    number = organisation_number_normalise(details["organisation_number"])
    for name in DETAIL_FIELDS:
        if name in details:
            setattr(organisation, name, details[name])
    organisation.organisation_number = number
    if organisation.pk in actor.represented_organisation_ids:
        organisation.contact_confirmed_at = timezone.now()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:
        raise _duplicate_number_error() from exc
    _set_lists(
        organisation,
        activities=details.get("activities", before["activities"]),
        priority_areas=details.get("priority_areas", organisation.priority_areas.all()),
    )
    changes = history_changes(before, _snapshot(organisation), [*before])
    renamed = changes.pop("name", None)
    if renamed:
        organisation_renamed_record(organisation=organisation, actor=actor, old_name=renamed[0])
    if changes or not renamed:
        history_record(subject=organisation, actor=actor, action="changed", changes=changes)
    return organisation


def organisation_renamed_record(
    *, organisation: Organisation, actor: User | None, old_name: str
) -> None:
    """Keep a rename as its own history row (who, when, old → new), however it was made:
    a look-alike name must be traceable to the organisation that took it."""
    history_record(
        subject=organisation,
        actor=actor,
        action="renamed",
        changes={"name": [old_name, organisation.name]},
    )


@transaction.atomic
def organisation_details_confirm(*, organisation: Organisation, actor: User) -> Organisation:
    """A representative says the details are still right (the yearly update)."""
    require_perm(actor, "overenskommelse.confirm_organisation_details", organisation)
    before = organisation.contact_confirmed_at
    organisation.contact_confirmed_at = timezone.now()
    organisation.save(update_fields=["contact_confirmed_at", "updated_at"])
    history_record(
        subject=organisation,
        actor=actor,
        action="details_confirmed",
        changes=history_changes(
            {"contact_confirmed_at": before}, organisation, ["contact_confirmed_at"]
        ),
    )
    return organisation


# Representatives ----------------------------------------------------------------------


def _organisation_url(organisation: Organisation) -> str:
    path = reverse("agreement:organisation_detail", kwargs={"slug": organisation.slug})
    return f"{settings.PORTAL_BASE_URL}{path}"


@transaction.atomic
def representation_request(*, organisation: Organisation, user: User) -> Representation:
    """Ask to represent an organisation; its representatives or a handläggare confirm."""
    current = (
        Representation.objects.select_for_update()
        .filter(user=user, organisation=organisation)
        .exclude(status=Representation.Status.ENDED)
        .first()
    )
    if current is not None:
        return current
    representation = Representation.objects.create(user=user, organisation=organisation)
    history_record(
        subject=organisation,
        actor=user,
        action="representation_requested",
        message=user.email,
    )
    recipients = set(
        organisation.representations.filter(status=Representation.Status.CONFIRMED).values_list(
            "user__email", flat=True
        )
    ) | set(handlaggare_emails())
    mail_render_and_enqueue(
        to=recipients,
        template="agreement/email/representation_requested",
        context={
            "organisation": organisation,
            "requester": user,
            "url": _organisation_url(organisation),
        },
    )
    return representation


@transaction.atomic
def representation_decide(
    *, representation: Representation, actor: User, confirm: bool
) -> Representation:
    """Confirm or decline a request to represent. Declined requests are ended, not deleted."""
    require_perm(actor, "overenskommelse.decide_representation", representation.organisation)
    representation = Representation.objects.select_for_update().get(pk=representation.pk)
    if representation.status != Representation.Status.REQUESTED:
        raise ValidationError(_("This request has already been handled."), code="handled")
    if representation.origin == Representation.Origin.HANDOVER:
        raise ValidationError(
            _("The named successor accepts the hand-over themselves."), code="handover"
        )
    if representation.user_id == actor.pk:
        raise ValidationError(_("You cannot confirm yourself."), code="self")
    if confirm:
        representation.status = Representation.Status.CONFIRMED
        representation.confirmed_by = actor
        representation.confirmed_at = timezone.now()
    else:
        representation.status = Representation.Status.ENDED
    representation.save()
    history_record(
        subject=representation.organisation,
        actor=actor,
        action="representation_confirmed" if confirm else "representation_declined",
        message=representation.user.email,
    )
    mail_render_and_enqueue(
        to=[representation.user.email],
        template="agreement/email/representation_decided",
        context={
            "organisation": representation.organisation,
            "confirmed": confirm,
            "url": _organisation_url(representation.organisation),
        },
    )
    return representation


def _active_representation_locked(representation: Representation) -> Representation:
    return (
        Representation.objects.select_for_update()
        .select_related("organisation", "user")
        .get(pk=representation.pk)
    )


def _end(representation: Representation) -> None:
    representation.status = Representation.Status.ENDED
    representation.ended_at = timezone.now()
    representation.save(update_fields=["status", "ended_at", "updated_at"])


@transaction.atomic
def representation_end(*, representation: Representation, actor: User) -> Representation:
    """A representative leaves (or a named successor or a pending one withdraws); or
    kommunkontoret ends a representation. The last confirmed representative may leave:
    the organisation page then says that nobody speaks for the organisation."""
    representation = _active_representation_locked(representation)
    require_perm(actor, "overenskommelse.end_representation", representation)
    _end(representation)
    history_record(
        subject=representation.organisation,
        actor=actor,
        action="representation_ended",
        message=representation.user.email,
    )
    return representation


@transaction.atomic
def representation_hand_over(
    *, representation: Representation, actor: User, successor_email: str
) -> Representation:
    """A confirmed representative names a successor, a person with an account (by its
    e-mail address). The successor is confirmed when they accept; the predecessor's
    representation then ends (`representation_handover_accept`)."""
    representation = _active_representation_locked(representation)
    require_perm(actor, "overenskommelse.hand_over_representation", representation)
    email = (successor_email or "").strip()
    successor = User.objects.filter(email__iexact=email).first() if email else None
    if successor is None:
        raise ValidationError(
            {
                "email": ValidationError(
                    _(
                        "Nobody has an account with that e-mail address. Ask your "
                        "successor to create an account first, then name them again."
                    ),
                    code="unknown",
                )
            }
        )
    organisation = representation.organisation
    if (
        Representation.objects.select_for_update()
        .filter(user=successor, organisation=organisation)
        .exclude(status=Representation.Status.ENDED)
        .exists()
    ):
        raise ValidationError(
            {
                "email": ValidationError(
                    _("That person already represents the organisation or has asked to."),
                    code="already",
                )
            }
        )
    offer = Representation.objects.create(
        user=successor,
        organisation=organisation,
        origin=Representation.Origin.HANDOVER,
        handed_over_by=representation,
    )
    history_record(
        subject=organisation,
        actor=actor,
        action="representation_handover_offered",
        message=successor.email,
    )
    mail_render_and_enqueue(
        to=[successor.email],
        template="agreement/email/representation_handover",
        context={
            "organisation": organisation,
            "predecessor": actor,
            "url": f"{settings.PORTAL_BASE_URL}{reverse('mina_sidor')}",
        },
    )
    return offer


@transaction.atomic
def representation_handover_accept(
    *, representation: Representation, actor: User
) -> Representation:
    """The named successor accepts: they are confirmed (by the predecessor who named
    them) and the predecessor's representation ends, each with its history row."""
    representation = _active_representation_locked(representation)
    require_perm(actor, "overenskommelse.accept_handover", representation)
    predecessor = representation.handed_over_by
    representation.status = Representation.Status.CONFIRMED
    representation.confirmed_by = predecessor.user if predecessor is not None else None
    representation.confirmed_at = timezone.now()
    representation.save()
    organisation = representation.organisation
    history_record(
        subject=organisation,
        actor=actor,
        action="representation_handover_accepted",
        message=actor.email,
    )
    if predecessor is not None:
        predecessor = Representation.objects.select_for_update().get(pk=predecessor.pk)
        if predecessor.status != Representation.Status.ENDED:
            _end(predecessor)
            history_record(
                subject=organisation,
                actor=actor,
                action="representation_ended",
                message=predecessor.user.email,
            )
    return representation


def representations_end_for_deleted_account(user: User) -> None:
    """An account is being deleted (accounts.services.accounts.account_delete): its
    representations end, and each organisation's history says so without the name."""
    representations = list(
        Representation.objects.filter(user=user).exclude(status=Representation.Status.ENDED)
    )
    for representation in representations:
        representation.status = Representation.Status.ENDED
        representation.save(update_fields=["status", "updated_at"])
        history_record(
            subject=representation.organisation,
            actor=None,
            action="representative_account_deleted",
            message=DELETED_NAME,
        )
