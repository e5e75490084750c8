"""The benchmark's large dataset, built with bulk inserts in the bench database.

Run by tests/bench/run.py as `python -m tests.bench.dataset` with the bench
environment; prints one JSON line: the URLs to measure, a staff session cookie, the
sessions of 50 distinct users (the "50 users" column) and the background writer's
users with the page of each one's form.
5 000 organisations (4 000 affiliated, each with a representative), 2 000 initiatives
over all stages, 20 remisser with 300 instanser each, 500 network meetings and ten years
of yearly follow-ups, on top of the demo data. BENCH_SCALE=5 builds five times as many
organisations, affiliations, representatives, initiatives, remisser and meetings (the
growth column of the bench).
"""

import json
import os
import sys
import time

import django


def _organisations(n: int) -> list:
    from overenskommelse.agreement.models import Organisation

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
    from overenskommelse.accounts.models import MunicipalBody

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


def _login_backend() -> str:
    """The backend a password log-in records in the session: the first of the
    settings' backends that is a ModelBackend (rules' object backend logs no one in)."""
    from django.conf import settings
    from django.contrib.auth.backends import ModelBackend
    from django.utils.module_loading import import_string

    return next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if issubclass(import_string(path), ModelBackend)
    )


def _login_session(user, *, authenticator=None) -> str:
    """A session key for the Cookie header, as a log-in by `user` leaves it: with a
    password, and with TOTP when `authenticator` is given."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = _login_backend()
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # What allauth records for a log-in with password and TOTP: without the second
    # step the MFA middleware sends every staff page to re-authentication.
    now = time.time()
    session["account_authentication_methods_user"] = str(user.pk)
    methods = [{"method": "password", "at": now, "email": user.email}]
    if authenticator is not None:
        methods.append({"method": "mfa", "at": now, "id": authenticator.pk, "type": "totp"})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = methods
    session.create()
    return session.session_key


def _staff_user(email: str):
    """A handläggare with TOTP set up, and its authenticator."""
    from allauth.mfa.models import Authenticator

    from overenskommelse.accounts.models import Role, RoleAssignment, User

    user = User.objects.create_user(email=email, password=None)
    RoleAssignment.objects.create(user=user, role=Role.HANDLAGGARE)
    authenticator = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return user, authenticator


def _staff_session() -> str:
    """A logged-in handläggare with TOTP set up, as a session key for the Cookie header."""
    user, authenticator = _staff_user("bench-handlaggare@example.se")
    return _login_session(user, authenticator=authenticator)


def _crowd_sessions(representatives: int, staff: int) -> dict:
    """Sessions of distinct users for the bench's "50 users" column: `representatives`
    of affiliated organisations (made by _representatives) and `staff` handläggare
    with TOTP. "public" mixes them (public pages are seen logged in, by both); "staff"
    holds `representatives + staff` handläggare for the staff pages."""
    from overenskommelse.accounts.models import User

    reps = User.objects.filter(email__startswith="rep").order_by("email")[:representatives]
    staff_sessions = [
        _login_session(user, authenticator=authenticator)
        for user, authenticator in (
            _staff_user(f"bench-crowd-{k:02d}@example.se") for k in range(representatives + staff)
        )
    ]
    return {
        "public": [_login_session(user) for user in reps] + staff_sessions[:staff],
        "staff": staff_sessions,
    }


def _writers(organisations: list, initiatives: list, count: int) -> dict:
    """The background writer's users, each with the page whose form it sends:
    representatives of organisations not yet affiliated saving their application as
    a draft, handläggare commenting on initiatives, and representatives switching
    the language (the footer's form on kontaktvägar)."""
    from overenskommelse.accounts.models import User
    from overenskommelse.agreement.models import Representation

    def representative(email: str, organisation) -> str:
        user = User.objects.create_user(email=email, password=None)
        Representation.objects.create(
            user=user, organisation=organisation, status=Representation.Status.CONFIRMED
        )
        return _login_session(user)

    drafts = [
        {
            "session": representative(f"bench-draft-{k:02d}@example.se", org),
            "path": f"/organisationer/{org.slug}/anslutning/",
        }
        for k, org in enumerate(organisations[:count])
    ]
    comments = []
    for k, initiative in enumerate(initiatives[:count]):
        user, authenticator = _staff_user(f"bench-writer-{k:02d}@example.se")
        comments.append(
            {
                "session": _login_session(user, authenticator=authenticator),
                "path": f"/samverkan/initiativ/{initiative.uuid}/",
            }
        )
    language = [
        {
            "session": representative(f"bench-lang-{k:02d}@example.se", org),
            "path": "/kontaktvagar/",
        }
        for k, org in enumerate(organisations[count : 2 * count])
    ]
    return {"draft": drafts, "comment": comments, "language": language}


def _affiliations(organisations: list, n: int) -> None:
    from datetime import date, timedelta

    from overenskommelse.agreement.models import Affiliation

    Affiliation.objects.bulk_create(
        Affiliation(organisation=org, affiliated_from=date(2019, 2, 1) + timedelta(days=i % 2000))
        for i, org in enumerate(organisations[:n])
    )


def _initiatives(n: int, organisations: list, handlaggare) -> tuple[object, list]:
    """n initiatives spread over every stage, each satisfying that stage's constraints:
    the one whose page is measured and some others, for the writer's comments."""
    from datetime import date, timedelta

    from django.utils import timezone

    from overenskommelse.agreement.models import ActionPlan
    from samverkan.pipeline.models import Form, Initiative, Stage

    stages = [s for s, _ in Stage.choices]
    after_implementation = {Stage.IMPLEMENTATION, Stage.RESULTS, Stage.EVALUATION, Stage.FOLLOW_UP}
    reported = {Stage.EVALUATION, Stage.FOLLOW_UP}
    now = timezone.now()
    rows = []
    for i in range(n):
        stage = stages[i % len(stages)]
        start = date(2021, 1, 1) + timedelta(days=i % 1500)
        rows.append(
            Initiative(
                title=f"Bänkinitiativ {i:04d}",
                need="Ett behov för mätningar.",
                stage=stage,
                handlaggare=None if stage in (Stage.PROPOSAL, Stage.DECLINED) else handlaggare,
                proposing_organisation=organisations[i % len(organisations)],
                planned_start=start,
                planned_end=start + timedelta(days=365),
                form=Form.IOP if stage in after_implementation else "",
                results_reported_at=now if stage in reported else None,
                last_activity_at=now - timedelta(days=i % 400),
            )
        )
    created = Initiative.objects.bulk_create(rows)
    plan = ActionPlan.objects.current().first()
    if plan is not None:
        areas = list(plan.areas.all())
        through = Initiative.areas.through
        through.objects.bulk_create(
            through(initiative_id=initiative.pk, priorityarea_id=areas[k % len(areas)].pk)
            for k, initiative in enumerate(created)
        )
    measured = len(stages) * 3 + 2  # one in genomförande or later
    return created[measured], created[measured + 1 : measured + 1 + WRITERS]


def _network_meetings(networks: int, per_network: int) -> str:
    from datetime import date, time, timedelta

    from natverk.models import Network, NetworkMeeting

    created = Network.objects.bulk_create(
        Network(
            slug=f"bank-natverk-{k}",
            name=f"Bänknätverk {k}",
            organiser="SKR",
            kind=Network.Kind.DEVELOPMENT,
        )
        for k in range(networks)
    )
    NetworkMeeting.objects.bulk_create(
        NetworkMeeting(
            network=network,
            title=f"Nätverksträff {j + 1}",
            date=date(2024, 1, 10) + timedelta(days=7 * j),
            start_time=time(9, 0),
            end_time=time(12, 0),
            place="Stadshuset",
        )
        for network in created
        for j in range(per_network)
    )
    return created[0].slug


def _representatives(organisations: list) -> None:
    """A confirmed representative for each organisation: the reminder sweep's recipients."""
    from overenskommelse.accounts.models import User
    from overenskommelse.agreement.models import Representation

    users = User.objects.bulk_create(
        User(email=f"rep{i:05d}@example.se", password="!") for i in range(len(organisations))
    )
    Representation.objects.bulk_create(
        Representation(user=u, organisation=o, status=Representation.Status.CONFIRMED)
        for u, o in zip(users, organisations, strict=True)
    )


def remisser_create(
    *, count: int, per: int, organisations: list, closes_on, tag: str, handlaggare
) -> list:
    """`count` published remisser with `per` organisations each as instanser."""
    from datetime import timedelta

    from django.utils import timezone

    from overenskommelse.agreement.models import Remiss, RemissInstans

    remisser = Remiss.objects.bulk_create(
        Remiss(
            title=f"Bänkremiss {tag} {k + 1}",
            case_number=f"KS 2026/{tag}{k + 1:03d}",
            status=Remiss.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=30),
            opens_on=closes_on - timedelta(days=60),
            closes_on=closes_on,
            created_by=handlaggare,
        )
        for k in range(count)
    )
    RemissInstans.objects.bulk_create(
        RemissInstans(
            remiss=remiss,
            organisation=organisations[(k * per + j) % len(organisations)],
            source=RemissInstans.Source.AFFILIATED,
        )
        for k, remiss in enumerate(remisser)
        for j in range(per)
    )
    return remisser


def _followups(first_year: int, last_year: int, handlaggare) -> None:
    """Ten years of yearly follow-ups: each förvaltning reports every year; every year
    but the last is approved with its snapshot frozen."""
    from datetime import UTC, datetime

    from overenskommelse.accounts.models import MunicipalBody
    from overenskommelse.agreement.models import ActionPlan
    from samverkan.group.models import FollowUp, ForvaltningReport, ForvaltningReportArea
    from samverkan.group.services.followup import followup_compile

    bodies = list(MunicipalBody.objects.filter(kind=MunicipalBody.Kind.FORVALTNING))
    plan = ActionPlan.objects.current().first()
    areas = list(plan.areas.all()) if plan else []
    for year in range(first_year, last_year + 1):
        reports = ForvaltningReport.objects.bulk_create(
            ForvaltningReport(
                municipal_body=body,
                year=year,
                commitments=f"{body.name} samverkade med föreningar under {year}.",
                submitted_by=handlaggare,
                submitted_at=datetime(year + 1, 1, 20, 10, tzinfo=UTC),
            )
            for body in bodies
        )
        ForvaltningReportArea.objects.bulk_create(
            ForvaltningReportArea(report=r, area=a, text=f"Insatser inom {a.name}.")
            for r in reports
            for a in areas
        )
        approved = year < last_year
        FollowUp.objects.create(
            year=year,
            status=FollowUp.Status.APPROVED if approved else FollowUp.Status.DRAFT,
            snapshot=followup_compile(year=year) if approved else None,
            approved_at=datetime(year + 1, 3, 1, 10, tzinfo=UTC) if approved else None,
            approved_by_name="Bänkgruppen" if approved else "",
            created_by=handlaggare,
        )


SCALE = int(os.environ.get("BENCH_SCALE", "1"))
WRITERS = 10  # users of each kind of write (draft, comment, language)
CROWD = (40, 10)  # the 50 distinct users: representatives, handläggare


def build() -> dict:
    from datetime import date

    from django.db import transaction

    from overenskommelse.accounts.models import User
    from overenskommelse.demo.load.foundation import demo_data_load
    from overenskommelse.demo.load.protocols import protocols_demo_load

    with transaction.atomic():
        demo_data_load()
        protocols_demo_load()
        organisations = _organisations(5000 * SCALE)
        _affiliations(organisations, 4000 * SCALE)
        _bodies(40)
        session = _staff_session()
        handlaggare = User.objects.get(email="bench-handlaggare@example.se")
        initiative, others = _initiatives(2000 * SCALE, organisations, handlaggare)
        network_slug = _network_meetings(5 * SCALE, 100)
        _representatives(organisations[: 4000 * SCALE])
        remisser_create(
            count=20 * SCALE,
            per=300,
            organisations=organisations[: 4000 * SCALE],
            closes_on=date(2026, 3, 31),
            tag="B",
            handlaggare=handlaggare,
        )
        _followups(2016, 2025, handlaggare)
        crowd = _crowd_sessions(*CROWD)
        # Organisations past the affiliated ones: free to apply for anslutning.
        writers = _writers(organisations[4000 * SCALE :], others, WRITERS)
    # The bulk inserts send no signals; the worker would store the open data now.
    from overenskommelse.agreement.services.open_data import register_export_render

    register_export_render()
    org = organisations[1234]
    return {
        "session": session,
        "crowd": crowd,
        "writers": writers,
        "urls": [
            # (label, path, needs the staff session, "html" or "export")
            ["baseline", "/bench/baseline/", False, "html"],
            ["start page", "/", False, "html"],
            ["register, first page", "/foreningsregistret/", False, "html"],
            [
                "register, filtered search",
                "/foreningsregistret/?q=01&legal_form=ideell_forening",
                False,
                "html",
            ],
            ["organisation page", f"/foreningsregistret/{org.slug}/", False, "html"],
            ["initiative board (staff)", "/samverkan/tavla/", True, "html"],
            ["initiative page (staff)", f"/samverkan/initiativ/{initiative.uuid}/", True, "html"],
            [
                "ICS feed (staff, 100 meetings)",
                f"/natverk/{network_slug}/moten.ics",
                True,
                "export",
            ],
            ["open data CSV (4 000)", "/foreningsregistret.csv", False, "export"],
            ["kontaktvägar", "/kontaktvagar/", False, "html"],
        ],
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    django.setup()
    sys.stdout.write(json.dumps(build()) + "\n")
