"""Reading sheets: the header below a title, two-row headers, totals lines, dates as people type them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from app.services.errors import DomainError
from app.services.fields import Field, Kind, clean
from app.services.import_layout import date_input, find_layout, is_totals, text_input
from app.services.spreadsheet import read_sheet, sheet_names

from .workbooks import members_workbook

ALIASES = {"name": ("姓名",), "gender": ("性别",), "ethnicity": ("民族",), "birth_date": ("出生日期",),
           "join_date": ("入党时间",), "id_number": ("身份证号", "公民身份号码"), "phone": ("手机号",),
           "party_group": ("所在党小组",)}


def test_the_header_is_found_below_the_title_and_the_two_row_header_names_both_dates(tmp_path: Path) -> None:
    sheet = read_sheet(members_workbook(tmp_path / "m.xlsx"))
    layout = find_layout(sheet, ALIASES)
    assert layout is not None
    assert sheet.row_number(layout.data_start) == 5
    fields = layout.columns.fields
    assert [fields.get(i) for i in range(9)] == [
        None, "name", "gender", "ethnicity", "birth_date", "join_date", "id_number", "phone", "party_group"]
    assert sheet.rows[0][8] == "幸福社区党员花名册"  # the merged title fills its whole area


def test_a_two_row_header_without_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    text = "姓名,时间,,公民身份号码\n,出生日期,入党时间,\n张三,1960.1.1,1990.1.1,\n"
    path.write_text(text, encoding="utf-8")
    sheet = read_sheet(path)
    layout = find_layout(sheet, ALIASES)
    assert layout is not None and layout.header_rows == (0, 1) and layout.data_start == 2
    assert layout.columns.fields == {0: "name", 1: "birth_date", 2: "join_date", 3: "id_number"}
    assert layout.columns.headers == ["姓名", "时间/出生日期", "入党时间", "公民身份号码"]


@pytest.mark.parametrize("typed", ["1965.03.12", "1965年3月12日", "1965-3-12", "1965/03/12", "19650312",
                                   date(1965, 3, 12), datetime(1965, 3, 12), 23813, 23813.0, "23813"])
def test_dates_in_every_usual_form(typed: object) -> None:
    value, error = clean(Field("birth_date", Kind.DATE), date_input(typed))  # type: ignore[arg-type]
    assert error is None and value == date(1965, 3, 12)


@pytest.mark.parametrize("typed", ["1980.02.30", "1980年13月1日", "2023-02-29", "十月"])
def test_impossible_dates_are_errors(typed: str) -> None:
    _value, error = clean(Field("birth_date", Kind.DATE), date_input(typed))
    assert error is not None and error.code == "bad_date"


def test_numbers_typed_into_text_columns_keep_their_digits() -> None:
    assert text_input(13804361234.0) == "13804361234"
    assert text_input(" 张三 ") == "张三"


@pytest.mark.parametrize("row", [["合计", 12], ["", "总计："], ["共 35 人"], ["小计", None]])
def test_totals_lines(row: list[object]) -> None:
    assert is_totals(row)  # type: ignore[arg-type]


def test_a_name_is_no_totals_line() -> None:
    assert not is_totals(["合山", "男"])


def test_a_file_that_is_no_workbook_is_refused_in_one_code(tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(DomainError) as exc:
        read_sheet(path)
    assert exc.value.code == "file_unreadable"
    with pytest.raises(DomainError) as missing:
        read_sheet(members_workbook(tmp_path / "ok.xlsx"), "没有这一页")
    assert missing.value.code == "no_such_sheet"
    assert sheet_names(tmp_path / "ok.xlsx") == ["党员名册"]
