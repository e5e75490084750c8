"""Predicates of samverkan/pipeline/predicates.py where the cast of the rules tests has too few
people to tell two readings apart (mutation testing found them)."""

import pytest
import rules
from django.utils import timezone

from samverkan.pipeline import predicates
from samverkan.pipeline.models import Initiative, Stage
from tests import cast

pytestmark = pytest.mark.django_db


def _proposal(**values) -> Initiative:
    return Initiative.objects.create(
        title="Förslag",
        need="Behov",
        stage=Stage.PROPOSAL,
        last_activity_at=timezone.now(),
        **values,
    )


def test_every_representative_of_the_proposing_organisation_is_a_proposer(
    rep_a, rep_b, organisation_a
):
    colleague = cast.representative_create(organisation_a)
    proposal = _proposal(proposed_by=rep_a, proposing_organisation=organisation_a)

    assert predicates.is_proposer(colleague, proposal)
    assert rules.has_perm("samverkan.view_initiative", colleague, proposal)
    assert not predicates.is_proposer(rep_b, proposal)
    assert not rules.has_perm("samverkan.view_initiative", rep_b, proposal)


def test_the_person_who_proposed_is_a_proposer_without_representing_the_organisation(
    rep_a, organisation_b
):
    proposal = _proposal(proposed_by=rep_a, proposing_organisation=organisation_b)

    assert predicates.is_proposer(rep_a, proposal)
