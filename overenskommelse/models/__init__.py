from .accounts import Role, RoleAssignment, User
from .affiliation import Affiliation, AffiliationApplication, AnnualUpdateRequest
from .agreement import (
    ActionPlan,
    AgreementVersion,
    Commitment,
    Direction,
    Principle,
    PriorityArea,
)
from .bodies import MunicipalBody
from .history import HistoryEntry
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

__all__ = [
    "ActionPlan",
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
    "HistoryEntry",
    "MunicipalBody",
    "Organisation",
    "OrganisationActivity",
    "OutboxMessage",
    "Paragraph",
    "Principle",
    "PriorityArea",
    "ProtocolMeeting",
    "ProtocolMember",
    "Representation",
    "Role",
    "RoleAssignment",
    "User",
]
