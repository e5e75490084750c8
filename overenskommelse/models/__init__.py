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
from .organisations import Organisation, Representation
from .outbox import OutboxMessage

__all__ = [
    "ActionPlan",
    "AgreementVersion",
    "Commitment",
    "Direction",
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
