"""Permissions of the agreement app: one rule per action, used by views and templates."""

import rules

from overenskommelse.predicates import (
    is_kommunkontoret,
    is_logged_in,
    is_public_paragraph,
    represents_organisation,
    represents_organisation_of,
)

rules.add_perm("overenskommelse.view_staff_overview", is_kommunkontoret)
rules.add_perm("overenskommelse.view_outbox", is_kommunkontoret)
# Protocols: kommunkontoret records decisions and produces extracts; a paragraph
# marked public has a public extract.
rules.add_perm("overenskommelse.manage_protocols", is_kommunkontoret)
rules.add_perm("overenskommelse.view_paragraph", is_kommunkontoret | is_public_paragraph)

# Organisations and affiliation (anslutning, utträde, the register).
rules.add_perm("overenskommelse.register_organisation", is_logged_in)
rules.add_perm("overenskommelse.request_representation", is_logged_in)
rules.add_perm("overenskommelse.view_organisation", represents_organisation | is_kommunkontoret)
rules.add_perm("overenskommelse.change_organisation", represents_organisation | is_kommunkontoret)
rules.add_perm("overenskommelse.view_organisation_history", is_kommunkontoret)
rules.add_perm("overenskommelse.confirm_organisation_details", represents_organisation)
rules.add_perm("overenskommelse.decide_representation", represents_organisation | is_kommunkontoret)
rules.add_perm("overenskommelse.apply_for_affiliation", represents_organisation)
rules.add_perm("overenskommelse.withdraw_affiliation", represents_organisation)
rules.add_perm("overenskommelse.view_application", represents_organisation_of | is_kommunkontoret)
rules.add_perm("overenskommelse.change_application", represents_organisation_of)
rules.add_perm("overenskommelse.decide_application", is_kommunkontoret)
rules.add_perm("overenskommelse.view_application_queue", is_kommunkontoret)
rules.add_perm(
    "overenskommelse.view_withdrawal_protocol", represents_organisation_of | is_kommunkontoret
)
