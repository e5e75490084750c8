"""The check every write of the network app makes first: the actor holds the
permission that the view calling the service asks for (`natverk/rules.py`). The view
checks too; this keeps a task, the shell or a new caller from writing without it."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_perm(actor, perm: str) -> None:
    """Refuse unless `actor` is a user who holds `perm`; None (no one) never does."""
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied(_("Only kommunkontoret may do this."))
