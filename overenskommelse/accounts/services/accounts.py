"""A person's own data: download all of it, or delete the account.

Deleting keeps the organisation's records (applications, decisions, history) but
removes the person from them: the user row stays as an anonymous, inactive
placeholder so foreign keys hold, and every name and address is wiped.
"""

import uuid
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core import serializers
from django.db import transaction
from django.db.models import ForeignObjectRel
from django.utils import timezone

from overenskommelse.accounts.models import RoleAssignment, User
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
def account_delete(*, user: User) -> None:
    """Anonymise the account; the organisations' records stay, without the person."""
    for step in _DELETE_STEPS:
        step(user)
    RoleAssignment.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    HistoryEntry.objects.filter(actor=user).update(actor_name=DELETED_NAME)
    user.email = f"borttagen-{uuid.uuid4().hex}@invalid"
    user.first_name = ""
    user.last_name = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new password hash also ends every other session of the account.
    user.set_unusable_password()
    user.save()
