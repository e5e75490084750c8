"""Fixtures of the samverkan and natverk tests (an action plan, affiliated organisations
A and B, an accepted initiative, networks) for the property tests."""

from tests.natverk.conftest import decision, network, participation, partnership  # noqa: F401
from tests.samverkan.conftest import (  # noqa: F401
    accepted,
    affiliated,
    areas,
    proposal,
)
