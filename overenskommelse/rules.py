"""Permissions of the agreement app: one rule per action, used by views and templates."""

import rules

from overenskommelse.predicates import is_kommunkontoret

rules.add_perm("overenskommelse.view_staff_overview", is_kommunkontoret)
rules.add_perm("overenskommelse.view_outbox", is_kommunkontoret)
