"""Sign-in sheets (签到表), A4 portrait: for a meeting, blank, and the community work day variant.

The title names the party organisation, month and meeting kind; a header block gives time,
place, host and recorder and the expected / present / absent counts (left blank for
hand-filling until attendance is recorded); the table lists the expected attendees in order
with a wide column to sign in, then blank rows; the footer has room for absentees and
reasons, the host's and recorder's signatures, the date and the seal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.db.database import Database
from app.printing.base import (
    CELL_PAD,
    NBSP,
    PORTRAIT,
    Column,
    DocInfo,
    PrintOptions,
    field_table,
    frame_height,
    frame_width,
    gap,
    grid_table,
    para,
    render,
    signature_row,
    styles,
    underlined,
)
from app.printing.labels import MEETING_KINDS, SERIAL
from app.printing.ledgers import Community, community_of

SIGN_ROW_HEIGHT = 11 * mm
HEAD_ROW_HEIGHT = 9 * mm

MEETING_COLUMNS = (
    Column(SERIAL, 0.8, "CENTER"),
    Column("姓名", 1.6, "CENTER"),
    Column("党小组/楼栋/单位", 2.8),
    Column("职务", 1.5, "CENTER"),
    Column("本人签名", 2.4),
    Column("签到时间", 1.5, "CENTER"),
    Column("备注（请假事由）", 2.2),
)

WORKDAY_COLUMNS = (
    Column(SERIAL, 0.8, "CENTER"),
    Column("单位", 3.0),
    Column("姓名", 1.5, "CENTER"),
    Column("到达时间", 1.4, "CENTER"),
    Column("离开时间", 1.4, "CENTER"),
    Column("服务内容", 3.1),
    Column("社区确认", 1.6, "CENTER"),
)


@dataclass(frozen=True)
class Counts:
    """应到 is known once attendees are listed; 实到 and 缺席 (None) stay blank until recorded."""

    expected: int
    present: int | None
    absent: int | None


@dataclass
class SignInSheet:
    """Everything on one sign-in sheet, already worded for paper.

    ``rows`` are the pre-filled attendees: (name, unit, post, note) for a meeting,
    (unit, name, service) for the work day variant.
    """

    title: str
    qr_value: str
    header: str = ""
    topic: str = ""
    time: str = ""
    place: str = ""
    host: str = ""
    recorder: str = ""
    counts: Counts | None = None
    rows: list[tuple[str, ...]] = field(default_factory=list)
    blank_rows: int | None = None  # None: fill the rest of the first page
    absentees: str = ""
    workday: bool = False


def _table_rows(sheet: SignInSheet) -> list[list[str]]:
    out: list[list[str]] = []
    for n, row in enumerate(sheet.rows, 1):
        if sheet.workday:
            unit, name, service = (tuple(row) + ("", "", ""))[:3]
            out.append([str(n), unit, name, "", "", service, ""])
        else:
            name, unit, post, note = (tuple(row) + ("", "", "", ""))[:4]
            out.append([str(n), name, unit, post, "", "", note])
    return out


def _counts_text(counts: Counts | None) -> str:
    gap_ = NBSP * 8
    blank = "_" * 8

    def figure(n: int | None) -> str:
        return blank if n is None else str(n)

    if counts is None:
        return f"应到 {blank} 人{gap_}实到 {blank} 人{gap_}缺席 {blank} 人"
    return (f"应到 {figure(counts.expected)} 人{gap_}实到 {figure(counts.present)} 人{gap_}"
            f"缺席 {figure(counts.absent)} 人")


def _footer(sheet: SignInSheet, width: float) -> list[Flowable]:
    st = styles()
    label_w = 32 * mm
    absent_text = para(sheet.absentees, st.label) if sheet.absentees else ""
    absentees = underlined(
        [[para("缺席人员及原因：", st.label), absent_text], ["", ""]],
        [label_w, width - label_w], [(1, 0), (1, 1)], 9 * mm)
    signatures = signature_row(width, ["主持人", "记录人"])
    seal = para("（盖章）", st.label_right)
    return [gap(3), absentees, gap(2), signatures, gap(6), seal]


def _head(sheet: SignInSheet, width: float) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [para(sheet.title, st.title)]
    if sheet.topic:
        story.append(para(f"主题：{sheet.topic}", st.subtitle))
    pairs: list[list[tuple[str, str]]] = [
        [("时间", sheet.time), ("地点", sheet.place)],
        [("主持人", sheet.host), ("记录人", sheet.recorder)],
        [("人数", _counts_text(sheet.counts))],
    ]
    story += [field_table(pairs, width, label_width=20 * mm), gap(3)]
    return story


def _rows_that_fit(fixed: list[Flowable], width: float, orientation: str) -> int:
    used = 0.0
    for f in fixed:
        _, h = f.wrap(width, frame_height(orientation))
        used += h + f.getSpaceBefore() + f.getSpaceAfter()
    free = frame_height(orientation) - used - HEAD_ROW_HEIGHT - 2
    return max(int(free // SIGN_ROW_HEIGHT), 1)


def _height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        _, h = f.wrap(width, frame_height(PORTRAIT))
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


KEEP_WITH_FOOTER = 2
# Room a page before the last may keep empty at its end: less than one more row would take.
MOST_LEFT_EMPTY = 1.2 * SIGN_ROW_HEIGHT


def _forced_gap(heights: list[float], first_page: float, later_pages: float) -> float:
    """The room left empty at the end of the page the footer was pushed off, or 0.

    Mirrors how the table breaks: its header repeats on every page, rows go on while they fit,
    and the last ``KEEP_WITH_FOOTER`` rows go together with the footer (the table's last row).
    """
    header, rows, tail = heights[0], heights[1:-1], heights[-1]
    keep_from = max(len(rows) - KEEP_WITH_FOOTER, 0)
    room, used, i = first_page, header, 0
    while i < keep_from:
        if used + rows[i] > room and used > header:
            room, used = later_pages, header
        used += rows[i]
        i += 1
    block = sum(rows[keep_from:]) + tail
    return 0.0 if used + block <= room or used == header else room - used


def _balanced_blanks(columns: tuple[Column, ...], rows: list[list[str]], blanks: int, width: float,
                     first_page: float, footer: list[Flowable]) -> list[list[str]]:
    """The rows with ``blanks`` or more numbered blank rows, enough that no page but the last
    ends early because only the footer and its last rows moved on to the next page."""
    n = len(rows)

    def numbered(count: int) -> list[list[str]]:
        return rows + [[str(n + i + 1)] + [""] * (len(columns) - 1) for i in range(count)]

    table = grid_table(columns, numbered(blanks), width, min_row_height=SIGN_ROW_HEIGHT,
                       header_height=HEAD_ROW_HEIGHT, fit=False, tail=footer)
    heights = [float(h) for h in table._argH]
    later = frame_height(PORTRAIT)
    extra = 0
    while _forced_gap(heights, first_page, later) > MOST_LEFT_EMPTY and extra < 60:
        heights.insert(-1, SIGN_ROW_HEIGHT)
        extra += 1
    return numbered(blanks + extra)


def signin_story(sheet: SignInSheet) -> list[Flowable]:
    width = frame_width(PORTRAIT)
    columns = WORKDAY_COLUMNS if sheet.workday else MEETING_COLUMNS
    head = _head(sheet, width)
    # The footer rides in the table's last row, so it never lands on a page by itself.
    footer = _footer(sheet, width - 2 * CELL_PAD)
    rows = _table_rows(sheet)
    blanks = sheet.blank_rows
    if blanks is None:
        fit = _rows_that_fit(head + footer, width, PORTRAIT)
        blanks = max(fit - len(rows), 0)
    first_page = frame_height(PORTRAIT) - _height(head, width)
    rows = _balanced_blanks(columns, rows, blanks, width, first_page, footer)
    table = grid_table(columns, rows, width, min_row_height=SIGN_ROW_HEIGHT, header_height=HEAD_ROW_HEIGHT,
                       fit=False, tail=footer, keep_with_tail=KEEP_WITH_FOOTER)
    return head + [table]


def print_signin(sheet: SignInSheet, path: Path, options: PrintOptions | None = None) -> int:
    options = options or PrintOptions()
    info = DocInfo(title=sheet.title, qr_value=sheet.qr_value, orientation=PORTRAIT,
                   header=sheet.header, print_date=options.date)
    return render(path, signin_story(sheet), info)


# --- from the database ------------------------------------------------------------------


def blank_signin(path: Path, title: str, *, db: Database | None = None, rows: int | None = None,
                 workday: bool = False, options: PrintOptions | None = None) -> int:
    """A sign-in sheet for a meeting not entered yet: the given title and empty rows."""
    title = title.strip()
    if not title.endswith("签到表"):
        title += "签到表"
    community: Community | None = community_of(db) if db is not None else None
    sheet = SignInSheet(
        title=title,
        qr_value=f"signin:blank:{community.id}" if community else "signin:blank",
        header=f"{community.place} · 签到表" if community else "签到表",
        blank_rows=rows, workday=workday,
    )
    return print_signin(sheet, path, options)


ABSENTEES_LISTED = 30


def absentee_list(names: list[str]) -> str:
    """The absentees for the footer; a long list names the first and says how many in all."""
    if len(names) <= ABSENTEES_LISTED:
        return "、".join(names)
    return "、".join(names[:ABSENTEES_LISTED]) + f"等 {len(names)} 人（请假事由见备注栏）"


def meeting_time(starts_at: datetime, ends_at: datetime | None) -> str:
    text = f"{starts_at.year}年{starts_at.month}月{starts_at.day}日 {starts_at:%H:%M}"
    if ends_at is not None:
        text += f"—{ends_at:%H:%M}" if ends_at.date() == starts_at.date() else f"—{ends_at:%Y-%m-%d %H:%M}"
    return text


def meeting_title(org_name: str, starts_at: datetime, kind: str, suffix: str) -> str:
    return f"{org_name}{starts_at.year}年{starts_at.month}月{MEETING_KINDS.get(kind, '会议')}{suffix}"


def meeting_signin_sheet(db: Database, meeting_id: str, *, blank_rows: int = 3) -> SignInSheet:
    from app.models.ledgers import AttendanceStatus, MeetingKind
    from app.services.meetings import MeetingService

    svc = MeetingService(db)
    meeting = svc.get(meeting_id)
    attendees = svc.attendees(meeting_id)
    community = community_of(db)
    org = organisation_name(db, community, meeting["kind"], meeting.get("party_group_id"))
    recorded = any(a.status != AttendanceStatus.ABSENT.value for a in attendees)
    counts = Counts(len(attendees), None, None) if attendees else None
    absentees = ""
    if recorded:
        c = svc.counts(meeting_id)
        counts = Counts(c.expected, c.present, c.absent)
        absentees = absentee_list([a.name + (f"（{a.leave_reason}）" if a.leave_reason else "")
                                   for a in attendees if a.status != AttendanceStatus.PRESENT.value])
    workday = meeting["kind"] == MeetingKind.WORK_DAY.value
    units = member_units(db, [a.member_id for a in attendees if a.member_id and not a.org])
    posts = svc.member_posts([a.member_id for a in attendees if a.member_id and not a.post])
    rows: list[tuple[str, ...]] = []
    for a in attendees:
        note = f"请假：{a.leave_reason}" if a.status == AttendanceStatus.LEAVE.value else ""
        unit = a.org or units.get(a.member_id or "", "")
        post = a.post or posts.get(a.member_id or "", "")
        rows.append((unit, a.name, "") if workday else (a.name, unit, post, note))
    return SignInSheet(
        title=meeting_title(org, meeting["starts_at"], meeting["kind"], "签到表"),
        qr_value=f"meeting:{meeting_id}",
        header=f"{community.place} · 签到表",
        topic=meeting["topic"],
        time=meeting_time(meeting["starts_at"], meeting.get("ends_at")),
        place=meeting["place"], host=meeting["host"], recorder=meeting["recorder"],
        counts=counts, rows=rows, blank_rows=blank_rows, absentees=absentees, workday=workday,
    )


def member_units(db: Database, member_ids: list[str]) -> dict[str, str]:
    """Member id -> their party group, else their compound and building, for the unit column."""
    if not member_ids:
        return {}
    from sqlalchemy import select

    from app.models import Building, Compound, PartyGroup, PartyMember

    result: dict[str, str] = {}
    with db.session() as session:
        for chunk in range(0, len(member_ids), 500):
            rows = session.execute(
                select(PartyMember.id, PartyGroup.name, Compound.name, Building.number)
                .outerjoin(PartyGroup, PartyGroup.id == PartyMember.party_group_id)
                .outerjoin(Compound, Compound.id == PartyMember.compound_id)
                .outerjoin(Building, Building.id == PartyMember.building_id)
                .where(PartyMember.id.in_(member_ids[chunk:chunk + 500])))
            for member_id, group, compound, building in rows:
                result[member_id] = group or " ".join(p for p in (compound, building) if p)
    return result


BRANCH_LEVEL_KINDS = ("general_meeting", "committee_meeting")


def organisation_name(db: Database, community: Community, kind: str, party_group_id: str | None) -> str:
    """Who holds the meeting: the community's party organisation, or one of its party groups."""
    if not party_group_id or kind in BRANCH_LEVEL_KINDS:
        return community.org_name
    from app.services.errors import NotFoundError
    from app.services.registry import RegistryService

    try:
        group = RegistryService(db).get("party_group", party_group_id)
    except NotFoundError:
        return community.org_name
    return f"{community.org_name}{group['name']}"


def print_meeting_signin(db: Database, meeting_id: str, path: Path, *, blank_rows: int = 3,
                         options: PrintOptions | None = None) -> int:
    return print_signin(meeting_signin_sheet(db, meeting_id, blank_rows=blank_rows), path, options)
