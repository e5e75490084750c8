"""A person's own name and phone, changed by that person only."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from overenskommelse.accounts.models import User
from overenskommelse.platform.services.history import history_record

PROFILE_FIELDS = ("first_name", "last_name", "phone")


@transaction.atomic
def user_profile_update(
    *, user: User, actor: User, first_name: str, last_name: str, phone: str
) -> User:
    """Store a new name and phone for `user`, with a history row of what changed.

    Only the person may change their own details (kommunkontoret uses the admin, which
    keeps its own log). A blank name is refused: others see the name instead of the
    e-mail address, so it may not be emptied once given."""
    if actor.pk != user.pk or not actor.is_authenticated:
        raise PermissionDenied
    first_name, last_name, phone = first_name.strip(), last_name.strip(), phone.strip()
    if not first_name or not last_name:
        raise ValueError("A first and a last name are required")
    user = User.objects.select_for_update().get(pk=user.pk)
    new = {"first_name": first_name, "last_name": last_name, "phone": phone}
    changes = {
        field: [getattr(user, field), value]
        for field, value in new.items()
        if getattr(user, field) != value
    }
    if not changes:
        return user
    for field, value in new.items():
        setattr(user, field, value)
    user.save(update_fields=list(changes))
    # The person is the actor; the row names them as they are called from now on.
    history_record(subject=user, actor=user, action="profile_changed", changes=changes)
    return user
