from .accounts import Role, RoleAssignment, User
from .affiliation import Affiliation, AffiliationApplication, AnnualUpdateRequest
from .agreement import (
    ActionPlan,
    ActionPlanDocument,
    AgreementVersion,
    Commitment,
    Direction,
    Principle,
    PriorityArea,
)
from .bodies import MunicipalBody
from .documents import ParagraphPdf, RenderedDocument
from .history import HistoryEntry
from .open_data import RegisterExport
from .organisations import ActivityField, Organisation, OrganisationActivity, Representation
from .outbox import OutboxMessage
from .protocols import (
    Ballot,
    DecisionClause,
    Division,
    Paragraph,
    ProtocolMeeting,
    ProtocolMember,
)
from .reminders import ReminderClaim
from .remiss import (
    InformationMeeting,
    Remiss,
    RemissAnswer,
    RemissAnswerAttachment,
    RemissAnswerText,
    RemissCompilationPdf,
    RemissDocument,
    RemissInstans,
    RemissReminder,
    RemissSection,
)
from .submissions import FormSubmission

__all__ = [
    "ActionPlan",
    "ActionPlanDocument",
    "ActivityField",
    "Affiliation",
    "AffiliationApplication",
    "AgreementVersion",
    "AnnualUpdateRequest",
    "Ballot",
    "Commitment",
    "DecisionClause",
    "Direction",
    "Division",
    "FormSubmission",
    "HistoryEntry",
    "InformationMeeting",
    "MunicipalBody",
    "Organisation",
    "OrganisationActivity",
    "OutboxMessage",
    "Paragraph",
    "ParagraphPdf",
    "Principle",
    "PriorityArea",
    "ProtocolMeeting",
    "ProtocolMember",
    "RegisterExport",
    "ReminderClaim",
    "Remiss",
    "RemissAnswer",
    "RemissAnswerAttachment",
    "RemissAnswerText",
    "RemissCompilationPdf",
    "RemissDocument",
    "RemissInstans",
    "RemissReminder",
    "RemissSection",
    "RenderedDocument",
    "Representation",
    "Role",
    "RoleAssignment",
    "User",
]
