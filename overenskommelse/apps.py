from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverenskommelseConfig(AppConfig):
    """The agreement and the parties to it.

    Also the foundation the other apps build on: accounts and roles, the
    municipality's bodies, the mail outbox and protected files. `samverkan` and
    `natverk` import from here, never the other way round.
    """

    name = "overenskommelse"
    verbose_name = _("The agreement")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from overenskommelse.adapters import record_totp_activation

        authenticator_added.connect(record_totp_activation, dispatch_uid="record_totp_activation")

        from overenskommelse.services.open_data import connect_signals

        connect_signals()
