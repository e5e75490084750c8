from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    """Collaboration initiatives and their pipeline, from initiativ to uppföljning."""

    name = "samverkan.pipeline"
    label = "pipeline"
    verbose_name = _("Collaboration initiatives")

    def ready(self) -> None:
        from overenskommelse.agreement.selectors.organisations import (
            finished_initiative_provider_register,
            initiative_provider_register,
        )
        from samverkan.pipeline import records
        from samverkan.pipeline.selectors import (
            initiatives_finished_provider,
            initiatives_ongoing_provider,
        )

        records.register()
        initiative_provider_register(initiatives_ongoing_provider)
        finished_initiative_provider_register(initiatives_finished_provider)
