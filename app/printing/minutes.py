"""The meeting minutes record (会议记录), A4 portrait: 议题, 发言要点, 不同意见, 决定 with signatures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from app.db.database import Database
from app.printing.base import (
    GRID,
    HEAD_FILL,
    PORTRAIT,
    DocInfo,
    PrintOptions,
    field_table,
    frame_width,
    gap,
    para,
    render,
    signature_row,
    styles,
)
from app.printing.fonts import FONT
from app.printing.labels import MEETING_KINDS
from app.printing.ledgers import community_of
from app.printing.signin import meeting_time, meeting_title, organisation_name

SECTIONS = (
    ("agenda", "议\u00a0\u00a0题"),
    ("key_points", "发言要点"),
    ("dissent", "不同意见"),
    ("decisions", "决\u00a0\u00a0定"),
)


@dataclass
class Minutes:
    title: str
    qr_value: str
    header: str
    fields: list[list[tuple[str, str]]]
    sections: list[tuple[str, str]] = field(default_factory=list)


def minutes_story(minutes: Minutes) -> list[Flowable]:
    st = styles()
    width = frame_width(PORTRAIT)
    label_w = 22 * mm
    story: list[Flowable] = [para(minutes.title, st.title),
                             field_table(minutes.fields, width, label_width=label_w)]
    rows: list[list[Any]] = []
    for label, text in minutes.sections:
        rows.append([para(label, st.label), para(text or "", st.body)])
    body = Table(rows, colWidths=[label_w, width - label_w], minRowHeights=[32 * mm] * len(rows),
                 style=TableStyle([
                     ("FONT", (0, 0), (-1, -1), FONT, 10),
                     ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                     ("BOX", (0, 0), (-1, -1), 1.0, GRID),
                     ("BACKGROUND", (0, 0), (0, -1), HEAD_FILL),
                     ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                     ("VALIGN", (1, 0), (1, -1), "TOP"),
                     ("TOPPADDING", (0, 0), (-1, -1), 4),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                     ("LEFTPADDING", (0, 0), (-1, -1), 4),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                 ]), hAlign="CENTER")
    # A long record flows over pages: split inside a row rather than leave a page half empty.
    body.splitInRow = 1
    story += [body, gap(6), KeepTogether([signature_row(width, ["主持人", "记录人"])])]
    return story


NAMES_LISTED = 60


def _names(names: list[str]) -> str:
    """The names, or for a large meeting the first of them and where the rest are."""
    if len(names) <= NAMES_LISTED:
        return "、".join(names)
    return "、".join(names[:NAMES_LISTED]) + f"等 {len(names)} 人（名单见签到表）"


def meeting_minutes(db: Database, meeting_id: str) -> Minutes:
    from app.models.ledgers import AttendanceStatus
    from app.services.meetings import MeetingService

    svc = MeetingService(db)
    m = svc.get(meeting_id)
    attendees = svc.attendees(meeting_id)
    counts = svc.counts(meeting_id)
    quorum = svc.quorum(meeting_id)
    community = community_of(db)
    org = organisation_name(db, community, m["kind"], m.get("party_group_id"))
    present = [a.name for a in attendees if a.status == AttendanceStatus.PRESENT.value]
    absent = [a.name + (f"（{a.leave_reason}）" if a.leave_reason else "")
              for a in attendees if a.status != AttendanceStatus.PRESENT.value]
    figures = f"应到 {counts.expected} 人，实到 {counts.present} 人，缺席 {counts.absent} 人"
    if quorum is not None:
        verdict = "符合" if quorum.met else "不符合"
        figures += (f"；正式党员 {quorum.full_members} 人，到会 {quorum.full_present} 人，"
                    f"过半数需 {quorum.required} 人，{verdict}规定")
    fields: list[list[tuple[str, str]]] = [
        [("会议名称", m["topic"])],
        [("会议类型", MEETING_KINDS.get(m["kind"], "其他")),
         ("时间", meeting_time(m["starts_at"], m.get("ends_at")))],
        [("地点", m["place"]), ("主持人", m["host"])],
        [("记录人", m["recorder"]), ("所属组织", org)],
        [("到会情况", figures)],
        [("出席人员", _names(present))],
        [("缺席人员", _names(absent) or "无")],
    ]
    return Minutes(
        title=meeting_title(org, m["starts_at"], m["kind"], "会议记录"),
        qr_value=f"meeting:{meeting_id}",
        header=f"{community.place} · 会议记录",
        fields=fields,
        sections=[(label, m.get(key) or "") for key, label in SECTIONS],
    )


def print_minutes(db: Database, meeting_id: str, path: Path, options: PrintOptions | None = None) -> int:
    options = options or PrintOptions()
    minutes = meeting_minutes(db, meeting_id)
    info = DocInfo(title=minutes.title, qr_value=minutes.qr_value, orientation=PORTRAIT,
                   header=minutes.header, print_date=options.date)
    return render(path, minutes_story(minutes), info)
