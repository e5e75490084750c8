from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementConfig(AppConfig):
    """The agreement and the parties to it: the register, affiliation, the
    handlingsplan and remiss rounds."""

    name = "overenskommelse.agreement"
    label = "agreement"
    verbose_name = _("The agreement")

    def ready(self) -> None:
        from overenskommelse.accounts.services.accounts import account_delete_step_register
        from overenskommelse.agreement import records
        from overenskommelse.agreement.services.open_data import connect_signals
        from overenskommelse.agreement.services.organisations import (
            representations_end_for_deleted_account,
        )

        connect_signals()
        records.register()
        account_delete_step_register(representations_end_for_deleted_account)
