from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupConfig(AppConfig):
    """Samverkansgruppen: its members and meetings, the förvaltningar's reports, the
    yearly follow-up and the conference. Builds on the pipeline."""

    name = "samverkan.group"
    label = "samverkansgruppen"
    verbose_name = _("Samverkansgruppen")

    def ready(self) -> None:
        from samverkan.group import records

        records.register()
