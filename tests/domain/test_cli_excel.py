"""``import-xlsx`` and ``export-xlsx``: one JSON object, one line of error, real workbooks.

The exported workbooks are opened by LibreOffice headless and converted to CSV there, so they
are checked as a spreadsheet program reads them, not only as openpyxl wrote them.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.db.database import Database
from app.printing.xlsx import DATE, MONEY, TEXT, SheetData, write_workbook
from app.services.registry import RegistryService

from .helpers import count_rows
from .workbooks import ID_1, ID_2, member_rows, members_workbook

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (Debian's libreoffice-calc-nogui) is not installed: exports cannot be opened")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db_file(db: Database, registry: RegistryService) -> str:
    assert db.path is not None
    for name in ("第一党小组", "第二党小组"):
        registry.create("party_group", {"name": name, "kind": "ordinary"})
    return str(db.path)


def _soffice_csv(path: Path, tmp_path: Path) -> list[list[str]]:
    out = tmp_path / "csv"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    with (out / f"{path.stem}.csv").open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_import_prints_counts_and_errors_with_the_row_the_spreadsheet_shows(
        db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = member_rows()
    rows[2][4] = "1958.02.30"
    path = members_workbook(tmp_path / "花名册.xlsx", rows)
    code, out, _ = _run(capsys, "--db", db_file, "import-xlsx", "--kind", "party_member", str(path),
                        "--dry-run")
    assert code == 0
    assert json.loads(out) == {"imported": 3, "updated": 0, "skipped": 0,
                               "errors": [{"row": 7, "column": "出生日期", "reason": "bad_date"}]}
    assert count_rows(Path(db_file), "party_member") == 0

    errors = tmp_path / "错误.xlsx"
    code, out, _ = _run(capsys, "--db", db_file, "import-xlsx", "--kind", "party_member", str(path),
                        "--sheet", "党员名册", "--errors-out", str(errors))
    assert code == 0 and json.loads(out)["imported"] == 3
    ws = load_workbook(errors).active
    assert ws is not None
    refused = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(refused) == 1 and refused[0][1] == "王德明" and refused[0][-2] == "出生日期: bad_date"

    code, out, _ = _run(capsys, "--db", db_file, "import-xlsx", "--kind", "party_member", str(path))
    assert json.loads(out)["skipped"] == 3 and json.loads(out)["imported"] == 0


def test_create_missing_creates_the_party_groups(
        db: Database, registry: RegistryService, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = members_workbook(tmp_path / "m.xlsx")
    argv = ["--db", str(db.path), "import-xlsx", "--kind", "party_member", str(path)]
    code, out, _ = _run(capsys, *argv)
    assert code == 0 and json.loads(out)["imported"] == 0
    assert {e["reason"] for e in json.loads(out)["errors"]} == {"ref_not_found"}
    code, out, _ = _run(capsys, *argv, "--create-missing")
    assert json.loads(out)["imported"] == 4 and count_rows(db.path, "party_group") == 2


@pytest.mark.parametrize(("content", "message"), [
    (b"PK\x03\x04 broken", "not a workbook this program reads"),
    (None, "file not found"),
])
def test_a_file_that_cannot_be_read_is_one_line_and_a_failure(
        db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None,
        message: str) -> None:
    path = tmp_path / "m.xlsx"
    if content is not None:
        path.write_bytes(content)
    code, out, err = _run(capsys, "--db", db_file, "import-xlsx", "--kind", "party_member", str(path))
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and message in err


def test_a_sheet_that_is_not_there(db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = members_workbook(tmp_path / "m.xlsx")
    code, _, err = _run(capsys, "--db", db_file, "import-xlsx", "--kind", "party_member", str(path),
                        "--sheet", "Sheet9")
    assert code != 0 and "no sheet named 'Sheet9'" in err


def _imported(db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = members_workbook(tmp_path / "in.xlsx")
    assert _run(capsys, "--db", db_file, "import-xlsx", "--kind", "party_member", str(path))[0] == 0


def test_export_has_a_title_a_frozen_styled_header_dates_and_masked_personal_data(
        db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _imported(db_file, tmp_path, capsys)
    out = tmp_path / "党员.xlsx"
    code, stdout, _ = _run(capsys, "--db", db_file, "export-xlsx", "--kind", "party_member",
                           "--out", str(out))
    assert code == 0 and "(4 rows)" in stdout
    ws = load_workbook(out).active
    assert ws is not None
    assert str(ws["A1"].value).startswith("党员名册") and ws.freeze_panes == "A3"
    header = [c.value for c in ws[2]]
    assert header[:3] == ["姓名", "性别", "出生日期"] and ws["A2"].font.bold
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    zhang = rows["张建国"]
    assert zhang[2].value == datetime(1965, 3, 12) and zhang[2].number_format == "yyyy-mm-dd"
    id_col = header.index("身份证号")
    assert zhang[id_col].value == ID_1[:4] + "*" * 10 + ID_1[-4:]
    assert ws.column_dimensions["J"].width >= 18

    full = tmp_path / "full.xlsx"
    _run(capsys, "--db", db_file, "export-xlsx", "--kind", "party_member", "--out", str(full), "--full")
    ws = load_workbook(full).active
    assert ws is not None
    li = {r[0].value: r for r in ws.iter_rows(min_row=3)}["李秀英"]
    assert li[id_col].value == ID_2 and li[id_col].data_type == "s" and li[id_col].number_format == "@"


@pytest.mark.slow
@needs_soffice
def test_libreoffice_reads_the_export_as_written(
        db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _imported(db_file, tmp_path, capsys)
    out = tmp_path / "export.xlsx"
    _run(capsys, "--db", db_file, "export-xlsx", "--kind", "party_member", "--out", str(out), "--full")
    rows = _soffice_csv(out, tmp_path)
    assert rows[0][0].startswith("党员名册")
    assert rows[1][:5] == ["姓名", "性别", "出生日期", "类别", "入党日期"]
    by_name = {r[0]: r for r in rows[2:]}
    assert set(by_name) == {"张建国", "李秀英", "王德明", "赵丽"}
    zhang = by_name["张建国"]
    assert zhang[1:5] == ["男", "1965-03-12", "正式党员", "1988-07-01"]
    assert ID_1 in zhang and "13804361234" in zhang  # every digit, not 2.2088E+17


@pytest.mark.slow
@needs_soffice
def test_money_and_dates_are_numbers_libreoffice_formats(tmp_path: Path) -> None:
    path = tmp_path / "money.xlsx"
    write_workbook(path, [SheetData("经费", "经费台账", ["日期", "摘要", "金额（元）"], [DATE, TEXT, MONEY],
                                    [[date(2024, 3, 5), "办公用品", Decimal("1234.5")],
                                     [date(2024, 12, 31), "合计", Decimal("0.25")]])])
    rows = _soffice_csv(path, tmp_path)
    assert rows[2] == ["2024-03-05", "办公用品", "1,234.50"]
    assert rows[3] == ["2024-12-31", "合计", "0.25"]


def test_whole_database_export_has_one_sheet_per_kind(
        db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _imported(db_file, tmp_path, capsys)
    out = tmp_path / "all.xlsx"
    code, _, _ = _run(capsys, "--db", db_file, "export-xlsx", "--all", "--out", str(out))
    assert code == 0
    wb = load_workbook(out)
    assert {"党员名册", "党小组台账", "小区台账", "楼栋台账"} <= set(wb.sheetnames)
    members = wb["党员名册"]
    assert members.max_row == 2 + 4
    ledgers = {"会议活动", "民生诉求", "书记项目", "经费收支明细", "培训记录", "节假日与调休"}
    assert ledgers <= set(wb.sheetnames)
    # Every sheet says in Chinese what it holds and what each column is; no field keys.
    for ws in wb.worksheets:
        title, *_ = next(ws.iter_rows(min_row=1, max_row=1, values_only=True))
        headers = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
        assert re.search(r"[\u4e00-\u9fff]", str(title)), ws.title
        assert all(h and re.search(r"[\u4e00-\u9fff]", str(h)) for h in headers), (ws.title, headers)


def test_export_of_an_unknown_kind_is_refused(db_file: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--db", db_file, "export-xlsx", "--kind", "nope", "--out",
                        str(tmp_path / "x.xlsx"))
    assert code != 0 and "unknown ledger kind: nope" in err and not (tmp_path / "x.xlsx").exists()


def test_import_of_an_appeals_ledger_from_the_command_line(
        db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .test_appeal_import import appeal_rows, appeals_workbook

    rows = appeal_rows()
    rows[0][1] = "2024.02.30"
    path = appeals_workbook(tmp_path / "诉求台账.xlsx", rows)
    code, out, _ = _run(capsys, "--db", db_file, "import-xlsx", "--kind", "appeal", str(path),
                        "--create-missing")
    assert code == 0
    assert json.loads(out) == {"imported": 4, "updated": 0, "skipped": 0,
                               "errors": [{"row": 4, "column": "受理时间", "reason": "bad_datetime"}]}
    assert count_rows(Path(db_file), "appeal") == 4
    assert count_rows(Path(db_file), "compound", "name = '阳光小区'") == 1  # created when asked
    code, out, _ = _run(capsys, "--db", db_file, "import-xlsx", "--kind", "appeal", str(path))
    assert json.loads(out)["skipped"] == 4 and count_rows(Path(db_file), "appeal") == 4
