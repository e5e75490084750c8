"""The helpers every demo loader shares."""

from io import TextIOBase
from typing import Any, TypeVar

from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def _upsert(
    model: type[ModelT], *, lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[ModelT, bool]:
    """Like `update_or_create`, but saves an existing row only when a value differs.

    That keeps `updated_at` (and any history built on it) still on a repeated load.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values), True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, False


def _say(stdout: TextIOBase, line: str) -> None:
    stdout.write(f"{line}\n")
