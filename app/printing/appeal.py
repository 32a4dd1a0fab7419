"""The appeal form (民生诉求办理单), A4 portrait: one appeal, its whole trail and signature lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from app.db.database import Database
from app.printing.base import (
    PORTRAIT,
    Column,
    DocInfo,
    PrintOptions,
    field_table,
    fmt_date,
    fmt_phone,
    frame_width,
    gap,
    grid_table,
    para,
    render,
    signature_row,
    styles,
)
from app.printing.labels import (
    APPEAL_CATEGORIES,
    APPEAL_CHANNELS,
    APPEAL_CORRECTED,
    APPEAL_STATES,
    APPEAL_STEPS,
    APPEAL_URGENCY,
    ASSIGNEE_KINDS,
    SERIAL,
    VISIT_RESULTS,
)
from app.printing.ledgers import community_of

TRAIL_COLUMNS = (
    Column(SERIAL, 0.7, "CENTER"),
    Column("时间", 2.0, "CENTER"),
    Column("环节", 1.6, "CENTER"),
    Column("经办人", 1.4, "CENTER"),
    Column("办理后状态", 1.3, "CENTER"),
    Column("说明", 5.0),
)


@dataclass
class AppealForm:
    title: str
    qr_value: str
    header: str
    number: str
    state: str
    fields: list[list[tuple[str, str]]]
    trail: list[list[str]] = field(default_factory=list)


def _step_note(step: str, note: str) -> str:
    if step == "correct":
        from app.services.appeals import read_correction

        return "、".join(APPEAL_CORRECTED.get(k, k) for k in read_correction(note)) + "已更正"
    if step in ("visit", "reopen"):
        code, _, rest = note.partition(" ")
        if code in VISIT_RESULTS:
            return f"{VISIT_RESULTS[code]}{('：' + rest) if rest else ''}"
    return note


def appeal_form(db: Database, appeal_id: str, options: PrintOptions) -> AppealForm:
    from app.services.appeals import AppealService

    svc = AppealService(db)
    a = svc.get(appeal_id)
    events = svc.events(appeal_id)
    community = community_of(db)
    assignee = ""
    if a.assignee_name:
        kind = ASSIGNEE_KINDS.get(a.assignee_kind or "", "")
        assignee = f"{a.assignee_name}（{kind}）" if kind else a.assignee_name
    deadline = fmt_date(a.deadline)
    if a.extension_until:
        deadline += f"（申请延期至 {fmt_date(a.extension_until)}）"
    fields: list[list[tuple[str, str]]] = [
        [("受理时间", fmt_date(a.received_at)), ("受理渠道", APPEAL_CHANNELS.get(a.channel, a.channel))],
        [("诉求人", a.resident_name), ("联系电话", fmt_phone(a.resident_phone, options))],
        [("地址", a.address)],
        [("诉求类别", APPEAL_CATEGORIES.get(a.category, a.category)),
         ("紧急程度", APPEAL_URGENCY.get(a.urgency, a.urgency))],
        [("诉求内容", a.content)],
        [("承办单位", assignee), ("办理时限", deadline)],
        [("催办次数", str(a.reminder_count)), ("重办次数", str(a.reopen_count))],
        [("办理结果", a.reply)],
        [("回访结果", VISIT_RESULTS.get(a.visit_result or "", "")),
         ("是否督办", "是" if a.escalated else "否")],
    ]
    trail = [
        [str(n), fmt_date(e.at), APPEAL_STEPS.get(e.step, e.step), e.actor,
         APPEAL_STATES.get(e.state_after, e.state_after), _step_note(e.step, e.note)]
        for n, e in enumerate(events, 1)
    ]
    return AppealForm(
        title="民生诉求办理单", qr_value=f"appeal:{appeal_id}", header=f"{community.place} · 民生诉求办理单",
        number=a.number, state=APPEAL_STATES.get(a.state, a.state), fields=fields, trail=trail,
    )


def appeal_story(form: AppealForm) -> list[Flowable]:
    st = styles()
    width = frame_width(PORTRAIT)
    return [
        para(form.title, st.title),
        para(f"编号：{form.number}\u00a0\u00a0\u00a0\u00a0当前状态：{form.state}", st.subtitle),
        field_table(form.fields, width, label_width=22 * mm),
        gap(4),
        para("办理过程（接、分、办、督、访）", st.label),
        gap(1.5),
        grid_table(TRAIL_COLUMNS, form.trail, width),
        gap(8),
        KeepTogether([
            signature_row(width, ["受理人", "承办人", "审核人"], with_date=False),
            gap(2),
            signature_row(width, ["社区书记"]),
        ]),
    ]


def print_appeal(db: Database, appeal_id: str, path: Path, options: PrintOptions | None = None) -> int:
    options = options or PrintOptions()
    form = appeal_form(db, appeal_id, options)
    info = DocInfo(title=f"{form.title} {form.number}", qr_value=form.qr_value, orientation=PORTRAIT,
                   header=form.header, print_date=options.date)
    return render(path, appeal_story(form), info)
