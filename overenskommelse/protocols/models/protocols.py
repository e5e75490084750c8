"""Decisions as protocols: a sammanträde of an organ, its paragrafer and their votes.

Shared by every app (the Överenskommelse's adoption, the remiss decision, network
decisions, samverkansgruppen's minutes), so it lives in the foundation app. Writes go
through `overenskommelse.protocols.services.protocols`; vote sums are always counted from the
roll call (`Ballot` rows), never stored.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import TimeStampedModel


def lines(text: str) -> list[str]:
    """The non-empty lines of a text field that holds one item per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# Kommunallagen 8 kap. 12 §: the notice of the justering stays on the anslagstavla
# until the time for laglighetsprövning has run out, three weeks (13 kap. 5 §).
NOTICE_MIN_DAYS = 21
APPEAL_WEEKS = 3


def _easter_sunday(year: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _moving_days(year: int) -> set[dt.date]:
    easter = _easter_sunday(year)
    midsummer = next(
        dt.date(year, 6, day) for day in range(20, 27) if dt.date(year, 6, day).weekday() == 5
    )
    all_saints = next(
        d
        for d in (dt.date(year, 10, 31) + dt.timedelta(days=n) for n in range(7))
        if d.weekday() == 5
    )
    return {
        easter - dt.timedelta(days=2),  # långfredagen
        easter + dt.timedelta(days=1),  # annandag påsk
        easter + dt.timedelta(days=39),  # Kristi himmelsfärds dag
        midsummer - dt.timedelta(days=1),  # midsommarafton (lag 1930:173 2 §)
        midsummer,
        all_saints,
    }


def swedish_day_off(day: dt.date) -> bool:
    """A Saturday, Sunday, allmän helgdag or one of the eves that lagen (1930:173) om
    beräkning av lagstadgad tid counts as a holiday (midsommar-, jul- and nyårsafton)."""
    fixed = {(1, 1), (1, 6), (5, 1), (6, 6), (12, 24), (12, 25), (12, 26), (12, 31)}
    return day.weekday() >= 5 or (day.month, day.day) in fixed or day in _moving_days(day.year)


def appeal_last_day(notice_posted_on: dt.date) -> dt.date:
    """The last day for laglighetsprövning: three weeks from the day the justering was
    announced on the anslagstavla (kommunallagen 13 kap. 5 §), moved on to the next
    weekday when it falls on a Saturday, Sunday or holiday (lag 1930:173 2 §)."""
    day = notice_posted_on + dt.timedelta(weeks=APPEAL_WEEKS)
    while swedish_day_off(day):
        day += dt.timedelta(days=1)
    return day


class ProtocolMeetingQuerySet(models.QuerySet):
    def adjusted(self, today: dt.date):
        """Meetings whose protocol is justerat by `today`."""
        return self.filter(adjusted_on__isnull=False, adjusted_on__lte=today)


class ProtocolMeeting(TimeStampedModel):
    """A sammanträde: one meeting of one organ, ours or another municipality's."""

    class OrganKind(models.TextChoices):
        """What kind of organ met: whether its decision can commit the municipality
        depends on it (a committee prepares, the board or the council decides)."""

        FULLMAKTIGE = "kommunfullmaktige", _("Municipal council")
        STYRELSE = "kommunstyrelse", _("Municipal executive board")
        UTSKOTT = "utskott", _("Committee of the executive board")
        NAMND = "namnd", _("Nämnd")
        RAD = "rad", _("Council (råd)")
        OTHER = "annat", _("Other organ")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="protocol_meetings",
        verbose_name=_("organ in the portal"),
        help_text=_("Empty for another municipality's organ or for samverkansgruppen."),
    )
    organ_name = models.CharField(_("organ"), max_length=200)
    organ_kind = models.CharField(
        _("kind of organ"), max_length=20, choices=OrganKind.choices, default=OrganKind.OTHER
    )
    municipality_name = models.CharField(_("municipality"), max_length=200)
    date = models.DateField(_("date of the meeting"))
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    time_note = models.CharField(
        _("about the time"), max_length=300, blank=True, help_text=_("E.g. adjournments.")
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    secretary = models.CharField(_("secretary"), max_length=200, blank=True)
    adjusters = models.TextField(_("adjusters (justerare)"), blank=True, help_text=_("One a line."))
    adjustment_place_time = models.CharField(
        _("place and time of adjustment"), max_length=300, blank=True
    )
    adjusted_on = models.DateField(
        _("date of adjustment (justering)"),
        null=True,
        blank=True,
        help_text=_("The day the protocol was justerat. Until then only staff read it."),
    )
    paragraph_span = models.CharField(
        _("paragraphs of the protocol"), max_length=50, blank=True, help_text=_("E.g. § 1-32.")
    )
    notice_posted_on = models.DateField(_("notice posted"), null=True, blank=True)
    notice_removed_on = models.DateField(_("notice taken down"), null=True, blank=True)
    protocol_kept_at = models.CharField(_("where the protocol is kept"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("meeting (sammanträde)")
        verbose_name_plural = _("meetings (sammanträden)")
        ordering = ["-date", "organ_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gte=models.F("start_time")),
                name="protocolmeeting_end_after_start",
                violation_error_message=_("The meeting cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(notice_removed_on__isnull=True)
                | models.Q(notice_posted_on__isnull=True)
                | models.Q(
                    notice_removed_on__gte=models.ExpressionWrapper(
                        models.F("notice_posted_on") + dt.timedelta(days=NOTICE_MIN_DAYS),
                        output_field=models.DateField(),
                    )
                ),
                name="protocolmeeting_notice_up_three_weeks",
                violation_error_message=_("The notice must stay up for at least three weeks."),
            ),
        ]

    objects = ProtocolMeetingQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.organ_name} {self.date:%Y-%m-%d}"

    @property
    def adjuster_list(self) -> list[str]:
        return lines(self.adjusters)

    def is_adjusted(self, today: dt.date) -> bool:
        return self.adjusted_on is not None and self.adjusted_on <= today

    @property
    def appeal_last_day(self) -> dt.date | None:
        """The last day for laglighetsprövning, once the justering is announced."""
        return appeal_last_day(self.notice_posted_on) if self.notice_posted_on else None


class ProtocolMember(TimeStampedModel):
    """Someone at the sammanträde: a ledamot (with the ersättare serving for them, if
    any), an ersättare who does not serve, or someone else present."""

    class Kind(models.TextChoices):
        MEMBER = "ledamot", _("Member")
        SUBSTITUTE = "ersattare", _("Substitute (not serving)")
        OTHER = "ovrig", _("Other present")

    meeting = models.ForeignKey(
        ProtocolMeeting, on_delete=models.CASCADE, related_name="members", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEMBER)
    position = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    party = models.CharField(_("party"), max_length=20, blank=True)
    is_present = models.BooleanField(_("present"), default=True)
    substitute_name = models.CharField(
        _("serving substitute"),
        max_length=200,
        blank=True,
        help_text=_("The ersättare who serves for this member (tjänstgör för)."),
    )
    substitute_party = models.CharField(_("party of the substitute"), max_length=20, blank=True)
    role_note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("E.g. ordförande, or §§ 14-32.")
    )

    class Meta:
        verbose_name = _("person at the meeting")
        verbose_name_plural = _("people at the meeting")
        ordering = ["meeting", "kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "name", "party"], name="protocolmember_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name

    @property
    def may_vote(self) -> bool:
        """A ledamot votes when present, or through the ersättare serving for them."""
        return self.kind == self.Kind.MEMBER and (self.is_present or bool(self.substitute_name))

    @property
    def substitute_display(self) -> str:
        if not self.substitute_name:
            return ""
        party = f" ({self.substitute_party})" if self.substitute_party else ""
        return f"{self.substitute_name}{party}"


class ParagraphQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Paragraph(TimeStampedModel):
    """One § of a sammanträde: the decision and everything the extract shows."""

    class Kind(models.TextChoices):
        """A beslut commits the organ; a förslag till beslut asks another organ to
        decide (KSAU proposing that KS decide), and commits no one yet."""

        DECISION = "beslut", _("Decision")
        PROPOSAL = "forslag", _("Proposal for a decision")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        ProtocolMeeting,
        on_delete=models.PROTECT,
        related_name="paragraphs",
        verbose_name=_("meeting"),
    )
    number = models.PositiveIntegerField(_("§ number"))
    kind = models.CharField(
        _("decision or proposal"), max_length=20, choices=Kind.choices, default=Kind.DECISION
    )
    case_number = models.CharField(_("case number (dnr)"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=300)
    decision_intro = models.CharField(
        _("decision introduction"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Kommunfullmäktige beslutar”."),
    )
    summary = models.TextField(_("summary"), blank=True)
    basis = models.TextField(_("basis for the decision"), blank=True, help_text=_("One a line."))
    speeches = models.TextField(_("speeches (anföranden)"), blank=True)
    proposals = models.TextField(
        _("proposals (yrkanden)"), blank=True, help_text=_("Who proposes what; one a line.")
    )
    procedure = models.TextField(_("procedure (beslutsgång)"), blank=True)
    reservations = models.TextField(_("reservations"), blank=True)
    sent_to = models.TextField(_("sent to"), blank=True, help_text=_("One a line."))
    sent_for_action = models.TextField(_("sent for action"), blank=True, help_text=_("One a line."))
    sent_for_information = models.TextField(
        _("sent for information"), blank=True, help_text=_("One a line.")
    )
    is_public = models.BooleanField(
        _("public extract"),
        default=False,
        help_text=_("Anyone may read and download the extract of this paragraph."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        verbose_name = _("paragraph (§)")
        verbose_name_plural = _("paragraphs (§)")
        ordering = ["-meeting__date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="paragraph_number_unique_per_meeting",
                violation_error_message=_("This § number is already used in the meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} § {self.number} {self.title}"

    @property
    def is_proposal(self) -> bool:
        return self.kind == self.Kind.PROPOSAL

    @property
    def basis_list(self) -> list[str]:
        return lines(self.basis)

    @property
    def proposal_list(self) -> list[str]:
        return lines(self.proposals)

    @property
    def sent_to_list(self) -> list[str]:
        return lines(self.sent_to)

    @property
    def sent_for_action_list(self) -> list[str]:
        return lines(self.sent_for_action)

    @property
    def sent_for_information_list(self) -> list[str]:
        return lines(self.sent_for_information)


class DecisionClause(models.Model):
    """One att-sats of a paragraph's beslut."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("paragraph")
    )
    position = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("att-sats"))

    class Meta:
        verbose_name = _("att-sats")
        verbose_name_plural = _("att-satser")
        ordering = ["paragraph", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "position"], name="decisionclause_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Division(TimeStampedModel):
    """An omröstning within a paragraph, with its voteringsordning."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="divisions", verbose_name=_("paragraph")
    )
    position = models.PositiveIntegerField(_("order"))
    question = models.TextField(
        _("what is voted on"), blank=True, help_text=_("E.g. which proposal is the counter-motion.")
    )
    yes_means = models.TextField(_("Ja means"))
    no_means = models.TextField(_("Nej means"))
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("What the organ thereby decides; the figures are counted from the roll call."),
    )

    class Meta:
        verbose_name = _("vote (omröstning)")
        verbose_name_plural = _("votes (omröstningar)")
        ordering = ["paragraph", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "position"], name="division_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paragraph} – {_('vote')} {self.position}"


class Ballot(models.Model):
    """One member's vote in one omröstning: the roll call, row by row."""

    class Choice(models.TextChoices):
        YES = "ja", _("Yes")
        NO = "nej", _("No")
        ABSTAIN = "avstar", _("Abstains")
        ABSENT = "franvarande", _("Absent")

    division = models.ForeignKey(
        Division, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("vote")
    )
    member = models.ForeignKey(
        ProtocolMember, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("member")
    )
    choice = models.CharField(_("vote"), max_length=20, choices=Choice.choices)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("roll call")
        ordering = ["division", "member__position", "member__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "member"],
                name="ballot_one_per_member",
                violation_error_message=_("A member votes once in each vote."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"
