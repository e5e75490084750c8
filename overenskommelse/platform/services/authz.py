"""The check a service that writes makes first: the permission its view asks for.

The views check the same rule (`permission_required`), so a user only meets this when
something else calls the service: a task, the shell, a view that forgot. `None` is no
actor, and is refused like anyone without the right. Every app's services use this one
check (`overenskommelse`, `samverkan`, `natverk`)."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def require_perm(actor, perm: str, obj=None, *, message: "StrOrPromise | None" = None) -> None:
    """Raise PermissionDenied (in Swedish) unless `actor` has the django-rules
    permission `perm`, on `obj` for an object rule. `message` words the refusal when
    the caller's differs from the common one."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(str(message) if message is not None else _("You may not do that."))
