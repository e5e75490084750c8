from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, their roles, and the municipality's bodies the roles are held in."""

    name = "overenskommelse.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from overenskommelse.accounts.adapters import record_totp_activation

        authenticator_added.connect(record_totp_activation, dispatch_uid="record_totp_activation")
