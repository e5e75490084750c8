"""A person's own data: download all of it, or delete the account.

What "delete" does depends on who the person is (`is_staff_account`):

- A municipal account (a staff role, an administrator or Django's is_staff) is
  *deactivated*: it can no longer log in, and nothing about what it did is rewritten.
  An official acts in office under their own name; the decisions they took are public
  records (offentlighetsprincipen) that arkivlagen forbids altering. The name and the
  e-mail address stay on the user row, so every `decided_by`, `confirmed_by` and
  `HistoryEntry.actor_name` reads as it did.
- Anyone else (an association's representative) has the personal data on the profile
  replaced by a placeholder. What they sent in on the association's behalf (board
  protocols, withdrawals, remissvar and their attachments) is a received public
  document and stays as it was received, and so does the history of it: each
  `HistoryEntry.actor_name` keeps the name as it was recorded at the time. Removing
  those follows the retention rules (gallring), not the account.

Either way the user row stays, so foreign keys hold, and the apps above end what the
account did for others (representations) first.
"""

import uuid
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ForeignObjectRel
from django.utils import timezone
from django.utils.translation import gettext as _

from overenskommelse.accounts.models import RoleAssignment, User
from overenskommelse.accounts.predicates import is_staff_account
from overenskommelse.platform.models import HistoryEntry

DELETED_NAME = "Borttagen användare"
_SECRET_FIELDS = {"password", "secret", "data"}

# What the apps above this one do with their own records when an account is deleted,
# first, in the same transaction (the agreement app ends the person's representations).
# Each app registers its step in its AppConfig.ready.
_DELETE_STEPS: list[Callable[[User], None]] = []


def account_delete_step_register(step: Callable[[User], None]) -> None:
    if step not in _DELETE_STEPS:
        _DELETE_STEPS.append(step)


def account_export_data(*, user: User) -> dict[str, Any]:
    """Everything stored with a reference to `user`, found through the model relations.

    New models that point at the user are included without changes here.
    """
    account = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }
    related: dict[str, list[dict]] = {}
    for field in User._meta.get_fields():
        if not (field.one_to_many or field.one_to_one) or not field.auto_created:
            continue
        # An auto-created one-to-many or one-to-one is a reverse relation (User has no
        # parent link), so it has the pointing field and a model class.
        assert isinstance(field, ForeignObjectRel)
        model = field.related_model
        assert isinstance(model, type)
        if model in (Session,):
            continue
        rows = model._default_manager.filter(**{field.field.name: user})
        serialised = serializers.serialize("python", rows)
        for row in serialised:
            row["fields"] = {k: v for k, v in row["fields"].items() if k not in _SECRET_FIELDS}
        if serialised:
            key = f"{model._meta.app_label}.{model._meta.model_name}"
            related.setdefault(key, []).extend(serialised)
    history = HistoryEntry.objects.filter(actor=user).values("action", "message", "at")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": account,
        "records": related,
        "history_by_you": [{**h, "at": h["at"].isoformat()} for h in history],
    }


@transaction.atomic
def account_delete(*, user: User, actor: User) -> None:
    """Delete one's own account: deactivate a staff account, anonymise any other.

    Only the person may do it (`actor` is `user`); not even an administrator deletes
    someone else's account here, so this check is not a rule that superusers pass.
    """
    if actor is None or actor.pk is None or actor.pk != user.pk:
        raise PermissionDenied(_("You can only delete your own account."))
    staff = is_staff_account(user)
    for step in _DELETE_STEPS:
        step(user)
    # What lets the account act or log in goes; django-pghistory keeps the roles it held.
    RoleAssignment.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    if not staff:
        user.email = f"borttagen-{uuid.uuid4().hex}@invalid"
        user.first_name = DELETED_NAME
        user.last_name = ""
    # A direct line is part of no act, and nobody should call a departed person on it.
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new password hash ends every other session of the account (Django checks it on
    # each request), and an inactive user is not loaded by the backends anyway.
    user.set_unusable_password()
    user.save()
