# ruff: noqa: F811  (the remiss fixture is imported, then named as an argument)
"""The transition helper every stage machine is declared with
(overenskommelse/platform/services/transitions.py), on a small table of its own over a remiss's
status: the move it allows, each refusal in Swedish (a move from the wrong state, an
unknown one, a guard's reason, a missing reason) and the permission's, and the one
history row a move writes."""

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from overenskommelse.agreement.models import Remiss
from overenskommelse.platform.models import HistoryEntry
from overenskommelse.platform.selectors.history import history_for
from overenskommelse.platform.services.transitions import Transition, Transitions
from tests.overenskommelse.remiss_fixtures import draft_remiss  # noqa: F401

pytestmark = pytest.mark.django_db
S = Remiss.Status
MAY = "overenskommelse.manage_remiss"
MOMENT = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)
NO_SECTIONS = gettext_lazy("The disposition needs at least one section.")


def _has_sections(remiss: Remiss, **_context: Any):
    return None if remiss.sections.exists() else NO_SECTIONS


def _not_before(remiss: Remiss, *, today: dt.date | None = None, **_context: Any):
    if today is not None and today < remiss.opens_on:
        return gettext_lazy("The remiss period has not started yet.")
    return None


TABLE: Transitions[Transition] = Transitions(
    Transition(
        name="publish",
        source=(S.DRAFT,),
        target=S.PUBLISHED,
        permission=MAY,
        guards=(_has_sections, _not_before),
    ),
    Transition(
        name="withdraw",
        source=(S.PUBLISHED,),
        target=S.WITHDRAWN,
        permission=MAY,
        needs_reason=True,
    ),
    field="status",
    history_action="test_{name}",
)


def _publish(remiss: Remiss, _transition: Transition):
    remiss.published_at = MOMENT
    remiss.save(update_fields=["status", "published_at", "updated_at"])
    return {"published_at": [None, MOMENT.isoformat()]}


def _perform(remiss: Remiss, name: str, actor, **kwargs) -> Transition:
    return TABLE.perform(
        Remiss.objects.get(pk=remiss.pk), name, actor=actor, apply=_publish, **kwargs
    )


def _untouched(remiss: Remiss, status: str = S.DRAFT) -> None:
    stored = Remiss.objects.get(pk=remiss.pk)
    assert stored.status == status
    assert not history_for(subject=stored).filter(action__startswith="test_").exists()


def test_an_allowed_move_changes_the_state_and_writes_one_history_row(draft_remiss, handlaggare):
    before = HistoryEntry.objects.count()
    done = _perform(draft_remiss, "publish", handlaggare, reason="Klar", at=MOMENT)
    assert done is TABLE["publish"]
    stored = Remiss.objects.get(pk=draft_remiss.pk)
    assert (stored.status, stored.published_at) == (S.PUBLISHED, MOMENT)
    assert HistoryEntry.objects.count() == before + 1
    entry = history_for(subject=stored).get(action="test_publish")
    assert (entry.actor, entry.actor_name, entry.at, entry.message) == (
        handlaggare,
        handlaggare.get_full_name(),
        MOMENT,
        "Klar",
    )
    assert entry.changes == {
        "status": [S.DRAFT, S.PUBLISHED],
        "published_at": [None, MOMENT.isoformat()],
    }


def test_the_history_row_is_dated_now_when_no_time_is_given(draft_remiss, handlaggare):
    _perform(draft_remiss, "publish", handlaggare)
    entry = history_for(subject=draft_remiss).get(action="test_publish")
    assert abs(entry.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_a_move_from_the_wrong_state_is_refused_in_swedish(draft_remiss, handlaggare):
    with pytest.raises(ValidationError) as refused:
        _perform(draft_remiss, "withdraw", handlaggare, reason="Fel underlag")
    assert refused.value.messages == ["Det steget går inte att ta från det här skedet."]
    assert refused.value.code == "transition"
    _untouched(draft_remiss)


def test_a_move_the_table_does_not_have_is_refused(draft_remiss, handlaggare):
    with pytest.raises(ValidationError) as refused:
        _perform(draft_remiss, "archive", handlaggare)
    assert refused.value.messages == ["Okänd åtgärd."]
    _untouched(draft_remiss)


def test_the_machine_words_its_own_refusals(draft_remiss, handlaggare):
    table = Transitions(
        *TABLE.values(),
        field="status",
        unknown=lambda remiss, name: f"Inget steg heter {name}.",
        wrong_source=lambda remiss, t: f"{t.name} går inte från {remiss.status}.",
    )
    assert table.refusals(draft_remiss, "archive") == ["Inget steg heter archive."]
    assert table.refusals(draft_remiss, "withdraw") == ["withdraw går inte från utkast."]


def test_a_guard_gives_its_swedish_reason(draft_remiss, handlaggare):
    draft_remiss.sections.all().delete()
    with pytest.raises(ValidationError) as refused:
        _perform(draft_remiss, "publish", handlaggare)
    assert refused.value.messages == ["Dispositionen behöver minst en rubrik."]
    assert refused.value.code == "transition"
    _untouched(draft_remiss)


def test_every_guard_that_refuses_gives_its_reason_with_the_context_passed_on(
    draft_remiss, handlaggare
):
    draft_remiss.sections.all().delete()
    early = draft_remiss.opens_on - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        _perform(draft_remiss, "publish", handlaggare, today=early)
    assert refused.value.messages == [
        "Dispositionen behöver minst en rubrik.",
        "Remisstiden har inte börjat än.",
    ]
    assert TABLE.refusals(draft_remiss, "publish", today=draft_remiss.opens_on) == [
        "Dispositionen behöver minst en rubrik."
    ]
    _untouched(draft_remiss)


def test_a_guard_reason_is_translated_when_it_is_read(draft_remiss):
    draft_remiss.sections.all().delete()
    assert isinstance(_has_sections(draft_remiss), Promise)
    with translation.override("en"):
        assert TABLE["publish"].reasons(draft_remiss) == [
            "The disposition needs at least one section."
        ]
    assert TABLE["publish"].reasons(draft_remiss) == ["Dispositionen behöver minst en rubrik."]


@pytest.mark.parametrize("actor", ["rep_a", "forvaltningskontakt", "anonymous", None])
def test_an_actor_without_the_permission_is_refused_before_anything_else(
    actor, draft_remiss, request
):
    if actor is None or actor == "anonymous":
        user = None if actor is None else AnonymousUser()
    else:
        user = request.getfixturevalue(actor)
    draft_remiss.sections.all().delete()  # the guard would refuse too
    for name in ("publish", "withdraw", "archive"):
        with pytest.raises(PermissionDenied) as refused:
            _perform(draft_remiss, name, user, reason="Skäl")
        assert str(refused.value) == "Du får inte göra det."
        assert TABLE.refusal(draft_remiss, name, actor=user, reason="Skäl") == (
            "Du får inte göra det."
        )
    _untouched(draft_remiss)


def test_the_machine_may_word_the_permission_refusal(draft_remiss, rep_a):
    table = Transitions(
        *TABLE.values(), field="status", denied=gettext_lazy("Only kommunkontoret may do this.")
    )
    with pytest.raises(PermissionDenied) as refused:
        table.check(draft_remiss, "publish", actor=rep_a)
    assert str(refused.value) == "Bara kommunkontoret får göra detta."


def test_an_unknown_move_of_a_table_with_several_permissions_is_just_unknown(draft_remiss, rep_a):
    table = Transitions(
        *TABLE.values(),
        Transition(
            name="comment", source=(S.DRAFT,), target=None, permission="overenskommelse.view_remiss"
        ),
        field="status",
    )
    assert table.refusal(draft_remiss, "archive", actor=rep_a) == "Okänd åtgärd."


def test_a_move_that_needs_a_reason_refuses_none_and_a_nul(draft_remiss, handlaggare):
    published = Remiss.objects.get(pk=draft_remiss.pk)
    published.status, published.published_at = S.PUBLISHED, MOMENT
    published.save()
    for reason, message in (
        ("", "Ange ett skäl."),
        ("   ", "Ange ett skäl."),
        ("Fel\x00", "Null-tecken är inte tillåtna."),
    ):
        with pytest.raises(ValidationError) as refused:
            _perform(published, "withdraw", handlaggare, reason=reason)
        assert refused.value.messages == [message], reason
    _untouched(published, S.PUBLISHED)
    _perform(published, "withdraw", handlaggare, reason="Fel underlag")
    entry = history_for(subject=published).get(action="test_withdraw")
    assert (entry.message, entry.changes["status"]) == ("Fel underlag", [S.PUBLISHED, S.WITHDRAWN])


def test_the_table_reads_as_a_mapping_in_its_order():
    assert list(TABLE) == ["publish", "withdraw"]
    assert len(TABLE) == 2 and TABLE.get("archive") is None
    assert [t.name for t in TABLE.leaving(S.DRAFT)] == ["publish"]
    assert TABLE.leaving(S.WITHDRAWN) == []


def test_two_moves_may_not_share_a_name():
    with pytest.raises(ValueError):
        Transitions(TABLE["publish"], TABLE["publish"], field="status")


def test_without_a_reason_given_a_move_that_needs_one_is_refused_and_says_so(
    draft_remiss, handlaggare
):
    published = Remiss.objects.get(pk=draft_remiss.pk)
    published.status, published.published_at = S.PUBLISHED, MOMENT
    published.save()
    assert TABLE.refusal(published, "withdraw", actor=handlaggare) == "Ange ett skäl."
    assert TABLE.refusal(published, "withdraw", actor=handlaggare, reason="Fel") is None
    with pytest.raises(ValidationError) as refused:
        TABLE.perform(published, "withdraw", actor=handlaggare, apply=_publish)  # no reason
    assert refused.value.messages == ["Ange ett skäl."]
    # Each refusal carries the helper's code, so a caller can tell it from others.
    assert [e.code for e in refused.value.error_list] == ["transition"]
    _untouched(published, S.PUBLISHED)
