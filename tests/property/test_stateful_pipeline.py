"""The initiative pipeline walked at random (Hypothesis `RuleBasedStateMachine`).

A proposal by organisation A starts at a random stage, brought there through the
services (tests/samverkan/pipeline_walk.py). Then, at random: kommunkontoret's two
handläggare take any step of the table (or one that does not exist), with or
without a reason; a party, the other organisation's representative, the other
förvaltning's contact or samverkansgruppen's member tries the same; the förvaltning
is invited and answers; parties record their agreement; the details, results,
report and evaluations are written. After every move:

* the stage and hold are the model's, and never an impossible pair (a declined or
  closed initiative is never paused or cancelled; past the initiative stage the
  form is set);
* a successful change wrote exactly one history row, a refused one none (nor a
  repeated agreement or report, which change nothing), and a refused step gave the
  Swedish reason the model expects;
* the initiative's page offers the handläggare exactly the steps the table allows
  from its stage (pause, resume and cancel only when their guard allows them), each
  stage step whose guard refuses is listed with that reason, and it offers nobody
  else any step.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from hypothesis import strategies as st
from hypothesis.stateful import initialize, invariant, rule, run_state_machine_as_test

from overenskommelse.platform.selectors.history import history_for
from samverkan.pipeline.models import Hold, Initiative, PartyStatus, Stage
from samverkan.pipeline.services import pipeline
from tests.property.stateful import DatabaseMachine, read_page, stateful_settings
from tests.samverkan.pipeline_walk import Walk

pytestmark = pytest.mark.django_db
STAFF = ("handlaggare", "handlaggare_b")
OTHERS = (
    "rep_a",
    "rep_b",
    "forvaltningskontakt",
    "forvaltningskontakt_b",
    "samverkansgruppen_member",
)
NAMES = sorted(pipeline.TRANSITIONS)
STARTS = (
    Stage.PROPOSAL,
    Stage.INITIATIVE,
    Stage.IMPLEMENTATION,
    Stage.RESULTS,
    Stage.EVALUATION,
    Stage.FOLLOW_UP,
)
KINDS = ("kommunkontoret", "kommunkontoret", "someone else", "preparation", "preparation")
PREPARATIONS = (
    "invite_the_forvaltning",
    "answer",
    "agree",
    "set_the_details",
    "write_and_report_the_results",
    "add_an_evaluation",
)
AGREEMENTS = (
    ("organisation", "rep_a"),
    ("organisation", "rep_b"),
    ("forvaltning", "forvaltningskontakt"),
    ("forvaltning", "forvaltningskontakt_b"),
)
NOT_POSSIBLE = "Det steget går inte att ta från det här skedet."
PAUSED = "Initiativet är pausat. Återuppta det först."
CANCELLED = "Initiativet är avbrutet."


class PipelineMachine(DatabaseMachine):
    cast: dict  # set by the test

    def __init__(self):
        super().__init__()
        cast = self.cast
        self.walk = Walk(
            cast["handlaggare"], cast["rep_a"], cast["forvaltningskontakt"], cast["forvaltning"]
        )
        self.clients = {}
        for name in ("handlaggare", "rep_a", "rep_b"):
            self.clients[name] = Client()
            self.clients[name].force_login(cast[name])
        self.pages_checked: set[tuple] = set()

    @initialize(start=st.sampled_from(STARTS))
    def start_somewhere(self, start):
        self.initiative = self.walk.to(self.cast["proposal"], start)
        past = STARTS.index(start)
        # The model.
        self.stage, self.hold = start, Hold.NONE
        self.body_party = PartyStatus.ACCEPTED if past >= 2 else None
        self.org_agreed = self.body_agreed = self.details = past >= 2
        self.results = self.reported = past >= 4
        self.evaluations = 1 if past >= 5 else 0
        self.history = history_for(subject=self.initiative).count()

    @property
    def fresh(self) -> Initiative:
        """The initiative as stored: services are given what a request would load."""
        return Initiative.objects.get(pk=self.initiative.pk)

    # Steps of the table -------------------------------------------------------------

    @rule(data=st.data())
    def someone_acts(self, data):
        """One rule, so every sequence mixes the three kinds of move (Hypothesis would
        otherwise switch whole rules off in some sequences)."""
        kind = data.draw(st.sampled_from(KINDS), label="kind")
        if kind == "kommunkontoret":
            # Half the time a step the table has from this stage, else any name at all
            # (cancel and decline, which end most of what can follow, only so).
            from_here = [
                t.name
                for t in pipeline.TRANSITIONS.leaving(self.stage)
                if t.name not in ("cancel", "decline")
            ]
            anything = st.sampled_from([*NAMES, "back_to_forslag", "finish"])
            names = st.one_of(st.sampled_from(from_here), anything) if from_here else anything
            self.step_by_kommunkontoret(
                data.draw(names, label="name"),
                data.draw(st.sampled_from(STAFF), label="staff"),
                data.draw(st.sampled_from(["Skäl", "Skäl", ""]), label="comment"),
            )
        elif kind == "someone else":
            self.step_by_someone_else(
                data.draw(st.sampled_from(NAMES), label="name"),
                data.draw(st.sampled_from(OTHERS), label="actor"),
            )
        else:
            self.prepare(data)

    def step_by_kommunkontoret(self, name, staff, comment):
        expected = self._refusal(name, comment)
        try:
            done = pipeline.initiative_transition(
                initiative=self.initiative, actor=self.cast[staff], name=name, comment=comment
            )
        except ValidationError as error:
            assert expected is not None, f"{name} refused: {error.messages}"
            assert error.messages == [expected]
            return
        assert expected is None, f"{name} allowed; expected {expected!r}"
        transition = pipeline.TRANSITIONS[name]
        self.stage = transition.target or self.stage
        self.hold = self.hold if transition.hold is None else transition.hold
        assert (done.stage, done.hold) == (self.stage, self.hold)
        self.history += 1
        entry = history_for(subject=self.initiative).order_by("-pk").first()
        assert (entry.action, entry.actor) == (f"samverkan_{name}", self.cast[staff])

    def step_by_someone_else(self, name, actor):
        with pytest.raises(PermissionDenied):
            pipeline.initiative_transition(
                initiative=self.initiative, actor=self.cast[actor], name=name, comment="Skäl"
            )

    def _guard(self, name) -> str | None:
        """The model of each transition's guard (reason in Swedish, or None)."""
        on_hold = {Hold.PAUSED: PAUSED, Hold.CANCELLED: CANCELLED}.get(self.hold)
        if name in ("accept", "request_more", "decline", "to_results"):
            return on_hold
        if name == "start":
            problems = []
            if not (self.body_party == PartyStatus.ACCEPTED and self.body_agreed):
                problems.append("ingen kommunal part har registrerat sin överenskommelse")
            if not self.org_agreed:
                problems.append("ingen organisation har registrerat sin överenskommelse")
            if not self.details:
                problems.append("formen (IOP, projekt eller annan) är inte vald")
                problems.append("planerad start och planerat slut saknas")
            if on_hold or not problems:
                return on_hold
            return f"Genomförandet kan inte starta: {'; '.join(problems)}."
        if name == "evaluate":
            reported = (
                None
                if self.reported
                else ("Resultatet måste först rapporteras till samverkansgruppen.")
            )
            return on_hold or reported
        if name == "close":
            evaluated = None if self.evaluations else "Lägg först till minst en utvärdering."
            return on_hold or evaluated
        if name == "pause":
            return None if self.hold == Hold.NONE else "Initiativet är redan pausat eller avbrutet."
        if name == "resume":
            return None if self.hold == Hold.PAUSED else "Initiativet är inte pausat."
        if name == "reopen":
            return None if self.hold == Hold.CANCELLED else "Initiativet är inte avbrutet."
        assert name == "cancel" or name.startswith("back_to_"), name
        return CANCELLED if self.hold == Hold.CANCELLED else None

    def _refusal(self, name, comment) -> str | None:
        transition = pipeline.TRANSITIONS.get(name)
        if transition is None or self.stage not in transition.source:
            return NOT_POSSIBLE
        if transition.needs_reason and not comment.strip():
            return "Ange ett skäl."
        return self._guard(name)

    # What the steps need -------------------------------------------------------------

    def prepare(self, data):
        """Something a stage's guard waits for, done by whoever does it (or tries)."""
        move = data.draw(st.sampled_from(PREPARATIONS), label="preparation")
        if move == "answer":
            contact = data.draw(st.sampled_from(["forvaltningskontakt", "forvaltningskontakt_b"]))
            self.the_forvaltning_answers(contact, data.draw(st.booleans(), label="accept"))
        elif move == "agree":
            self.a_party_agrees(data.draw(st.sampled_from(AGREEMENTS), label="who"))
        else:
            getattr(self, move)()

    def _expect(self, call, refusal, changed=True):
        """Run a service: refused with `refusal` (an exception type or Swedish
        message), or done, with a history row when it `changed` something."""
        if refusal is PermissionDenied:
            with pytest.raises(PermissionDenied):
                call()
            return False
        if refusal is not None:
            with pytest.raises(ValidationError) as refused:
                call()
            assert refused.value.messages == [refusal]
            return False
        call()
        self.history += 1 if changed else 0
        return True

    def invite_the_forvaltning(self):
        preparing = self.stage in (Stage.INITIATIVE, Stage.IMPLEMENTATION) and not self.hold
        refusal = None
        if not preparing:
            refusal = "Parter bjuds in medan initiativet förbereds."
        elif self.body_party is not None:
            refusal = f"{self.cast['forvaltning'].name} är redan part."
        done = self._expect(
            lambda: pipeline.party_invite(
                initiative=self.fresh,
                actor=self.cast["handlaggare"],
                municipal_body=self.cast["forvaltning"],
            ),
            refusal,
        )
        if done:
            self.body_party = PartyStatus.INVITED

    def the_forvaltning_answers(self, contact, accept):
        party = self.initiative.parties.filter(municipal_body=self.cast["forvaltning"]).first()
        if party is None:
            return
        refusal = None
        if contact != "forvaltningskontakt":
            refusal = PermissionDenied
        elif self.body_party != PartyStatus.INVITED:
            refusal = "Inbjudan är redan besvarad."
        done = self._expect(
            lambda: pipeline.party_respond(party=party, actor=self.cast[contact], accept=accept),
            refusal,
        )
        if done:
            self.body_party = PartyStatus.ACCEPTED if accept else PartyStatus.DECLINED

    def a_party_agrees(self, who):
        kind, actor = who
        if kind == "organisation":
            party = self.initiative.parties.filter(organisation=self.cast["organisation_a"]).first()
            status, agreed = PartyStatus.ACCEPTED, self.org_agreed
        else:
            party = self.initiative.parties.filter(municipal_body=self.cast["forvaltning"]).first()
            status, agreed = self.body_party, self.body_agreed
        if party is None:
            return
        refusal = None
        if actor not in ("rep_a", "forvaltningskontakt"):
            refusal = PermissionDenied
        elif status != PartyStatus.ACCEPTED or self.stage != Stage.INITIATIVE:
            refusal = "Partens överenskommelse kan inte registreras nu."
        call = lambda: pipeline.party_agree(party=party, actor=self.cast[actor])  # noqa: E731
        if self._expect(call, refusal, changed=not agreed):
            if kind == "organisation":
                self.org_agreed = True
            else:
                self.body_agreed = True

    def set_the_details(self):
        closed = self.stage in (Stage.DECLINED, Stage.FOLLOW_UP)
        done = self._expect(
            lambda: pipeline.initiative_update(
                initiative=self.fresh,
                actor=self.cast["handlaggare"],
                planned_start=dt.date(2026, 1, 1),
                planned_end=dt.date(2026, 6, 30),
                form="iop",
                form_reference="IOP 2026:1",
            ),
            "Initiativet är avslutat." if closed else None,
            changed=not self.details,
        )
        self.details = self.details or done

    def write_and_report_the_results(self):
        in_results = self.stage == Stage.RESULTS
        refusal = None if in_results else "Resultat rapporteras i steget resultat och spridning."
        if not self._expect(lambda: self.walk.report(self.fresh), refusal, changed=False):
            return
        # The results are a change each time they are saved; the report the first time.
        self.history += 1 + (0 if self.reported else 1)
        self.results = self.reported = True

    def add_an_evaluation(self):
        refusal = (
            None
            if self.stage == Stage.EVALUATION
            else ("Utvärderingar läggs till i steget utvärdering.")
        )
        if self._expect(lambda: self.walk.evaluate(self.fresh), refusal):
            self.evaluations += 1

    # Invariants --------------------------------------------------------------------

    @invariant()
    def stored_as_the_model_says(self):
        stored = Initiative.objects.get(pk=self.initiative.pk)
        assert stored.stage in Stage.values and stored.hold in Hold.values
        assert (stored.stage, stored.hold) == (self.stage, self.hold)
        if stored.stage in (Stage.DECLINED, Stage.FOLLOW_UP):
            assert stored.hold == Hold.NONE
        if stored.stage not in (Stage.PROPOSAL, Stage.INITIATIVE, Stage.DECLINED):
            assert stored.form
        assert history_for(subject=stored).count() == self.history

    @invariant()
    def the_page_offers_exactly_the_allowed_steps(self):
        key = (self.stage, self.hold, self.body_party, self.body_agreed, self.org_agreed,
               self.details, self.reported, bool(self.evaluations))  # fmt: skip
        if key in self.pages_checked:
            return
        self.pages_checked.add(key)
        uuid = self.initiative.uuid
        url = reverse("pipeline:initiative", kwargs={"uuid": uuid})
        action = reverse("pipeline:transition", kwargs={"uuid": uuid})
        table = pipeline.TRANSITIONS.leaving(self.stage)
        if self.hold == Hold.CANCELLED:  # only being taken up again is offered
            table = [t for t in table if self._guard(t.name) is None]
        allowed = {t.name for t in table if t.hold is None or self._guard(t.name) is None}
        page = read_page(self.clients["handlaggare"], url)
        assert page.status == 200
        assert page.choices(action, "name") == allowed
        for t in table:
            reason = self._guard(t.name)
            if t.hold is None and reason:
                assert escape(f"{t.label}: {reason}") in page.html, (t.name, reason)
        # Organisation A (the proposer, a party once accepted) reads the initiative
        # but is offered no step; organisation B does not see it at all.
        for name, status in (("rep_a", 200), ("rep_b", 404)):
            page = read_page(self.clients[name], url)
            assert page.status == status, name
            assert page.choices(action, "name") == set()


def test_random_walks_through_the_pipeline(request, no_staff_mfa):
    names = (*STAFF, *OTHERS, "forvaltning", "organisation_a", "proposal")
    cast = {name: request.getfixturevalue(name) for name in names}
    machine = type("Machine", (PipelineMachine,), {"cast": cast})
    run_state_machine_as_test(machine, settings=stateful_settings(max_examples=20, steps=30))
