"""Users, their roles and the municipality's bodies."""

from overenskommelse.accounts.models.accounts import Role, RoleAssignment, User, UserManager
from overenskommelse.accounts.models.bodies import MunicipalBody, MunicipalBodyQuerySet

__all__ = [
    "MunicipalBody",
    "MunicipalBodyQuerySet",
    "Role",
    "RoleAssignment",
    "User",
    "UserManager",
]
