"""The agreement, the register, affiliation, the handlingsplan and remiss."""

from overenskommelse.agreement.models.accessibility import (
    DEFAULT_STATEMENT,
    AccessibilityFeedback,
    AccessibilityStatement,
)
from overenskommelse.agreement.models.affiliation import (
    Affiliation,
    AffiliationApplication,
    AffiliationApplicationQuerySet,
    AffiliationQuerySet,
    AnnualUpdateRequest,
)
from overenskommelse.agreement.models.agreement import (
    ActionPlan,
    ActionPlanDocument,
    ActionPlanQuerySet,
    AgreementVersion,
    Commitment,
    Direction,
    Principle,
    PriorityArea,
)
from overenskommelse.agreement.models.open_data import RegisterExport
from overenskommelse.agreement.models.organisations import (
    ActivityField,
    Organisation,
    OrganisationActivity,
    Representation,
)
from overenskommelse.agreement.models.remiss import (
    DEFAULT_DISPOSITION,
    InformationMeeting,
    Remiss,
    RemissAnswer,
    RemissAnswerAttachment,
    RemissAnswerText,
    RemissCompilationPdf,
    RemissDocument,
    RemissInstans,
    RemissQuerySet,
    RemissReminder,
    RemissSection,
    local_start_of,
)

__all__ = [
    "DEFAULT_DISPOSITION",
    "DEFAULT_STATEMENT",
    "AccessibilityFeedback",
    "AccessibilityStatement",
    "ActionPlan",
    "ActionPlanDocument",
    "ActionPlanQuerySet",
    "ActivityField",
    "Affiliation",
    "AffiliationApplication",
    "AffiliationApplicationQuerySet",
    "AffiliationQuerySet",
    "AgreementVersion",
    "AnnualUpdateRequest",
    "Commitment",
    "Direction",
    "InformationMeeting",
    "Organisation",
    "OrganisationActivity",
    "Principle",
    "PriorityArea",
    "RegisterExport",
    "Remiss",
    "RemissAnswer",
    "RemissAnswerAttachment",
    "RemissAnswerText",
    "RemissCompilationPdf",
    "RemissDocument",
    "RemissInstans",
    "RemissQuerySet",
    "RemissReminder",
    "RemissSection",
    "Representation",
    "local_start_of",
]
