"""Every URL of the portal × every role → the status it must answer (a GET).

The table is built against the URL configuration itself: a new URL without an
entry here fails `test_every_url_has_an_entry`. Third-party views (allauth, the
Django admin, i18n) guard themselves and are left out.

Statuses: 200 allowed, 302 sent to log in, 403 refused, 404 hidden, 405 GET not
allowed (POST-only views).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = (
    "anonymous",
    "rep_a",
    "rep_b",
    "forvaltningskontakt",
    "samverkansgruppen_member",
    "handlaggare",
    "admin_user",
)
THIRD_PARTY = ("allauth.", "django.contrib.admin.", "django.views.i18n", "django.views.static")


@dataclass(frozen=True)
class Case:
    url: Callable[[dict], str]
    expect: dict[str, int]


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


PUBLIC = everyone(200)
LOGGED_IN = {**everyone(200), "anonymous": 302}
KOMMUNKONTORET = {**everyone(403), "anonymous": 302, "handlaggare": 200, "admin_user": 200}


def url(url_name: str, **kwargs) -> Callable[[dict], str]:
    """A URL whose kwargs may be callables taking the world (the objects made for the test)."""

    def build(world: dict) -> str:
        return reverse(
            url_name, kwargs={k: v(world) if callable(v) else v for k, v in kwargs.items()}
        )

    return build


MATRIX: dict[str, Case] = {
    "home": Case(url("home"), PUBLIC),
    "healthz": Case(url("healthz"), PUBLIC),
    "mina_sidor": Case(url("mina_sidor"), LOGGED_IN),
    "overenskommelse:contact_paths": Case(url("overenskommelse:contact_paths"), PUBLIC),
    "overenskommelse:staff_overview": Case(url("overenskommelse:staff_overview"), KOMMUNKONTORET),
    # Development mailbox: off outside `make run`, for everyone.
    "overenskommelse:mailbox": Case(url("overenskommelse:mailbox"), everyone(404)),
    "overenskommelse:mailbox_detail": Case(
        url("overenskommelse:mailbox_detail", name="20260101T000000-abc"), everyone(404)
    ),
}


def _named_patterns(patterns, namespace: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns == "admin":
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            found.update(_named_patterns(pattern.url_patterns, prefix))
        elif isinstance(pattern, URLPattern) and pattern.name:
            module = getattr(pattern.callback, "__module__", "") or ""
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            if not module.startswith(THIRD_PARTY):
                found[f"{namespace}{pattern.name}"] = module
    return found


def test_every_url_has_an_entry():
    names = set(_named_patterns(get_resolver().url_patterns))
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert not missing, f"add these URLs to the permission matrix: {missing}"
    assert not stale, f"these matrix entries name no URL: {stale}"


@pytest.fixture
def world(request, organisation_a, organisation_b) -> dict:
    """The objects URLs in the matrix point at. Apps add what their URLs need."""
    return {"organisation_a": organisation_a, "organisation_b": organisation_b}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_status_for_role(client, request, world, no_staff_mfa, name, role):
    case = MATRIX[name]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(case.url(world))
    assert response.status_code == case.expect[role], (
        f"{name} as {role}: expected {case.expect[role]}, got {response.status_code}"
    )
