"""Workbooks made the way secretaries make them: a title row, merged header cells, dates typed in
every form, a totals line and blank rows at the end."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app.services.identity import make_id_number

ID_1 = make_id_number("220802", date(1965, 3, 12), 11)  # a man: odd sequence digit
ID_2 = make_id_number("220802", date(1972, 11, 5), 22)  # a woman
ID_3 = make_id_number("220802", date(1958, 1, 20), 31)
ID_4 = make_id_number("220802", date(1980, 6, 1), 42)


def member_rows() -> list[list[Any]]:
    """序号, 姓名, 性别, 民族, 出生日期, 入党时间, 身份证号, 手机号, 所在党小组."""
    return [
        [1, "张建国", "男", "汉族", "1965.03.12", datetime(1988, 7, 1), ID_1, 13804361234, "第一党小组"],
        [2, "李秀英", "女", "满族", "1972年11月5日", "1995-7-1", ID_2, "13904365678", "第二党小组"],
        [3, "王德明", "男", "汉族", datetime(1958, 1, 20), 30498, ID_3, None, "第一党小组"],
        [4, "赵丽", "女", "汉族", "1980/06/01", "2003/07/01", ID_4, "", "第二党小组"],
    ]


def members_workbook(path: Path, rows: list[list[Any]] | None = None, *, totals: bool = True) -> Path:
    """A roster with a merged title, a two-row header (时间 over 出生日期 / 入党时间)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "党员名册"
    ws.append(["幸福社区党员花名册"])
    ws.merge_cells("A1:I1")
    ws.append(["填报单位：幸福社区党委", None, None, None, None, None, "2024年3月"])
    ws.append(["序号", "姓名", "性别", "民族", "时间", None, "身份证号", "手机号", "所在党小组"])
    ws.append([None, None, None, None, "出生日期", "入党时间", None, None, None])
    for col in "ABCDGHI":
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("E3:F3")
    for row in rows if rows is not None else member_rows():
        ws.append(row)
        cell = ws.cell(ws.max_row, 7)
        cell.number_format = "@"
    if totals:
        ws.append([None] * 9)
        ws.append(["合计", f"共{len(rows or member_rows())}人"])
        ws.append([None] * 9)
        ws.append([None] * 9)
    wb.save(path)
    return path
