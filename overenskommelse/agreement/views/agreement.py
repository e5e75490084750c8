"""The Överenskommelse's public pages: the current version and the older ones."""

from datetime import date

from django.http import Http404
from django.views.generic import TemplateView

from overenskommelse.agreement.models import AgreementVersion
from overenskommelse.agreement.selectors.agreement import agreement_current


class AgreementView(TemplateView):
    template_name = "agreement/agreement_detail.html"

    def get_version(self) -> AgreementVersion | None:
        return agreement_current()

    def get_context_data(self, **kwargs):
        version = self.get_version()
        return super().get_context_data(
            version=version,
            versions=AgreementVersion.objects.only("title", "version_date", "is_current"),
            **kwargs,
        )


class AgreementVersionView(AgreementView):
    def get_version(self) -> AgreementVersion:
        try:
            version_date = date.fromisoformat(self.kwargs["version_date"])
        except ValueError as exc:
            raise Http404 from exc
        version = (
            AgreementVersion.objects.filter(version_date=version_date)
            .prefetch_related("principles", "commitments__principles")
            .first()
        )
        if version is None:
            raise Http404
        return version
