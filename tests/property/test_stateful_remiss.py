"""The remiss stage machine walked at random (Hypothesis `RuleBasedStateMachine`).

A draft remiss; kommunkontoret's two handläggare add remissinstanser (organisation
A, a nämnd), publish and withdraw, with or without a reason, also where the table
has no such step. After every move:

* the status is one of the machine's and the model's, and a published or withdrawn
  remiss has its publication date;
* a successful change wrote exactly one history row, a refused one none, and the
  refusal is the Swedish reason the model expects;
* the remiss page offers kommunkontoret exactly the steps the table has from its
  status (with the reasons it cannot be published, while it cannot), and
  organisation A's representative none.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule, run_state_machine_as_test

from overenskommelse.agreement.models import Remiss
from overenskommelse.agreement.services import remiss as services
from overenskommelse.platform.selectors.history import history_for
from tests.overenskommelse.remiss_fixtures import draft_remiss, namnd  # noqa: F401
from tests.property.stateful import DatabaseMachine, read_page, stateful_settings

pytestmark = pytest.mark.django_db
S = Remiss.Status
STAFF = ("handlaggare", "handlaggare_b")
NO_INSTANS = "Välj minst en remissinstans innan remissen publiceras."
KINDS = ("step", "step", "step", "instans")


class RemissMachine(DatabaseMachine):
    cast: dict  # set by the test

    def __init__(self):
        super().__init__()
        self.remiss = self.cast["draft_remiss"]
        self.clients = {}
        for name in ("handlaggare", "rep_a"):
            self.clients[name] = Client()
            self.clients[name].force_login(self.cast[name])
        self.status = S.DRAFT
        self.instanser: set[str] = set()
        self.history = history_for(subject=self.remiss).count()
        self.pages_checked: set[tuple] = set()

    @property
    def fresh(self) -> Remiss:
        return Remiss.objects.get(pk=self.remiss.pk)

    @rule(data=st.data())
    def someone_acts(self, data):
        """One rule, so every sequence mixes steps and new instanser."""
        staff = self.cast[data.draw(st.sampled_from(STAFF), label="staff")]
        if data.draw(st.sampled_from(KINDS), label="kind") == "instans":
            self.add_instans(data.draw(st.sampled_from(["organisation_a", "namnd"])), staff)
        else:
            name = data.draw(st.sampled_from(sorted(services.TRANSITIONS)), label="name")
            reason = data.draw(st.sampled_from(["Fel version", "Fel version", "", "  "]))
            self.step(name, reason, staff)

    def step(self, name, reason, staff):
        transition = services.TRANSITIONS[name]
        if self.status not in transition.source:
            expected = ["Remissen är inte i ett läge där detta kan göras."]
        elif name == "publish" and not self.instanser:
            expected = [NO_INSTANS]
        elif transition.needs_reason and not reason.strip():
            expected = ["Ange ett skäl."]
        else:
            expected = None
        try:
            done = services.remiss_transition(
                remiss=self.remiss, actor=staff, name=name, reason=reason
            )
        except ValidationError as error:
            assert expected is not None, f"{name} refused: {error.messages}"
            assert error.messages == expected
            return
        assert expected is None, f"{name} allowed; expected {expected}"
        self.status = transition.target
        self.history += 1
        assert done.status == self.status
        entry = history_for(subject=self.remiss).order_by("-pk").first()
        assert (entry.action, entry.actor, entry.message) == (name, staff, reason)

    def add_instans(self, which, staff):
        target = self.cast[which]
        kwargs = {"organisations": [target]} if which == "organisation_a" else {"bodies": [target]}
        if self.status == S.WITHDRAWN:
            with pytest.raises(ValidationError) as refused:
                services.remiss_instanser_add(remiss=self.fresh, actor=staff, **kwargs)
            assert refused.value.messages == ["En återkallad remiss kan inte ändras."]
            return
        created = services.remiss_instanser_add(remiss=self.fresh, actor=staff, **kwargs)
        assert len(created) == (0 if which in self.instanser else 1)
        if created:  # one history row for the instanser added; none when nothing was
            self.history += 1
        self.instanser.add(which)

    @invariant()
    def stored_as_the_model_says(self):
        stored = self.fresh
        assert stored.status in S.values and stored.status == self.status
        assert (stored.published_at is None) == (stored.status == S.DRAFT)
        assert stored.instanser.count() == len(self.instanser)
        assert history_for(subject=stored).count() == self.history

    @invariant()
    def the_page_offers_exactly_the_allowed_steps(self):
        key = (self.status, bool(self.instanser))
        if key in self.pages_checked:
            return
        self.pages_checked.add(key)
        uuid = self.remiss.uuid
        url = reverse("agreement:remiss_detail", kwargs={"uuid": uuid})
        forms = {
            name: reverse(f"agreement:remiss_{name}", kwargs={"uuid": uuid})
            for name in services.TRANSITIONS
        }
        allowed = {t.name for t in services.TRANSITIONS.leaving(self.status)}
        page = read_page(self.clients["handlaggare"], url)
        assert page.status == 200
        assert {name for name, action in forms.items() if page.form(action)} == allowed
        cannot_publish = self.status == S.DRAFT and not self.instanser
        assert (escape(NO_INSTANS) in page.html) == cannot_publish
        page = read_page(self.clients["rep_a"], url)
        assert page.status == (200 if self.status == S.PUBLISHED else 403)
        assert not any(page.form(action) for action in forms.values())


def test_random_walks_through_the_remiss_machine(request, no_staff_mfa):
    names = (*STAFF, "rep_a", "organisation_a", "namnd", "draft_remiss")
    cast = {name: request.getfixturevalue(name) for name in names}
    machine = type("Machine", (RemissMachine,), {"cast": cast})
    run_state_machine_as_test(machine, settings=stateful_settings(max_examples=15, steps=12))
