"""Permissions of samverkansgruppen, the yearly follow-up and the conference."""

import rules

from overenskommelse.accounts.predicates import is_kommunkontoret, is_samverkansgruppen
from samverkan.group.predicates import (
    followup_is_approved,
    followup_is_draft,
    is_forvaltning_contact,
)

is_group = is_samverkansgruppen | is_kommunkontoret
rules.add_perm("samverkan.view_group", is_group)
rules.add_perm("samverkan.manage_group", is_kommunkontoret)
rules.add_perm("samverkan.view_followups", is_group)
rules.add_perm("samverkan.manage_followup", is_kommunkontoret)
rules.add_perm("samverkan.comment_followup", is_group & followup_is_draft)
rules.add_perm("samverkan.approve_followup", is_group & followup_is_draft)
rules.add_perm("samverkan.view_followup", is_group | followup_is_approved)
rules.add_perm("samverkan.send_followup", is_kommunkontoret & followup_is_approved)
rules.add_perm("samverkan.file_report", is_forvaltning_contact)
rules.add_perm("samverkan.manage_conference", is_kommunkontoret)
