from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamverkanConfig(AppConfig):
    """Collaboration initiatives, samverkansgruppen and the yearly follow-up."""

    name = "samverkan"
    verbose_name = _("Collaboration")

    def ready(self) -> None:
        from overenskommelse.selectors.organisations import (
            finished_initiative_provider_register,
            initiative_provider_register,
        )
        from samverkan.selectors import (
            initiatives_finished_provider,
            initiatives_ongoing_provider,
        )

        initiative_provider_register(initiatives_ongoing_provider)
        finished_initiative_provider_register(initiatives_finished_provider)
