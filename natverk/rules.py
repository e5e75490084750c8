"""Permissions of the network app: one rule per action. Kommunkontoret keeps the
register; those who attend a meeting from us may read it and its documents."""

import rules

from natverk.predicates import attends_meeting, calendar_is_public
from overenskommelse.accounts.predicates import is_kommunkontoret

rules.add_perm("natverk.view_networks", is_kommunkontoret)
rules.add_perm("natverk.manage_networks", is_kommunkontoret)
rules.add_perm("natverk.manage_participation", is_kommunkontoret)
rules.add_perm("natverk.manage_meetings", is_kommunkontoret)
rules.add_perm("natverk.view_meeting", is_kommunkontoret | attends_meeting)
rules.add_perm("natverk.view_own_meetings", rules.is_authenticated)
rules.add_perm("natverk.view_network_calendar", is_kommunkontoret | calendar_is_public)
