"""What a decision that goes against an association tells it (förvaltningslagen 32–33 §§):
the reason, the official who decided, whom to contact, and how to ask for omprövning
or to appeal.

`decision_notice` gathers those parts; `templates/platform/_decision_notice.html` words
them, once, for the page (HTML) and for the mail (`plain=True`, text). Every app that
decides against an association uses both: affiliation (reject, request completion) and
the pipeline (decline a proposal, ask for more).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.conf import settings

# "decision": a final decision (rejected, declined): it can be reconsidered or appealed.
# "request": a request during the handling (completion, more information): it cannot
# be appealed by itself; the decision that follows can.
NoticeKind = Literal["decision", "request"]


@dataclass(frozen=True)
class DecisionNotice:
    kind: NoticeKind
    reason: str
    official: str
    decided_at: datetime | None
    contact_email: str
    contact_phone: str
    office_email: str

    @property
    def is_request(self) -> bool:
        return self.kind == "request"


def decision_notice(
    *, kind: NoticeKind, reason: str, official, decided_at: datetime | None
) -> DecisionNotice:
    """The parts of the notice. `official` is the deciding user (its name as it is kept:
    a staff account is deactivated, never anonymised). Its own e-mail and telephone are
    the contact while the account is active; kommunkontoret's address always is."""
    name = ""
    email = phone = ""
    if official is not None:
        name = official.get_full_name() or official.email
        if official.is_active:
            email, phone = official.email, official.phone
    return DecisionNotice(
        kind=kind,
        reason=reason,
        official=name,
        decided_at=decided_at,
        contact_email=email,
        contact_phone=phone,
        office_email=settings.MUNICIPALITY_CONTACT_EMAIL,
    )
