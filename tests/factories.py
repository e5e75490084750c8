"""factory_boy factories shared by every app's tests."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from overenskommelse.accounts.models import MunicipalBody, Role, RoleAssignment, User
from overenskommelse.agreement.models import Organisation, Representation

PASSWORD = "testlösenord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MunicipalBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalBody

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = MunicipalBody.Kind.FORVALTNING
    contact_name = "Kontaktperson"
    contact_email = factory.LazyAttribute(lambda o: f"{o.slug}@example.se")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Förening {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class RepresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representation

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Representation.Status.CONFIRMED


def user_with_role(role: Role, *, municipal_body: MunicipalBody | None = None, **kwargs) -> User:
    """A user holding `role`; a förvaltningskontakt is tied to `municipal_body` (a new
    förvaltning when none is given)."""
    user = UserFactory(**kwargs)
    if role == Role.FORVALTNINGSKONTAKT and municipal_body is None:
        municipal_body = MunicipalBodyFactory()
    RoleAssignment.objects.create(user=user, role=role, municipal_body=municipal_body)
    return user


# Affiliation ----------------------------------------------------------


def _luhn_completed(nine: str) -> str:
    total = 0
    for index, char in enumerate(nine):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return f"{nine[:6]}-{nine[6:]}{(10 - total % 10) % 10}"


def organisation_number(n: int) -> str:
    """A valid (Luhn-checked) organisationsnummer, distinct for each n."""
    return _luhn_completed(f"802{n:06d}")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreement.Affiliation"

    organisation = factory.SubFactory(OrganisationFactory)
    affiliated_from = datetime.date(2025, 3, 1)


class AffiliationApplicationFactory(factory.django.DjangoModelFactory):
    """A submitted application with a small PDF as its protocol."""

    class Meta:
        model = "agreement.AffiliationApplication"

    organisation = factory.SubFactory(OrganisationFactory)
    status = "inskickad"
    meeting_date = datetime.date(2026, 11, 2)
    paragraph = "7"
    decision_text = "Styrelsen beslutar att ansluta föreningen."
    protocol = factory.django.FileField(filename="protokoll.pdf", data=b"%PDF-1.4 test\n%%EOF")
    protocol_content_type = "application/pdf"
    conditions_confirmed = True
    submitted_at = factory.LazyFunction(timezone.now)
