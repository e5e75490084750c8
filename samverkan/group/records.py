"""Samverkansgruppen's ärende for the platform's records registry: the yearly follow-up."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.records import CaseKind, case_kind_register
from samverkan.group.models import FollowUp


def register() -> None:
    case_kind_register(
        CaseKind(
            key="uppfoljning",
            label=_("yearly follow-up"),
            queryset=lambda: FollowUp.objects.all(),
            perm="samverkan.manage_followup",
            url=lambda f: reverse("samverkansgruppen:followup", kwargs={"year": f.year}),
            title=lambda f: str(f),
            arrived_label=_("Opened"),
        )
    )
