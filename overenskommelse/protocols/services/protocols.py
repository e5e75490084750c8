"""Recording decisions: sammanträden, their people, paragrafer, att-satser and votes.

Every rule a user can break is checked here and raised as a ValidationError in
Swedish (the UI language), so views show it on the page; the database constraints
(one § number per sammanträde, one ballot per member and omröstning) hold the same
rules against races.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.platform.pdf import pdf_html
from overenskommelse.platform.services import documents
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_changes, history_record
from overenskommelse.protocols.models import (
    NOTICE_MIN_DAYS,
    Ballot,
    DecisionClause,
    Division,
    Paragraph,
    ParagraphPdf,
    ProtocolMeeting,
    ProtocolMember,
    lines,
)

# "Namn (Parti)", optionally "/ Ersättare (Parti)" or "/ frånvarande".
_MEMBER_LINE = re.compile(
    r"^(?P<name>[^()/]+?)\s*(?:\((?P<party>[^()]*)\))?\s*(?:/\s*(?P<rest>.*?))?\s*$"
)
_NAME_PARTY = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<party>[^()]*)\))?\s*$")
ABSENT_WORDS = {"frånvarande", "franvarande", "absent"}


@dataclass(frozen=True)
class MemberLine:
    name: str
    party: str = ""
    is_present: bool = True
    substitute_name: str = ""
    substitute_party: str = ""


def protocol_member_lines_parse(text: str) -> list[MemberLine]:
    """Read one person a line: "Namn (Parti)", "Namn (Parti) / Ersättare (Parti)" for a
    serving ersättare, or "Namn (Parti) / frånvarande". Raises in Swedish, naming the line."""
    parsed: list[MemberLine] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _MEMBER_LINE.match(line)
        if not match or not match["name"].strip():
            raise ValidationError(
                _("Line %(number)s (“%(line)s”) is not in the form “Name (Party)”.")
                % {"number": number, "line": line}
            )
        rest = (match["rest"] or "").strip()
        substitute_name = substitute_party = ""
        is_present = True
        if rest:
            is_present = False
            if rest.lower() not in ABSENT_WORDS:
                sub = _NAME_PARTY.match(rest)
                if not sub:
                    raise ValidationError(
                        _("Line %(number)s: the substitute “%(rest)s” is not “Name (Party)”.")
                        % {"number": number, "rest": rest}
                    )
                substitute_name = sub["name"].strip()
                substitute_party = (sub["party"] or "").strip()
        item = MemberLine(
            name=match["name"].strip(),
            party=(match["party"] or "").strip(),
            is_present=is_present,
            substitute_name=substitute_name,
            substitute_party=substitute_party,
        )
        _member_line_length_check(item, number)
        parsed.append(item)
    if not parsed:
        raise ValidationError(_("Write at least one person, one a line."))
    return parsed


def _member_line_length_check(item: MemberLine, number: int) -> None:
    """A name or party longer than its column is a message naming the line, not a 500."""
    name_limit = ProtocolMember._meta.get_field("name").max_length
    party_limit = ProtocolMember._meta.get_field("party").max_length
    assert name_limit is not None and party_limit is not None  # CharFields
    too_long = max(len(item.name), len(item.substitute_name)) > name_limit or (
        max(len(item.party), len(item.substitute_party)) > party_limit
    )
    if too_long:
        raise ValidationError(
            _(
                "Line %(number)s is too long: a name has at most %(name)s characters "
                "and a party at most %(party)s."
            )
            % {"number": number, "name": name_limit, "party": party_limit}
        )


# The organ's kind follows the body in the portal when one is chosen.
_ORGAN_KIND_OF_BODY: dict[str, str] = {
    MunicipalBody.Kind.FULLMAKTIGE: ProtocolMeeting.OrganKind.FULLMAKTIGE,
    MunicipalBody.Kind.STYRELSE: ProtocolMeeting.OrganKind.STYRELSE,
    MunicipalBody.Kind.UTSKOTT: ProtocolMeeting.OrganKind.UTSKOTT,
    MunicipalBody.Kind.NAMND: ProtocolMeeting.OrganKind.NAMND,
    MunicipalBody.Kind.RAD: ProtocolMeeting.OrganKind.RAD,
}


def protocol_dates_check(
    *,
    date: dt.date,
    adjusted_on: dt.date | None,
    notice_posted_on: dt.date | None,
    notice_removed_on: dt.date | None,
) -> None:
    """Kommunallagen's order of things: the meeting, its justering, the notice of the
    justering, and the notice taken down no sooner than three weeks after it went up.
    Raises in Swedish; the form asks the same (and the database holds the three weeks)."""
    if adjusted_on and adjusted_on < date:
        raise ValidationError(_("The protocol cannot be adjusted before the meeting."))
    if notice_posted_on and adjusted_on and notice_posted_on < adjusted_on:
        raise ValidationError(_("The notice of the adjustment cannot go up before the adjustment."))
    if (
        notice_posted_on
        and notice_removed_on
        and (notice_removed_on - notice_posted_on).days < NOTICE_MIN_DAYS
    ):
        raise ValidationError(
            _(
                "The notice must stay up for at least three weeks: take it down on "
                "%(earliest)s at the earliest."
            )
            % {"earliest": f"{notice_posted_on + dt.timedelta(days=NOTICE_MIN_DAYS):%Y-%m-%d}"}
        )


@transaction.atomic
def protocol_meeting_create(
    *,
    actor,
    date: dt.date,
    body: MunicipalBody | None = None,
    organ_name: str = "",
    organ_kind: str = "",
    municipality_name: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    time_note: str = "",
    place: str = "",
    chair: str = "",
    secretary: str = "",
    adjusters: str = "",
    adjustment_place_time: str = "",
    adjusted_on: dt.date | None = None,
    paragraph_span: str = "",
    notice_posted_on: dt.date | None = None,
    notice_removed_on: dt.date | None = None,
    protocol_kept_at: str = "",
) -> ProtocolMeeting:
    """Record a sammanträde. The organ is one of our bodies or, for another
    municipality's organ or samverkansgruppen, a name and a kind."""
    require_perm(actor, "overenskommelse.manage_protocols")
    organ_name = organ_name.strip() or (body.name if body else "")
    if not organ_name:
        raise ValidationError(_("Choose an organ or write its name."))
    if body is not None and body.kind in _ORGAN_KIND_OF_BODY:
        organ_kind = _ORGAN_KIND_OF_BODY[body.kind]
    organ_kind = organ_kind or ProtocolMeeting.OrganKind.OTHER
    if organ_kind not in ProtocolMeeting.OrganKind.values:
        raise ValidationError(_("“%(kind)s” is not a kind of organ.") % {"kind": organ_kind})
    if start_time and end_time and end_time < start_time:
        raise ValidationError(_("The meeting cannot end before it starts."))
    protocol_dates_check(
        date=date,
        adjusted_on=adjusted_on,
        notice_posted_on=notice_posted_on,
        notice_removed_on=notice_removed_on,
    )
    meeting = ProtocolMeeting.objects.create(
        body=body,
        organ_name=organ_name,
        organ_kind=organ_kind,
        municipality_name=municipality_name.strip() or settings.MUNICIPALITY_NAME,
        date=date,
        start_time=start_time,
        end_time=end_time,
        time_note=time_note,
        place=place,
        chair=chair,
        secretary=secretary,
        adjusters="\n".join(lines(adjusters)),
        adjustment_place_time=adjustment_place_time,
        adjusted_on=adjusted_on,
        paragraph_span=paragraph_span,
        notice_posted_on=notice_posted_on,
        notice_removed_on=notice_removed_on,
        protocol_kept_at=protocol_kept_at,
        created_by=actor,
    )
    history_record(subject=meeting, actor=actor, action="protocol_meeting_created")
    return meeting


# What the justering and the anslag record, set on the page "Justering och anslag".
ADJUSTMENT_FIELDS = (
    "adjustment_place_time",
    "adjusted_on",
    "notice_posted_on",
    "notice_removed_on",
    "protocol_kept_at",
)
# Once the anslag is down, the time for laglighetsprövning has run out and these are
# the official record: where the protocol is kept may still change (it goes to the
# archive), nothing else.
LOCKED_AFTER_NOTICE = (
    "adjustment_place_time",
    "adjusted_on",
    "notice_posted_on",
    "notice_removed_on",
)


def protocol_adjustment_refusal(
    *, meeting: ProtocolMeeting, changes: dict, today: dt.date
) -> str | None:
    """Why the justering and anslag of a meeting may not change as asked, in Swedish, or
    None. `changes` maps a field to [old, new] as stored (dates as ISO strings).

    A justerat protocol is an allmän handling that anyone may read: its justering can
    be corrected to another day that has come, never taken away or moved into the
    future (that would hide a public record). From the day after the anslag was taken
    down, the justering and the anslag are closed; only where the protocol is kept
    may change (it moves to the archive).
    """
    removed = meeting.notice_removed_on
    if removed is not None and removed < today:  # down at the end of that day
        locked = [name for name in LOCKED_AFTER_NOTICE if name in changes]
        if locked:
            return _(
                "The notice was taken down on %(day)s: the adjustment and the notice are "
                "part of the record and can no longer change."
            ) % {"day": f"{removed:%Y-%m-%d}"}
    if meeting.is_adjusted(today) and "adjusted_on" in changes:
        new = changes["adjusted_on"][1]
        if new is None:
            return _(
                "The protocol is adjusted and public: the date of adjustment cannot be removed."
            )
        if dt.date.fromisoformat(new) > today:
            return _(
                "The protocol is adjusted and public: the date of adjustment can only be "
                "corrected to a day up to today."
            )
    return None


@transaction.atomic
def protocol_meeting_update(
    *,
    meeting: ProtocolMeeting,
    actor,
    adjusted_on: dt.date | None,
    adjustment_place_time: str,
    notice_posted_on: dt.date | None,
    notice_removed_on: dt.date | None,
    protocol_kept_at: str,
) -> ProtocolMeeting:
    """Record the justering and the anslag of a sammanträde after it was held: the day
    the protocol was justerat (from then on anyone reads it), where and when, the days
    the anslag went up and came down, and where the protocol is kept. Kommunallagen's
    order is checked as on creation (`protocol_dates_check`), and a justerat protocol
    changes only as `protocol_adjustment_refusal` allows. Each change is one history
    row with the old and new values; a save that changes nothing writes nothing."""
    require_perm(actor, "overenskommelse.manage_protocols")
    meeting = ProtocolMeeting.objects.select_for_update().get(pk=meeting.pk)
    after = {
        "adjustment_place_time": adjustment_place_time.strip(),
        "adjusted_on": adjusted_on,
        "notice_posted_on": notice_posted_on,
        "notice_removed_on": notice_removed_on,
        "protocol_kept_at": protocol_kept_at.strip(),
    }
    changes = history_changes(meeting, after, list(ADJUSTMENT_FIELDS))
    if not changes:
        return meeting
    refusal = protocol_adjustment_refusal(
        meeting=meeting, changes=changes, today=timezone.localdate()
    )
    if refusal:
        raise ValidationError(refusal)
    protocol_dates_check(
        date=meeting.date,
        adjusted_on=adjusted_on,
        notice_posted_on=notice_posted_on,
        notice_removed_on=notice_removed_on,
    )
    for name, value in after.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=[*ADJUSTMENT_FIELDS, "updated_at"])
    history_record(
        subject=meeting,
        actor=actor,
        action="protocol_meeting_adjustment_recorded",
        message=str(meeting),
        changes=changes,
    )
    return meeting


@transaction.atomic
def protocol_members_add(
    *,
    meeting: ProtocolMeeting,
    actor,
    text: str,
    kind: str = ProtocolMember.Kind.MEMBER,
) -> list[ProtocolMember]:
    """Add the people of a sammanträde from text, one a line, in the order written."""
    require_perm(actor, "overenskommelse.manage_protocols")
    parsed = protocol_member_lines_parse(text)
    existing = set(meeting.members.filter(kind=kind).values_list("name", "party"))
    seen: set[tuple[str, str]] = set()
    for item in parsed:
        key = (item.name, item.party)
        if key in existing or key in seen:
            raise ValidationError(
                _("%(name)s is already listed at this meeting.") % {"name": item.name}
            )
        seen.add(key)
        if kind != ProtocolMember.Kind.MEMBER and (item.substitute_name or not item.is_present):
            raise ValidationError(
                _("Only members can have a serving substitute or be absent (%(name)s).")
                % {"name": item.name}
            )
    start = meeting.members.filter(kind=kind).count()
    members = ProtocolMember.objects.bulk_create(
        ProtocolMember(
            meeting=meeting,
            kind=kind,
            position=start + offset,
            name=item.name,
            party=item.party,
            is_present=item.is_present,
            substitute_name=item.substitute_name,
            substitute_party=item.substitute_party,
        )
        for offset, item in enumerate(parsed, start=1)
    )
    history_record(
        subject=meeting,
        actor=actor,
        action="protocol_members_added",
        changes={"members": [None, [str(m) for m in members]]},
    )
    return members


@transaction.atomic
def paragraph_create(
    *,
    meeting: ProtocolMeeting,
    actor,
    number: int,
    title: str,
    clauses: Iterable[str],
    kind: str = Paragraph.Kind.DECISION,
    case_number: str = "",
    decision_intro: str = "",
    summary: str = "",
    basis: str = "",
    speeches: str = "",
    proposals: str = "",
    procedure: str = "",
    reservations: str = "",
    sent_to: str = "",
    sent_for_action: str = "",
    sent_for_information: str = "",
    is_public: bool = False,
) -> Paragraph:
    """Record a § with its att-satser: a decision, or a proposal to another organ
    (förslag till beslut). The § number is unique within the sammanträde."""
    require_perm(actor, "overenskommelse.manage_protocols")
    if kind not in Paragraph.Kind.values:
        raise ValidationError(_("Say whether the paragraph is a decision or a proposal."))
    clause_texts = [text.strip() for text in clauses if text and text.strip()]
    if not clause_texts:
        raise ValidationError(_("A decision has at least one att-sats."))
    if not title.strip():
        raise ValidationError(_("The paragraph needs a title."))
    try:  # the unique (meeting, number) constraint is the check, races included
        with transaction.atomic():
            paragraph = Paragraph.objects.create(
                meeting=meeting,
                number=number,
                kind=kind,
                title=title.strip(),
                case_number=case_number.strip(),
                decision_intro=decision_intro.strip(),
                summary=summary,
                basis="\n".join(lines(basis)),
                speeches=speeches,
                proposals=proposals,
                procedure=procedure,
                reservations=reservations,
                sent_to="\n".join(lines(sent_to)),
                sent_for_action="\n".join(lines(sent_for_action)),
                sent_for_information="\n".join(lines(sent_for_information)),
                is_public=is_public,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("§ %(number)s is already used in this meeting.") % {"number": number}
        ) from exc
    DecisionClause.objects.bulk_create(
        DecisionClause(paragraph=paragraph, position=position, text=text)
        for position, text in enumerate(clause_texts, start=1)
    )
    history_record(
        subject=paragraph,
        actor=actor,
        action="paragraph_recorded",
        message=str(paragraph),
        changes={"att_satser": [None, clause_texts]},
    )
    return paragraph


@transaction.atomic
def paragraph_publish(*, paragraph: Paragraph, actor, is_public: bool) -> Paragraph:
    """Make a paragraph's extract public, or take it back to staff only."""
    require_perm(actor, "overenskommelse.manage_protocols")
    if paragraph.is_public != is_public:
        old = paragraph.is_public
        paragraph.is_public = is_public
        paragraph.save(update_fields=["is_public", "updated_at"])
        history_record(
            subject=paragraph,
            actor=actor,
            action="paragraph_published" if is_public else "paragraph_unpublished",
            changes={"is_public": [old, is_public]},
        )
    return paragraph


def _ballot_check(*, division: Division, member: ProtocolMember, choice: str) -> None:
    if choice not in Ballot.Choice.values:
        raise ValidationError(_("“%(choice)s” is not a vote.") % {"choice": choice})
    if member.meeting_id != division.paragraph.meeting_id:
        raise ValidationError(_("%(member)s was not at this meeting.") % {"member": member})
    if member.kind != ProtocolMember.Kind.MEMBER:
        raise ValidationError(_("%(member)s is not a member and cannot vote.") % {"member": member})
    if choice != Ballot.Choice.ABSENT and not member.may_vote:
        raise ValidationError(
            _("%(member)s was not present and no substitute served for them, so they cannot vote.")
            % {"member": member}
        )


def ballot_cast(*, division: Division, member: ProtocolMember, choice: str) -> Ballot:
    """One member's vote. A member votes once in each omröstning; only members present,
    or through their serving ersättare, vote (others can only be recorded absent)."""
    _ballot_check(division=division, member=member, choice=choice)
    try:  # the unique (division, member) constraint is the check, races included
        with transaction.atomic():
            return Ballot.objects.create(division=division, member=member, choice=choice)
    except IntegrityError as exc:
        raise ValidationError(
            _("%(member)s has already voted in this vote.") % {"member": member}
        ) from exc


@transaction.atomic
def division_record(
    *,
    paragraph: Paragraph,
    actor,
    yes_means: str,
    no_means: str,
    ballots: Iterable[tuple[ProtocolMember, str]],
    question: str = "",
    outcome: str = "",
) -> Division:
    """Record an omröstning with its voteringsordning and roll call, all or nothing: a
    member listed twice is refused by `ballot_cast`, and the division goes with it."""
    require_perm(actor, "overenskommelse.manage_protocols")
    if not yes_means.strip() or not no_means.strip():
        raise ValidationError(_("Say what Ja and what Nej mean (the voting order)."))
    ballots = list(ballots)
    if not ballots:
        raise ValidationError(_("The roll call is empty: record how each member voted."))
    position = paragraph.divisions.count() + 1
    division = Division.objects.create(
        paragraph=paragraph,
        position=position,
        question=question.strip(),
        yes_means=yes_means.strip(),
        no_means=no_means.strip(),
        outcome=outcome.strip(),
    )
    for member, choice in ballots:
        ballot_cast(division=division, member=member, choice=choice)
    history_record(
        subject=paragraph,
        actor=actor,
        action="division_recorded",
        message=_("Vote %(position)s recorded with %(count)s ballots.")
        % {"position": position, "count": len(ballots)},
    )
    return division


def paragraph_pdf_html(paragraph: Paragraph) -> str:
    """The HTML the paragraph's protokollsutdrag PDF is made from."""
    from overenskommelse.protocols.selectors.protocols import paragraph_extract

    return pdf_html("protocols/pdf/protokollsutdrag.html", paragraph_extract(paragraph=paragraph))


# The extract renders in well under a second, so a request that finds the stored one
# out of date makes it at once; from then on it is served from storage.
PARAGRAPH_PDF = documents.kind_register(
    documents.Kind(
        model=ParagraphPdf,
        owner_field="paragraph",
        html=paragraph_pdf_html,
        file_name="protokollsutdrag.pdf",
        task="overenskommelse.protocols.tasks.paragraph_pdf_render",
    )
)
