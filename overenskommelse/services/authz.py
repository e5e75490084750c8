"""The check a service that writes makes first: the permission its view asks for.

The views check the same rule (`permission_required`), so a user only meets this when
something else calls the service: a task, the shell, a view that forgot. `None` is no
actor, and is refused like anyone without the right. Every app's services use this one
check (`overenskommelse`, `samverkan`, `natverk`)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_perm(actor, perm: str, obj=None) -> None:
    """Raise PermissionDenied (in Swedish) unless `actor` has the django-rules
    permission `perm`, on `obj` for an object rule."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do that."))
