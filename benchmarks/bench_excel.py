"""Spreadsheets: importing 10,000 members and exporting 100,000 rows, next to the raw reader and writer.

Usage: ``.venv/bin/python benchmarks/bench_excel.py [--members N] [--export-rows N]``

The import's baseline is calamine reading the same file into Python values; the import reads it
the same way, then finds the header, checks every row with the registry's validation, looks for
duplicates and writes the rows in one transaction through the service and the change log. The
export's baseline is openpyxl's write-only mode writing the same rows as plain values; the export
reads them with the members list's query and writes the title, the styled header and formatted
dates. Everything runs in one process on a fresh database in a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import print_table  # noqa: E402


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国秀英德明丽华军平芳强伟敏静磊洋艳勇杰娟涛超"


def member_rows(n: int) -> list[list[Any]]:
    from app.services.identity import make_id_number

    rows: list[list[Any]] = []
    for i in range(n):
        born = date(1940, 1, 1) + timedelta(days=(i * 37) % 20000)
        joined = born + timedelta(days=365 * 20 + (i % 3000))
        male = i % 2 == 0
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 20) % len(GIVEN)] + GIVEN[(i // 400) % len(GIVEN)]
        forms = (f"{born:%Y.%m.%d}", f"{born.year}年{born.month}月{born.day}日", born, f"{born:%Y/%m/%d}")
        rows.append([i + 1, name, "男" if male else "女", "汉族", forms[i % 4], joined,
                     make_id_number("220802", born, (i % 499) * 2 + (1 if male else 0)),
                     f"139{i:08d}", f"第{i % 12 + 1}党小组"])
    return rows


def write_members(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党员名册")
    ws.append(["幸福社区党员花名册"])
    ws.append(["序号", "姓名", "性别", "民族", "出生日期", "入党时间", "身份证号", "联系电话", "所在党小组"])
    for row in member_rows(n):
        ws.append(row)
    ws.append(["合计", f"共{n}人"])
    wb.save(str(path))


def new_ledger(path: Path) -> Any:
    from app.db.database import Database
    from app.services.registry import RegistryService

    db = Database.open(path)
    svc = RegistryService(db)
    svc.create_community({"code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
                          "city": "白城市", "org_kind": "committee"})
    for i in range(12):
        svc.create("party_group", {"name": f"第{i + 1}党小组", "kind": "ordinary"})
    return db


def bench_import(folder: Path, n: int) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    from app.services.importing import apply_import, plan_import
    from app.services.spreadsheet import read_sheet

    book = folder / "members.xlsx"
    write_members(book, n)
    raw_wall, raw_cpu, raw_rows = _timed(
        lambda: CalamineWorkbook.from_path(str(book)).get_sheet_by_index(0).to_python())
    db = new_ledger(folder / "import.sqlite")
    try:
        read_wall, read_cpu, sheet = _timed(lambda: read_sheet(book))
        plan_wall, plan_cpu, plan = _timed(lambda: plan_import(db, "party_member", sheet))
        apply_wall, apply_cpu, result = _timed(lambda: apply_import(db, plan))
        total = read_wall + plan_wall + apply_wall
        total_cpu = read_cpu + plan_cpu + apply_cpu
        assert result.imported == n, (result.imported, result.errors[:3])
        again_wall, _c, again = _timed(
            lambda: apply_import(db, plan_import(db, "party_member", read_sheet(book))))
        assert again.skipped == n and again.imported == 0
    finally:
        db.close()
    data_rows = len(raw_rows) - 3
    return [
        [f"import {n:,} members (.xlsx): read + header + validation + duplicates + one transaction",
         f"{total:.2f} s ({n / total:,.0f} rows/s, CPU {total_cpu:.2f} s)",
         f"calamine read of the same file: {raw_wall:.3f} s ({data_rows / raw_wall:,.0f} rows/s, "
         f"CPU {raw_cpu:.3f} s)",
         f"{raw_wall / total:.1%} of raw read speed (CPU: {raw_cpu / total_cpu:.1%})"],
        ["  of which: read / check every row / write",
         f"{read_wall:.2f} / {plan_wall:.2f} / {apply_wall:.2f} s "
         f"(CPU {read_cpu:.2f} / {plan_cpu:.2f} / {apply_cpu:.2f} s)", "", ""],
        [f"import the same file again (all {n:,} unchanged, nothing written)",
         f"{again_wall:.2f} s ({n / again_wall:,.0f} rows/s)", "", ""],
    ]


def bench_export(folder: Path, n: int) -> list[list[str]]:
    from openpyxl import Workbook

    from app.models import PartyMember
    from app.printing.xlsx import registry_sheet, write_workbook
    from app.sync.changes import ChangeLog

    db = new_ledger(folder / "export.sqlite")
    try:
        community = db.community_id
        with db.session() as session:
            rows = member_rows(n)
            ChangeLog(db, session).bulk_created(PartyMember, (
                {"community_id": community, "name": r[1], "gender": "male" if r[2] == "男" else "female",
                 "birth_date": r[5] - timedelta(days=365 * 20), "join_date": r[5], "status": "full",
                 "id_number": r[6], "phone": r[7], "ethnicity": "汉族", "in_service": False}
                for r in rows))
        out = folder / "export.xlsx"
        wall, cpu, written = _timed(lambda: write_workbook(out, [registry_sheet(db, "party_member",
                                                                                full=True)]))
        assert written == n
        plain = registry_sheet(db, "party_member", full=True)
        values = [list(r) for r in plain.rows]

        def raw() -> None:
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("raw")
            for row in values:
                ws.append(row)
            wb.save(str(folder / "raw.xlsx"))

        raw_wall, raw_cpu, _r = _timed(raw)
    finally:
        db.close()
    return [[f"export {n:,} members (.xlsx): list query + title + styled header + formats + widths",
             f"{wall:.2f} s ({n / wall:,.0f} rows/s, CPU {cpu:.2f} s)",
             f"openpyxl write-only, same values, no styles: {raw_wall:.2f} s ({n / raw_wall:,.0f} rows/s, "
             f"CPU {raw_cpu:.2f} s)", f"{raw_wall / wall:.1%} of raw write speed"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--export-rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = bench_import(folder, args.members) + bench_export(folder, args.export_rows)
    print_table(["what", "Community Ledger", "baseline in the same run", "ratio"], rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
