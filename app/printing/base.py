"""What every printout shares: page templates, styles, tables, the QR code, the footer, atomic writing.

A document is a platypus story plus a :class:`DocInfo`.  :func:`render` lays it out on A4
(portrait or landscape, switchable inside one document), stamps every page with a running
header, a small QR code carrying the record's id and a footer with 第 X 页 / 共 Y 页 and the
print date, and writes the file atomically: a failure leaves no file behind.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import CellStyle

from app.atomic import atomic_write
from app.printing.fonts import FONT, register_font, text_width
from app.services.identity import mask_id_number, mask_phone

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
PAGE_SIZES = {PORTRAIT: A4, LANDSCAPE: landscape(A4)}

MARGIN_X = 15 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 16 * mm
QR_SIZE = 17 * mm
QR_TOP = 4 * mm
CREATOR = "社区党建台账"

GRID = colors.black
HEAD_FILL = colors.HexColor("#E6E6E6")
TOTAL_FILL = colors.HexColor("#F2F2F2")
CELL_PAD = 3


@dataclass(frozen=True)
class PrintOptions:
    """What the person printing chose."""

    full_personal_data: bool = False  # show ID numbers and phones unmasked
    print_date: date | None = None

    @property
    def date(self) -> date:
        return self.print_date or date.today()


@dataclass(frozen=True)
class DocInfo:
    """Facts about one document that appear on every page or in its metadata."""

    title: str
    qr_value: str
    orientation: str = PORTRAIT
    header: str = ""
    print_date: date = field(default_factory=date.today)
    subject: str = ""


# --- styles -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    label_right: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    small: ParagraphStyle
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]


CELL_SIZE = 9.0


@cache
def styles() -> Styles:
    font = register_font()

    def style(name: str, size: float, leading: float, align: int = TA_LEFT, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, alignment=align,
                              wordWrap="CJK", **kw)

    return Styles(
        title=style("title", 18, 26, TA_CENTER, spaceAfter=3 * mm),
        subtitle=style("subtitle", 10.5, 15, TA_CENTER, spaceAfter=2 * mm),
        heading=style("heading", 15, 21, TA_CENTER, spaceAfter=3 * mm),
        body=style("body", 10.5, 17),
        label=style("label", 10, 14),
        label_right=style("label_right", 10, 14, TA_RIGHT),
        cell=style("cell", CELL_SIZE, 12),
        cell_center=style("cell_center", CELL_SIZE, 12, TA_CENTER),
        cell_right=style("cell_right", CELL_SIZE, 12, TA_RIGHT),
        head=style("head", CELL_SIZE, 12, TA_CENTER),
        small=style("small", 8, 11),
        cover_title=style("cover_title", 30, 44, TA_CENTER),
        cover_line=style("cover_line", 15, 26, TA_CENTER),
        toc=(style("toc0", 12, 22, leftIndent=0), style("toc1", 10.5, 18, leftIndent=8 * mm)),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


# --- values on paper --------------------------------------------------------------------


def fmt_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return f"{value:%Y-%m-%d}"


def fmt_date_cn(value: date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "    年  月  日"


def fmt_fen(fen: int | None) -> str:
    """Money kept in fen, shown in yuan with two decimals: 123456 -> '1,234.56'."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def fmt_decimal(value: Decimal | None, places: int = 2) -> str:
    """At least ``places`` decimals, more only where the stored value has them: 0.3000 -> '0.30'."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(places, '0')}" if places else text


def fmt_bool(value: bool | None) -> str:
    return "是" if value else "否"


def fmt_id_number(value: str | None, options: PrintOptions) -> str:
    if not value:
        return ""
    return value if options.full_personal_data else mask_id_number(value)


def fmt_phone(value: str | None, options: PrintOptions) -> str:
    if not value:
        return ""
    return value if options.full_personal_data else mask_phone(value)


# --- tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    weight: float = 1.0
    align: str = "LEFT"  # LEFT, CENTER or RIGHT


_ALIGN_STYLE = {"LEFT": "cell", "CENTER": "cell_center", "RIGHT": "cell_right"}


def column_widths(columns: Sequence[Column], width: float) -> list[float]:
    total = sum(c.weight for c in columns)
    return [width * c.weight / total for c in columns]


HEADER_MIN_CHARS = 6


def widest_line(text: str) -> float:
    """Width of the longest line of ``text`` in the table font."""
    if not text:
        return 0.0
    if "\n" not in text:
        return text_width(text, CELL_SIZE)
    return max(text_width(line, CELL_SIZE) for line in text.split("\n"))


def fitted_widths(columns: Sequence[Column], measured: Sequence[Sequence[float]],
                  width: float) -> list[float]:
    """Column widths that keep short values (dates, phones, numbers, names) on one line.

    Centred and right-aligned columns get what their widest value needs; the left-aligned
    text columns share the rest by weight, each taking no more than it needs, so only long
    texts wrap.  When even the short values cannot all fit, widths follow the weights.
    """
    pad = 2 * CELL_PAD + 1
    cjk = text_width("\u4e00", CELL_SIZE)
    need = [min(text_width(c.header, CELL_SIZE), HEADER_MIN_CHARS * cjk) + pad for c in columns]
    for row in measured:
        for i, value in enumerate(row):
            if value + pad > need[i]:
                need[i] = value + pad
    total_weight = sum(c.weight for c in columns)
    if sum(need) <= width:
        extra = width - sum(need)
        return [n + extra * c.weight / total_weight for n, c in zip(need, columns, strict=True)]
    fixed = {i: need[i] for i, c in enumerate(columns) if c.align != "LEFT"}
    if sum(fixed.values()) > width * 0.85 or len(fixed) == len(columns):
        return column_widths(columns, width)
    minimum = [min(text_width(c.header, CELL_SIZE), 2 * cjk) + pad for c in columns]
    while True:
        free = [i for i in range(len(columns)) if i not in fixed]
        room = width - sum(fixed.values())
        weight = sum(columns[i].weight for i in free)
        share = {i: room * columns[i].weight / weight for i in free}
        newly = {i: need[i] for i in free if need[i] <= share[i]}
        if not newly and len(free) > 1:
            # Nobody fits its share: let the column that would wrap most often have all it
            # needs, if the others keep room for their headers; fewer rows wrap that way.
            wraps = {i: sum(1 for row in measured if row[i] + pad > share[i]) for i in free}
            best = max(free, key=lambda i: wraps[i])
            others = sum(minimum[i] for i in free if i != best)
            if room - need[best] >= others:
                newly = {best: need[best]}
        fixed.update(newly)
        if not newly or len(newly) == len(free):
            break
    free = [i for i in range(len(columns)) if i not in fixed]
    room = width - sum(fixed.values())
    weight = sum(columns[i].weight for i in free)
    if not free:
        return [fixed[i] + room * c.weight / total_weight for i, c in enumerate(columns)]
    return [fixed[i] if i in fixed else room * columns[i].weight / weight for i in range(len(columns))]


def _cell(text: str, text_w: float, col_width: float, style: ParagraphStyle) -> str | Paragraph:
    # A plain string is drawn on one line (cheap); only text that would not fit becomes
    # a wrapping paragraph, so a long table stays fast and nothing is clipped.
    if not text:
        return ""
    if "\n" not in text and text_w <= col_width - 2 * CELL_PAD - 0.5:
        return text
    return para(text, style)


class RuledTable(Table):
    """A platypus Table that skips drawing empty cells (a ledger has many)."""

    def _drawCell(self, cellval: Any, cellstyle: CellStyle, pos: Any, size: Any) -> None:
        if cellval == "":
            return
        super()._drawCell(cellval, cellstyle, pos, size)


def grid_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    width: float,
    *,
    total_rows: Sequence[Sequence[Any]] = (),
    min_row_height: float | None = None,
    header_height: float | None = None,
    fit: bool = True,
    tail: Sequence[Flowable] = (),
    keep_with_tail: int = 2,
) -> Table:
    """A ruled table whose header row repeats on every page and whose long cells wrap.

    With ``fit`` the columns are sized to their contents (:func:`fitted_widths`), else by weight.
    ``tail`` (a form's footer, as wide as the table less the cell padding) follows the last
    row, unruled, and never starts a page without the last ``keep_with_tail`` rows above it.
    """
    st = styles()
    texts = [["" if v is None else str(v) for v in row] for row in list(rows) + list(total_rows)]
    measured = [[widest_line(v) for v in row] for row in texts]
    # The totals row may wrap; the widths follow the records.
    widths = fitted_widths(columns, measured[:len(rows)], width) if fit else column_widths(columns, width)
    cell_styles = [getattr(st, _ALIGN_STYLE[c.align]) for c in columns]
    data: list[list[Any]] = [[para(c.header, st.head) for c in columns]]
    for row, row_w in zip(texts, measured, strict=True):
        data.append([_cell(v, tw, w, s) for v, tw, w, s in zip(row, row_w, widths, cell_styles, strict=True)])
    last = -2 if tail else -1
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, last), 0.5, GRID),
        ("BOX", (0, 0), (-1, last), 1.0, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
    ]
    if tail:
        data.append([list(tail)] + [""] * (len(columns) - 1))
        commands += [("SPAN", (0, -1), (-1, -1)),
                     ("NOSPLIT", (0, -1 - min(keep_with_tail, len(rows))), (-1, -1))]
    if total_rows:
        commands.append(("BACKGROUND", (0, last + 1 - len(total_rows)), (-1, last), TOTAL_FILL))
    # One shared cell style per column instead of style commands applied cell by cell.
    column_styles = [_column_style(c.align) for c in columns]
    cell_styles_matrix = [column_styles] * len(data)
    if tail:
        cell_styles_matrix[-1] = [_column_style("LEFT")] * len(columns)
    # Row heights are known here (one line, or a wrapped paragraph's height), so the table
    # need not measure every row again each time it splits at a page end.
    pad_v = 2 * CELL_V_PAD
    heights = [max([_cell_height(v, w) for v, w in zip(row, widths, strict=True)] + [CELL_LEADING]) + pad_v
               for row in data[:len(data) - bool(tail)]]
    heights[0] = max(heights[0], header_height or 0)
    if min_row_height:
        heights[1:] = [max(h, min_row_height) for h in heights[1:]]
    if tail:
        heights.append(_cell_height(list(tail), sum(widths)) + pad_v)
    return RuledTable(data, colWidths=widths, rowHeights=heights, repeatRows=1, style=TableStyle(commands),
                      cellStyles=cell_styles_matrix, hAlign="CENTER")


CELL_LEADING = 12.0
CELL_V_PAD = 2.5


@cache
def _column_style(align: str) -> CellStyle:
    style = CellStyle(f"cell-{align}")
    style.fontname = register_font()
    style.fontsize = CELL_SIZE
    style.leading = CELL_LEADING
    style.leftPadding = style.rightPadding = CELL_PAD
    style.topPadding = style.bottomPadding = CELL_V_PAD
    style.valign = "MIDDLE"
    style.alignment = align
    return style


def _cell_height(value: Any, col_width: float) -> float:
    if isinstance(value, list):
        return sum(float(f.wrap(col_width - 2 * CELL_PAD, 1e6)[1]) + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in value)
    if isinstance(value, Paragraph):
        return float(value.wrap(col_width - 2 * CELL_PAD, 1e6)[1])
    return CELL_LEADING * (value.count("\n") + 1) if value else CELL_LEADING


def field_table(
    pairs: Sequence[Sequence[tuple[str, str]]],
    width: float,
    *,
    label_width: float = 22 * mm,
    min_row_height: float = 9 * mm,
) -> Table:
    """A header block: rows of (label, value) pairs in ruled cells; a lone pair spans the row."""
    st = styles()
    per_row = max(len(r) for r in pairs)
    value_width = (width - per_row * label_width) / per_row
    widths = [label_width, value_width] * per_row
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 1.0, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD + 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD + 1),
    ]
    for r, row in enumerate(pairs):
        cells: list[Any] = []
        for label, value in row:
            cells += [para(label, st.label), para(value, st.label)]
        if len(row) < per_row:
            cells += [""] * (2 * (per_row - len(row)))
            commands.append(("SPAN", (2 * len(row) - 1, r), (-1, r)))
        for c in range(len(row)):
            commands.append(("BACKGROUND", (2 * c, r), (2 * c, r), HEAD_FILL))
        data.append(cells)
    table = Table(data, colWidths=widths, style=TableStyle(commands),
                  minRowHeights=[min_row_height] * len(data), hAlign="CENTER")
    table.splitInRow = 1  # a value longer than a page flows on to the next
    return table


NBSP = "\u00a0"
DATE_BLANK = NBSP * 8 + "年" + NBSP * 5 + "月" + NBSP * 5 + "日"


def underlined(cells: list[list[Any]], widths: list[float], lined: Sequence[tuple[int, int]],
               height: float) -> Table:
    """Unruled cells with a line to write on under each (column, row) in ``lined``; rows are at
    least ``height`` tall and grow with what is written in them."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10.5),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
    ]
    for col, row in lined:
        commands.append(("LINEBELOW", (col, row), (col, row), 0.6, GRID))
    return Table(cells, colWidths=widths, minRowHeights=[height] * len(cells), style=TableStyle(commands),
                 hAlign="LEFT")


def signature_row(width: float, signers: Sequence[str], *, with_date: bool = True) -> Table:
    """'主持人签字：____  记录人签字：____  日期：  年  月  日' across the width."""
    st = styles()
    labels = [para(f"{s}签字：", st.label) for s in signers]
    label_widths = [text_width(f"{s}签字：", st.label.fontSize) + 4 for s in signers]
    cells: list[Any] = []
    lined: list[tuple[int, int]] = []
    date_label = "日" + NBSP * 4 + "期："
    date_width = text_width(date_label, st.label.fontSize) + 4 if with_date else 0.0
    date_blank = text_width(DATE_BLANK, st.label.fontSize) + 8 if with_date else 0.0
    blank = (width - sum(label_widths) - date_width - date_blank - 6 * mm * len(signers)) / len(signers)
    widths: list[float] = []
    for i, (label, lw) in enumerate(zip(labels, label_widths, strict=True)):
        cells += [label, "", ""]
        widths += [lw, blank, 6 * mm]
        lined.append((3 * i + 1, 0))
    if with_date:
        cells += [para(date_label, st.label), para(DATE_BLANK, st.label)]
        widths += [date_width, date_blank]
    return underlined([cells], widths, lined, 12 * mm)


def frame_width(orientation: str) -> float:
    return float(PAGE_SIZES[orientation][0] - 2 * MARGIN_X)


def frame_height(orientation: str) -> float:
    return float(PAGE_SIZES[orientation][1] - MARGIN_TOP - MARGIN_BOTTOM)


def gap(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


# --- pages ------------------------------------------------------------------------------


def qr_box(page_width: float, page_height: float) -> tuple[float, float, float]:
    """(x, y, size) of the QR code on a page, in points from the bottom-left corner."""
    return page_width - MARGIN_X - QR_SIZE, page_height - QR_TOP - QR_SIZE, QR_SIZE


QR_BORDER = 2  # quiet zone, in modules


def qr_modules(value: str) -> list[list[bool]]:
    """The dark/light modules of a QR code (error correction M) carrying ``value``."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return [[bool(m) for m in row] for row in code.modules]


def _draw_qr(canvas: Canvas, modules: list[list[bool]], x: float, y: float, size: float) -> None:
    count = len(modules) + 2 * QR_BORDER
    box = size / count
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (r + QR_BORDER + 1) * box
        c = 0
        for dark, run in itertools.groupby(row):
            n = len(list(run))
            if dark:
                path.rect(x + (c + QR_BORDER) * box, top, n * box, box)
            c += n
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)


def _decorate(canvas: Canvas, info: DocInfo, modules: list[list[bool]], page: int, pages: int) -> None:
    width, height = canvas._pagesize
    canvas.saveState()
    x, y, size = qr_box(width, height)
    # The code is the same on every page: drawn once as a form, placed on each page.
    if page == 1:
        canvas.beginForm("record-qr", 0, 0, size, size)
        _draw_qr(canvas, modules, 0, 0, size)
        canvas.endForm()
    canvas.saveState()
    canvas.translate(x, y)
    canvas.doForm("record-qr")
    canvas.restoreState()
    canvas.setFont(FONT, 8)
    canvas.setFillColor(colors.HexColor("#555555"))
    if info.header:
        canvas.drawString(MARGIN_X, height - QR_TOP - 10, info.header)
    canvas.setStrokeColor(colors.HexColor("#888888"))
    canvas.setLineWidth(0.5)
    line_y = MARGIN_BOTTOM - 4 * mm
    canvas.line(MARGIN_X, line_y, width - MARGIN_X, line_y)
    text_y = line_y - 4 * mm
    canvas.setFillColor(colors.black)
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(width / 2, text_y, f"第 {page} 页 / 共 {pages} 页")
    canvas.setFont(FONT, 8)
    canvas.drawRightString(width - MARGIN_X, text_y, f"打印日期：{fmt_date(info.print_date)}")
    canvas.drawString(MARGIN_X, text_y, info.title)
    canvas.restoreState()


def _numbered_canvas(info: DocInfo, counter: list[int], page_refs: dict[str, int]) -> type[Canvas]:
    modules = qr_modules(info.qr_value)

    class NumberedCanvas(Canvas):
        """Holds pages back until the end so each footer can say how many pages there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, 1):
                self.__dict__.update(state)
                _decorate(self, info, modules, number, total)
                Canvas.showPage(self)
            for key, page in page_refs.items():
                _page_number_form(self, key, page)
            counter[:] = [total]
            Canvas.save(self)

    return NumberedCanvas


class TocHeading(Paragraph):
    """A heading that puts itself in the table of contents and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0, key: str = "") -> None:
        super().__init__(escape(text), style)
        self.toc_text = text
        self.toc_level = level
        self.toc_key = key or f"h{id(self)}"


TOC_NUMBER_WIDTH = 30.0


def _form_name(key: str) -> str:
    return f"toc-{key}"


def _page_number_form(canvas: Canvas, key: str, page: int) -> None:
    # The contents page was drawn before this page number was known; it placed this form,
    # which is only filled in now (a PDF may define a form after the page that uses it).
    size = styles().toc[0].fontSize
    canvas.beginForm(_form_name(key), -TOC_NUMBER_WIDTH, -4, 0, size + 4)
    canvas.setFont(FONT, size)
    canvas.drawRightString(0, 0, str(page))
    canvas.endForm()


class Contents(Flowable):
    """The table of contents of the story's :class:`TocHeading` s, laid out in one pass.

    Titles and dot leaders are drawn at once; each page number is a form the canvas fills
    in at the end, when the heading's page is known.  Each line links to its heading.
    """

    def __init__(self, entries: Sequence[tuple[int, str, str]]) -> None:
        super().__init__()
        self.entries = list(entries)
        self.leading = styles().toc[0].leading

    @classmethod
    def of(cls, story: Sequence[Flowable]) -> Contents:
        return cls([(f.toc_level, f.toc_text, f.toc_key) for f in story if isinstance(f, TocHeading)])

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.leading * len(self.entries)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = int(available_height // self.leading)
        if fit <= 0 or fit >= len(self.entries):
            return []
        return [Contents(self.entries[:fit]), Contents(self.entries[fit:])]

    def draw(self) -> None:
        canvas = self.canv
        st = styles()
        dot = text_width(" .", st.toc[0].fontSize)
        for i, (level, text, key) in enumerate(self.entries):
            style = st.toc[min(level, len(st.toc) - 1)]
            y = self.leading * (len(self.entries) - i - 1) + (self.leading - style.fontSize) / 2
            x = style.leftIndent
            canvas.setFont(FONT, style.fontSize)
            canvas.drawString(x, y, text)
            start = x + text_width(text, style.fontSize) + 4
            dots = int((self.width - TOC_NUMBER_WIDTH - start) // dot)
            if dots > 0:
                canvas.drawRightString(self.width - TOC_NUMBER_WIDTH, y, " ." * dots)
            canvas.saveState()
            canvas.translate(self.width, y)
            canvas.doForm(_form_name(key))
            canvas.restoreState()
            canvas.linkRect("", key, (0, y - 3, self.width, y + style.fontSize + 3), relative=1)


class _DocTemplate(BaseDocTemplate):
    def __init__(self, filename: str, info: DocInfo, page_refs: dict[str, int]) -> None:
        super().__init__(
            filename,
            pagesize=PAGE_SIZES[info.orientation],
            leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=info.title, author=info.header or CREATOR, subject=info.subject or info.title,
            creator=CREATOR, producer=CREATOR, initialFontName=FONT,
        )
        order = [info.orientation] + [o for o in PAGE_SIZES if o != info.orientation]
        templates = []
        for orientation in order:
            w, h = PAGE_SIZES[orientation]
            frame = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=orientation)
            templates.append(PageTemplate(id=orientation, frames=[frame], pagesize=(w, h)))
        self.addPageTemplates(templates)
        self.page_refs = page_refs

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, TocHeading):
            self.canv.bookmarkPage(flowable.toc_key)
            self.canv.addOutlineEntry(flowable.toc_text, flowable.toc_key, flowable.toc_level)
            self.page_refs[flowable.toc_key] = self.page


def render(path: Path, story: list[Flowable], info: DocInfo) -> int:
    """Lay ``story`` out into the PDF at ``path`` (one pass) and return its page count."""
    register_font()
    counter = [0]
    page_refs: dict[str, int] = {}

    def write(tmp: Path) -> None:
        doc = _DocTemplate(str(tmp), info, page_refs)
        doc.build(list(story), canvasmaker=_numbered_canvas(info, counter, page_refs))

    atomic_write(Path(path), write=write)
    return counter[0]
