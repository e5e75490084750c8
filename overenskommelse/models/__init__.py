from .accounts import Role, RoleAssignment, User
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
from .organisations import Organisation, Representation
from .outbox import OutboxMessage

__all__ = [
    "ActionPlan",
    "AgreementVersion",
    "Commitment",
    "Direction",
    "HistoryEntry",
    "MunicipalBody",
    "Organisation",
    "OutboxMessage",
    "Principle",
    "PriorityArea",
    "Representation",
    "Role",
    "RoleAssignment",
    "User",
]
