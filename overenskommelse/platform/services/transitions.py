"""The one transition helper every stage machine of the portal is declared with.

Shaped like django-fsm-2's `@transition`: each `Transition` has a name, the states it
may start from (`source`), the state it leads to (`target`), the django-rules
permission it needs and its guards (django-fsm's conditions). A guard is called with
the object (and whatever context the machine's service passes on) and returns the
Swedish reason the move is refused now, a lazily translated string, or None.

A machine declares its table as `Transitions(...)`, a mapping from name to
`Transition`, and its one service performs a move with `Transitions.perform`, which
checks, in this order: that the move exists, that the actor has its permission
(`require_perm`: PermissionDenied), that it starts from the object's state, that a
reason was given when it needs one (and holds no NUL), and its guards (each refusal
a ValidationError with code "transition"). Then it sets the state, lets the machine
change and save the rest (`apply`), and writes the move's history row, here and
nowhere else.

Platform code: it knows no domain model. The caller locks the object's row first.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy

from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_record

if TYPE_CHECKING:
    import datetime as dt

    from django.db import models
    from django_stubs_ext import StrOrPromise

Guard = Callable[..., "StrOrPromise | None"]
# What `apply` returns: the fields it changed besides the state, as {field: [old, new]}.
Changes = dict[str, list[Any]]

UNKNOWN = gettext_lazy("Unknown action.")
WRONG_SOURCE = gettext_lazy("That step is not possible from this stage.")
NEEDS_REASON = gettext_lazy("Give a reason.")
CODE = "transition"


@dataclass(frozen=True, kw_only=True)
class Transition:
    name: str
    source: tuple[str, ...]
    target: str | None  # None: the state stays (the machine's `apply` changes something else)
    permission: str
    guards: tuple[Guard, ...] = ()
    needs_reason: bool = False

    def reasons(self, obj: Any, **context: Any) -> list[str]:
        """Why the guards refuse the move now (Swedish), in their order; empty if none."""
        return [str(reason) for guard in self.guards if (reason := guard(obj, **context))]


T = TypeVar("T", bound=Transition)


class Transitions(Mapping[str, T], Generic[T]):
    """A machine's table of allowed moves, by name, in the order declared.

    `field` is the state the moves change. `history_action` names the history row,
    `{name}` standing for the move's name. `unknown(obj, name)` and
    `wrong_source(obj, transition)` word the refusal of a move the table does not
    have and of one that does not start from the object's state; `denied` replaces
    require_perm's refusal when the machine words it otherwise.
    """

    def __init__(
        self,
        *transitions: T,
        field: str,
        history_action: str = "{name}",
        unknown: "Callable[[Any, str], StrOrPromise] | None" = None,
        wrong_source: "Callable[[Any, T], StrOrPromise] | None" = None,
        denied: "StrOrPromise | None" = None,
    ) -> None:
        self._by_name = {t.name: t for t in transitions}
        if len(self._by_name) != len(transitions):
            raise ValueError("Two transitions have the same name.")
        self.field = field
        self.history_action = history_action
        self._unknown = unknown or (lambda obj, name: UNKNOWN)
        self._wrong_source = wrong_source or (lambda obj, transition: WRONG_SOURCE)
        self.denied = denied

    def __getitem__(self, name: str) -> T:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def leaving(self, state: str) -> list[T]:
        """The moves that start from `state`, in the table's order."""
        return [t for t in self._by_name.values() if state in t.source]

    def _permission(self, name: str) -> str | None:
        """The permission the move needs; for a move the table does not have, the one
        every move needs, if they share one (so the actor is refused before anything
        about the object is told)."""
        transition = self._by_name.get(name)
        if transition is not None:
            return transition.permission
        permissions = {t.permission for t in self._by_name.values()}
        return permissions.pop() if len(permissions) == 1 else None

    def refusals(self, obj: Any, name: str, *, reason: str = "", **context: Any) -> list[str]:
        """Why the move may not be made now, whoever asks (Swedish); empty if it may."""
        transition = self._by_name.get(name)
        if transition is None:
            return [str(self._unknown(obj, name))]
        if getattr(obj, self.field) not in transition.source:
            return [str(self._wrong_source(obj, transition))]
        if transition.needs_reason and not reason.strip():
            return [str(NEEDS_REASON)]
        if "\x00" in reason:  # the history row keeps it, and PostgreSQL cannot store NUL
            return [str(ProhibitNullCharactersValidator.message)]
        return transition.reasons(obj, **context)

    def check(self, obj: Any, name: str, *, actor: Any, reason: str = "", **context: Any) -> T:
        """The move, if `actor` may make it now. Raises PermissionDenied when the actor
        lacks its permission, else ValidationError (code "transition") with every reason."""
        permission = self._permission(name)
        if permission is not None:
            require_perm(actor, permission, obj, message=self.denied)
        refusals = self.refusals(obj, name, reason=reason, **context)
        if len(refusals) == 1:
            raise ValidationError(refusals[0], code=CODE)
        if refusals:
            raise ValidationError([ValidationError(r, code=CODE) for r in refusals])
        return self._by_name[name]

    def refusal(
        self, obj: Any, name: str, *, actor: Any, reason: str = "", **context: Any
    ) -> str | None:
        """The first reason `check` would give (the permission's too), or None."""
        try:
            self.check(obj, name, actor=actor, reason=reason, **context)
        except PermissionDenied as denied:
            return str(denied)
        except ValidationError as refused:
            return refused.messages[0]
        return None

    def perform(
        self,
        obj: "models.Model",
        name: str,
        *,
        actor: Any,
        reason: str = "",
        apply: Callable[[Any, T], Changes | None],
        at: "dt.datetime | None" = None,
        **context: Any,
    ) -> T:
        """Check the move, make it and write its history row.

        `obj` is the locked row. The state is set here; `apply(obj, transition)` sets
        what else the move changes, saves the object and returns those changes. The
        history row names the actor, keeps `reason` as its message and records the
        state's change with the others."""
        transition = self.check(obj, name, actor=actor, reason=reason, **context)
        before = getattr(obj, self.field)
        if transition.target is not None:
            setattr(obj, self.field, transition.target)
        extra = apply(obj, transition) or {}
        after = getattr(obj, self.field)
        changes: Changes = {self.field: [before, after]} if before != after else {}
        changes.update(extra)
        history_record(
            subject=obj,
            actor=actor,
            action=self.history_action.format(name=transition.name),
            message=reason,
            changes=changes,
            at=at,
        )
        return transition
