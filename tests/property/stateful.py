"""What the state-machine tests (tests/property/test_stateful_*.py) share.

A `DatabaseMachine` run is one Hypothesis example: it opens a savepoint when it
starts and rolls it back in `teardown`, so each random sequence starts from the
test's fixtures (created once, outside the savepoint) and leaves nothing behind.
The cache is emptied at the start, so no page rendered in an earlier sequence is
served in this one.

`forms_offered` reads a rendered page the way a person does: which forms it shows
(by their action URL) and, in each, which choices a select or a set of radio
buttons offers, and which links it has.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.core.cache import cache
from django.db import transaction
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine

from tests.property.helpers import _COMMON


def stateful_settings(*, max_examples: int, steps: int) -> settings:
    """Sequences of `steps` moves; derandomised in CI like every property test."""
    return settings(max_examples=max_examples, stateful_step_count=steps, **_COMMON)


class DatabaseMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        cache.clear()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()

    def teardown(self):
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)


@dataclass
class Form:
    action: str
    choices: dict[str, set[str]] = field(default_factory=dict)


class _PageReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.links: set[str] = set()
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(Form(attributes.get("action") or ""))
        elif tag == "a" and attributes.get("href"):
            self.links.add(attributes["href"])
        elif not self.forms:
            return
        elif tag == "select":
            self._select = attributes.get("name")
            self.forms[-1].choices.setdefault(self._select, set())
        elif tag == "option" and self._select and attributes.get("value"):
            self.forms[-1].choices[self._select].add(attributes["value"])
        elif tag == "input" and attributes.get("type") == "radio":
            self.forms[-1].choices.setdefault(attributes["name"], set()).add(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


@dataclass
class Page:
    status: int
    html: str
    forms: list[Form]
    links: set[str]

    def form(self, action: str) -> Form | None:
        found = [f for f in self.forms if f.action == action]
        assert len(found) <= 1, f"{len(found)} forms post to {action}"
        return found[0] if found else None

    def choices(self, action: str, name: str) -> set[str]:
        """The choices the form posting to `action` offers for `name` (none: no form)."""
        form = self.form(action)
        return set() if form is None else form.choices.get(name, set())


def read_page(client, url: str) -> Page:
    response = client.get(url)
    html = response.content.decode() if response.status_code == 200 else ""
    reader = _PageReader()
    reader.feed(html)
    return Page(response.status_code, html, reader.forms, reader.links)
