"""The whole cast against one rule: who `rules.has_perm` lets through, and no one else.

Each app's `tests/<app>/rules/test_rules.py` lists every rule of its app once, with
the situations (objects) that matter and the members of the cast allowed in each;
every other member of the cast must be refused, so the second organisation's
representative, the second förvaltning's contact and samverkansgruppen's member
are checked wherever they must be turned away. A rule added to an app's `rules.py`
without an entry fails `test_every_rule_has_an_entry` there.

These are the rules themselves, as views and templates ask them (`rules.has_perm`);
a superuser's blanket `user.has_perm` is Django's and is not what is tested here.
"""

from dataclasses import dataclass

import rules
from django.contrib.auth.models import AnonymousUser

CAST = (
    "anonymous",
    "rep_a",
    "rep_b",
    "forvaltningskontakt",
    "forvaltningskontakt_b",
    "samverkansgruppen_member",
    "handlaggare",
    "handlaggare_b",
    "admin_user",
)
EVERYONE = frozenset(CAST)
LOGGED_IN = EVERYONE - {"anonymous"}
KOMMUNKONTORET = frozenset({"handlaggare", "handlaggare_b", "admin_user"})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Situation:
    """`obj`: the key of the object in the test's world (None: a rule without one)."""

    obj: str | None
    allowed: frozenset[str]


def only(*names: str) -> frozenset[str]:
    unknown = set(names) - EVERYONE
    assert not unknown, f"not in the cast: {unknown}"
    return frozenset(names)


def cast_users(request) -> dict:
    """The members of the cast by name (fixtures of tests/conftest.py)."""
    return {
        name: AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)
        for name in CAST
    }


def project_rules(app: str) -> set[str]:
    return {name for name in rules.permissions.permissions if name.split(".")[0] == app}


def assert_rules_allow_exactly(table: dict[str, list[Situation]], cast: dict, world: dict):
    """Every rule in `table`, in every situation: exactly the listed members of the cast
    are allowed. All mismatches are reported together."""
    wrong = []
    for rule, situations in sorted(table.items()):
        assert situations, f"{rule}: no situation listed"
        for situation in situations:
            obj = world[situation.obj] if situation.obj else None
            granted = {who for who, user in cast.items() if rules.has_perm(rule, user, obj)}
            if granted != situation.allowed:
                wrong.append(
                    f"{rule} on {situation.obj}: wrongly allowed "
                    f"{sorted(granted - situation.allowed)}, wrongly refused "
                    f"{sorted(situation.allowed - granted)}"
                )
    assert not wrong, "\n".join(wrong)
