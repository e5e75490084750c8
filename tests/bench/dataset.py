"""The benchmark's large dataset, built with bulk inserts in the bench database.

Run by tests/bench/run.py as `python -m tests.bench.dataset` with the bench
environment; prints one JSON line: the URLs to measure and a staff session cookie.
Each app adds its part here as it lands (see the issue "Measured and hardened").
"""

import json
import os
import sys

import django


def _organisations(n: int) -> list:
    from overenskommelse.models import Organisation

    forms = [choice for choice, _ in Organisation.LegalForm.choices]
    return Organisation.objects.bulk_create(
        Organisation(
            name=f"Bänkförening {i:05d}",
            slug=f"bankforening-{i:05d}",
            legal_form=forms[i % len(forms)],
            description="Förening skapad för mätningar.",
        )
        for i in range(n)
    )


def _bodies(n: int) -> None:
    from overenskommelse.models import MunicipalBody

    MunicipalBody.objects.bulk_create(
        MunicipalBody(
            name=f"Förvaltning {i:03d}",
            slug=f"forvaltning-{i:03d}",
            kind=MunicipalBody.Kind.FORVALTNING,
            contact_name=f"Kontakt {i}",
            contact_email=f"kontakt{i}@example.se",
        )
        for i in range(n)
    )


def _staff_session() -> str:
    """A logged-in handläggare with TOTP set up, as a session key for the Cookie header."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from overenskommelse.models import Role, RoleAssignment, User

    user = User.objects.create_user(email="bench-handlaggare@example.se", password=None)
    RoleAssignment.objects.create(user=user, role=Role.HANDLAGGARE)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def build() -> dict:
    from django.db import transaction

    with transaction.atomic():
        _organisations(5000)
        _bodies(40)
        session = _staff_session()
    return {
        "session": session,
        "urls": [
            # (label, path, needs the staff session)
            ["baseline", "/bench/baseline/", False],
            ["start page", "/", False],
            ["kontaktvägar", "/kontaktvagar/", False],
            ["staff overview", "/personal/", True],
        ],
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    sys.stdout.write(json.dumps(build()) + "\n")
