"""The participation stage machine walked at random (Hypothesis `RuleBasedStateMachine`).

Lunds kommun's participation in a network of at most six municipalities: the two
handläggare move it to any stage (or an unknown one), with or without the political
decision; other municipalities join the network meanwhile, so it may be full. After
every move:

* the stage is one of the machine's and the model's; taking part means a linked
  decision and being listed among the network's municipalities, never more than
  the network's maximum;
* a successful change wrote exactly one history row, a refused one none, and the
  refusal is the Swedish reasons the model expects;
* the participation page offers kommunkontoret exactly the stages the table has
  next, and organisation A's representative nothing (403).
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule, run_state_machine_as_test

from natverk.models import Participation
from natverk.services import networks as services
from overenskommelse.platform.selectors.history import history_for
from tests.property.stateful import DatabaseMachine, read_page, stateful_settings

pytestmark = pytest.mark.django_db
Stage = Participation.Stage
STAFF = ("handlaggare", "handlaggare_b")
KINDS = ("step", "step", "step", "another municipality")
NO_DECISION = "Att delta kräver ett kopplat politiskt beslut (en paragraf)."


class ParticipationMachine(DatabaseMachine):
    cast: dict  # set by the test

    def __init__(self):
        super().__init__()
        self.participation = self.cast["participation"]
        self.network = self.participation.network
        self.clients = {}
        for name in ("handlaggare", "rep_a"):
            self.clients[name] = Client()
            self.clients[name].force_login(self.cast[name])
        self.stage = Stage.APPLIED
        self.decision_linked = False
        self.municipalities: list[str] = []
        self.history = 0
        self.network_history = history_for(subject=self.network).count()
        self.pages_checked: set[tuple] = set()

    @initialize(others=st.integers(0, 6))
    def the_network_has_members(self, others):
        """The network may already be full before Lunds kommun takes part."""
        for _ in range(others):
            self.another_municipality_joins(self.cast["handlaggare"])

    @rule(data=st.data())
    def someone_acts(self, data):
        """One rule, so every sequence mixes both kinds of move."""
        staff = self.cast[data.draw(st.sampled_from(STAFF), label="staff")]
        if data.draw(st.sampled_from(KINDS), label="kind") == "another municipality":
            self.another_municipality_joins(staff)
            return
        # Half the time a next stage of the table (ending, after which nothing more
        # happens, only so), else any stage or an unknown one.
        ahead = [t.target for t in services.TRANSITIONS.leaving(self.stage)]
        ahead = [to for to in ahead if to != Stage.ENDED]
        anything = st.sampled_from([*Stage.values, "vilande"])
        stages = st.one_of(st.sampled_from(ahead), anything) if ahead else anything
        to_stage = data.draw(stages, label="to_stage")
        self.step(to_stage, data.draw(st.booleans(), label="with_decision"), staff)

    def step(self, to_stage, with_decision, staff):
        expected = self._refusal(to_stage, with_decision)
        decision = self.cast["decision"] if with_decision else None
        try:
            done = services.participation_transition(
                participation=self.participation,
                to_stage=to_stage,
                actor=staff,
                decision=decision,
                comment="Enligt beslut",
            )
        except ValidationError as error:
            assert expected, f"{self.stage} → {to_stage} refused: {error.messages}"
            assert error.messages == expected
            return
        assert not expected, f"{self.stage} → {to_stage} allowed; expected {expected}"
        entry = history_for(subject=self.participation).order_by("-pk").first()
        assert (entry.action, entry.actor) == ("participation_stage_changed", staff)
        assert entry.changes["stage"] == [self.stage, to_stage]
        assert ("decision" in entry.changes) == (with_decision and not self.decision_linked)
        self.stage, self.history = to_stage, self.history + 1
        self.decision_linked = self.decision_linked or with_decision
        if to_stage == Stage.TAKING_PART and "Lunds kommun" not in self.municipalities:
            self.municipalities.append("Lunds kommun")
        assert done.stage == self.stage

    def _refusal(self, to_stage, with_decision) -> list[str]:
        if to_stage not in Stage.values:
            return ["Okänt steg."]
        if to_stage not in {t.target for t in services.TRANSITIONS.leaving(self.stage)}:
            return [
                f"Ett deltagande kan inte gå från ”{Stage(self.stage).label}” till "
                f"”{Stage(to_stage).label}”."
            ]
        problems = []
        if to_stage == Stage.TAKING_PART:
            if not (with_decision or self.decision_linked):
                problems.append(NO_DECISION)
            full = len(self.municipalities) >= self.network.max_municipalities
            if full and "Lunds kommun" not in self.municipalities:
                problems.append("Högst 6 kommuner kan delta i nätverket.")
        return problems

    def another_municipality_joins(self, staff):
        name = f"Kommun {len(self.municipalities) + 1}"
        if len(self.municipalities) >= self.network.max_municipalities:
            with pytest.raises(ValidationError) as refused:
                services.network_municipality_add(network=self.network, actor=staff, name=name)
            assert refused.value.messages == ["Högst 6 kommuner kan delta i nätverket."]
            return
        services.network_municipality_add(network=self.network, actor=staff, name=name)
        self.municipalities.append(name)
        self.network_history += 1

    @invariant()
    def stored_as_the_model_says(self):
        stored = Participation.objects.get(pk=self.participation.pk)
        assert stored.stage in Stage.values and stored.stage == self.stage
        assert (stored.decision_id is not None) == self.decision_linked
        listed = sorted(self.network.municipalities.values_list("name", flat=True))
        assert listed == sorted(self.municipalities)
        assert len(listed) <= self.network.max_municipalities
        if stored.stage == Stage.TAKING_PART:
            assert stored.decision_id is not None and "Lunds kommun" in listed
        assert history_for(subject=stored).count() == self.history
        assert history_for(subject=self.network).count() == self.network_history

    @invariant()
    def the_page_offers_exactly_the_allowed_stages(self):
        if self.stage in self.pages_checked:
            return
        self.pages_checked.add(self.stage)
        uuid = self.participation.uuid
        url = reverse("natverk:participation_detail", kwargs={"uuid": uuid})
        action = reverse("natverk:participation_transition", kwargs={"uuid": uuid})
        allowed = {t.target for t in services.TRANSITIONS.leaving(self.stage)}
        page = read_page(self.clients["handlaggare"], url)
        assert page.status == 200
        assert page.choices(action, "to_stage") == allowed
        assert read_page(self.clients["rep_a"], url).status == 403


def test_random_walks_through_the_participation_machine(request, no_staff_mfa):
    names = (*STAFF, "rep_a", "participation", "decision")
    cast = {name: request.getfixturevalue(name) for name in names}
    machine = type("Machine", (ParticipationMachine,), {"cast": cast})
    run_state_machine_as_test(machine, settings=stateful_settings(max_examples=20, steps=15))
