"""Permissions of the protocols app: one rule per action, used by views and templates."""

import rules

from overenskommelse.accounts.predicates import is_kommunkontoret
from overenskommelse.protocols.predicates import is_adjusted_meeting, is_public_paragraph

rules.add_perm("overenskommelse.manage_protocols", is_kommunkontoret)
rules.add_perm("overenskommelse.view_paragraph", is_kommunkontoret | is_public_paragraph)
rules.add_perm("overenskommelse.view_protocol_meeting", is_kommunkontoret | is_adjusted_meeting)
