from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NatverkConfig(AppConfig):
    """SKR networks and municipal partnerships, their meetings and decisions."""

    name = "natverk"
    verbose_name = _("Networks")
