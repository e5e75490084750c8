"""The application state machine walked at random (Hypothesis `RuleBasedStateMachine`).

Organisation A's representative saves drafts (complete or not) and submits them;
the handläggare decides (approve, ask for completion, reject) with or without the
message or date each decision needs; the other organisation's representative,
the förvaltningskontakt and samverkansgruppen's member try the same moves; an
affiliated organisation withdraws, so a new application can start. After every
move:

* each application's status is one of the machine's and the one the model expects,
  and the organisation has at most one open application;
* a successful change wrote exactly one history row, a refused one none, and the
  refusal is the Swedish reason the model expects (a PermissionDenied, before anything
  about the application is said, when the person lacks the move's permission);
* the application's page offers each person exactly the transitions the table
  allows them from its status: the representative the link to complete and send,
  the handläggare the decisions, anyone else nothing.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import strategies as st
from hypothesis.stateful import (
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from overenskommelse.agreement.forms.affiliation import DecisionForm
from overenskommelse.agreement.models import Affiliation, AffiliationApplication
from overenskommelse.agreement.services import affiliation as services
from overenskommelse.platform.selectors.history import history_for
from tests.property.stateful import DatabaseMachine, read_page, stateful_settings

pytestmark = pytest.mark.django_db
Status = AffiliationApplication.Status
MEETING = datetime.date(2026, 11, 2)
ACTORS = ("rep_a", "rep_b", "handlaggare", "forvaltningskontakt", "samverkansgruppen_member")
# Who may do each transition, as the table's permissions say (tests/*/rules check
# the permissions themselves against the whole cast).
MAY = {
    "submit": {"rep_a"},
    "request_completion": {"handlaggare"},
    "approve": {"handlaggare"},
    "reject": {"handlaggare"},
}
DATES = {
    "none": None,
    "before the board meeting": MEETING - datetime.timedelta(days=1),
    "the board meeting": MEETING,
    "later": MEETING + datetime.timedelta(days=30),
}
# Mostly what the move needs, now and then not.
MESSAGES = ("Protokollet saknar justering.", "Protokollet saknar justering.", "", "   ")
DATE_CHOICES = ("later", "later", "the board meeting", "before the board meeting", "none")
INCOMPLETE_COMPLETION = (
    "En ansökan som ska kompletteras behöver mötesdatum, protokoll och intygade villkor. "
    "Fyll i dem och spara igen."
)
SWEDISH_STATUS = {
    Status.DRAFT: "utkast",
    Status.SUBMITTED: "inskickad",
    Status.COMPLETION_REQUESTED: "komplettering begärd",
    Status.APPROVED: "godkänd",
    Status.REJECTED: "avslagen",
}


# Where a sequence may begin, and the moves that get there.
WAYS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [("submit", "rep_a")],
    Status.COMPLETION_REQUESTED: [("submit", "rep_a"), ("request_completion", "handlaggare")],
    Status.APPROVED: [("submit", "rep_a"), ("approve", "handlaggare")],
    Status.REJECTED: [("submit", "rep_a"), ("reject", "handlaggare")],
}
STARTS = (None, *WAYS)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("p.pdf", b"%PDF-1.4 x\n%%EOF", content_type="application/pdf")


class AffiliationMachine(DatabaseMachine):
    cast: dict  # set by the test

    def __init__(self):
        super().__init__()
        self.organisation = self.cast["organisation_a"]
        self.clients = {}
        for name in ("rep_a", "rep_b", "handlaggare"):
            self.clients[name] = Client()
            self.clients[name].force_login(self.cast[name])
        # The model: each application's status and history count, the one in play,
        # whether its last save was complete, whether the organisation is affiliated.
        self.statuses: dict[int, str] = {}
        self.history: dict[int, int] = {}
        self.current: AffiliationApplication | None = None
        self.complete = False
        self.affiliated = False
        self.pages_checked: set[tuple] = set()

    @initialize(start=st.sampled_from(STARTS))
    def start_somewhere(self, start):
        """Begin with nothing, or with an application the services brought to `start`."""
        if start is None:
            return
        self.save_draft(complete=True)
        for action, actor in WAYS[start]:
            self.transition(action, actor, "Protokollet saknar justering.", "later")
        assert self.statuses[self.current.pk] == start

    # Moves ------------------------------------------------------------------------

    @rule(complete=st.booleans())
    def save_draft(self, complete):
        status = self.statuses[self.current.pk] if self.current is not None else None
        if self.affiliated:
            expected = "Organisationen är redan ansluten."
        elif status == Status.COMPLETION_REQUESTED and not complete:
            expected = INCOMPLETE_COMPLETION
        else:
            expected = None
        try:
            application = services.application_save(
                organisation=self.organisation,
                actor=self.cast["rep_a"],
                meeting_date=MEETING if complete else None,
                paragraph="7",
                decision_text="Styrelsen beslutar att ansluta föreningen.",
                conditions_confirmed=complete,
                protocol=_pdf() if complete else None,
            )
        except ValidationError as error:
            assert error.messages == [expected]
            return
        assert expected is None, f"saved; expected {expected!r}"
        if status == Status.SUBMITTED:
            assert application.pk == self.current.pk  # unchanged while with kommunkontoret
            return
        if status in (Status.DRAFT, Status.COMPLETION_REQUESTED):
            assert application.pk == self.current.pk
        else:
            assert application.pk not in self.statuses  # a new application
            self.statuses[application.pk], self.history[application.pk] = Status.DRAFT, 0
        self.history[application.pk] += 1
        self.current, self.complete = application, complete

    @precondition(lambda self: self.current is not None)
    @rule(
        action=st.sampled_from(sorted(services.TRANSITIONS)),
        message=st.sampled_from(MESSAGES),
        date=st.sampled_from(DATE_CHOICES),
    )
    def move_by_whoever_may(self, action, message, date):
        (actor,) = MAY[action]
        self.transition(action, actor, message, date)

    @precondition(lambda self: self.current is not None)
    @rule(
        action=st.sampled_from([*sorted(services.TRANSITIONS), "withdraw"]),
        actor=st.sampled_from(ACTORS),
        data=st.data(),
    )
    def move_by_anyone(self, action, actor, data):
        self.transition(action, actor, data.draw(st.sampled_from(MESSAGES)), "later")

    def transition(self, action, actor, message, date):
        application, affiliated_from = self.current, DATES[date]
        expected = self._refusal(action, actor, message, affiliated_from)
        try:
            done = services.application_transition(
                application=application,
                action=action,
                actor=self.cast[actor],
                message=message,
                affiliated_from=affiliated_from,
            )
        except PermissionDenied as denied:
            assert expected is PermissionDenied, f"{action} by {actor} was denied"
            assert str(denied) == "Du får inte göra det."
            return
        except ValidationError as error:
            assert expected is not None, f"{action} by {actor} was refused: {error.messages}"
            assert error.messages == [expected]
            return
        assert expected is None, f"{action} by {actor} was allowed; expected {expected!r}"
        target = services.TRANSITIONS[action].target
        assert done.status == target
        self.statuses[application.pk] = target
        self.history[application.pk] += 1
        self.affiliated = self.affiliated or action == "approve"
        entry = history_for(subject=application).order_by("-pk").first()
        assert (entry.action, entry.actor) == (action, self.cast[actor])

    @precondition(lambda self: self.affiliated)
    @rule()
    def withdraw(self):
        services.affiliation_withdraw(
            organisation=self.organisation,
            actor=self.cast["rep_a"],
            meeting_date=MEETING,
            paragraph="12",
            protocol=_pdf(),
        )
        self.affiliated = False

    def _refusal(self, action, actor, message, affiliated_from):
        """The model: why the move must be refused (Swedish), PermissionDenied when
        the actor lacks its permission, or None."""
        status = self.statuses[self.current.pk]
        transition = services.TRANSITIONS.get(action)
        if transition is None:
            return "Okänd åtgärd."
        if actor not in MAY[action]:
            return PermissionDenied
        if status not in transition.source:
            return f"Ansökan är {SWEDISH_STATUS[status]}; det går inte att göra nu."
        if action == "submit":
            if self.affiliated:
                return "Organisationen är redan ansluten."
            if not self.complete:
                return (
                    "Fyll i mötesdatum, paragraf och beslut, ladda upp det justerade "
                    "protokollet och intyga villkoren innan du skickar ansökan."
                )
        if action == "approve":
            if affiliated_from is None:
                return "Ange datum då anslutningen börjar gälla."
            if affiliated_from < MEETING:
                return "Anslutningen kan inte börja före styrelsens beslut."
        if action in ("request_completion", "reject") and not message.strip():
            return "Skriv ett meddelande till föreningen."
        return None

    # Invariants -------------------------------------------------------------------

    @invariant()
    def stored_as_the_model_says(self):
        stored = dict(
            AffiliationApplication.objects.filter(organisation=self.organisation).values_list(
                "pk", "status"
            )
        )
        assert stored == self.statuses
        assert set(stored.values()) <= set(Status.values)
        assert self.organisation.applications.open().count() <= 1
        assert Affiliation.objects.active().filter(organisation=self.organisation).exists() == (
            self.affiliated
        )
        for pk, count in self.history.items():
            assert history_for(subject=AffiliationApplication(pk=pk)).count() == count

    @invariant()
    def the_page_offers_exactly_the_allowed_transitions(self):
        if self.current is None:
            return
        application, status = self.current, self.statuses[self.current.pk]
        if (application.pk, status) in self.pages_checked:
            return  # the same page as after an earlier move
        self.pages_checked.add((application.pk, status))
        detail = reverse("agreement:application_detail", kwargs={"uuid": application.uuid})
        decide = reverse("agreement:application_decide", kwargs={"uuid": application.uuid})
        form = reverse("agreement:application_form", kwargs={"slug": self.organisation.slug})
        for name, client in self.clients.items():
            page = read_page(client, detail)
            assert page.status == (403 if name == "rep_b" else 200)
            offered = page.choices(decide, "action")
            if form in page.links:
                offered.add("submit")
            allowed = {
                action
                for action, t in services.TRANSITIONS.items()
                if status in t.source and name in MAY[action]
            }
            assert offered == allowed, (name, status)
        assert {value for value, _label in DecisionForm.ACTIONS} == {
            a
            for a, t in services.TRANSITIONS.items()
            if t.permission.endswith("decide_application")
        }


def test_random_walks_through_the_application_machine(request, no_staff_mfa):
    cast = {
        name: request.getfixturevalue(name)
        for name in ("organisation_a", "organisation_b", *ACTORS)
    }
    machine = type("Machine", (AffiliationMachine,), {"cast": cast})
    run_state_machine_as_test(machine, settings=stateful_settings(max_examples=25, steps=15))
