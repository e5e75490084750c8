"""The demo data carries the seeds' facts and loads idempotently."""

from datetime import date
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError

from overenskommelse.accounts.models import MunicipalBody, Role, RoleAssignment, User
from overenskommelse.agreement.models import (
    ActionPlan,
    AgreementVersion,
    Commitment,
    Direction,
    Organisation,
    Principle,
    PriorityArea,
    Representation,
)
from overenskommelse.agreement.services.organisations import ascii_slug
from overenskommelse.demo.data import foundation as demo_data
from overenskommelse.demo.load.foundation import demo_data_load

PASSWORD = "demo-losenord-2026"

MODELS = (
    AgreementVersion,
    Principle,
    Commitment,
    Commitment.principles.through,
    ActionPlan,
    PriorityArea,
    Direction,
    MunicipalBody,
    Organisation,
    User,
    EmailAddress,
    RoleAssignment,
    Representation,
)


@pytest.fixture
def accounts(db) -> list[tuple[str, str, str]]:
    return demo_data_load()


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in MODELS}


# The data module ---------------------------------------------------------------


def test_data_values_are_valid_choices():
    assert {b.kind for b in demo_data.MUNICIPAL_BODIES} <= set(MunicipalBody.Kind.values)
    assert {o.legal_form for o in demo_data.ORGANISATIONS} <= set(Organisation.LegalForm.values)
    assert {o.umbrella for o in demo_data.ORGANISATIONS} <= set(Organisation.Umbrella.values)
    assert demo_data.ACTION_PLAN.status == ActionPlan.Status.ON_REMISS
    assert {u.role for u in demo_data.DEMO_USERS if u.role} == set(Role.values)
    slugs = [b.slug for b in demo_data.MUNICIPAL_BODIES]
    for body in demo_data.MUNICIPAL_BODIES:
        if body.parent:
            assert slugs.index(body.parent) < slugs.index(body.slug)


def test_ascii_slug():
    assert ascii_slug("Hälsosamma levnadsvanor") == "halsosamma-levnadsvanor"
    assert ascii_slug("Vård- och omsorgsförvaltningen") == "vard-och-omsorgsforvaltningen"


# Överenskommelsen ----------------------------------------------------------------


@pytest.mark.django_db
def test_agreement_version(accounts):
    version = AgreementVersion.objects.get()
    assert version.version_date == date(2018, 6, 26)
    assert version.is_current
    assert version.adopted_by == "Kommunfullmäktige 2019-01-31 § 16 (dnr KS 2016/0688)"
    assert "Lund skapar framtiden – med kunskap, innovation och öppenhet" in version.goals
    assert "idéburen sektor" in version.parties


@pytest.mark.django_db
def test_six_principles_in_order(accounts):
    version = AgreementVersion.objects.get()
    assert list(version.principles.values_list("number", "name")) == [
        (1, "Integritet och oberoende"),
        (2, "Öppenhet och insyn"),
        (3, "Kvalitet"),
        (4, "Långsiktighet"),
        (5, "Dialog"),
        (6, "Mångfald"),
    ]
    assert all(p.description for p in version.principles.all())


@pytest.mark.django_db
def test_eight_commitments_in_order(accounts):
    version = AgreementVersion.objects.get()
    assert list(version.commitments.values_list("name", flat=True)) == [
        "Öppna kontaktvägar",
        "Kunskapsökning",
        "Samverkan och dialog",
        "Informationsspridning",
        "Samhällsutveckling",
        "Gemensamma finansieringsformer",
        "Mångfald av utövare",
        "Uppföljning och utvärdering",
    ]
    assert all(c.description for c in version.commitments.all())


@pytest.mark.django_db
def test_commitment_principles_as_in_seed(accounts):
    def principles_of(name: str) -> set[str]:
        return set(Commitment.objects.get(name=name).principles.values_list("name", flat=True))

    assert principles_of("Öppna kontaktvägar") == {"Öppenhet och insyn"}
    assert principles_of("Kunskapsökning") == {"Kvalitet", "Mångfald", "Långsiktighet"}
    assert principles_of("Samverkan och dialog") == {"Dialog", "Öppenhet och insyn"}
    assert principles_of("Informationsspridning") == {"Öppenhet och insyn", "Mångfald"}
    assert principles_of("Samhällsutveckling") == {
        "Mångfald",
        "Dialog",
        "Integritet och oberoende",
    }
    assert principles_of("Gemensamma finansieringsformer") == {"Långsiktighet"}
    assert principles_of("Mångfald av utövare") == {"Kvalitet", "Mångfald"}
    assert principles_of("Uppföljning och utvärdering") == set()


# Handlingsplan -------------------------------------------------------------------


@pytest.mark.django_db
def test_action_plan_on_remiss_with_four_areas(accounts):
    plan = ActionPlan.objects.get(slug="handlingsplan-2021-2024")
    assert (plan.start_year, plan.end_year) == (2021, 2024)
    assert plan.status == ActionPlan.Status.ON_REMISS
    assert "KS 2020/0882" in plan.summary
    assert ActionPlan.objects.current().first() == plan
    areas = [
        (area.name, area.slug, area.directions.count()) for area in plan.areas.order_by("number")
    ]
    assert areas == [
        ("Inkludering", "inkludering", 3),
        ("Hälsosamma levnadsvanor", "halsosamma-levnadsvanor", 3),
        (
            "Hållbar utveckling med utgångspunkt i Agenda 2030",
            "hallbar-utveckling-med-utgangspunkt-i-agenda-2030",
            2,
        ),
        ("Demokrati, delaktighet och trygghet", "demokrati-delaktighet-och-trygghet", 3),
    ]


@pytest.mark.django_db
def test_directions_numbered_in_seed_order(accounts):
    inkludering = PriorityArea.objects.get(slug="inkludering")
    texts = list(inkludering.directions.values_list("number", "text"))
    assert [number for number, _ in texts] == [1, 2, 3]
    assert "lokaler" in texts[0][1]
    assert "volontär" in texts[1][1]
    assert "kommunikation" in texts[2][1]
    climate = Direction.objects.get(area__slug__startswith="hallbar", number=2)
    assert "bostäder, stadsodling, konsumtion och resor" in climate.text
    assert "krishantering" in Direction.objects.get(area__number=4, number=3).text


# Bodies and organisations ----------------------------------------------------------


@pytest.mark.django_db
def test_municipal_bodies(accounts):
    kinds = dict(MunicipalBody.objects.values_list("name", "kind"))
    assert kinds == {
        "Kommunfullmäktige": "fullmaktige",
        "Kommunstyrelsen": "styrelse",
        "Kommunstyrelsens arbetsutskott": "utskott",
        "Kultur- och fritidsnämnden": "namnd",
        "Socialnämnden": "namnd",
        "Vård- och omsorgsnämnden": "namnd",
        "Kommunkontoret": "forvaltning",
        "Kultur- och fritidsförvaltningen": "forvaltning",
        "Socialförvaltningen": "forvaltning",
        "Vård- och omsorgsförvaltningen": "forvaltning",
        "Finsam": "forvaltning",
    }
    parent = dict(MunicipalBody.objects.values_list("slug", "parent__slug"))
    assert parent["kommunstyrelsens-arbetsutskott"] == "kommunstyrelsen"
    assert parent["kommunkontoret"] == "kommunstyrelsen"
    assert parent["kultur-och-fritidsforvaltningen"] == "kultur-och-fritidsnamnden"
    assert parent["socialforvaltningen"] == "socialnamnden"
    assert parent["vard-och-omsorgsforvaltningen"] == "vard-och-omsorgsnamnden"


@pytest.mark.django_db
def test_chairs_only_where_a_seed_states_them(accounts):
    kf = MunicipalBody.objects.get(slug="kommunfullmaktige")
    assert (kf.chair, kf.vice_chair) == ("Mats Helmfrid (M)", "Lars V Andersson (C)")
    ksau = MunicipalBody.objects.get(slug="kommunstyrelsens-arbetsutskott")
    assert (ksau.chair, ksau.vice_chair) == ("Philip Sandberg (L)", "Fredrik Ljunghill (M)")
    unstated = MunicipalBody.objects.exclude(pk__in=[kf.pk, ksau.pk])
    assert not unstated.exclude(chair="", vice_chair="").exists()


@pytest.mark.django_db
def test_every_forvaltning_has_a_fictional_contact(accounts):
    for body in MunicipalBody.objects.forvaltningar():
        assert body.contact_name.startswith("Kontaktperson ")
        assert body.contact_email.endswith("@example.se")
    kfn = MunicipalBody.objects.get(slug="kultur-och-fritidsforvaltningen")
    assert kfn.contact_name == "Kontaktperson Kultur och fritid"


@pytest.mark.django_db
def test_six_organisations(accounts):
    organisations = {o.slug: o for o in Organisation.objects.all()}
    assert {slug: o.name for slug, o in organisations.items()} == {
        "pil": "Paraplyorganisationen för idrottsföreningar i Lund (PIL)",
        "lips": "Lunds ideella föreningars paraplyorganisation med socialt arbete (LIPS)",
        "svenska-kyrkan": "Svenska kyrkan",
        "st-thomas-av-aquino-forsamling": "S:t Thomas av Aquino församling/Katolska kyrkan",
        "lunds-frivilliga-samhallsarbetare": "Lunds frivilliga samhällsarbetare",
        "abf-mittskane": "ABF MittSkåne",
    }
    assert organisations["svenska-kyrkan"].legal_form == Organisation.LegalForm.TROSSAMFUND
    assert all(o.organisation_number is None for o in organisations.values())


# Demo accounts --------------------------------------------------------------------


@pytest.mark.django_db
def test_returned_accounts(accounts):
    assert accounts == [
        ("Föreningsrepresentant (PIL)", "foreningsrepresentant@demo.example.se", PASSWORD),
        ("Handläggare (kommunkontoret)", "handlaggare@demo.example.se", PASSWORD),
        (
            "Förvaltningskontakt (kultur- och fritidsförvaltningen)",
            "forvaltningskontakt@demo.example.se",
            PASSWORD,
        ),
        ("Samverkansgruppen", "samverkansgruppen@demo.example.se", PASSWORD),
        ("Admin", "admin@demo.example.se", PASSWORD),
    ]


@pytest.mark.django_db
def test_one_user_per_role(accounts):
    def roles(email: str) -> set[tuple[str, str | None]]:
        return set(
            RoleAssignment.objects.filter(user__email=email).values_list(
                "role", "municipal_body__slug"
            )
        )

    assert roles("handlaggare@demo.example.se") == {("handlaggare", None)}
    assert roles("forvaltningskontakt@demo.example.se") == {
        ("forvaltningskontakt", "kultur-och-fritidsforvaltningen")
    }
    assert roles("samverkansgruppen@demo.example.se") == {("samverkansgruppen", None)}
    assert roles("foreningsrepresentant@demo.example.se") == set()
    assert roles("admin@demo.example.se") == set()

    representation = Representation.objects.get()
    assert representation.user.email == "foreningsrepresentant@demo.example.se"
    assert representation.organisation.slug == "pil"
    assert representation.status == Representation.Status.CONFIRMED
    assert representation.confirmed_by.email == "handlaggare@demo.example.se"
    assert representation.confirmed_at is not None

    admin = User.objects.get(email="admin@demo.example.se")
    assert admin.is_superuser and admin.is_staff
    assert list(User.objects.filter(is_superuser=True)) == [admin]
    assert not User.objects.filter(is_staff=True).exclude(pk=admin.pk).exists()


@pytest.mark.django_db
def test_accounts_can_log_in(accounts, client):
    for _, email, password in accounts:
        user = User.objects.get(email=email)
        assert user.check_password(password)
        assert EmailAddress.objects.filter(
            user=user, email=email, verified=True, primary=True
        ).exists()
    assert client.login(email="handlaggare@demo.example.se", password=PASSWORD)


# Idempotency ----------------------------------------------------------------------


@pytest.mark.django_db
def test_second_load_changes_nothing(accounts):
    before = _counts()
    password_hashes = dict(User.objects.values_list("email", "password"))
    stamps = {
        model._meta.label: dict(model.objects.values_list("pk", "updated_at"))
        for model in (AgreementVersion, ActionPlan, MunicipalBody, Organisation, Representation)
    }

    assert demo_data_load() == accounts

    assert _counts() == before
    assert before[Principle._meta.label] == 6
    assert before[Commitment._meta.label] == 8
    assert before[Direction._meta.label] == 11
    assert before[User._meta.label] == 5
    assert dict(User.objects.values_list("email", "password")) == password_hashes
    for label, rows in stamps.items():
        model = next(m for m in MODELS if m._meta.label == label)
        assert dict(model.objects.values_list("pk", "updated_at")) == rows, label


@pytest.mark.django_db
def test_load_repairs_edited_rows(accounts):
    Principle.objects.filter(number=1).update(name="Fel")
    Commitment.objects.get(number=1).principles.clear()
    user = User.objects.get(email="admin@demo.example.se")
    user.set_password("annat")
    user.save()

    demo_data_load()

    assert Principle.objects.get(number=1).name == "Integritet och oberoende"
    assert list(Commitment.objects.get(number=1).principles.values_list("name", flat=True)) == [
        "Öppenhet och insyn"
    ]
    assert User.objects.get(email="admin@demo.example.se").check_password(PASSWORD)


@pytest.mark.django_db
def test_does_not_take_current_from_another_version():
    other = AgreementVersion.objects.create(
        title="Senare version", version_date=date(2024, 1, 1), is_current=True
    )
    demo_data_load()
    assert AgreementVersion.objects.get(is_current=True) == other


# The command ------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_prints_the_accounts():
    out = StringIO()
    call_command("load_demo", force=True, stdout=out)
    output = out.getvalue()
    assert "Demokonton" in output
    assert "6 principer, 8 åtaganden" in output
    assert "4 prioriterade områden, 11 inriktningar" in output
    for label, email, password in demo_data_load():
        line = next(line for line in output.splitlines() if email in line)
        assert label in line
        assert password in line


@pytest.mark.django_db
def test_command_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_command_runs_with_debug(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    assert User.objects.filter(email__endswith="@demo.example.se").count() == 5
