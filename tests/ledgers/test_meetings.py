"""Meetings: derived attendance counts, quorum of a general meeting, reminders and attachments."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.database import Database
from app.models import OutboxEntry
from app.services.errors import DomainError, ValidationError
from app.services.meetings import (
    AttendanceCounts,
    MeetingService,
    Person,
    attachment_path,
    election_quorum_required,
    file_sha256,
    quorum_required,
)
from app.services.registry import RegistryService

from .conftest import Clock


@pytest.fixture
def meetings(db: Database, registry: RegistryService, clock: Clock) -> MeetingService:
    return MeetingService(db, clock)


def add_member(registry: RegistryService, name: str, status: str = "full", group: str | None = None) -> str:
    values = {"name": name, "gender": "female", "join_date": "2010-07-01", "status": status,
              "party_group_id": group}
    if status == "probationary":
        values.update(join_date="2025-03-01", full_date="2026-03-01")
    return registry.create("party_member", values)


def general_meeting(meetings: MeetingService, **values: object) -> str:
    return meetings.create({"kind": "general_meeting", "topic": "学习贯彻全会精神",
                            "starts_at": datetime(2025, 9, 26, 14, 30), "place": "社区党群服务中心",
                            "host": "张书记", "recorder": "李委员", **values})


def test_meeting_fields_are_checked(meetings: MeetingService) -> None:
    with pytest.raises(ValidationError) as exc:
        meetings.create({"kind": "party", "topic": "", "starts_at": datetime(2025, 9, 26, 14),
                         "ends_at": datetime(2025, 9, 26, 13)})
    assert exc.value.codes() == {"kind": "bad_choice", "topic": "required", "ends_at": "date_order"}
    with pytest.raises(ValidationError) as exc:
        meetings.create({"kind": "party_lesson", "topic": "党课"})
    assert exc.value.codes() == {"starts_at": "required"}


def test_counts_are_derived_from_attendance(meetings: MeetingService, registry: RegistryService) -> None:
    group = registry.create("party_group", {"name": "第一党小组"})
    ids = [add_member(registry, f"党员{i}", group=group) for i in range(5)]
    add_member(registry, "别组党员")
    mid = meetings.create({"kind": "group_meeting", "topic": "组会", "starts_at": datetime(2025, 9, 26, 9)})
    added = meetings.add_members(mid, party_group_id=group)
    assert len(added) == 5
    # Adding the same people again adds nobody; a typed guest is added.
    assert meetings.add_members(mid, party_group_id=group) == []
    guest = meetings.add_attendees(mid, [Person("typed", name="刘社工", org="社区居委会", post="网格员")])
    assert meetings.counts(mid) == AttendanceCounts(expected=6, present=0, on_leave=0, absent=6)
    rows = {a.member_id: a.id for a in meetings.attendees(mid)}
    meetings.mark(rows[ids[0]], "present")
    meetings.mark(rows[ids[1]], "present", signed_at=datetime(2025, 9, 26, 8, 55))
    meetings.mark(rows[ids[2]], "leave", leave_reason="住院")
    meetings.mark(guest[0], "present")
    assert meetings.counts(mid) == AttendanceCounts(expected=6, present=3, on_leave=1, absent=3)
    with pytest.raises(ValidationError) as exc:
        meetings.mark(rows[ids[3]], "leave")
    assert exc.value.codes() == {"leave_reason": "required"}
    views = {a.name: a for a in meetings.attendees(mid)}
    assert views["党员1"].signed_at == datetime(2025, 9, 26, 8, 55)
    assert views["党员0"].signed_at == datetime(2025, 9, 26, 9, 0)
    assert views["党员0"].org == "第一党小组"
    assert views["党员2"].leave_reason == "住院"
    # Taking someone off the list changes the counts too.
    meetings.remove_attendee(guest[0])
    assert meetings.counts(mid) == AttendanceCounts(expected=5, present=2, on_leave=1, absent=3)
    # Marking a person present again after leave clears the reason.
    meetings.mark(rows[ids[2]], "present")
    assert meetings.counts(mid).on_leave == 0
    assert meetings.counts_many()[mid] == AttendanceCounts(5, 3, 0, 2)


@pytest.mark.parametrize(("full", "present", "met"), [(10, 5, False), (10, 6, True), (7, 4, True),
                                                     (7, 3, False), (1, 1, True), (10, 8, True),
                                                     (10, 9, True), (5, 5, True)])
def test_quorum_is_more_than_half_of_full_members(
        meetings: MeetingService, registry: RegistryService, full: int, present: int, met: bool) -> None:
    members = [add_member(registry, f"正式党员{i}") for i in range(full)]
    probationary = [add_member(registry, f"预备党员{i}", "probationary") for i in range(3)]
    mid = general_meeting(meetings)
    meetings.add_members(mid)
    rows = {a.member_id: a.id for a in meetings.attendees(mid)}
    for member in members[:present]:
        meetings.mark(rows[member], "present")
    # Probationary members present do not count towards the quorum.
    for member in probationary:
        meetings.mark(rows[member], "present")
    q = meetings.quorum(mid)
    assert q is not None
    assert (q.full_members, q.full_present, q.required, q.met) == (full, present, quorum_required(full), met)
    assert q.election_met == (present * 5 > full * 4)


def test_quorum_only_for_general_meetings(meetings: MeetingService) -> None:
    mid = meetings.create({"kind": "committee_meeting", "topic": "支委会",
                           "starts_at": datetime(2025, 9, 1, 9)})
    assert meetings.quorum(mid) is None
    assert quorum_required(0) == 1
    assert [election_quorum_required(n) for n in (5, 10, 11, 100)] == [5, 9, 9, 81]
    empty = general_meeting(meetings)
    q = meetings.quorum(empty)
    assert q is not None and not q.met


def test_reminders_for_the_quarter(meetings: MeetingService) -> None:
    today = date(2025, 9, 26)
    assert [(r.kind, r.quarter) for r in meetings.reminders(today)] == [
        ("party_lesson", 3), ("general_meeting", 3)]
    meetings.create({"kind": "party_lesson", "topic": "党课", "starts_at": datetime(2025, 6, 30, 9)})
    general_meeting(meetings)
    reminders = meetings.reminders(today)
    assert [(r.kind, r.last_held) for r in reminders] == [("party_lesson", date(2025, 6, 30))]
    meetings.create({"kind": "party_lesson", "topic": "党课", "starts_at": datetime(2025, 7, 1, 9)})
    assert meetings.reminders(today) == []
    # A new quarter starts with both missing again.
    assert len(meetings.reminders(date(2025, 10, 1))) == 2


def test_attachments_are_copied_by_content_and_deduplicated(
        meetings: MeetingService, tmp_path: Path) -> None:
    mid = general_meeting(meetings)
    other = general_meeting(meetings, topic="另一次会议")
    data = tmp_path / "data"
    source = tmp_path / "incoming" / "签到表.jpg"
    source.parent.mkdir()
    source.write_bytes(b"\xff\xd8scan of the signed sheet" * 100)
    sha = file_sha256(source)
    aid = meetings.attach(mid, source, data, kind="scan")
    stored = attachment_path(data, sha)
    assert stored.read_bytes() == source.read_bytes()
    # The original may go away: the record never points at it.
    source.unlink()
    assert stored.exists()
    views = meetings.attachments(mid)
    assert [(v.id, v.file_name, v.size, v.kind, v.sha256) for v in views] == [
        (aid, "签到表.jpg", 2600, "scan", sha)]
    # Same content again on the same meeting: the same record; on another meeting: shared file.
    copy = tmp_path / "photo.jpg"
    copy.write_bytes(stored.read_bytes())
    assert meetings.attach(mid, copy, data) == aid
    other_id = meetings.attach(other, copy, data, kind="photo")
    assert other_id != aid
    assert sorted(p.name for p in (data / "attachments").rglob("*") if p.is_file()) == [sha]
    meetings.detach(aid)
    assert meetings.attachments(mid) == []
    with pytest.raises(DomainError) as exc:
        meetings.attach(mid, tmp_path / "missing.jpg", data)
    assert exc.value.code == "attachment_source_missing"
    with pytest.raises(ValidationError):
        meetings.attach(mid, copy, data, kind="video")


def test_meeting_writes_land_in_the_outbox(db: Database, meetings: MeetingService,
                                           registry: RegistryService) -> None:
    member = add_member(registry, "王红")
    mid = general_meeting(meetings)
    meetings.add_attendees(mid, [Person("member", member)])
    attendee = meetings.attendees(mid)[0].id
    meetings.mark(attendee, "present")
    meetings.update(mid, {**meetings.get(mid), "decisions": "通过发展对象名单"})
    meetings.delete(mid)
    with db.session() as session:
        ops = [(e.table_name, e.op, e.record_id) for e in session.scalars(
            select(OutboxEntry).where(OutboxEntry.table_name.in_(("meeting", "meeting_attendee")))
            .order_by(OutboxEntry.seq))]
    assert ops == [("meeting", "upsert", mid), ("meeting_attendee", "upsert", attendee),
                   ("meeting_attendee", "upsert", attendee), ("meeting", "upsert", mid),
                   ("meeting_attendee", "delete", attendee), ("meeting", "delete", mid)]


def test_committee_cadres_and_unit_representatives(db: Database, meetings: MeetingService,
                                                   registry: RegistryService) -> None:
    from .test_guarantees_workday import organ_with_cadres

    unit = registry.create("resident_unit", {"name": "白城市第一中学", "kind": "school", "contact": "孙校长"})
    registry.create("part_time_member", {"name": "周委员", "resident_unit_id": unit, "post": "党委书记"})
    organ_with_cadres(db, registry, "市财政局", ["赵一", "钱二"])
    mid = meetings.create({"kind": "joint_meeting", "topic": "党建联席会议",
                           "starts_at": datetime(2025, 9, 1, 9)})
    assert len(meetings.add_committee(mid)) == 1
    assert len(meetings.add_cadres(mid)) == 2
    meetings.add_attendees(mid, [Person("unit_rep", unit)])
    assert meetings.add_committee(mid) == [] and meetings.add_cadres(mid) == []
    rows = [(a.person_kind, a.name, a.org, a.post) for a in meetings.attendees(mid)]
    assert rows == [("part_time_member", "周委员", "白城市第一中学", "党委书记"),
                    ("cadre", "钱二", "市财政局", "科员"), ("cadre", "赵一", "市财政局", "科员"),
                    ("unit_rep", "孙校长", "白城市第一中学", "")]
    with pytest.raises(ValidationError) as exc:
        meetings.add_attendees(mid, [Person("typed", name=" ")])
    assert exc.value.codes() == {"name": "required"}
    with pytest.raises(ValidationError) as exc:
        meetings.add_attendees(mid, [Person("member", "no-such-member")])
    assert exc.value.codes() == {"ref_id": "ref_missing"}
