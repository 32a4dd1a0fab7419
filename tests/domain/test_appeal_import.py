"""Importing the appeals ledger (诉求办理台账) a secretary already keeps in Excel or WPS."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.db.database import Database
from app.models.ledgers import Appeal
from app.services import journal
from app.services.appeals import AppealService
from app.services.importing import ImportResult, apply_import, plan_import, write_error_workbook
from app.services.registry import RegistryService
from app.services.spreadsheet import read_sheet

from .helpers import count_rows

HEADER = ["序号", "受理时间", "诉求来源", "诉求人", "联系电话", "小区", "诉求类别", "诉求内容",
          "承办单位", "办理结果", "办结时间", "回访结果"]


def appeal_rows() -> list[list[Any]]:
    """Five appeals at every stage, dates typed as people type them."""
    return [
        [1, "2024.03.05", "12345热线", "刘大妈", 13804361234, "阳光小区", "求助",
         "3号楼楼道灯坏了", None, None, None, None],
        [2, "2024年3月6日", "来访", "陈先生", "13904365678", "阳光小区", "投诉",
         "夜间施工噪音扰民", "第一党小组", None, None, None],
        [3, datetime(2024, 3, 7, 9, 30), "网格员", "王阿姨", None, None, "建议",
         "小区门口增设非机动车停放点", "城管中队", "已协调设置停车区", "2024-3-12", None],
        [4, 45361, "微信", "赵师傅", "", "阳光小区", "咨询",  # 45361: the Excel serial of 2024-03-10
         "低保申请需要什么材料", "社区民政专干", "已电话告知所需材料", "2024/03/11", "满意"],
        [5, "2024-03-11 14:20", "电话", "孙女士", None, None, "求助",
         "独居老人需要定期探访", "第一党小组", "已安排党员结对帮扶", "2024年3月15日", "基本满意"],
    ]


def appeals_workbook(path: Path, rows: list[list[Any]] | None = None) -> Path:
    """A ledger with a merged title row, a unit line, and a totals line and blank rows below."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "诉求台账"
    ws.append(["幸福社区2024年民生诉求办理台账"])
    ws.merge_cells("A1:L1")
    ws.append(["填报单位：幸福社区党委", None, None, None, None, None, None, None, None, None, "2024年3月"])
    ws.append(HEADER)
    body = rows if rows is not None else appeal_rows()
    for row in body:
        ws.append(row)
    ws.append([None] * 12)
    ws.append(["合计", f"共{len(body)}件"])
    ws.append([None] * 12)
    wb.save(path)
    return path


@pytest.fixture
def places(registry: RegistryService) -> dict[str, str]:
    return {"阳光小区": registry.create("compound", {"name": "阳光小区"}),
            "第一党小组": registry.create("party_group", {"name": "第一党小组", "kind": "ordinary"})}


def _import(db: Database, path: Path, *, update: bool = False) -> ImportResult:
    return apply_import(db, plan_import(db, "appeal", read_sheet(path)), update=update)


def _appeals(db: Database) -> dict[str, Any]:
    service = AppealService(db)
    with db.session() as session:
        ids = list(session.scalars(select(Appeal.id).where(Appeal.deleted_at.is_(None))))
    return {view.resident_name: view for view in (service.get(i) for i in ids)}


def test_an_appeals_ledger_imports_each_appeal_in_the_state_its_columns_tell(
        db: Database, places: dict[str, str], tmp_path: Path) -> None:
    result = _import(db, appeals_workbook(tmp_path / "诉求台账.xlsx"))
    assert result.as_json() == {"imported": 5, "updated": 0, "skipped": 0, "errors": []}
    appeals = _appeals(db)
    liu, chen, wang, zhao, sun = (appeals[n] for n in ("刘大妈", "陈先生", "王阿姨", "赵师傅", "孙女士"))
    assert liu.state == "received" and liu.channel == "hotline" and liu.category == "help"
    assert liu.received_at == datetime(2024, 3, 5) and liu.resident_phone == "13804361234"
    assert chen.state == "handling" and chen.assignee_kind == "party_group"
    assert chen.assignee_name == "第一党小组" and chen.deadline is not None
    assert chen.received_at == datetime(2024, 3, 6)
    assert wang.state == "closed" and wang.assignee_kind == "department" and wang.reply == "已协调设置停车区"
    assert wang.received_at == datetime(2024, 3, 7, 9, 30)
    assert zhao.state == "visited" and zhao.visit_result == "satisfied" and zhao.channel == "app"
    assert zhao.received_at == datetime(2024, 3, 10)
    assert sun.state == "visited" and sun.visit_result == "mostly"
    assert sorted(a.number for a in appeals.values()) == [f"2024-0000{n}" for n in range(1, 6)]
    # Each appeal tells in its trail that it came from the workbook.
    assert [e.step for e in AppealService(db).events(wang.id)] == ["import"]
    rates = AppealService(db).rates()
    counts = (rates.received, rates.responded, rates.resolved, rates.visited, rates.satisfied)
    assert counts == (5, 4, 3, 2, 2)
    assert count_rows(db.path, "outbox", "table_name = 'appeal'") == 5
    # The appeal service numbers the next appeal after the imported ones.
    new = AppealService(db).receive({"category": "help", "content": "新的诉求",
                                     "received_at": datetime(2024, 3, 20, 10, 0)})
    assert AppealService(db).get(new).number == "2024-00006"


def test_importing_the_ledger_again_changes_nothing_and_a_later_ledger_updates(
        db: Database, places: dict[str, str], tmp_path: Path) -> None:
    path = appeals_workbook(tmp_path / "a.xlsx")
    _import(db, path)
    before = count_rows(db.path, "outbox")
    assert _import(db, path).as_json() == {"imported": 0, "updated": 0, "skipped": 5, "errors": []}
    assert _import(db, path, update=True).as_json()["skipped"] == 5
    assert count_rows(db.path, "outbox") == before
    # The secretary's next copy of the ledger: the appeal in handling has been resolved since.
    rows = appeal_rows()
    rows[1][9:11] = ["已协调施工方调整作业时间", "2024.03.08"]
    later = appeals_workbook(tmp_path / "b.xlsx", rows)
    assert _import(db, later).as_json() == {"imported": 0, "updated": 0, "skipped": 5, "errors": []}
    assert _import(db, later, update=True).as_json() == {"imported": 0, "updated": 1, "skipped": 4,
                                                        "errors": []}
    chen = _appeals(db)["陈先生"]
    assert chen.state == "closed" and chen.reply == "已协调施工方调整作业时间"


def test_bad_appeal_rows_are_refused_with_the_cell_and_why_and_nothing_else_changes(
        db: Database, places: dict[str, str], tmp_path: Path) -> None:
    rows = appeal_rows()
    rows[0][1] = "2024.02.30"  # no such day
    rows[1][6] = "闲聊"  # no such category
    rows[2][10] = "2024.03.01"  # resolved before it was received
    rows[3][9] = None  # resolved with no reply
    rows.append(list(rows[4]))  # the same appeal twice
    path = appeals_workbook(tmp_path / "a.xlsx", rows)
    plan = plan_import(db, "appeal", read_sheet(path))
    result = apply_import(db, plan)
    errors = {(e["row"], e["column"], e["reason"]) for e in result.as_json()["errors"]}
    assert errors == {(4, "受理时间", "bad_datetime"), (5, "诉求类别", "bad_choice"),
                      (6, "办结时间", "date_order"), (7, "办理结果", "required"),
                      (9, "诉求内容", "duplicate_in_file")}
    assert result.imported == 1 and set(_appeals(db)) == {"孙女士"}

    out = tmp_path / "退回的诉求.xlsx"
    assert write_error_workbook(plan, out, lambda e: f"{e.column}：{e.code}") == 5
    ws = load_workbook(out).active
    assert ws is not None
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    assert values[0][-2:] == ["错误原因", "原行号"] and values[0][3] == "诉求人"
    assert values[1][3] == "刘大妈" and values[1][-2] == "受理时间：bad_datetime" and values[1][-1] == 4


def test_an_appeals_import_is_one_undo_step(db: Database, places: dict[str, str], tmp_path: Path) -> None:
    with journal.recording() as changes:
        _import(db, appeals_workbook(tmp_path / "a.xlsx"))
    journal.revert(db, changes)
    assert _appeals(db) == {}
    assert count_rows(db.path, "appeal_event", "deleted_at IS NULL") == 0
    journal.reapply(db, changes)
    assert len(_appeals(db)) == 5


def test_numbers_the_ledger_gives_are_kept_and_name_the_same_appeal(
        db: Database, places: dict[str, str], tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["编号", "登记日期", "反映人", "反映问题", "问题类别"])
    ws.append(["2023-00017", "2023.11.02", "周大爷", "暖气不热", "求助"])
    ws.append([None, "2023.11.03", "吴女士", "垃圾清运不及时", "投诉"])
    wb.save(tmp_path / "a.xlsx")
    assert _import(db, tmp_path / "a.xlsx").imported == 2
    numbers = {a.resident_name: a.number for a in _appeals(db).values()}
    assert numbers == {"周大爷": "2023-00017", "吴女士": "2023-00018"}
    ws.cell(2, 4).value = "暖气不热，室温只有十二度"  # the same numbered appeal, its content corrected
    wb.save(tmp_path / "a.xlsx")
    assert _import(db, tmp_path / "a.xlsx", update=True).as_json()["updated"] == 1
    assert _appeals(db)["周大爷"].content == "暖气不热，室温只有十二度"


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_an_appeals_ledger_saved_by_wps_or_as_xls_imports_the_same(
        db: Database, places: dict[str, str], tmp_path: Path, suffix: str) -> None:
    source = appeals_workbook(tmp_path / "a.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    path = (tmp_path / "a.xls").rename(tmp_path / f"a{suffix}")
    assert _import(db, path).as_json() == {"imported": 5, "updated": 0, "skipped": 0, "errors": []}
    appeals = _appeals(db)
    assert appeals["赵师傅"].received_at == datetime(2024, 3, 10) and appeals["王阿姨"].state == "closed"


def test_a_gbk_csv_of_appeals(db: Database, places: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "诉求.csv"
    path.write_bytes("受理日期,来源,姓名,诉求内容,类别,紧急程度\n"
                     "2024-5-4,热线,钱先生,自来水管爆裂,求助,紧急\n"
                     "2024-5-5,网格上报,,楼道堆放杂物,建议,一般\n".encode("gbk"))
    assert _import(db, path).imported == 2
    appeals = {a.content: a for a in _appeals(db).values()}
    burst = appeals["自来水管爆裂"]
    assert burst.urgency == "emergency" and burst.received_at.date() == date(2024, 5, 4)
    assert appeals["楼道堆放杂物"].channel == "grid_worker" and appeals["楼道堆放杂物"].resident_name == ""
