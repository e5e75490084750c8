"""People and their roles.

A person logs in with an e-mail address. What they may do follows from data:
`RoleAssignment` rows for municipal roles (handläggare, förvaltningskontakt tied to
one förvaltning, samverkansgruppen) and confirmed `Representation` rows for
föreningsrepresentanter. Admin is Django's superuser flag. All checks go through
`overenskommelse/agreement/predicates.py`.
"""

import uuid
from functools import cached_property
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import TimeStampedModel, field_history


class UserManager(DjangoUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]  # drops the field; stubs type it as str
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def role_keys(self) -> frozenset[tuple[str, int | None]]:
        """(role, municipal body id) pairs, loaded once per request."""
        if not self.pk:
            return frozenset()
        return frozenset(self.role_assignments.values_list("role", "municipal_body_id"))

    @cached_property
    def has_totp(self) -> bool:
        """Whether a TOTP authenticator is set up, whatever roles the user has (a
        superuser made by createsuperuser has none)."""
        from allauth.mfa.models import Authenticator

        if not self.pk:
            return False
        return Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()

    @cached_property
    def represented_organisation_ids(self) -> frozenset[int]:
        if not self.pk:
            return frozenset()
        return frozenset(
            self.representations.filter(status="bekraftad").values_list(
                "organisation_id", flat=True
            )
        )

    @cached_property
    def preparing_organisation_ids(self) -> frozenset[int]:
        """Organisations the user registered and is not yet a confirmed representative
        of: they may prepare its application but not send it."""
        if not self.pk:
            return frozenset()
        return frozenset(
            self.representations.filter(status="begard", origin="registrerade").values_list(
                "organisation_id", flat=True
            )
        )


class Role(models.TextChoices):
    HANDLAGGARE = "handlaggare", _("Case officer (kommunkontoret)")
    FORVALTNINGSKONTAKT = "forvaltningskontakt", _("Administration contact")
    SAMVERKANSGRUPPEN = "samverkansgruppen", _("Member of samverkansgruppen")


@field_history()
class RoleAssignment(TimeStampedModel):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    municipal_body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("förvaltning"),
        help_text=_("Required for administration contacts, empty for other roles."),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(municipal_body__isnull=True),
                name="roleassignment_unique_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipal_body"], name="roleassignment_unique_scoped"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="forvaltningskontakt", municipal_body__isnull=False)
                    | (
                        ~models.Q(role="forvaltningskontakt")
                        & models.Q(municipal_body__isnull=True)
                    )
                ),
                name="roleassignment_body_iff_forvaltningskontakt",
                violation_error_message=_(
                    "An administration contact is tied to exactly one förvaltning; "
                    "other roles have none."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.municipal_body_id:
            return f"{self.get_role_display()} ({self.municipal_body})"
        return str(self.get_role_display())
