"""The pipeline's ärende for the platform's records registry: the initiative."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.records import CaseKind, case_kind_register
from samverkan.pipeline.models import Initiative


def register() -> None:
    case_kind_register(
        CaseKind(
            key="initiativ",
            label=_("collaboration initiative"),
            queryset=lambda: Initiative.objects.all(),
            perm="samverkan.manage_initiative",
            url=lambda i: reverse("pipeline:initiative", kwargs={"uuid": i.uuid}),
            title=lambda i: i.title,
        )
    )
