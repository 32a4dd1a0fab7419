"""Meetings and activities (三会一课, themed party days, joint meetings, ...), their attendance
and their attachments.

Expected / present / absent counts are derived from the attendee rows, never typed.  A branch
general meeting needs more than half of the organisation's full members present.  Photos and
scanned sign-in sheets are copied into the data folder under their SHA-256, never referenced by
the path they came from.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.atomic import atomic_copy
from app.db.collation import by_pinyin
from app.filenames import safe_file_name
from app.models import Community, PartTimeMember, PartyGroup, PartyMember, ResidentUnit
from app.models.ledgers import (
    AttachmentKind,
    AttendanceStatus,
    AttendeeKind,
    Cadre,
    Meeting,
    MeetingAttachment,
    MeetingAttendee,
    MeetingKind,
    Organ,
)
from app.models.registry import MemberStatus
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, quarter_bounds, quarter_of, validate

ATTACHMENTS_DIR = "attachments"

MEETING_FIELDS = (
    Field("kind", Kind.CHOICE, required=True, choices=tuple(k.value for k in MeetingKind)),
    Field("topic", required=True, max_len=200),
    Field("place", max_len=100),
    Field("host", max_len=50),
    Field("recorder", max_len=50),
    Field("party_group_id", Kind.REF, ref="party_group"),
    Field("agenda", Kind.LONG_TEXT),
    Field("key_points", Kind.LONG_TEXT),
    Field("dissent", Kind.LONG_TEXT),
    Field("decisions", Kind.LONG_TEXT),
    Field("note", Kind.LONG_TEXT),
)

# Kinds whose absence in a quarter is reminded about.
QUARTERLY_KINDS = (MeetingKind.PARTY_LESSON.value, MeetingKind.GENERAL_MEETING.value)


@dataclass(frozen=True)
class AttendanceCounts:
    """应到 / 实到 / 缺席 as on the sign-in sheet; ``absent`` includes those on leave."""

    expected: int
    present: int
    on_leave: int
    absent: int


@dataclass(frozen=True)
class Quorum:
    """More than half of the full members present; an election needs more than four fifths."""

    full_members: int
    full_present: int
    required: int
    met: bool
    election_required: int
    election_met: bool


@dataclass(frozen=True)
class AttendeeView:
    id: str
    person_kind: str
    name: str
    org: str
    post: str
    status: str
    leave_reason: str
    signed_at: datetime | None
    member_id: str | None
    sort_order: int


@dataclass(frozen=True)
class AttachmentView:
    id: str
    sha256: str
    file_name: str
    size: int
    kind: str
    note: str


@dataclass(frozen=True)
class MeetingReminder:
    kind: str
    year: int
    quarter: int
    last_held: date | None


@dataclass(frozen=True)
class Person:
    """An attendee to add: a reference to a member, cadre, unit or part-time member, or a typed name."""

    person_kind: str = AttendeeKind.TYPED.value
    ref_id: str | None = None
    name: str = ""
    org: str = ""
    post: str = ""


# The posts printed in the 职务 column for people the registry knows to hold them.
SECRETARY_POST = "书记"
GROUP_LEADER_POST = "党小组长"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def attachment_path(data_dir: Path, sha256: str) -> Path:
    """Where the file with this content lives inside the data folder."""
    return Path(data_dir) / ATTACHMENTS_DIR / sha256[:2] / sha256


def viewable_copies_dir() -> Path:
    """Where copies of attachments are made for opening (in the system's temporary folder)."""
    return Path(tempfile.gettempdir()) / "community-ledger-attachments"


def clear_viewable_copies(folder: Path | None = None) -> None:
    """Remove the copies made for opening attachments: meeting photos do not linger in the
    temporary folder. A copy another program still holds open stays until the next start."""
    shutil.rmtree(folder or viewable_copies_dir(), ignore_errors=True)


def viewable_copy(data_dir: Path, sha256: str, file_name: str, folder: Path) -> Path:
    """A copy of a stored attachment in ``folder`` under its original name, for opening it.

    The stored file is named by its hash alone; Windows picks the program that opens a file by
    its extension, so the copy carries the name (made safe) the file was attached under.
    """
    target = Path(folder) / sha256[:16] / safe_file_name(file_name, "attachment")
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_copy(attachment_path(data_dir, sha256), target)
    return target


def quorum_required(full_members: int) -> int:
    """More than half: the smallest count strictly greater than ``full_members / 2``."""
    return full_members // 2 + 1


def election_quorum_required(full_members: int) -> int:
    """More than four fifths: the smallest count strictly greater than ``full_members * 4 / 5``."""
    return full_members * 4 // 5 + 1


class MeetingService(LedgerService):

    # --- meetings -------------------------------------------------------------------

    def create(self, values: Values) -> str:
        cleaned = self._clean(values)
        with self.db.session() as session:
            self.check_ref(session, PartyGroup, cleaned.get("party_group_id"), "party_group_id")
            return self.add(session, Meeting(**cleaned))

    def update(self, meeting_id: str, values: Values) -> Values:
        cleaned = self._clean(values)
        with self.db.session() as session:
            meeting = self.load(session, Meeting, meeting_id, "meeting")
            self.check_ref(session, PartyGroup, cleaned.get("party_group_id"), "party_group_id")
            return self.change(session, meeting, cleaned)

    def get(self, meeting_id: str) -> Values:
        with self.db.session() as session:
            m = self.load(session, Meeting, meeting_id, "meeting")
            values = {f.name: getattr(m, f.name) for f in MEETING_FIELDS}
            values.update(id=m.id, starts_at=m.starts_at, ends_at=m.ends_at)
            return values

    def delete(self, meeting_id: str) -> None:
        """Delete a meeting with its attendance and attachment records (files stay)."""
        with self.db.session() as session:
            meeting = self.load(session, Meeting, meeting_id, "meeting")
            self.delete_children(session, MeetingAttendee, "meeting_id", meeting_id)
            self.delete_children(session, MeetingAttachment, "meeting_id", meeting_id)
            self.log(session).deleted(meeting)

    def _clean(self, values: Values) -> Values:
        errors: list[FieldError] = []
        try:
            cleaned = validate(MEETING_FIELDS, values)
        except ValidationError as exc:
            errors.extend(exc.errors)
            cleaned = {}
        starts, ends = values.get("starts_at"), values.get("ends_at")
        if not isinstance(starts, datetime):
            errors.append(FieldError("starts_at", "required" if starts in (None, "") else "bad_date"))
        if ends is not None and not isinstance(ends, datetime):
            errors.append(FieldError("ends_at", "bad_date"))
        elif isinstance(starts, datetime) and ends is not None and ends <= starts:
            errors.append(FieldError("ends_at", "date_order", {"after": "starts_at"}))
        if errors:
            raise ValidationError(errors)
        cleaned.update(starts_at=starts, ends_at=ends)
        return cleaned

    # --- attendees ------------------------------------------------------------------

    def add_attendees(self, meeting_id: str, people: list[Person]) -> list[str]:
        """Add expected attendees; a referenced person already on the list is skipped."""
        with self.db.session() as session:
            self.load(session, Meeting, meeting_id, "meeting")
            existing = session.scalars(select(MeetingAttendee).where(
                self.live(MeetingAttendee), MeetingAttendee.meeting_id == meeting_id)).all()
            seen = {(a.person_kind, self._ref_of(a)) for a in existing if self._ref_of(a)}
            order = max((a.sort_order for a in existing), default=0)
            ids: list[str] = []
            posts = self._posts(session, [p.ref_id for p in people
                                          if p.person_kind == AttendeeKind.MEMBER.value and p.ref_id])
            for person in people:
                row = self._attendee_row(session, person, posts)
                key = (row.person_kind, self._ref_of(row))
                if key[1] and key in seen:
                    continue
                seen.add(key)
                order += 1
                row.meeting_id = meeting_id
                row.sort_order = order
                ids.append(self.add(session, row))
            return ids

    def add_members(self, meeting_id: str, party_group_id: str | None = None,
                    full_only: bool = False) -> list[str]:
        """Add the organisation's members (or one party group's) as expected attendees."""
        stmt = select(PartyMember.id).where(self.live(PartyMember)).order_by(by_pinyin(PartyMember.name))
        if party_group_id:
            stmt = stmt.where(PartyMember.party_group_id == party_group_id)
        if full_only:
            stmt = stmt.where(PartyMember.status == MemberStatus.FULL.value)
        with self.db.session() as session:
            ids = list(session.scalars(stmt))
        return self.add_attendees(meeting_id, [Person(AttendeeKind.MEMBER.value, i) for i in ids])

    def add_committee(self, meeting_id: str) -> list[str]:
        """Add the expanded committee's part-time members as expected attendees."""
        with self.db.session() as session:
            ids = list(session.scalars(select(PartTimeMember.id).where(self.live(PartTimeMember))
                                       .order_by(by_pinyin(PartTimeMember.name))))
        return self.add_attendees(meeting_id, [Person(AttendeeKind.PART_TIME_MEMBER.value, i) for i in ids])

    def add_cadres(self, meeting_id: str, organ_id: str | None = None) -> list[str]:
        """Add organ cadres (of one organ, or all) as expected attendees."""
        stmt = select(Cadre.id).where(self.readable(Cadre)).order_by(by_pinyin(Cadre.name))
        if organ_id:
            stmt = stmt.where(Cadre.organ_id == organ_id)
        with self.db.session() as session:
            ids = list(session.scalars(stmt))
        return self.add_attendees(meeting_id, [Person(AttendeeKind.CADRE.value, i) for i in ids])

    def proposed_attendees(self, kind: str, party_group_id: str | None = None) -> list[Person]:
        """Who a new meeting of ``kind`` is expected to gather, to review before it is saved.

        A party group meeting: that group's members; a branch general meeting: every member;
        a committee meeting: the secretary and the expanded committee's members. Each comes
        with the unit and post the sign-in sheet prints. Other kinds propose nobody.
        """
        with self.db.session() as session:
            if kind == MeetingKind.COMMITTEE_MEETING.value:
                return self._committee(session)
            if kind == MeetingKind.GROUP_MEETING.value and not party_group_id:
                return []
            if kind not in (MeetingKind.GROUP_MEETING.value, MeetingKind.GENERAL_MEETING.value):
                return []
            stmt = (select(PartyMember.id, PartyMember.name, PartyGroup.name)
                    .outerjoin(PartyGroup, PartyGroup.id == PartyMember.party_group_id)
                    .where(self.live(PartyMember)).order_by(by_pinyin(PartyMember.name)))
            if kind == MeetingKind.GROUP_MEETING.value:
                stmt = stmt.where(PartyMember.party_group_id == party_group_id)
            rows = list(session.execute(stmt))
            posts = self._posts(session, [r[0] for r in rows])
        people = [Person(AttendeeKind.MEMBER.value, mid, name, group or "", posts.get(mid, ""))
                  for mid, name, group in rows]
        # Whoever holds a post is listed first: the secretary, then the group leader.
        rank = {SECRETARY_POST: 0, GROUP_LEADER_POST: 1}
        return sorted(people, key=lambda p: rank.get(p.post, 2))

    def _committee(self, session: Session) -> list[Person]:
        people: list[Person] = []
        community = session.get(Community, self.community_id)
        secretary = community.secretary_name.strip() if community is not None else ""
        if secretary:
            member = session.scalar(select(PartyMember.id).where(
                self.live(PartyMember), PartyMember.name == secretary))
            people.append(Person(AttendeeKind.MEMBER.value, member, secretary, "", SECRETARY_POST)
                          if member else Person(AttendeeKind.TYPED.value, None, secretary,
                                                community.org_name if community else "", SECRETARY_POST))
        rows = session.execute(
            select(PartTimeMember.id, PartTimeMember.name, PartTimeMember.post, ResidentUnit.name)
            .outerjoin(ResidentUnit, ResidentUnit.id == PartTimeMember.resident_unit_id)
            .where(self.live(PartTimeMember)).order_by(by_pinyin(PartTimeMember.name)))
        people += [Person(AttendeeKind.PART_TIME_MEMBER.value, pid, name, unit or "", post)
                   for pid, name, post, unit in rows]
        return people

    def member_posts(self, member_ids: list[str]) -> dict[str, str]:
        """Member id -> the post the registry knows them by (书记, 党小组长), for the 职务 column."""
        with self.db.session() as session:
            return self._posts(session, member_ids)

    def _posts(self, session: Session, member_ids: list[str]) -> dict[str, str]:
        if not member_ids:
            return {}
        community = session.get(Community, self.community_id)
        secretary = community.secretary_name.strip() if community is not None else ""
        leaders = {(gid, name.strip()) for gid, name in session.execute(
            select(PartyGroup.id, PartyGroup.leader_name).where(
                self.live(PartyGroup), PartyGroup.leader_name != ""))}
        posts: dict[str, str] = {}
        wanted = set(member_ids)
        for chunk in range(0, len(member_ids), 500):
            for mid, name, group in session.execute(
                    select(PartyMember.id, PartyMember.name, PartyMember.party_group_id)
                    .where(PartyMember.id.in_(member_ids[chunk:chunk + 500]))):
                if mid not in wanted:
                    continue
                if secretary and name == secretary:
                    posts[mid] = SECRETARY_POST
                elif (group, name) in leaders:
                    posts[mid] = GROUP_LEADER_POST
        return posts

    def remove_attendee(self, attendee_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, MeetingAttendee, attendee_id, "meeting_attendee")
            self.log(session).deleted(row)

    def mark(self, attendee_id: str, status: str, leave_reason: str = "",
             signed_at: datetime | None = None) -> None:
        """Record how one person attended: present (signed at), on leave (with reason) or absent."""
        if status not in tuple(s.value for s in AttendanceStatus):
            raise ValidationError([FieldError("status", "bad_choice")])
        if status == AttendanceStatus.LEAVE.value and not leave_reason.strip():
            raise ValidationError([FieldError("leave_reason", "required")])
        if len(leave_reason.strip()) > 200:
            raise ValidationError([FieldError("leave_reason", "too_long", {"max": 200})])
        with self.db.session() as session:
            row = self.load(session, MeetingAttendee, attendee_id, "meeting_attendee")
            present = status == AttendanceStatus.PRESENT.value
            self.change(session, row, {
                "status": status,
                "leave_reason": leave_reason.strip() if status == AttendanceStatus.LEAVE.value else "",
                "signed_at": (signed_at or row.signed_at or self.now()) if present else None,
            })

    def attendees(self, meeting_id: str) -> list[AttendeeView]:
        with self.db.session() as session:
            rows = session.scalars(select(MeetingAttendee).where(
                self.live(MeetingAttendee), MeetingAttendee.meeting_id == meeting_id)
                .order_by(MeetingAttendee.sort_order, by_pinyin(MeetingAttendee.name)))
            return [AttendeeView(a.id, a.person_kind, a.name, a.org, a.post, a.status, a.leave_reason,
                                 a.signed_at, a.member_id, a.sort_order) for a in rows]

    def counts(self, meeting_id: str) -> AttendanceCounts:
        return self.counts_many([meeting_id]).get(meeting_id, AttendanceCounts(0, 0, 0, 0))

    def counts_many(self, meeting_ids: list[str] | None = None) -> dict[str, AttendanceCounts]:
        """Derived counts of many meetings in one query (all of the community when None)."""
        a = MeetingAttendee
        stmt = select(
            a.meeting_id, func.count(),
            func.sum(case((a.status == AttendanceStatus.PRESENT.value, 1), else_=0)),
            func.sum(case((a.status == AttendanceStatus.LEAVE.value, 1), else_=0)),
        ).where(self.live(a)).group_by(a.meeting_id)
        if meeting_ids is not None:
            stmt = stmt.where(a.meeting_id.in_(meeting_ids))
        with self.db.session() as session:
            return {mid: AttendanceCounts(int(n), int(p or 0), int(lv or 0), int(n) - int(p or 0))
                    for mid, n, p, lv in session.execute(stmt)}

    def quorum(self, meeting_id: str) -> Quorum | None:
        """For a branch general meeting: are more than half of the full members present?

        The full members are those of the organisation now; only attendees who are full members
        count towards it.  None for other kinds of meeting.
        """
        with self.db.session() as session:
            meeting = self.load(session, Meeting, meeting_id, "meeting")
            if meeting.kind != MeetingKind.GENERAL_MEETING.value:
                return None
            full = PartyMember.status == MemberStatus.FULL.value
            total = self.count(session, PartyMember, full)
            present = int(session.scalar(
                select(func.count(func.distinct(MeetingAttendee.member_id)))
                .select_from(MeetingAttendee)
                .join(PartyMember, PartyMember.id == MeetingAttendee.member_id)
                .where(self.live(MeetingAttendee), MeetingAttendee.meeting_id == meeting_id,
                       MeetingAttendee.status == AttendanceStatus.PRESENT.value,
                       self.live(PartyMember), full)) or 0)
        required = quorum_required(total)
        election = election_quorum_required(total)
        return Quorum(total, present, required, total > 0 and present >= required, election,
                      total > 0 and present >= election)

    # --- reminders ------------------------------------------------------------------

    def reminders(self, today: date | None = None) -> list[MeetingReminder]:
        """The quarterly meetings (party lesson, general meeting) not yet held this quarter."""
        today = today or self.today()
        q = quarter_of(today)
        start, end = quarter_bounds(today.year, q)
        result: list[MeetingReminder] = []
        with self.db.session() as session:
            for kind in QUARTERLY_KINDS:
                held = self.count(session, Meeting, Meeting.kind == kind,
                                  Meeting.starts_at >= datetime.combine(start, datetime.min.time()),
                                  Meeting.starts_at < datetime.combine(end, datetime.min.time()))
                if held:
                    continue
                last = session.scalar(select(func.max(Meeting.starts_at)).where(
                    self.live(Meeting), Meeting.kind == kind))
                result.append(MeetingReminder(kind, today.year, q, last.date() if last else None))
        return result

    # --- attachments ----------------------------------------------------------------

    def attach(self, meeting_id: str, source: Path | str, data_dir: Path | str,
               kind: str = AttachmentKind.PHOTO.value, note: str = "") -> str:
        """Copy ``source`` into the data folder under its hash and record it on the meeting.

        The same content attached to the same meeting twice gives the existing record back;
        the same content on another meeting shares the stored file.
        """
        source, data_dir = Path(source), Path(data_dir)
        if kind not in tuple(k.value for k in AttachmentKind):
            raise ValidationError([FieldError("kind", "bad_choice")])
        if not source.is_file():
            raise DomainError("attachment_source_missing", path=str(source))
        with self.db.session() as session:
            self.load(session, Meeting, meeting_id, "meeting")
        try:
            sha = file_sha256(source)
            size = source.stat().st_size
        except OSError as exc:  # on Windows, also a file another program holds locked
            raise DomainError("attachment_unreadable", path=str(source)) from exc
        target = attachment_path(data_dir, sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)

            def unchanged(copy: Path) -> None:
                if file_sha256(copy) != sha:
                    raise DomainError("attachment_changed_while_copying", path=str(source))

            atomic_copy(source, target, check=unchanged, private=True)
        with self.db.session() as session:
            existing = session.scalar(select(MeetingAttachment.id).where(
                self.live(MeetingAttachment), MeetingAttachment.meeting_id == meeting_id,
                MeetingAttachment.sha256 == sha))
            if existing:
                return existing
            return self.add(session, MeetingAttachment(
                meeting_id=meeting_id, sha256=sha, file_name=source.name[:200], size=size, kind=kind,
                note=note[:200]))

    def attachments(self, meeting_id: str) -> list[AttachmentView]:
        with self.db.session() as session:
            rows = session.scalars(select(MeetingAttachment).where(
                self.live(MeetingAttachment), MeetingAttachment.meeting_id == meeting_id)
                .order_by(MeetingAttachment.created_at))
            return [AttachmentView(r.id, r.sha256, r.file_name, r.size, r.kind, r.note) for r in rows]

    def detach(self, attachment_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, MeetingAttachment, attachment_id, "meeting_attachment")
            self.log(session).deleted(row)

    # --- helpers --------------------------------------------------------------------

    @staticmethod
    def _ref_of(a: MeetingAttendee) -> str | None:
        return a.member_id or a.cadre_id or a.part_time_member_id

    def _attendee_row(self, session: Session, p: Person, posts: dict[str, str]) -> MeetingAttendee:
        kind = p.person_kind
        row = MeetingAttendee(person_kind=kind, name=p.name.strip()[:50], org=p.org.strip()[:100],
                              post=p.post.strip()[:50], status=AttendanceStatus.ABSENT.value,
                              leave_reason="")
        obj: Any
        if kind == AttendeeKind.MEMBER.value:
            obj = self._ref(session, PartyMember, p.ref_id)
            row.member_id = obj.id
            row.name = row.name or obj.name
            row.post = row.post or posts.get(obj.id, "")
            if not row.org and obj.party_group_id:
                group = session.get(PartyGroup, obj.party_group_id)
                row.org = group.name if group is not None else ""
        elif kind == AttendeeKind.CADRE.value:
            obj = self._ref(session, Cadre, p.ref_id)
            row.cadre_id = obj.id
            row.name = row.name or obj.name
            row.post = row.post or obj.post
            organ = session.get(Organ, obj.organ_id)
            row.org = row.org or (organ.name if organ is not None else "")
        elif kind == AttendeeKind.PART_TIME_MEMBER.value:
            obj = self._ref(session, PartTimeMember, p.ref_id)
            row.part_time_member_id = obj.id
            row.name = row.name or obj.name
            row.post = row.post or obj.post
            unit = session.get(ResidentUnit, obj.resident_unit_id) if obj.resident_unit_id else None
            row.resident_unit_id = obj.resident_unit_id
            row.org = row.org or (unit.name if unit is not None else "")
        elif kind == AttendeeKind.UNIT_REP.value:
            obj = self._ref(session, ResidentUnit, p.ref_id)
            row.resident_unit_id = obj.id
            row.org = row.org or obj.name
            row.name = row.name or obj.contact
            if not row.name:
                raise ValidationError([FieldError("name", "required")])
        elif kind == AttendeeKind.TYPED.value:
            if not row.name:
                raise ValidationError([FieldError("name", "required")])
        else:
            raise ValidationError([FieldError("person_kind", "bad_choice")])
        return row

    def _ref(self, session: Session, model: Any, record_id: str | None) -> Any:
        if not self.is_live(session, model, record_id):
            raise ValidationError([FieldError("ref_id", "ref_missing")])
        return session.get(model, record_id)
