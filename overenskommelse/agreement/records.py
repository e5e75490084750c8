"""The agreement app's ärenden and thinners, given to the platform's records registry
(`overenskommelse/platform/records.py`) by `AgreementConfig.ready`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from overenskommelse.agreement.models import Affiliation, AffiliationApplication, RemissAnswer
from overenskommelse.agreement.services.gallring import (
    accessibility_feedback_closed_thin,
    application_drafts_thin,
    remiss_answer_drafts_thin,
)
from overenskommelse.platform.models import RecordType
from overenskommelse.platform.records import CaseKind, case_kind_register, thinner_register

PERM = "overenskommelse.register_case_number"


def register() -> None:
    case_kind_register(
        CaseKind(
            key="ansokan",
            label=_("affiliation application"),
            queryset=lambda: AffiliationApplication.objects.exclude(status="utkast").select_related(
                "organisation"
            ),
            perm=PERM,
            url=lambda a: reverse("agreement:application_detail", kwargs={"uuid": a.uuid}),
            title=lambda a: str(_("Application from %(name)s") % {"name": a.organisation.name}),
        )
    )
    case_kind_register(
        CaseKind(
            key="uttrade",
            label=_("withdrawal"),
            queryset=lambda: Affiliation.objects.filter(ended_on__isnull=False).select_related(
                "organisation"
            ),
            perm=PERM,
            url=lambda a: reverse(
                "agreement:organisation_detail", kwargs={"slug": a.organisation.slug}
            ),
            title=lambda a: str(_("Withdrawal of %(name)s") % {"name": a.organisation.name}),
            number_field="withdrawal_case_number",
            arrived_field="withdrawal_arrived_on",
        )
    )
    case_kind_register(
        CaseKind(
            key="remissvar",
            label=_("remissvar"),
            queryset=lambda: RemissAnswer.objects.filter(arrived_on__isnull=False).select_related(
                "instans__remiss", "instans__organisation", "instans__municipal_body"
            ),
            perm=PERM,
            url=lambda a: reverse("agreement:remiss_answer", kwargs={"uuid": a.instans.uuid}),
            title=lambda a: str(
                _("Answer of %(instans)s to %(remiss)s")
                % {"instans": a.instans.name, "remiss": a.instans.remiss.title}
            ),
        )
    )
    thinner_register(RecordType.APPLICATION_DRAFT, application_drafts_thin)
    thinner_register(RecordType.REMISS_ANSWER_DRAFT, remiss_answer_drafts_thin)
    thinner_register(RecordType.ACCESSIBILITY_FEEDBACK, accessibility_feedback_closed_thin)
