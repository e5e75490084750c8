"""Every view that takes a POST × every role allowed to use it × bad input, and a
second submit of the same form.

The table is built against the URL configuration, like tests/test_permission_matrix.py
(whose world and roles it shares, tests/matrix.py): a view that accepts POST without an
entry here fails `test_every_post_view_has_an_entry`. Third-party views are left out.

The inputs, each its own test:
- empty: a POST with no fields at all (only the form's one-time key, below);
- invalid: the form as shown, with wrong types in every typed field (letters in a
  number, a date or a time; an unknown choice; a file that is not what it says);
- hostile: script, SQL, a spreadsheet formula and invisible/bidi characters in every
  text field;
- oversized: 100 000 characters in every text field, and an upload over
  PORTAL_UPLOAD_MAX_BYTES where the form takes a file;
- nul: a NUL character in every text field;
- second_submit: the form as shown, filled in so that it is accepted, sent twice.

Every POST carries the one-time key a rendered form has (overenskommelse/platform/submissions.py;
tests/overenskommelse/test_submissions.py checks that every template puts it in); the
second submit sends the same form, so the same key, again.

Bad input must give a 4xx, or a page (or a redirect to one) with a message in Swedish,
never a 5xx, and must leave every row of every model as it was. Hostile text is text:
a form may refuse it like bad input, or accept it, and then it is stored as sent (no
SQL ran) and the page after shows it escaped. Every text field the form has must
have its own length limit (one bounded field must not hide an unbounded one). The
second submit must add no row (and so no outbox mail) beyond the first submit's.
Where an empty form is a submission like any other (all its fields optional), the
entry says why, and the empty POST need only answer in Swedish without a 5xx.

The fields come from the form each view shows (its `form_class`, built by the view for
the role) or, for a view that only takes a POST, from the form class it reads the POST
with; the few views that read request.POST directly describe their fields here.
A case a view cannot have (no typed field to make invalid, no text field to fill) is
not generated.
"""

import datetime as dt
import functools
import html
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.urls import get_resolver

from overenskommelse.platform.models import FormSubmission
from tests.cast import cast_create
from tests.factories import PASSWORD
from tests.matrix import ROLES, named_patterns, url, world_create
from tests.test_permission_matrix import MATRIX as PERMISSIONS

KINDS = ("empty", "invalid", "hostile", "oversized", "nul", "second_submit")
NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))

HOSTILE = (
    '=HYPERLINK("https://evil.example/","Klicka")'
    "<script>alert(1)</script>'; DROP TABLE x;--"
    "Fören\u200bing\u202eA"
)
OVERSIZED = "Lång text " * 10_000
NUL = "Namn\x00med NUL"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name: str = "handling.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def too_large_pdf() -> SimpleUploadedFile:
    size = settings.PORTAL_UPLOAD_MAX_BYTES + 1
    return SimpleUploadedFile("stor.pdf", PDF.ljust(size, b"0"), content_type="application/pdf")


def not_a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("protokoll.pdf", b"MZ\x90\x00 inte en pdf", "application/pdf")


# The table -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One POST view. `valid` fills in the form as shown so that it is accepted;
    `prepare` puts the world in the state the view acts in (it returns objects that
    replace or add to the world); `form` is the form a POST-only view reads, and
    `fields` describes what a view reads from request.POST without a form."""

    url: Callable[[dict], str]
    valid: Callable[[dict], dict] = lambda w: {}
    roles: tuple[str, ...] | None = None
    prepare: Callable[[dict], dict | None] | None = None
    form: Callable[[dict], forms.BaseForm] | None = None
    form_class: type[forms.BaseForm] | None = None
    fields: dict[str, forms.Field] = field(default_factory=dict)
    # The roles whose valid submission is really accepted (others are refused by rule).
    accepted_by: tuple[str, ...] | None = None
    # Why a POST with no fields is a submission like any other here (it is then only
    # required to answer in Swedish, without a 5xx).
    empty_is_valid: str = ""


def choice(*values: str) -> forms.ChoiceField:
    return forms.ChoiceField(choices=[(v, v) for v in values])


def _allowed(name: str) -> tuple[str, ...]:
    """Roles the permission matrix lets use the view: a page shown (200) or, for a
    POST-only view, the 405 that only those who may use it get."""
    expect = PERMISSIONS[name.split("/")[0]].expect
    return tuple(role for role in ROLES if expect[role] in (200, 405))


ENTRIES: dict[str, Entry] = {}


def roles_of(name: str) -> tuple[str, ...]:
    entry = ENTRIES[name]
    return entry.roles if entry.roles is not None else _allowed(name)


# The world ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The cast and the world, made once for the module inside a transaction that is
    rolled back at its end; every test runs in a savepoint of its own within it. The
    clock is the world's: 1 December 2026, while the remiss is open."""
    traveller = time_machine.travel(NOW, tick=True)
    traveller.start()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cast = cast_create()
            world = world_create(cast)
            yield {"cast": cast, "world": world}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            traveller.stop()


def _tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.app_label not in ("sessions", "contenttypes", "admin")
        # The forms' one-time keys are the request's bookkeeping, like its session.
        and model is not FormSubmission
    )


def snapshot() -> dict[str, tuple[int, str]]:
    """Every project table's row count and a digest of all its rows."""
    tables = _tables()
    sql = " UNION ALL ".join(
        f"SELECT %s, count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
        f'FROM "{table}" t'
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, tables)
        return {name: (count, digest) for name, count, digest in cursor.fetchall()}


def changed(before: dict, after: dict) -> dict[str, str]:
    return {
        table: f"{before[table][0]} → {after[table][0]} rows"
        + ("" if before[table][0] != after[table][0] else " (a row changed)")
        for table in before
        if before[table] != after[table]
    }


def new_rows(before: dict, after: dict) -> dict[str, str]:
    return {
        table: f"{before[table][0]} → {after[table][0]}"
        for table in before
        if after[table][0] > before[table][0]
    }


# Swedish messages ----------------------------------------------------------------

PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdfi]")


@functools.cache
def _swedish_catalogue() -> re.Pattern:
    """Every Swedish string the portal and its libraries can show, as one pattern (a
    placeholder matches anything)."""
    from django.utils.translation import trans_real

    texts = {
        text
        for _msgid, message in trans_real.translation("sv")._catalog.items()
        for text in ([message] if isinstance(message, str) else message)
        # A translation that is mostly placeholders would match any text.
        if len(re.findall(r"\w", PLACEHOLDER.sub("", text))) >= 4
    }
    alternatives = (
        "(?s:.*?)".join(re.escape(piece) for piece in PLACEHOLDER.split(text))
        for text in sorted(texts, key=len, reverse=True)
    )
    return re.compile("(?:" + "|".join(alternatives) + ")")


def is_swedish(text: str) -> bool:
    """The text is one of the Swedish translations, or several of them in a row (a view
    may join the messages of one error)."""
    catalogue = _swedish_catalogue()
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    # reachable[i]: the first i sentences are made of whole translations.
    reachable = [True] + [False] * len(sentences)
    for end in range(1, len(sentences) + 1):
        reachable[end] = any(
            reachable[start] and catalogue.fullmatch(" ".join(sentences[start:end]))
            for start in range(end)
        )
    return reachable[-1]


def shown_messages(response) -> list[str]:
    """The form errors on the page and the messages queued for the user."""
    found: list[str] = []
    if response.context is not None:
        for context in response.context:
            for layer in context.dicts:
                for value in layer.values():
                    if isinstance(value, forms.BaseForm) and value.is_bound:
                        for errors in value.errors.values():
                            found.extend(str(e) for e in errors)
    storage = getattr(response.wsgi_request, "_messages", None)
    if storage is not None:
        found.extend(str(m) for m in storage)
    return found


def assert_refused_in_swedish(response, what: str) -> None:
    status = response.status_code
    assert status < 500, f"{what}: {status}"
    if 400 <= status < 500:
        return
    if status == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return  # the anonymous are sent to log in, as the permission matrix says
    texts = shown_messages(response)
    assert texts, f"{what}: {status} with no message to the user"
    english = [t for t in texts if not is_swedish(t)]
    assert not english, f"{what}: messages not in Swedish: {english}"
    if status == 200:
        content = response.content.decode()
        assert any(html.escape(t)[:200] in content for t in texts), (
            f"{what}: the messages are not on the page: {texts}"
        )
    else:
        assert status in (301, 302, 303), f"{what}: {status}"


SCRIPT = "<script>alert(1)</script>"


def assert_stored_as_text(client, response, what: str) -> None:
    """Hostile text that a form accepts is text: stored as sent (so no SQL ran) and
    escaped wherever the next page shows it."""
    assert response.status_code < 500, f"{what}: {response.status_code}"
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f'SELECT count(*) FROM "{table}" t WHERE t::text LIKE %s' for table in _tables()
            ),
            [f"%{SCRIPT}'; DROP TABLE x;--%"] * len(_tables()),
        )
        stored = sum(count for (count,) in cursor.fetchall())
    assert stored, f"{what}: accepted, but the text was not stored as sent"
    page = client.get(response["Location"]) if response.status_code in (301, 302) else response
    assert page.status_code < 500, f"{what}: the page after it: {page.status_code}"
    assert SCRIPT not in page.content.decode(), f"{what}: the script is on the page unescaped"


# Payloads ------------------------------------------------------------------------------


def _invalid_value(form_field: forms.Field):
    if isinstance(form_field, forms.FileField):
        return not_a_pdf()
    if isinstance(form_field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return ["okänt-val"]
    if isinstance(form_field, forms.ChoiceField):  # and ModelChoiceField
        return "okänt-val"
    if isinstance(form_field, forms.DateField | forms.DateTimeField):
        return "igår"
    if isinstance(form_field, forms.TimeField):
        return "kl. tolv"
    if isinstance(form_field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        return "tolv"
    if isinstance(form_field, forms.UUIDField):
        return "inte-ett-uuid"
    return None


def _posted(form: forms.BaseForm) -> dict:
    """The form as a browser posts it when nothing is changed."""
    data: dict = {}
    for name, bound in form.fields.items():
        if isinstance(bound, forms.FileField):
            continue
        value = form[name].value()
        select = isinstance(bound.widget, forms.Select) and not bound.widget.allow_multiple_selected
        if value in (None, "") and isinstance(bound, forms.ChoiceField) and select:
            # A select with no option selected posts its first option.
            value = next((v for v, _label in bound.choices), None)
            value = getattr(value, "value", value)  # ModelChoiceIteratorValue
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = getattr(value, "pk", value)
    return data


def payload(kind: str, fields: dict[str, forms.Field], valid: dict) -> dict:
    if kind == "empty":
        return {"submission_key": valid["submission_key"]}
    data = dict(valid)
    for name, form_field in fields.items():
        if kind == "invalid":
            value = _invalid_value(form_field)
            if value is not None:
                data[name] = value
        elif isinstance(form_field, forms.CharField):
            data[name] = {"hostile": HOSTILE, "oversized": OVERSIZED, "nul": NUL}[kind]
        elif kind == "oversized" and isinstance(form_field, forms.FileField):
            data[name] = too_large_pdf()
    return data


def static_fields(name: str) -> dict[str, forms.Field]:
    """The fields as far as they are known without a database (for the test ids)."""
    entry = ENTRIES[name]
    if entry.fields:
        return entry.fields
    form_class = entry.form_class or getattr(_view_class(name), "form_class", None)
    return dict(form_class.base_fields) if form_class else {}


def kinds_for(name: str) -> tuple[str, ...]:
    fields = static_fields(name)
    has_text = any(isinstance(f, forms.CharField) for f in fields.values())
    has_file = any(isinstance(f, forms.FileField) for f in fields.values())
    has_typed = any(_invalid_value(f) is not None for f in fields.values())
    wanted = {
        "empty": bool(fields),
        "invalid": has_typed,
        "hostile": has_text,
        "oversized": has_text or has_file,
        "nul": has_text,
        "second_submit": True,
    }
    return tuple(kind for kind in KINDS if wanted[kind])


def _view_class(name: str):
    pattern = named_patterns(get_resolver().url_patterns)[name.split("/")[0]]
    return getattr(pattern.callback, "view_class", None)


def takes_post(pattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None:
        return pattern.name not in GET_ONLY_FUNCTIONS
    return hasattr(view_class, "post") and "post" in view_class.http_method_names


# Function views say nothing about their methods; each is named here.
GET_ONLY_FUNCTIONS = {"healthz"}


def test_every_post_view_has_an_entry():
    patterns = named_patterns(get_resolver().url_patterns)
    posting = {name for name, pattern in patterns.items() if takes_post(pattern)}
    listed = {name.split("/")[0] for name in ENTRIES}
    missing = sorted(posting - listed)
    stale = sorted(listed - posting)
    assert not missing, f"add these POST views to the form matrix: {missing}"
    assert not stale, f"these form matrix entries name no POST view: {stale}"


# The entries ---------------------------------------------------------------------------

STAFF = ("handlaggare", "admin_user")
TODAY = NOW.date().isoformat()


def _area(w) -> dict:
    """A priority area in the plan now in force, for forms that ask for one."""
    from overenskommelse.agreement.models import PriorityArea

    return {
        "area": PriorityArea.objects.create(plan=w["action_plan"], number=1, name="Inkludering")
    }


def _representation_requested(w) -> dict:
    from overenskommelse.agreement.models import Representation
    from tests.factories import UserFactory

    request = Representation.objects.create(
        user=UserFactory(email="ny.representant@example.se"),
        organisation=w["organisation_a"],
        status=Representation.Status.REQUESTED,
    )
    return {"request": request}


def _own_representation(w) -> dict:
    return {"own": w["organisation_a"].representations.get(user=w["rep_a"], status="bekraftad")}


def _successor_account(w) -> dict:
    from tests.factories import UserFactory

    return {"successor": UserFactory(email="eftertradare@example.se")}


def _handover_offered_to_rep_b(w) -> dict:
    from overenskommelse.agreement.models import Representation

    own = w["organisation_a"].representations.get(user=w["rep_a"], status="bekraftad")
    Representation.objects.create(
        user=w["rep_b"],
        organisation=w["organisation_a"],
        origin=Representation.Origin.HANDOVER,
        handed_over_by=own,
    )
    return None


def _application_submitted(w) -> dict:
    from overenskommelse.agreement.models import AffiliationApplication

    AffiliationApplication.objects.filter(pk=w["application"].pk).update(
        status=AffiliationApplication.Status.SUBMITTED,
        submitted_at=NOW,
        meeting_date=dt.date(2026, 11, 20),
        paragraph="5",
        decision_text="Att ansluta.",
        conditions_confirmed=True,
    )
    return None


def _remiss_draft(w) -> dict:
    from overenskommelse.agreement.services import remiss as services

    remiss = services.remiss_create(
        actor=w["handlaggare"],
        title="Ny remiss",
        opens_on=dt.date(2026, 12, 1),
        closes_on=dt.date(2027, 2, 28),
    )
    services.remiss_instanser_add(
        remiss=remiss, actor=w["handlaggare"], organisations=[w["organisation_b"]]
    )
    return {"remiss": remiss}


def _members(w) -> dict:
    from overenskommelse.protocols.services import protocols

    protocols.protocol_members_add(
        meeting=w["protocol_meeting"],
        actor=w["handlaggare"],
        kind="ledamot",
        text="Anna Andersson (S)\nBo Berg (M)",
    )
    return None


def _representative(w) -> dict:
    from natverk.services import networks

    representative = networks.representative_add(
        participation=w["participation"],
        actor=w["handlaggare"],
        name="Eva Ek",
        role="processledare",
    )
    return {"representative": representative}


def _partnership(w) -> dict:
    from natverk.models import Network

    Network.objects.filter(pk=w["network"].pk).update(kind=Network.Kind.PARTNERSHIP)
    return None


def _stage(stage: str, **values) -> Callable[[dict], None]:
    def prepare(w) -> None:
        from samverkan.pipeline.models import Initiative

        Initiative.objects.filter(pk=w["initiative"].pk).update(stage=stage, **values)

    return prepare


def _namnd(w) -> dict:
    from tests.factories import MunicipalBodyFactory

    return {"namnd": MunicipalBodyFactory(name="Kommunstyrelsen", kind="styrelse")}


def _invitations(w) -> None:
    from samverkan.group.services import conference

    conference.invitation_list_build(actor=w["handlaggare"], conference=w["conference"])


def _org_details(number: int) -> Callable[[dict], dict]:
    from tests.factories import organisation_number

    def valid(w) -> dict:
        return {
            "name": "Föreningen Ny",
            "organisation_number": organisation_number(number),
            "legal_form": "ideell_forening",
            "email": "ny@example.se",
            "description": "Vi ordnar läxhjälp.",
        }

    return valid


def _transition_form(w):
    from samverkan.pipeline.forms import TransitionForm
    from samverkan.pipeline.services import pipeline

    available = pipeline.transitions_available(w["initiative"])
    return TransitionForm(
        transitions=[t for t, reason in available if t.hold is None or reason is None],
        show_handlaggare=False,
    )


def _invite_form(w):
    from samverkan.pipeline import selectors
    from samverkan.pipeline.forms import InviteForm

    return InviteForm(invitable=selectors.invitable(initiative=w["initiative"]))


def _own_initiative_form(w):
    from overenskommelse.agreement.forms.remiss import OwnInitiativeForm
    from overenskommelse.agreement.selectors.remiss import own_initiative_organisations

    user = w[w["role"]]
    return OwnInitiativeForm(
        organisations=own_initiative_organisations(remiss=w["remiss"], user=user)
    )


def _participation_transition_form(w):
    from natverk.forms import TransitionForm
    from natverk.services.networks import participation_next_stages

    participation = w["participation"]
    return TransitionForm(
        participation=participation, next_stages=participation_next_stages(participation)
    )


def _forms(module: str, name: str, **kwargs) -> Callable[[dict], forms.BaseForm]:
    """A form class by its dotted place, built with kwargs taken from the world."""

    def build(w) -> forms.BaseForm:
        import importlib

        form_class = getattr(importlib.import_module(module), name)
        return form_class(**{k: v(w) for k, v in kwargs.items()})

    return build


def _form_class(module: str, name: str):
    import importlib

    return getattr(importlib.import_module(module), name)


def _sections(text: str) -> Callable[[dict], dict]:
    def valid(w) -> dict:
        return {f"section_{s.pk}": text for s in w["remiss"].sections.all()}

    return valid


def _initiative(name: str, **extra):
    return url(f"pipeline:{name}", uuid=lambda w: w["initiative"].uuid, **extra)


def _meeting_action(action: str):
    return url(
        "samverkansgruppen:group_meeting_action",
        uuid=lambda w: w["group_meeting"].uuid,
        action=action,
    )


ENTRIES.update(
    {
        "account_delete": Entry(
            url("account_delete"), valid=lambda w: {"password": PASSWORD, "confirm": "on"}
        ),
        "account_profile": Entry(
            url("account_profile"),
            valid=lambda w: {"first_name": "Karin", "last_name": "Ek", "phone": "070-123 45 67"},
        ),
        # The tillgänglighetsredogörelse: anyone reports a problem; kommunkontoret edits
        # the text and handles the reports.
        "agreement:accessibility": Entry(
            url("agreement:accessibility"),
            valid=lambda w: {
                "page": "/foreningsregistret/",
                "problem": "Knappen går inte att nå med tangentbordet.",
                "email": "besokare@example.se",
            },
        ),
        "agreement:accessibility_edit": Entry(
            url("agreement:accessibility_edit"),
            valid=lambda w: {
                "compliance": "delvis_forenlig",
                "shortcomings": "PDF-filerna är inte taggade.",
                "not_covered": "",
                "assessed_on": TODAY,
                "method": "Självskattning med axe-core.",
            },
        ),
        "agreement:accessibility_feedback": Entry(
            url(
                "agreement:accessibility_feedback",
                uuid=lambda w: w["accessibility_feedback"].uuid,
            ),
            valid=lambda w: {"action": "feedback_answer", "note": "Svarat per e-post."},
        ),
        # Organisations and affiliation.
        "agreement:organisation_create": Entry(
            url("agreement:organisation_create"), valid=_org_details(901)
        ),
        "agreement:representation_request": Entry(
            url("agreement:representation_request", uuid=lambda w: w["organisation_b"].uuid),
            accepted_by=("rep_a", "forvaltningskontakt", "samverkansgruppen_member", *STAFF),
        ),
        "agreement:organisation_update": Entry(
            url("agreement:organisation_update", slug=lambda w: w["organisation_a"].slug),
            valid=lambda w: {**_org_details(902)(w), "name": "Förening A"},
        ),
        "agreement:organisation_confirm": Entry(
            url("agreement:organisation_confirm", slug=lambda w: w["organisation_a"].slug)
        ),
        "agreement:representation_decide": Entry(
            url("agreement:representation_decide", slug=lambda w: w["organisation_a"].slug),
            fields={
                "representation": forms.IntegerField(),
                "decision": choice("confirm", "decline"),
            },
            prepare=_representation_requested,
            valid=lambda w: {"representation": w["request"].pk, "decision": "confirm"},
        ),
        "agreement:representation_end": Entry(
            url("agreement:representation_end", slug=lambda w: w["organisation_a"].slug),
            fields={"representation": forms.IntegerField()},
            prepare=_own_representation,
            valid=lambda w: {"representation": w["own"].pk},
            accepted_by=("rep_a", *STAFF),
        ),
        "agreement:representation_hand_over": Entry(
            url("agreement:representation_hand_over", slug=lambda w: w["organisation_a"].slug),
            prepare=_successor_account,
            valid=lambda w: {"email": w["successor"].email},
            accepted_by=("rep_a",),
        ),
        "agreement:representation_handover_accept": Entry(
            url(
                "agreement:representation_handover_accept",
                slug=lambda w: w["organisation_a"].slug,
            ),
            prepare=_handover_offered_to_rep_b,
            accepted_by=("rep_b",),
        ),
        "agreement:application_form": Entry(
            url("agreement:application_form", slug=lambda w: w["organisation_a"].slug),
            valid=lambda w: {
                "action": "submit",
                "meeting_date": "2026-11-20",
                "paragraph": "5",
                "decision_text": "Styrelsen beslutar att ansluta föreningen.",
                "protocol": pdf("protokoll.pdf"),
                "conditions_confirmed": "on",
            },
            empty_is_valid="without action=submit it is “Save as draft”, and a draft may be empty",
            # Sending takes a confirmed representative; a superuser is none (refused with
            # the submit guard's reason).
            accepted_by=("rep_a",),
        ),
        "agreement:withdrawal_form": Entry(
            url("agreement:withdrawal_form", slug=lambda w: w["affiliated"].slug),
            valid=lambda w: {
                "meeting_date": "2026-11-20",
                "paragraph": "7",
                "protocol": pdf("uttrade.pdf"),
                "confirm": "on",
            },
        ),
        "agreement:application_decide": Entry(
            url("agreement:application_decide", uuid=lambda w: w["application"].uuid),
            form=_forms("overenskommelse.agreement.forms.affiliation", "DecisionForm"),
            form_class=_form_class("overenskommelse.agreement.forms.affiliation", "DecisionForm"),
            prepare=_application_submitted,
            valid=lambda w: {"action": "approve", "affiliated_from": TODAY},
        ),
        "agreement:case_number": Entry(
            url("agreement:case_number", kind="uttrade", uuid=lambda w: w["withdrawal"].uuid),
            valid=lambda w: {"case_number": "KS 2026/0101", "action": "save"},
        ),
        # Protocols.
        "protocols:protocol_meeting_create": Entry(
            url("protocols:protocol_meeting_create"),
            valid=lambda w: {"organ_name": "Kommunstyrelsen", "date": "2026-11-15"},
        ),
        # The justering and the anslag, recorded after the sammanträde (2026-01-01).
        "protocols:protocol_adjustment": Entry(
            url("protocols:protocol_adjustment", uuid=lambda w: w["protocol_meeting"].uuid),
            valid=lambda w: {
                "adjusted_on": "2026-01-05",
                "adjustment_place_time": "Stadshuset 2026-01-05 kl. 10.00",
                "notice_posted_on": "2026-01-07",
                "notice_removed_on": "2026-01-28",
                "protocol_kept_at": "Kommunkontoret",
            },
        ),
        "protocols:protocol_members_add": Entry(
            url("protocols:protocol_members_add", uuid=lambda w: w["protocol_meeting"].uuid),
            valid=lambda w: {"kind": "ledamot", "text": "Anna Andersson (S)\nBo Berg (M)"},
        ),
        "protocols:paragraph_create": Entry(
            url("protocols:paragraph_create", uuid=lambda w: w["protocol_meeting"].uuid),
            valid=lambda w: {"number": 3, "title": "Ny paragraf", "clauses": "att anta förslaget"},
        ),
        "protocols:paragraph_publish": Entry(
            url("protocols:paragraph_publish", uuid=lambda w: w["public_paragraph"].uuid),
            fields={"is_public": choice("0", "1")},
            valid=lambda w: {"is_public": "0"},
        ),
        "protocols:division_create": Entry(
            url("protocols:division_create", uuid=lambda w: w["private_paragraph"].uuid),
            prepare=_members,
            valid=lambda w: {
                "yes_means": "Bifall",
                "no_means": "Avslag",
                **{f"member_{m.pk}": "ja" for m in w["protocol_meeting"].members.all()},
            },
        ),
        # The handlingsplan and remisser.
        "agreement:action_plan_document_upload": Entry(
            url("agreement:action_plan_document_upload", slug=lambda w: w["action_plan"].slug),
            valid=lambda w: {"title": "Planen, reviderad", "file": pdf("plan.pdf")},
        ),
        "agreement:remiss_create": Entry(
            url("agreement:remiss_create"),
            valid=lambda w: {
                "title": "Ny remiss",
                "opens_on": "2026-12-10",
                "closes_on": "2027-02-28",
            },
        ),
        "agreement:remiss_update": Entry(
            url("agreement:remiss_update", uuid=lambda w: w["remiss"].uuid),
            valid=lambda w: {"title": "Remiss (ändrad)"},
        ),
        "agreement:remiss_instanser": Entry(
            url("agreement:remiss_instanser", uuid=lambda w: w["remiss"].uuid),
            valid=lambda w: {"organisations": [w["organisation_b"].pk]},
        ),
        "agreement:remiss_publish": Entry(
            url("agreement:remiss_publish", uuid=lambda w: w["remiss"].uuid),
            prepare=_remiss_draft,
        ),
        "agreement:remiss_withdraw": Entry(
            url("agreement:remiss_withdraw", uuid=lambda w: w["remiss"].uuid),
            form=_forms("overenskommelse.agreement.forms.remiss", "WithdrawForm"),
            form_class=_form_class("overenskommelse.agreement.forms.remiss", "WithdrawForm"),
            valid=lambda w: {"reason": "Fel underlag skickades ut.", "confirm": "on"},
        ),
        "agreement:remiss_own_initiative": Entry(
            url("agreement:remiss_own_initiative", uuid=lambda w: w["remiss"].uuid),
            form=_own_initiative_form,
            form_class=_form_class("overenskommelse.agreement.forms.remiss", "OwnInitiativeForm"),
            valid=lambda w: {
                "organisation": (
                    w["organisation_b"] if w["role"] == "rep_b" else w["affiliated"]
                ).pk
            },
            accepted_by=("rep_a", "rep_b"),
        ),
        "agreement:remiss_answer": Entry(
            url("agreement:remiss_answer", uuid=lambda w: w["remiss_instans"].uuid),
            valid=lambda w: {**_sections("Vi tillstyrker förslaget.")(w), "submit": "1"},
            accepted_by=("rep_a",),
        ),
        "agreement:remiss_register_answer": Entry(
            url("agreement:remiss_register_answer", uuid=lambda w: w["remiss"].uuid),
            valid=lambda w: {
                "instans": w["remiss_instans"].pk,
                "channel": "epost",
                "received_on": TODAY,
                **_sections("Inkommet per e-post.")(w),
            },
        ),
        # Networks.
        "natverk:network_create": Entry(
            url("natverk:network_create"),
            valid=lambda w: {
                "name": "Nytt nätverk",
                "organiser": "SKR",
                "kind": "utvecklingsnatverk",
            },
        ),
        "natverk:network_update": Entry(
            url("natverk:network_update", slug=lambda w: w["network"].slug),
            valid=lambda w: {"purpose": "Ett nytt syfte."},
        ),
        "natverk:municipality_add": Entry(
            url("natverk:municipality_add", slug=lambda w: w["network"].slug),
            valid=lambda w: {"name": "Piteå"},
        ),
        "natverk:participation_create": Entry(
            url("natverk:participation_create", slug=lambda w: w["network"].slug),
            valid=lambda w: {"municipality_name": "Uppsala"},
        ),
        "natverk:participation_transition": Entry(
            url("natverk:participation_transition", uuid=lambda w: w["participation"].uuid),
            form=_participation_transition_form,
            form_class=_form_class("natverk.forms", "TransitionForm"),
            valid=lambda w: {"to_stage": "beslutad"},
        ),
        "natverk:participation_details": Entry(
            url("natverk:participation_details", uuid=lambda w: w["participation"].uuid),
            form=_forms(
                "natverk.forms", "ParticipationDetailsForm", instance=lambda w: w["participation"]
            ),
            form_class=_form_class("natverk.forms", "ParticipationDetailsForm"),
            empty_is_valid="every field is optional: an empty form clears the notes",
            valid=lambda w: {"notes": "Beslut väntas i januari."},
        ),
        "natverk:representative_add": Entry(
            url("natverk:representative_add", uuid=lambda w: w["participation"].uuid),
            form=_forms("natverk.forms", "RepresentativeForm"),
            form_class=_form_class("natverk.forms", "RepresentativeForm"),
            valid=lambda w: {"name": "Eva Ek", "role": "processledare", "email": "eva@example.se"},
        ),
        "natverk:representative_end": Entry(
            url("natverk:representative_end", uuid=lambda w: w["participation"].uuid),
            fields={"representative": forms.IntegerField()},
            prepare=_representative,
            valid=lambda w: {"representative": w["representative"].pk},
        ),
        "natverk:phase_add": Entry(
            url("natverk:phase_add", uuid=lambda w: w["participation"].uuid),
            form=_forms("natverk.forms", "PhaseForm"),
            form_class=_form_class("natverk.forms", "PhaseForm"),
            prepare=_partnership,
            valid=lambda w: {"kind": "forberedelse", "starts_on": "2027-01-01", "salary_budget": 0},
        ),
        "natverk:meeting_create": Entry(
            url("natverk:meeting_create", slug=lambda w: w["network"].slug),
            valid=lambda w: {"title": "Nätverksträff 2", "date": "2027-01-10", "mode": "digitalt"},
        ),
        "natverk:meeting_update": Entry(
            url("natverk:meeting_update", uuid=lambda w: w["network_meeting"].uuid),
            valid=lambda w: {"agenda": "Välkommen\nRunda", "mode": "digitalt"},
        ),
        "natverk:meeting_document_add": Entry(
            url("natverk:meeting_document_add", uuid=lambda w: w["network_meeting"].uuid),
            form=_forms("natverk.forms", "DocumentForm"),
            form_class=_form_class("natverk.forms", "DocumentForm"),
            valid=lambda w: {"title": "Minnesanteckningar", "file": pdf()},
        ),
        # Samverkan: the pipeline.
        "pipeline:propose": Entry(
            url("pipeline:propose"),
            prepare=_area,
            valid=lambda w: {
                "title": "Nytt initiativ",
                "need": "Ett behov",
                "areas": [w["area"].pk],
            },
        ),
        "pipeline:details": Entry(
            _initiative("details"),
            prepare=_area,
            valid=lambda w: {"title": "Initiativ (ändrat)", "areas": [w["area"].pk]},
        ),
        "pipeline:transition": Entry(
            _initiative("transition"),
            form=_transition_form,
            form_class=_form_class("samverkan.pipeline.forms", "TransitionForm"),
            valid=lambda w: {"name": "pause", "comment": "Väntar på beslut."},
        ),
        "pipeline:invite": Entry(
            _initiative("invite"),
            form=_invite_form,
            form_class=_form_class("samverkan.pipeline.forms", "InviteForm"),
            valid=lambda w: {"organisation": str(w["affiliated"].uuid)},
        ),
        "pipeline:results": Entry(
            _initiative("results"),
            roles=STAFF,
            form=_forms("samverkan.pipeline.forms", "ResultsForm"),
            form_class=_form_class("samverkan.pipeline.forms", "ResultsForm"),
            prepare=_stage("resultat", form="iop"),
            valid=lambda w: {"results_text": "Tolv träffar."},
        ),
        "pipeline:reported": Entry(
            _initiative("reported"),
            roles=STAFF,
            prepare=_stage("resultat", form="iop", results_text="Tolv"),
        ),
        "pipeline:evaluation": Entry(
            _initiative("evaluation"),
            roles=STAFF,
            form=_forms("samverkan.pipeline.forms", "EvaluationForm", parties=lambda w: []),
            form_class=_form_class("samverkan.pipeline.forms", "EvaluationForm"),
            prepare=_stage("utvardering", form="iop", results_reported_at=NOW),
            valid=lambda w: {"goal_fulfilment": "Målen nåddes.", "should_continue": "ja"},
        ),
        "pipeline:comment": Entry(
            _initiative("comment"),
            form=_forms("samverkan.pipeline.forms", "CommentForm"),
            form_class=_form_class("samverkan.pipeline.forms", "CommentForm"),
            valid=lambda w: {"text": "En kommentar."},
        ),
        "pipeline:document_add": Entry(
            _initiative("document_add"),
            form=_forms("samverkan.pipeline.forms", "DocumentForm"),
            form_class=_form_class("samverkan.pipeline.forms", "DocumentForm"),
            valid=lambda w: {"title": "Avtal", "file": pdf("avtal.pdf")},
        ),
        "pipeline:respond": Entry(
            _initiative("respond", party=lambda w: w["invited_party"].pk),
            fields={"answer": choice("accept", "decline")},
            accepted_by=("forvaltningskontakt",),
            valid=lambda w: {"answer": "accept"},
        ),
        "pipeline:agree": Entry(
            _initiative("agree", party=lambda w: w["organisation_party"].pk),
            accepted_by=("rep_a",),
        ),
        # Samverkansgruppen, the follow-up and the conference.
        "samverkansgruppen:group_member_add": Entry(
            url("samverkansgruppen:group_member_add"),
            valid=lambda w: {
                "name": "Ny ledamot",
                "organisation": w["organisation_b"].pk,
                "municipal_body": "",
                "starts_on": "2027-01-01",
            },
        ),
        "samverkansgruppen:group_member_end": Entry(
            url("samverkansgruppen:group_member_end", pk=lambda w: w["group_membership"].pk),
            valid=lambda w: {"ends_on": TODAY},
        ),
        "samverkansgruppen:group_meeting_create": Entry(
            url("samverkansgruppen:group_meeting_create"),
            valid=lambda w: {
                "title": "Vårmöte",
                "date": "2027-05-01",
                "start_time": "13:00",
                "place": "Stadshuset",
            },
        ),
        "samverkansgruppen:group_meeting_action/invite": Entry(_meeting_action("invite")),
        "samverkansgruppen:group_meeting_action/minutes": Entry(_meeting_action("minutes")),
        "samverkansgruppen:group_meeting_action/attendance": Entry(
            _meeting_action("attendance"),
            form=_forms(
                "samverkan.group.forms",
                "MeetingAttendanceForm",
                meeting=lambda w: w["group_meeting"],
            ),
            form_class=_form_class("samverkan.group.forms", "MeetingAttendanceForm"),
            empty_is_valid="no box ticked: nobody was present",
            valid=lambda w: {"present": [w["group_membership"].pk]},
        ),
        "samverkansgruppen:group_meeting_action/document": Entry(
            _meeting_action("document"),
            form=_forms("samverkan.group.forms", "MeetingDocumentForm"),
            form_class=_form_class("samverkan.group.forms", "MeetingDocumentForm"),
            valid=lambda w: {"title": "Dagordning", "file": pdf("dagordning.pdf")},
        ),
        "samverkansgruppen:followups": Entry(
            url("samverkansgruppen:followups"),
            form_class=_form_class("samverkan.group.forms", "FollowUpCreateForm"),
            valid=lambda w: {"year": 2022},
            accepted_by=STAFF,
        ),
        "samverkansgruppen:followup_comment": Entry(
            url("samverkansgruppen:followup_comment", year=lambda w: w["followup_draft"].year),
            form=_forms("samverkan.group.forms", "CommentForm"),
            form_class=_form_class("samverkan.group.forms", "CommentForm"),
            valid=lambda w: {"text": "Bra sammanställt."},
        ),
        "samverkansgruppen:followup_approve": Entry(
            url("samverkansgruppen:followup_approve", year=lambda w: w["followup_draft"].year)
        ),
        "samverkansgruppen:followup_send": Entry(
            url("samverkansgruppen:followup_send", year=lambda w: w["followup_approved"].year),
            form=_forms("samverkan.group.forms", "SendToNamndForm"),
            form_class=_form_class("samverkan.group.forms", "SendToNamndForm"),
            prepare=_namnd,
            valid=lambda w: {"body": w["namnd"].pk},
        ),
        "samverkansgruppen:report_submit": Entry(
            url("samverkansgruppen:report_submit", year=2026),
            valid=lambda w: {"commitments": "Två IOP och ett projekt."},
        ),
        "samverkansgruppen:conferences": Entry(
            url("samverkansgruppen:conferences"),
            form_class=_form_class("samverkan.group.forms", "ConferenceForm"),
            valid=lambda w: {
                "title": "Konferens 2027",
                "date": "2027-05-01",
                "start_time": "09:00",
                "place": "Stadshallen",
                "programme": "Program",
                "places": 100,
                "registration_closes_on": "2027-04-20",
            },
            accepted_by=STAFF,
        ),
        "samverkansgruppen:conference": Entry(
            url("samverkansgruppen:conference", uuid=lambda w: w["conference"].uuid),
            valid=lambda w: {"name": "Bo Berg", "email": "bo@example.se"},
        ),
        "samverkansgruppen:conference_staff/build": Entry(
            url("samverkansgruppen:conference_staff", uuid=lambda w: w["conference"].uuid),
            fields={"action": choice("build", "send")},
            valid=lambda w: {"action": "build"},
        ),
        "samverkansgruppen:conference_staff/send": Entry(
            url("samverkansgruppen:conference_staff", uuid=lambda w: w["conference"].uuid),
            prepare=_invitations,
            valid=lambda w: {"action": "send"},
        ),
        "samverkansgruppen:conference_registration": Entry(
            url("samverkansgruppen:conference_registration", uuid=lambda w: w["registration"].uuid)
        ),
    }
)


CASES = [
    pytest.param(name, role, kind, id=f"{name}-{role}-{kind}")
    for name in sorted(ENTRIES)
    for role in roles_of(name)
    for kind in kinds_for(name)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "kind"), CASES)
def test_form_input(client, matrix, no_staff_mfa, name, role, kind):
    entry = ENTRIES[name]
    cast = matrix["cast"]
    world = {**matrix["world"], **cast, "role": role}
    if entry.prepare:
        world.update(entry.prepare(world) or {})
    if role != "anonymous":
        client.force_login(cast[role])
    target = entry.url(world)
    form = entry.form(world) if entry.form else _shown_form(client, target, name, role)
    fields = dict(form.fields) if form is not None else dict(entry.fields)
    shown = _posted(form) if form is not None else {}
    what = f"{name} as {role}, {kind}"

    key = secrets.token_urlsafe(24)  # the one-time key the form is shown with

    def valid() -> dict:
        return {**shown, **entry.valid(world), "submission_key": key}

    before = snapshot()
    if kind == "hostile":
        response = client.post(target, payload(kind, fields, valid()))
        if changed(before, snapshot()):
            assert_stored_as_text(client, response, what)
        else:
            assert_refused_in_swedish(response, what)
        return
    if kind == "empty" and entry.empty_is_valid:
        response = client.post(target, {"submission_key": key})
        assert response.status_code < 500, f"{what}: {response.status_code}"
        english = [t for t in shown_messages(response) if not is_swedish(t)]
        assert not english, f"{what}: messages not in Swedish: {english}"
        return
    if kind == "oversized":
        # Each text field has its own limit: one bounded field must not hide another.
        unbounded = [
            name
            for name, form_field in fields.items()
            if isinstance(form_field, forms.CharField)
            # A password is checked, not stored; a hidden field's id is looked up.
            and not isinstance(form_field.widget, forms.PasswordInput | forms.HiddenInput)
            and not (getattr(form_field, "max_length", None) or getattr(form_field, "limit", None))
        ]
        assert not unbounded, f"{what}: text fields without a length limit: {unbounded}"
    if kind != "second_submit":
        response = client.post(target, payload(kind, fields, valid()))
        assert_refused_in_swedish(response, what)
        assert not changed(before, snapshot()), f"{what} changed: {changed(before, snapshot())}"
        return

    first = client.post(target, valid())
    assert first.status_code < 500, f"{what}, first: {first.status_code}"
    after_first = snapshot()
    if role in (entry.accepted_by or roles_of(name)):
        assert changed(before, after_first), f"{what}: the first submit was not accepted " + (
            str(shown_messages(first))
        )
    second = client.post(target, valid())
    assert second.status_code < 500, f"{what}, second: {second.status_code}"
    assert not new_rows(after_first, snapshot()), (
        f"{what}: the second submit added rows: {new_rows(after_first, snapshot())}"
    )


def _shown_form(client, target: str, name: str, role: str) -> forms.BaseForm | None:
    """The form the view shows the role (none for views that take no fields)."""
    if ENTRIES[name].fields or not static_fields(name):
        return None
    response = client.get(target)
    assert response.status_code == 200, f"GET {name} as {role}: {response.status_code}"
    form = response.context.get("form")
    assert isinstance(form, forms.BaseForm), f"GET {name} as {role} shows no form"
    return form
