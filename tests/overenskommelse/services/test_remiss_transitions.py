# ruff: noqa: F811  (fixtures imported from tests/overenskommelse/remiss_fixtures.py)
"""Every transition of the remiss stage machine through `remiss_transition`: the
status it leads to, its one history row, and what it refuses (in Swedish).

`CASES` is written out by hand; `test_every_transition_has_a_case` compares it with
`TRANSITIONS` in overenskommelse/agreement/services/remiss.py."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from overenskommelse.agreement.models import Remiss
from overenskommelse.agreement.services import remiss as services
from overenskommelse.platform.models import OutboxMessage
from overenskommelse.platform.selectors.history import history_for
from tests.overenskommelse.remiss_fixtures import (  # noqa: F401
    at,
    draft_remiss,
    namnd,
    namnd_contact,
    published_remiss,
)

pytestmark = pytest.mark.django_db
S = Remiss.Status
NOW = at(2020, 11, 30, 10)

# (source, target) -> (transition, reason given)
CASES = {
    (S.DRAFT, S.PUBLISHED): ("publish", ""),
    (S.PUBLISHED, S.WITHDRAWN): ("withdraw", "Fel version av handlingsplanen"),
}


def test_every_transition_has_a_case():
    table = {
        (source, t.target): name for name, t in services.TRANSITIONS.items() for source in t.source
    }
    assert {pair: name for pair, (name, _reason) in CASES.items()} == table


@pytest.fixture
def ready_remiss(draft_remiss, handlaggare, organisation_a, rep_a):
    services.remiss_instanser_add(
        remiss=draft_remiss, actor=handlaggare, organisations=[organisation_a]
    )
    return draft_remiss


def _reach(status, remiss, handlaggare) -> Remiss:
    if status != S.DRAFT:
        remiss = services.remiss_transition(remiss=remiss, actor=handlaggare, name="publish")
    if status == S.WITHDRAWN:
        remiss = services.remiss_transition(
            remiss=remiss, actor=handlaggare, name="withdraw", reason="Fel"
        )
    assert remiss.status == status
    return remiss


@pytest.mark.parametrize(("source", "target"), sorted(CASES))
def test_transition(source, target, ready_remiss, handlaggare, rep_a):
    name, reason = CASES[(source, target)]
    with time_machine.travel(NOW, tick=False):
        remiss = _reach(source, ready_remiss, handlaggare)
        before = history_for(subject=remiss).count()
        invitations = OutboxMessage.objects.filter(to=[rep_a.email]).count()

        done = services.remiss_transition(
            remiss=remiss, actor=handlaggare, name=name, reason=reason
        )

    stored = Remiss.objects.get(pk=remiss.pk)
    assert done.status == stored.status == target
    assert history_for(subject=stored).count() == before + 1
    entry = history_for(subject=stored).order_by("-pk").first()
    assert (entry.action, entry.actor, entry.message) == (name, handlaggare, reason)
    assert entry.changes == {"status": [source, target]}
    # Publishing invites the instanser; withdrawing does not write to them again.
    sent = OutboxMessage.objects.filter(to=[rep_a.email]).count() - invitations
    assert sent == (1 if name == "publish" else 0)
    assert stored.published_at == NOW  # set by publishing, kept when withdrawn


OUTSIDE_THE_TABLE = [
    (name, status)
    for name in sorted(services.TRANSITIONS)
    for status in S
    if status not in services.TRANSITIONS[name].source
]


@pytest.mark.parametrize(("name", "status"), OUTSIDE_THE_TABLE)
def test_a_move_outside_the_table_is_refused_in_swedish(name, status, ready_remiss, handlaggare):
    with time_machine.travel(NOW, tick=False):
        remiss = _reach(status, ready_remiss, handlaggare)
        before = history_for(subject=remiss).count()
        with pytest.raises(ValidationError) as refused:
            services.remiss_transition(remiss=remiss, actor=handlaggare, name=name, reason="Skäl")
    assert refused.value.messages == ["Remissen är inte i ett läge där detta kan göras."]
    assert Remiss.objects.get(pk=remiss.pk).status == status
    assert history_for(subject=remiss).count() == before


@pytest.mark.parametrize("name", ["finish", "", "PUBLISH"])
def test_a_step_the_table_does_not_have_is_refused_in_swedish(name, draft_remiss, handlaggare):
    with pytest.raises(ValidationError) as refused:
        services.remiss_transition(remiss=draft_remiss, actor=handlaggare, name=name)
    assert refused.value.messages == ["Remissen är inte i ett läge där detta kan göras."]
    assert history_for(subject=draft_remiss).count() == 1


def test_the_guards_give_their_swedish_reason(draft_remiss, handlaggare):
    with time_machine.travel(NOW, tick=False):
        with pytest.raises(ValidationError) as refused:
            services.remiss_transition(remiss=draft_remiss, actor=handlaggare, name="publish")
        assert refused.value.messages == ["Välj minst en remissinstans innan remissen publiceras."]
        # The page lists the same problems above the publish button.
        assert services.remiss_publish_problems(draft_remiss) == refused.value.messages
        Remiss.objects.filter(pk=draft_remiss.pk).update(closes_on=dt.date(2020, 11, 1))
        draft_remiss.refresh_from_db()
        draft_remiss.sections.all().delete()
        with pytest.raises(ValidationError) as refused:
            services.remiss_transition(remiss=draft_remiss, actor=handlaggare, name="publish")
    assert refused.value.messages == [
        "Remisstiden kan inte sluta före den börjar.",
        "Välj minst en remissinstans innan remissen publiceras.",
        "Dispositionen behöver minst en rubrik.",
    ]
    assert Remiss.objects.get(pk=draft_remiss.pk).status == S.DRAFT
    assert [e.action for e in history_for(subject=draft_remiss)] == ["remiss_created"]


def test_withdrawing_needs_a_reason(published_remiss, handlaggare):
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            services.remiss_transition(
                remiss=published_remiss, actor=handlaggare, name="withdraw", reason=reason
            )
        assert refused.value.messages == ["Ange ett skäl."]
    assert Remiss.objects.get(pk=published_remiss.pk).status == S.PUBLISHED
