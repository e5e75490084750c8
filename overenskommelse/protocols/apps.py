from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtocolsConfig(AppConfig):
    """The municipal bodies' meetings and protocols, paragraphs and protokollsutdrag."""

    name = "overenskommelse.protocols"
    label = "protocols"
    verbose_name = _("Protocols")
