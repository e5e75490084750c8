"""Every action the services record in the history is shown with a label, never its code.

The codes are read from the source (each `history_record(action="...")`) and from the
transition tables whose names become actions. Each must have a label in the map of
the page that shows it.
"""

import ast
from pathlib import Path

import pytest

from natverk.selectors import ACTION_LABELS as NATVERK_LABELS
from overenskommelse.agreement.services import accessibility, affiliation, remiss
from overenskommelse.agreement.templatetags.affiliation_tags import HISTORY_ACTIONS, history_action
from samverkan.pipeline.selectors import ACTION_LABELS as SAMVERKAN_LABELS
from samverkan.pipeline.selectors import action_label as samverkan_action_label
from samverkan.pipeline.services.pipeline import TRANSITIONS as PIPELINE

REPO = Path(__file__).resolve().parents[2]


def _literal_actions() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for app in ("overenskommelse", "samverkan", "natverk"):
        for path in (REPO / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name != "history_record":
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
                        found.setdefault(keyword.value.value, set()).add(app)
    return found


LITERALS = _literal_actions()


def _labels_for(app: str) -> dict:
    return {"natverk": NATVERK_LABELS, "samverkan": {**SAMVERKAN_LABELS, **HISTORY_ACTIONS}}.get(
        app, HISTORY_ACTIONS
    )


def test_the_source_has_history_actions_to_check():
    assert len(LITERALS) > 40


@pytest.mark.parametrize("code", sorted(LITERALS))
def test_every_recorded_action_has_a_label(code):
    for app in LITERALS[code]:
        assert code in _labels_for(app), f"{code} (recorded in {app}) has no label"


@pytest.mark.parametrize(
    "code",
    sorted({*affiliation.TRANSITIONS, *remiss.TRANSITIONS, *accessibility.TRANSITIONS}),
    ids=str,
)
def test_every_transition_of_the_agreement_app_has_a_label(code):
    assert code in HISTORY_ACTIONS


@pytest.mark.parametrize("transition", PIPELINE.values(), ids=lambda t: t.name)
def test_every_pipeline_transition_has_a_label(transition):
    code = f"samverkan_{transition.name}"
    assert samverkan_action_label(code) not in (code, "Ändring registrerad")


def test_an_unknown_code_is_not_shown_as_it_is():
    assert history_action("some_new_code") == "Ändring registrerad"
    assert samverkan_action_label("samverkan_new_code") == "Ändring registrerad"
