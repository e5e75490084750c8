"""Bring an initiative to any stage of the pipeline through the services, as people do.

A proposal by organisation A (tests/samverkan/conftest.py `proposal`) is accepted by
the handläggare; the cast's förvaltning is invited and accepts; both parties record
their agreement and the details are set; then each stage is left the way its guard
asks (results reported to samverkansgruppen, an evaluation added)."""

import datetime
from dataclasses import dataclass

from samverkan.pipeline.models import PIPELINE, Initiative, PartyStatus, Stage
from samverkan.pipeline.services import pipeline


@dataclass
class Walk:
    handlaggare: object
    rep_a: object
    forvaltningskontakt: object
    forvaltning: object

    def fresh(self, initiative: Initiative) -> Initiative:
        return Initiative.objects.get(pk=initiative.pk)

    def make_ready(self, initiative: Initiative) -> Initiative:
        """An initiative in its stage "samverkansinitiativ" gets what "start" asks for."""
        party = initiative.parties.filter(municipal_body=self.forvaltning).first()
        if party is None:
            party = pipeline.party_invite(
                initiative=initiative, actor=self.handlaggare, municipal_body=self.forvaltning
            )
        if party.status == PartyStatus.INVITED:
            pipeline.party_respond(party=party, actor=self.forvaltningskontakt, accept=True)
        pipeline.party_agree(party=party, actor=self.forvaltningskontakt)
        pipeline.party_agree(
            party=initiative.parties.get(organisation__isnull=False), actor=self.rep_a
        )
        return pipeline.initiative_update(
            initiative=self.fresh(initiative),
            actor=self.handlaggare,
            planned_start=datetime.date(2026, 1, 1),
            planned_end=datetime.date(2026, 6, 30),
            form="iop",
            form_reference="IOP 2026:1",
        )

    def report(self, initiative: Initiative) -> Initiative:
        """Results written by organisation A and reported to samverkansgruppen."""
        pipeline.results_update(
            initiative=initiative,
            actor=self.rep_a,
            results_text="40 barn fick läxhjälp",
            results_figures="40",
            spread_where="Konferensen",
        )
        return pipeline.results_mark_reported(
            initiative=self.fresh(initiative), actor=self.handlaggare
        )

    def evaluate(self, initiative: Initiative) -> Initiative:
        pipeline.evaluation_add(
            initiative=initiative,
            actor=self.rep_a,
            goal_fulfilment="Målen nåddes",
            should_continue="ja",
        )
        return self.fresh(initiative)

    def move(self, initiative: Initiative, name: str, comment: str = "") -> Initiative:
        return pipeline.initiative_transition(
            initiative=initiative, actor=self.handlaggare, name=name, comment=comment
        )

    def to(self, proposal: Initiative, stage: str) -> Initiative:
        """The proposal, moved forward until it is in `stage`."""
        initiative = self.fresh(proposal)
        if stage == Stage.DECLINED:
            return self.move(initiative, "decline", "Utanför handlingsplanen")
        steps = {
            Stage.INITIATIVE: lambda i: self.move(i, "accept"),
            Stage.IMPLEMENTATION: lambda i: self.move(self.make_ready(i), "start"),
            Stage.RESULTS: lambda i: self.move(i, "to_results"),
            Stage.EVALUATION: lambda i: self.move(self.report(i), "evaluate"),
            Stage.FOLLOW_UP: lambda i: self.move(self.evaluate(i), "close"),
        }
        for next_stage in PIPELINE[PIPELINE.index(initiative.stage) + 1 :]:
            if initiative.stage == stage:
                break
            initiative = steps[next_stage](initiative)
        assert initiative.stage == stage
        return initiative
