"""The yearly report-and-appraisal material (述职评议考核材料), as a PDF and as a Word file.

The material is first worded as plain blocks (headings, paragraphs, ruled tables of strings)
from :class:`app.services.appraisal.AppraisalMaterial`; the PDF (reportlab, like every other
printout) and the .docx (python-docx, for the secretary to edit before handing it in) are two
renderings of the same blocks, so they always say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from app.atomic import atomic_write
from app.db.database import Database
from app.printing.base import (
    PORTRAIT,
    Column,
    DocInfo,
    PrintOptions,
    TocHeading,
    fmt_date,
    fmt_date_cn,
    fmt_decimal,
    fmt_fen,
    frame_width,
    gap,
    grid_table,
    para,
    render,
    styles,
)
from app.printing.labels import (
    APPEAL_CHANNELS,
    EVALUATION_METHODS,
    FUND_KINDS,
    GUARANTEE_TASKS,
    MEETING_KINDS,
    MILESTONE_STAGES,
    PROJECT_STATUS,
    SECRETARY_LEVELS,
    SERIAL,
    TASK_STATUS,
    TOTAL,
)
from app.printing.ledgers import Community, community_of
from app.services.appraisal import MONTHLY, AppraisalMaterial, AppraisalService, MeetingCheck

TITLE = "述职评议考核材料"
# 三会一课 as the rules name them.
RULE_KINDS = {
    "general_meeting": "支部党员大会",
    "committee_meeting": "支委会",
    "group_meeting": "党小组会",
    "party_lesson": "党课",
}
RULE_TEXT = {
    "general_meeting": "每季度至少1次",
    "committee_meeting": "每月至少1次",
    "group_meeting": "每个党小组每月至少1次",
    "party_lesson": "每季度至少1次",
}
NO_SECTION = "（书记尚未撰写本部分。）"
NUMERALS = "一二三四五六七八九十"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 0


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Grid:
    columns: list[Column]
    rows: list[list[str]]
    totals: list[list[str]] = field(default_factory=list)


Block = Heading | Text | Grid


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _yuan(fen: int) -> str:
    return f"{fmt_fen(fen) or '0.00'} 元"


def _hours(value: Decimal) -> str:
    return fmt_decimal(value, 1)


def _numbered(title: str, index: int) -> Heading:
    return Heading(f"{NUMERALS[index]}、{title}")


# --- wording the material -----------------------------------------------------------------


def figures_blocks(m: AppraisalMaterial) -> list[Block]:
    """The year's figures in the shape the case reports them."""
    c = m.counts
    organs = len(m.organs)
    rows = [
        ["小区管理包保", f"包保小区 {c.guaranteed_compounds} 个，包保领导干部 {c.guarantee_leaders} 名"],
        ["红色物业服务党支部", f"{c.red_property_branches} 个"],
        ["楼栋党小组", f"{c.building_party_groups} 个"],
        ["业主委员会", f"{c.homeowner_committees} 个"],
        ["书记项目", f"认领 {c.projects_claimed} 个，完成 {c.projects_done} 个，"
                     f"逾期 {c.projects_overdue} 个"],
        ["民生诉求（接、分、办、督、访）", f"受理 {c.appeals_received} 件，解决 {c.appeals_resolved} 件，"
                                      f"群众满意率 {_percent(c.satisfaction_rate)}"],
        ["机关干部“社区工作日”", f"{organs} 个机关单位的 {c.workday_cadres} 名干部"
                               f"到社区 {c.workday_visits} 人次，送党课 {c.workday_party_lessons} 次，"
                               f"结成帮扶对子 {c.pairings} 个，"
                               f"解决群众诉求 {c.workday_appeals_solved} 个，提供物资 {_yuan(c.goods_fen)}"],
        ["党课", f"{c.party_lessons} 次"],
        ["培训社区书记、“两委”成员", f"{c.training_attendances} 人次"],
    ]
    return [Grid([Column("指标", 1.6), Column(f"{m.year}年度", 4.4)], rows)]


def meeting_blocks(m: AppraisalMaterial) -> list[Block]:
    """三会一课 held against the rules, quarter by quarter, and the gaps named."""
    columns = [Column("类别", 1.4, "CENTER"), Column("要求", 2.0)]
    columns += [Column(f"第{q}季度", 1.0, "CENTER") for q in range(1, 5)]
    columns += [Column("全年", 1.0, "CENTER"), Column("落实情况", 1.2, "CENTER")]
    rows: list[list[str]] = []
    for check in m.meeting_checks:
        cells = [f"{q.held}/{q.required}" if q.required else (f"{q.held}/—") for q in check.quarters]
        state = "已落实" if check.met else f"缺 {len(check.gaps)} 项"
        if not check.required:
            state = "未到期"
        rows.append([RULE_KINDS[check.kind], RULE_TEXT[check.kind], *cells,
                     f"{check.held}/{check.required}", state])
    blocks: list[Block] = [
        Text(f"按规定，{'；'.join(f'{RULE_KINDS[k]}{RULE_TEXT[k]}' for k in RULE_KINDS)}。"
             f"表中为“召开次数/应开次数”，截至{fmt_date_cn(m.as_of)}尚未结束的月份和季度不计应开次数。"),
        Grid(columns, rows),
    ]
    gaps = [line for check in m.meeting_checks if not check.per_group for line in gap_lines(check, m.year)]
    groups = [(group, months) for check in m.meeting_checks if check.per_group
              for group, months in group_gaps(check).items()]
    if gaps or groups:
        blocks.append(Text("未按规定召开的："))
        blocks += [Text(f"{n}. {line}") for n, line in enumerate(gaps, 1)]
    else:
        blocks.append(Text("已到期的三会一课均按规定召开，无缺项。"))
    if groups:
        blocks.append(Text(f"{len(gaps) + 1}. {len(groups)} 个党小组有月份未召开党小组会："))
        columns = [Column(SERIAL, 0.5, "CENTER"), Column("党小组", 2.0), Column("未召开的月份", 3.5)]
        blocks.append(Grid(columns, [[str(n), group, "、".join(f"{mo}月" for mo in months)]
                                     for n, (group, months) in enumerate(groups, 1)]))
    others = [f"{MEETING_KINDS[k]} {m.meetings_held[k]} 次" for k in MEETING_KINDS
              if k not in RULE_KINDS and m.meetings_held.get(k)]
    if others:
        blocks.append(Text("其他会议活动：" + "，".join(others) + "。"))
    return blocks


def group_gaps(check: MeetingCheck) -> dict[str, list[int]]:
    """A per-group rule's gaps: each party group that missed months, with those months."""
    months: dict[str, list[int]] = {}
    for g in check.gaps:
        months.setdefault(g.group, []).append(g.period)
    return months


def gap_lines(check: MeetingCheck, year: int) -> list[str]:
    """The gaps of a community-wide rule, worded in one line."""
    name = RULE_KINDS[check.kind]
    if check.period_kind == MONTHLY:
        return [f"{year}年{'、'.join(f'{g.period}月' for g in check.gaps)}未召开{name}"] if check.gaps else []
    return [f"{year}年第{'、'.join(str(g.period) for g in check.gaps)}季度未召开{name}"] if check.gaps else []


def project_blocks(m: AppraisalMaterial) -> list[Block]:
    if not m.projects:
        return [Text(f"{m.year}年度未认领书记项目。")]
    blocks: list[Block] = [Text(f"{m.year}年度认领书记项目 {len(m.projects)} 个，"
                                f"完成 {sum(1 for p in m.projects if p.view.status == 'done')} 个。")]
    for n, p in enumerate(m.projects, 1):
        v = p.view
        blocks.append(Heading(f"{n}. {v.title}", 1))
        blocks.append(Text(f"认领人：{v.secretary_name}（{SECRETARY_LEVELS.get(v.level, v.level)}）；"
                           f"状态：{PROJECT_STATUS.get(v.status, v.status)}；进度：{v.progress}%"))
        if v.milestones:
            rows = [[str(i), MILESTONE_STAGES.get(ms.stage, ms.stage), ms.title, fmt_date(ms.due_date),
                     fmt_date(ms.done_on) if ms.done_on else ("逾期未完成" if ms.overdue else "未完成")]
                    for i, ms in enumerate(v.milestones, 1)]
            blocks.append(Grid([Column(SERIAL, 0.6, "CENTER"), Column("节点", 1.0, "CENTER"),
                                Column("内容", 3.0), Column("计划完成", 1.2, "CENTER"),
                                Column("实际完成", 1.2, "CENTER")], rows))
        if p.evaluations:
            rows = [[fmt_date(e["evaluated_on"]), str(EVALUATION_METHODS.get(e["method"], e["method"])),
                     "" if e.get("satisfaction") is None else f"{fmt_decimal(e['satisfaction'], 1)}%",
                     e.get("evaluator") or "", e.get("notes") or ""] for e in p.evaluations]
            blocks.append(Grid([Column("考评日期", 1.1, "CENTER"), Column("方式", 1.0, "CENTER"),
                                Column("满意度", 0.9, "RIGHT"), Column("考评人", 1.0, "CENTER"),
                                Column("考评情况", 3.0)], rows))
        else:
            blocks.append(Text("尚无考评记录。"))
    return blocks


def appeal_blocks(m: AppraisalMaterial) -> list[Block]:
    a = m.appeals
    rows = [
        ["受理", str(a.received), "—"],
        ["响应（承办单位接单）", str(a.responded), _percent(a.response_rate)],
        ["办结", str(a.resolved), _percent(a.resolution_rate)],
        ["按期办结", str(a.closed_on_time), _percent(a.on_time_rate)],
        ["回访", str(a.visited), "—"],
        ["满意（含基本满意）", str(a.satisfied), _percent(a.satisfaction_rate)],
    ]
    columns = [Column("环节", 2.4), Column("件数", 1.0, "RIGHT"), Column("比率", 1.0, "RIGHT")]
    blocks: list[Block] = [Grid(columns, rows)]
    if m.appeals_by_channel:
        blocks.append(Text("受理渠道：" + "，".join(f"{APPEAL_CHANNELS.get(k, k)} {n} 件"
                                              for k, n in m.appeals_by_channel.items()) + "。"))
    blocks.append(Text("响应率、办结率以受理件数为基数；按期办结率以办结件数为基数；满意率以回访件数为基数。"))
    return blocks


def workday_blocks(m: AppraisalMaterial) -> list[Block]:
    if not m.organs:
        return [Text(f"{m.year}年度无机关干部“社区工作日”记录。")]
    columns = [Column(SERIAL, 0.5, "CENTER"), Column("机关单位", 2.2), Column("人次", 0.7, "RIGHT"),
               Column("干部", 0.7, "RIGHT"), Column("送党课", 0.8, "RIGHT"), Column("结对帮扶", 0.8, "RIGHT"),
               Column("解决诉求", 0.8, "RIGHT"), Column("物资（元）", 1.5, "RIGHT"),
               Column("社区确认", 0.8, "RIGHT")]
    rows = [[str(n), o.organ_name, str(o.visits), str(o.cadres), str(o.party_lessons), str(o.pairings),
             str(o.appeals_solved), fmt_fen(o.goods_fen), str(o.confirmed)]
            for n, o in enumerate(m.organs, 1)]
    c = m.counts
    total = [TOTAL, f"{len(m.organs)} 个单位", str(c.workday_visits), str(c.workday_cadres),
             str(c.workday_party_lessons), str(c.pairings), str(c.workday_appeals_solved),
             fmt_fen(c.goods_fen), str(sum(o.confirmed for o in m.organs))]
    return [Grid(columns, rows, [total])]


def guarantee_blocks(m: AppraisalMaterial) -> list[Block]:
    g = m.guarantees
    if not g.compounds:
        return [Text("尚无小区纳入“五包保”。")]
    columns = [Column("包保任务", 2.4)] + [Column(TASK_STATUS[s], 1.0, "RIGHT") for s in TASK_STATUS]
    columns.append(Column("完成率", 1.0, "RIGHT"))
    rows = []
    for task, title in GUARANTEE_TASKS.items():
        counts = g.totals.get(task, {})
        done = counts.get("done", 0)
        rows.append([title] + [str(counts.get(s, 0)) for s in TASK_STATUS]
                    + [_percent(done / g.compounds if g.compounds else None)])
    return [Text(f"纳入包保的小区 {g.compounds} 个，包保领导干部 {g.leaders} 名，"
                 f"五项任务全部完成的小区 {g.all_done} 个。"), Grid(columns, rows)]


def fund_blocks(m: AppraisalMaterial) -> list[Block]:
    if not m.funds:
        return [Text("尚无经费台账。")]
    columns = [Column("经费", 2.2), Column("类别", 1.6, "CENTER"), Column("上年结转（元）", 1.3, "RIGHT"),
               Column("本年收入（元）", 1.3, "RIGHT"), Column("本年支出（元）", 1.3, "RIGHT"),
               Column("年末结余（元）", 1.3, "RIGHT")]
    rows = [[f.name, FUND_KINDS.get(f.kind, f.kind), fmt_fen(f.opening_fen), fmt_fen(f.income_fen),
             fmt_fen(f.expense_fen), fmt_fen(f.closing_fen)] for f in m.funds]
    total = [TOTAL, "", *(fmt_fen(sum(getattr(f, name) for f in m.funds))
                          for name in ("opening_fen", "income_fen", "expense_fen", "closing_fen"))]
    return [Grid(columns, rows, [total])]


def training_blocks(m: AppraisalMaterial) -> list[Block]:
    t = m.training
    if not t.attendances:
        return [Text(f"{m.year}年度无培训记录。")]
    rows = [[str(n), course, str(count), _hours(hours)]
            for n, (course, count, hours) in enumerate(t.by_course, 1)]
    return [Text(f"参加培训 {t.attendances} 人次（{t.people} 人），共 {t.courses} 个班次，"
                 f"累计 {_hours(t.hours)} 学时。"),
            Grid([Column(SERIAL, 0.5, "CENTER"), Column("培训班次", 4.0), Column("人次", 0.8, "RIGHT"),
                  Column("学时", 0.8, "RIGHT")], rows, [[TOTAL, f"{t.courses} 个班次", str(t.attendances),
                                                        _hours(t.hours)]])]


SECTIONS: tuple[tuple[str, Callable[[AppraisalMaterial], list[Block]]], ...] = (
    ("述职报告", lambda m: [Text(p) for p in (m.section.strip() or NO_SECTION).split("\n")]),
    ("主要工作数据", figures_blocks),
    ("“三会一课”落实情况", meeting_blocks),
    ("书记项目", project_blocks),
    ("民生诉求办理", appeal_blocks),
    ("机关干部“社区工作日”反馈（分单位）", workday_blocks),
    ("小区管理“五包保”推进情况", guarantee_blocks),
    ("经费收支", fund_blocks),
    ("培训", training_blocks),
)


def appraisal_blocks(m: AppraisalMaterial) -> list[Block]:
    """The whole material after its title, section by section."""
    blocks: list[Block] = []
    for index, (title, make) in enumerate(SECTIONS):
        blocks.append(_numbered(title, index))
        blocks += make(m)
    return blocks


def _title_lines(community: Community, m: AppraisalMaterial) -> tuple[str, str]:
    title = f"{community.org_name}{m.year}年度{TITLE}"
    secretary = f"述职人：{m.secretary_name}　　" if m.secretary_name else ""
    return title, f"{secretary}数据截至{fmt_date_cn(m.as_of)}"


def _material(db: Database, year: int, options: PrintOptions,
              progress: Progress | None) -> AppraisalMaterial:
    # Periods still running on the print date are not due yet.
    if progress is not None:
        progress(0, 2, "")
    material = AppraisalService(db).material(year, options.date)
    if progress is not None:
        progress(1, 2, "")
    return material


# --- the PDF ------------------------------------------------------------------------------


def pdf_story(community: Community, m: AppraisalMaterial) -> list[Flowable]:
    st = styles()
    width = frame_width(PORTRAIT)
    # A heading never ends a page: it stays with what follows it.
    headings = [ParagraphStyle(f"appraisal-{s.name}", parent=s, keepWithNext=1, spaceBefore=space * mm)
                for s, space in zip(st.toc, (3, 1.5), strict=True)]
    title, subtitle = _title_lines(community, m)
    story: list[Flowable] = [para(title, st.title), para(subtitle, st.subtitle), gap(2)]
    for block in appraisal_blocks(m):
        if isinstance(block, Heading):
            story.append(TocHeading(block.text, headings[min(block.level, len(headings) - 1)], block.level))
        elif isinstance(block, Text):
            story.append(para(block.text, st.body) if block.text.strip() else gap(2))
        else:
            table = grid_table(block.columns, block.rows, width, total_rows=block.totals)
            table.spaceBefore = table.spaceAfter = 1 * mm
            story.append(table)
    return story


def print_appraisal(db: Database, year: int, path: Path, options: PrintOptions | None = None,
                    progress: Progress | None = None) -> int:
    """Write the year's material as a PDF to ``path``; return its page count."""
    options = options or PrintOptions()
    community = community_of(db)
    material = _material(db, year, options, progress)
    info = DocInfo(title=f"{year}年度{TITLE}", qr_value=f"appraisal:{community.id}:{year}",
                   orientation=PORTRAIT, header=f"{community.place} · {year}年度{TITLE}",
                   print_date=options.date)
    pages = render(path, pdf_story(community, material), info)
    if progress is not None:
        progress(2, 2, "")
    return pages


# --- the Word file ------------------------------------------------------------------------

BODY_FONT = "宋体"
CELL_STYLE = "表格文字"
MARGIN_MM = 20
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
HEADING_FONT = "黑体"


def _east_asian(run_or_style: Any, name: str) -> None:
    """Set the font for Chinese text too (Word keeps it apart from the Latin font)."""
    from docx.oxml.ns import qn

    run_or_style.font.name = name
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _docx_table(document: Any, grid: Grid, cell_style: Any) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    aligns = {"LEFT": WD_ALIGN_PARAGRAPH.LEFT, "CENTER": WD_ALIGN_PARAGRAPH.CENTER,
              "RIGHT": WD_ALIGN_PARAGRAPH.RIGHT}
    rows = [[c.header for c in grid.columns], *grid.rows, *grid.totals]
    table = document.add_table(rows=len(rows), cols=len(grid.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Word reads the cells' widths, LibreOffice the table grid's: both are set.
    table.autofit = False
    total = sum(col.weight for col in grid.columns)
    widths = [Mm(TEXT_WIDTH_MM * col.weight / total) for col in grid.columns]
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = width
    first_total = 1 + len(grid.rows)
    # The style by its id: python-docx's paragraph.style looks the default style up on every call.
    style_id = cell_style.style_id
    column_aligns = [aligns[c.align] for c in grid.columns]
    # One pass over the rows (python-docx's table.cell(r, c) walks the table on every call).
    for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        strong = r == 0 or r >= first_total
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph._p.style = style_id
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else column_aligns[c]
            run = paragraph.add_run(value)
            if strong:
                run.bold = True


def docx_document(community: Community, m: AppraisalMaterial) -> Any:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(25)
    normal = document.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(12)
    for name in ("Title", "Heading 1", "Heading 2"):
        _east_asian(document.styles[name], HEADING_FONT)
    cell_style = document.styles.add_style(CELL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = normal
    cell_style.font.size = Pt(10.5)
    cell_style.paragraph_format.space_after = Pt(0)
    title, subtitle = _title_lines(community, m)
    document.core_properties.title = f"{m.year}年度{TITLE}"
    document.core_properties.author = community.org_name
    heading = document.add_heading(title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = document.add_paragraph(subtitle)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in appraisal_blocks(m):
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level + 1)
        elif isinstance(block, Text):
            paragraph = document.add_paragraph(block.text)
            paragraph.paragraph_format.first_line_indent = Pt(24) if block.text else None
        else:
            _docx_table(document, block, cell_style)
            document.add_paragraph("")
    return document


def write_appraisal_docx(db: Database, year: int, path: Path, options: PrintOptions | None = None,
                         progress: Progress | None = None) -> int:
    """Write the year's material as an editable Word file to ``path``; return its table count."""
    options = options or PrintOptions()
    community = community_of(db)
    document = docx_document(community, _material(db, year, options, progress))

    def write(tmp: Path) -> None:
        document.save(str(tmp))

    atomic_write(Path(path), write=write)
    if progress is not None:
        progress(2, 2, "")
    return len(document.tables)

