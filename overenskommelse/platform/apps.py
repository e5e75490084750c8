from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformConfig(AppConfig):
    """Shared infrastructure: the mail outbox, uploads, history, PDFs, calendars,
    reminders and the transition helper. It imports no domain app."""

    name = "overenskommelse.platform"
    label = "platform"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from overenskommelse.platform.models.records import RecordType
        from overenskommelse.platform.records import thinner_register
        from overenskommelse.platform.services.gallring import outbox_sent_thin

        thinner_register(RecordType.OUTBOX_SENT, outbox_sent_thin)
