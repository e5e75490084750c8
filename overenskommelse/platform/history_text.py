"""A history row's recorded changes as Swedish sentences, never raw codes.

A transition records `{"status": ["draft", "submitted"]}`; the page shows "Status
ändrades från Utkast till Inskickad", with the field's verbose name and its choices'
labels read from the model the row is about. Collections (`documents`, `parties`…:
not fields of the model) record one name added or removed."""

import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from overenskommelse.platform.models import HistoryEntry

# What a change names when it is not a field of the model: a collection that gained or
# lost one thing, or a fact recorded without a field of its own.
COLLECTION_LABELS = {
    "documents": gettext_lazy("Documents"),
    "parties": gettext_lazy("Parties"),
    "members": gettext_lazy("Members"),
    "municipalities": gettext_lazy("Participating municipalities"),
    "representatives": gettext_lazy("Representatives"),
    "phases": gettext_lazy("Phases"),
    "att_satser": gettext_lazy("Decision clauses"),
}
# Recorded values that are words of the code, not of the reader.
VALUE_LABELS = {"uploaded": gettext_lazy("uploaded")}


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def field_label(model: type[models.Model] | None, name: str, labels: dict | None = None) -> str:
    if labels and name in labels:
        return capfirst(str(labels[name]))
    field = _field(model, name)
    if field is not None:
        return capfirst(str(field.verbose_name))
    if name in COLLECTION_LABELS:
        return str(COLLECTION_LABELS[name])
    return capfirst(name.replace("_", " "))


def value_text(field: models.Field | None, value: Any) -> str:
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, list):
        return ", ".join(filter(None, (value_text(field, v) for v in value)))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if field is not None and field.choices:
        choices = {str(key): label for key, label in field.flatchoices}
        if str(value) in choices:
            return str(choices[str(value)])
    if isinstance(value, str):
        if value in VALUE_LABELS:
            return str(VALUE_LABELS[value])
        try:
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            pass
    return str(value)


def change_sentence(
    model: type[models.Model] | None, name: str, before: Any, after: Any, labels: dict | None = None
) -> str:
    label = field_label(model, name, labels)
    field = _field(model, name)
    if isinstance(field, models.TextField):
        return _("%(field)s was changed.") % {"field": label}  # long texts: the page has them
    old, new = value_text(field, before), value_text(field, after)
    if name in COLLECTION_LABELS:
        if new and not old:
            return _("%(field)s: %(new)s was added.") % {"field": label, "new": new}
        if old and not new:
            return _("%(field)s: %(old)s was removed.") % {"field": label, "old": old}
    if old and new:
        return _("%(field)s changed from %(old)s to %(new)s.") % {
            "field": label,
            "old": old,
            "new": new,
        }
    if new:
        return _("%(field)s was set to %(new)s.") % {"field": label, "new": new}
    if old:
        return _("%(field)s was removed (it was %(old)s).") % {"field": label, "old": old}
    return _("%(field)s was changed.") % {"field": label}


def change_sentences(entry: "HistoryEntry", labels: dict | None = None) -> list[str]:
    """One sentence per recorded change of the row, in the reader's language."""
    if not entry.changes:
        return []
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    sentences = []
    for name, change in entry.changes.items():
        before, after = [*change, None, None][:2] if isinstance(change, list) else (None, change)
        sentences.append(change_sentence(model, name, before, after, labels))
    return sentences
