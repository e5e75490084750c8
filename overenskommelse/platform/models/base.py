from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class CalendarSequenceModel(models.Model):
    """A row that calendar programs import: `sequence` is its iCalendar SEQUENCE.

    `save()` raises it by one whenever one of `CALENDAR_FIELDS` differs from what was
    loaded, through a service or the admin alike, so a moved or cancelled meeting
    replaces the copy in the user's calendar.
    """

    CALENDAR_FIELDS: tuple[str, ...] = ()

    sequence = models.PositiveIntegerField(_("calendar version"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        before = getattr(self, "_calendar_loaded", None)
        if before is not None and before != {
            name: value for name, value in self._calendar_values().items() if name in before
        }:
            self.sequence += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)
        self._calendar_loaded = self._calendar_values()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._calendar_loaded = instance._calendar_values()
        return instance

    def _calendar_values(self) -> dict:
        loaded = self.get_deferred_fields()
        return {name: getattr(self, name) for name in self.CALENDAR_FIELDS if name not in loaded}
