"""What the deployed tier needs on top of `load_demo`, loaded into the deployed database.

Run by the tier's fixture inside the deployed portal's own environment:

    manage.py shell -c "from tests.deployed.scenario import scenario_load; scenario_load()"

It prints one JSON line with what the tests look up. Everything goes through the
services, as the demo data does; remisser are published without their invitation
mails, so the SMTP sink sees only the mail the tests cause.
"""

import datetime as dt
import json

from django.utils import timezone

from overenskommelse.accounts.models import User
from overenskommelse.agreement.models import Organisation, Remiss, RemissInstans
from overenskommelse.agreement.services import remiss as remiss_services
from overenskommelse.agreement.services.organisations import (
    organisation_register,
    representation_decide,
)

REPRESENTATIVE = "foreningsrepresentant@demo.example.se"
HANDLAGGARE = "handlaggare@demo.example.se"
REMINDED = "paminnelse@deployed.example.se"
REMINDER_TITLE = "Remiss om driftsatta påminnelser"


def _published(*, title: str, case_number: str, closes_on: dt.date, organisation) -> str:
    """A published remiss with one instans; returns the instans's answer-page uuid."""
    today = timezone.localdate()
    remiss = remiss_services.remiss_create(
        actor=User.objects.get(email=HANDLAGGARE),
        title=title,
        case_number=case_number,
        opens_on=today - dt.timedelta(days=10),
        closes_on=closes_on,
        sections=["Sammanfattning", "Synpunkter på förslaget"],
    )
    remiss_services.remiss_instanser_add(
        remiss=remiss, actor=User.objects.get(email=HANDLAGGARE), organisations=[organisation]
    )
    Remiss.objects.filter(pk=remiss.pk).update(
        status=Remiss.Status.PUBLISHED, published_at=timezone.now()
    )
    return str(RemissInstans.objects.get(remiss=remiss, organisation=organisation).uuid)


def scenario_load() -> None:
    today = timezone.localdate()
    representative = User.objects.get(email=REPRESENTATIVE)
    pil = Organisation.objects.get(slug="pil")
    # An organisation of the representative that is not affiliated yet: it applies.
    applicant = organisation_register(
        user=representative,
        details={
            "name": "Driftsatta föreningen",
            "organisation_number": "8020000017",
            "email": "styrelsen@driftsatta.example.se",
            "description": "Prövar portalen som kommunen kör den.",
        },
    )
    # An instans whose 14-days-before reminder fell due yesterday at 08:00.
    reminded = User.objects.create_user(email=REMINDED, password=None)
    reminded_organisation = organisation_register(
        user=reminded,
        details={"name": "Påminnelseföreningen", "organisation_number": "8020000025"},
    )
    # A registrant is a pending representative until confirmed: kommunkontoret confirms
    # both, so the applicant may send and the instans's representative is reminded.
    handlaggare = User.objects.get(email=HANDLAGGARE)
    for organisation, user in ((applicant, representative), (reminded_organisation, reminded)):
        representation_decide(
            representation=organisation.representations.get(user=user),
            actor=handlaggare,
            confirm=True,
        )
    print(
        json.dumps(
            {
                "draft_instans": _published(
                    title="Remiss om utkast i driftsatt portal",
                    case_number="KS 2026/0901",
                    closes_on=today + dt.timedelta(days=40),
                    organisation=pil,
                ),
                "answer_instans": _published(
                    title="Remiss om svar när Redis är nere",
                    case_number="KS 2026/0902",
                    closes_on=today + dt.timedelta(days=40),
                    organisation=pil,
                ),
                "reminder_instans": _published(
                    title=REMINDER_TITLE,
                    case_number="KS 2026/0903",
                    closes_on=today + dt.timedelta(days=13),
                    organisation=reminded_organisation,
                ),
                "applicant_slug": applicant.slug,
                "reminded_email": REMINDED,
                "reminder_title": REMINDER_TITLE,
            }
        )
    )
