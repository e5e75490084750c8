"""Permissions of the agreement app: one rule per action, used by views and templates."""

import rules

from overenskommelse.accounts.predicates import (
    is_foreningsrepresentant,
    is_kommunkontoret,
    is_logged_in,
)
from overenskommelse.agreement.predicates import (
    is_active_representation,
    is_closed_remiss,
    is_confirmed_representation,
    is_handover_offer,
    is_own_representation,
    is_public_action_plan,
    is_published_remiss,
    prepares_for_organisation,
    prepares_for_organisation_of,
    represents_organisation,
    represents_organisation_of,
    represents_remiss_instans,
)

rules.add_perm("overenskommelse.view_staff_overview", is_kommunkontoret)
rules.add_perm("overenskommelse.view_outbox", is_kommunkontoret)
# The diarium: kommunkontoret registers ärenden (a diarienummer) and searches them.
rules.add_perm("overenskommelse.register_case_number", is_kommunkontoret)
rules.add_perm("overenskommelse.search_case_numbers", is_kommunkontoret)
# Protocols: kommunkontoret records decisions and produces extracts; a paragraph
# marked public has a public extract.

# Organisations and affiliation (anslutning, utträde, the register).
rules.add_perm("overenskommelse.register_organisation", is_logged_in)
rules.add_perm("overenskommelse.request_representation", is_logged_in)
# Someone who registered an organisation is its pending representative until a
# confirmed one or kommunkontoret confirms them: they may see and correct its details
# and prepare its application; sending it (the submit guard) needs a confirmed one.
rules.add_perm(
    "overenskommelse.view_organisation",
    represents_organisation | prepares_for_organisation | is_kommunkontoret,
)
rules.add_perm(
    "overenskommelse.change_organisation",
    represents_organisation | prepares_for_organisation | is_kommunkontoret,
)
rules.add_perm("overenskommelse.view_organisation_history", is_kommunkontoret)
rules.add_perm("overenskommelse.confirm_organisation_details", represents_organisation)
# Confirming someone else takes a confirmed representative (of that organisation) or
# kommunkontoret; a pending one cannot confirm others.
rules.add_perm("overenskommelse.decide_representation", represents_organisation | is_kommunkontoret)
# On a Representation: its own person leaves (or declines being named successor);
# kommunkontoret may end one too. Only a confirmed one hands over; only the named
# successor accepts.
rules.add_perm(
    "overenskommelse.end_representation",
    is_active_representation & (is_own_representation | is_kommunkontoret),
)
rules.add_perm("overenskommelse.name_successor", represents_organisation)
rules.add_perm(
    "overenskommelse.hand_over_representation",
    is_own_representation & is_confirmed_representation,
)
rules.add_perm("overenskommelse.accept_handover", is_own_representation & is_handover_offer)
rules.add_perm(
    "overenskommelse.apply_for_affiliation", represents_organisation | prepares_for_organisation
)
rules.add_perm("overenskommelse.withdraw_affiliation", represents_organisation)
rules.add_perm(
    "overenskommelse.view_application",
    represents_organisation_of | prepares_for_organisation_of | is_kommunkontoret,
)
rules.add_perm(
    "overenskommelse.change_application", represents_organisation_of | prepares_for_organisation_of
)
rules.add_perm("overenskommelse.decide_application", is_kommunkontoret)
rules.add_perm("overenskommelse.view_application_queue", is_kommunkontoret)
rules.add_perm(
    "overenskommelse.view_withdrawal_protocol", represents_organisation_of | is_kommunkontoret
)

# Handlingsplan and remiss: kommunkontoret runs remisser; a published remiss
# is public; an instans's representatives answer; the compilation is public once the
# remiss has closed, staff-only before.
rules.add_perm("overenskommelse.view_action_plan", is_kommunkontoret | is_public_action_plan)
rules.add_perm("overenskommelse.manage_action_plan", is_kommunkontoret)
rules.add_perm("overenskommelse.manage_remiss", is_kommunkontoret)
rules.add_perm("overenskommelse.view_remiss", is_kommunkontoret | is_published_remiss)
rules.add_perm("overenskommelse.answer_remiss", represents_remiss_instans)
rules.add_perm("overenskommelse.view_remiss_answer", represents_remiss_instans | is_kommunkontoret)
rules.add_perm(
    "overenskommelse.answer_remiss_own_initiative", is_foreningsrepresentant & is_published_remiss
)
rules.add_perm("overenskommelse.view_remiss_compilation", is_kommunkontoret | is_closed_remiss)

# The tillgänglighetsredogörelse is public and anyone may report a problem through it;
# kommunkontoret changes its text and handles the reports.
rules.add_perm("overenskommelse.change_accessibility_statement", is_kommunkontoret)
rules.add_perm("overenskommelse.handle_accessibility_feedback", is_kommunkontoret)
