from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamverkanConfig(AppConfig):
    """Collaboration initiatives, samverkansgruppen and the yearly follow-up."""

    name = "samverkan"
    verbose_name = _("Collaboration")
