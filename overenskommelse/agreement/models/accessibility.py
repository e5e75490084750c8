"""The tillgänglighetsredogörelse (DOS-lagen 2018:1937) and the feedback it asks for.

The statement is data staff edit: every change is a new version, the latest current,
so what the site said on a given day can be shown afterwards. The feedback form on it
opens a case for kommunkontoret (open → answered → closed), its moves in the history.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import TimeStampedModel

# What a person may write in the feedback form (characters).
FEEDBACK_PAGE_MAX_LENGTH = 500
FEEDBACK_PROBLEM_MAX_LENGTH = 5_000


class AccessibilityStatement(TimeStampedModel):
    """One version of the statement; the one marked current is shown."""

    class Compliance(models.TextChoices):
        # Digg's wording: helt förenlig, delvis förenlig, inte förenlig med lagkraven.
        FULL = "helt_forenlig", _("Fully compliant")
        PARTIAL = "delvis_forenlig", _("Partially compliant")
        NONE = "inte_forenlig", _("Not compliant")

    compliance = models.CharField(
        _("compliance with the law"),
        max_length=20,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    shortcomings = models.TextField(
        _("content that is not accessible, and why"),
        help_text=_("Each shortcoming on its own line: what does not work, for whom, and why."),
    )
    not_covered = models.TextField(
        _("content the law does not cover or that is exempted"),
        blank=True,
        help_text=_("E.g. documents published before 23 September 2018, with the reason."),
    )
    assessed_on = models.DateField(_("date of the assessment"))
    method = models.TextField(
        _("how the site was assessed"),
        help_text=_(
            "E.g. a self-assessment with automatic and manual tests, or an external audit."
        ),
    )
    is_current = models.BooleanField(_("current version"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_by_name = models.CharField(_("by (name)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="accessibilitystatement_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_compliance_display()} ({self.assessed_on:%Y-%m-%d})"


class AccessibilityFeedback(TimeStampedModel):
    """A report that something on the site is not accessible: a case for kommunkontoret."""

    class Status(models.TextChoices):
        OPEN = "oppen", _("Open")
        ANSWERED = "besvarad", _("Answered")
        CLOSED = "stangd", _("Closed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    page = models.CharField(_("page"), max_length=FEEDBACK_PAGE_MAX_LENGTH)
    problem = models.TextField(_("the problem"))
    email = models.EmailField(_("e-mail for a reply"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"], name="a11yfeedback_status")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page}"


# The statement until staff save one: the municipality's own Swedish text, as the site
# stood when it was written. Staff replace it through the edit page.
DEFAULT_STATEMENT = {
    "compliance": AccessibilityStatement.Compliance.PARTIAL,
    "shortcomings": (
        "PDF-filer som portalen skapar (protokollsutdrag, sammanställningen av remissvar, "
        "den årliga uppföljningen och mallen för styrelsebeslut) är taggade PDF/A-2a med "
        "språk, rubriker, tabellrubriker och textalternativ för diagrammen, men de har inte "
        "granskats med en PDF/A- eller PDF/UA-validerare eller med skärmläsare. En tabell "
        "som fortsätter över flera sidor blir en tabell per sida, vilket kan göra den "
        "svårare att följa. Innehållet finns också som webbsida: paragrafen, "
        "sammanställningen och uppföljningen.\n\n"
        "Dokument som föreningar, förvaltningar och nämnder laddar upp (protokoll, bilagor "
        "till remissvar) granskas inte av kommunen och kan vara otillgängliga. Be oss om en "
        "tillgänglig version, så tar vi fram den."
    ),
    "not_covered": (
        "Protokoll och bilagor som föreningar laddar upp är innehåll från tredje part som "
        "kommunen varken tar fram eller bekostar, och omfattas inte av lagens krav."
    ),
    "assessed_on": dt.date(2026, 12, 7),
    "method": (
        "Självskattning. Portalens automatiska tester kontrollerar sidorna med axe-core "
        "mot WCAG 2.1 nivå A och AA, och prövar tangentbordsnavigering och visning i "
        "320 pixlars bredd, vid varje ändring av portalen. PDF-filernas struktur (taggar, "
        "språk, tabellrubriker, textalternativ) kontrolleras i samma tester. En fullständig "
        "manuell granskning mot EN 301 549 har ännu inte gjorts."
    ),
}
