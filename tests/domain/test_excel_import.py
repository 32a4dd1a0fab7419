"""Importing party members and other records from workbooks and CSV files the way people make them."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.db.database import Database
from app.services.importing import (
    ImportResult,
    RowState,
    apply_import,
    plan_import,
    remember_mapping,
    sheet_layout,
    write_error_workbook,
)
from app.services.registry import RegistryService
from app.services.spreadsheet import read_sheet

from .helpers import count_rows
from .workbooks import ID_1, ID_2, ID_4, member_rows, members_workbook


@pytest.fixture
def groups(registry: RegistryService) -> dict[str, str]:
    return {name: registry.create("party_group", {"name": name, "kind": "ordinary"})
            for name in ("第一党小组", "第二党小组")}


def _members(registry: RegistryService) -> dict[str, dict[str, object]]:
    rows = registry.list_query("party_member").all_rows()
    out: dict[str, dict[str, object]] = {}
    for row in rows:
        out[row[1]] = registry.get("party_member", row[0])
    return out


def _import(db: Database, path: Path, kind: str = "party_member", *, create_missing: bool = False,
            update: bool = False, dry_run: bool = False) -> ImportResult:
    plan = plan_import(db, kind, read_sheet(path), create_missing=create_missing)
    return apply_import(db, plan, update=update, dry_run=dry_run)


def test_a_roster_with_title_merged_two_row_header_and_mixed_dates_imports(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path) -> None:
    path = members_workbook(tmp_path / "花名册.xlsx")
    result = _import(db, path)
    assert result.as_json() == {"imported": 4, "updated": 0, "skipped": 0, "errors": []}
    members = _members(registry)
    assert set(members) == {"张建国", "李秀英", "王德明", "赵丽"}
    zhang = members["张建国"]
    assert zhang["birth_date"] == date(1965, 3, 12) and zhang["join_date"] == date(1988, 7, 1)
    assert zhang["gender"] == "male" and zhang["id_number"] == ID_1 and zhang["phone"] == "13804361234"
    assert zhang["party_group_id"] == groups["第一党小组"]
    assert members["李秀英"]["birth_date"] == date(1972, 11, 5)
    assert members["李秀英"]["join_date"] == date(1995, 7, 1) and members["李秀英"]["ethnicity"] == "满族"
    assert members["王德明"]["join_date"] == date(1983, 7, 1)  # the Excel serial 30498
    assert members["赵丽"]["birth_date"] == date(1980, 6, 1)


def test_every_imported_member_is_in_the_outbox(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path) -> None:
    _import(db, members_workbook(tmp_path / "m.xlsx"))
    assert count_rows(db.path, "outbox", "table_name = 'party_member'") == 4


def test_importing_the_same_file_again_changes_nothing(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path) -> None:
    path = members_workbook(tmp_path / "m.xlsx")
    _import(db, path)
    before = count_rows(db.path, "outbox")
    again = _import(db, path)
    assert again.as_json() == {"imported": 0, "updated": 0, "skipped": 4, "errors": []}
    updated = _import(db, path, update=True)
    assert updated.as_json()["updated"] == 0
    assert count_rows(db.path, "outbox") == before


def test_a_changed_row_updates_the_member_only_when_asked(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path) -> None:
    _import(db, members_workbook(tmp_path / "m.xlsx"))
    rows = member_rows()
    rows[1][8] = "第一党小组"  # 李秀英 moved to another group
    path = members_workbook(tmp_path / "m2.xlsx", rows)
    skipped = _import(db, path)
    assert skipped.as_json()["skipped"] == 4
    assert _members(registry)["李秀英"]["party_group_id"] == groups["第二党小组"]
    result = _import(db, path, update=True)
    assert result.as_json() == {"imported": 0, "updated": 1, "skipped": 3, "errors": []}
    assert _members(registry)["李秀英"]["party_group_id"] == groups["第一党小组"]


def test_bad_rows_are_refused_with_reasons_and_nothing_else_changes(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path) -> None:
    rows = member_rows()
    rows[0][4] = "1980.02.30"  # no such day
    rows[1][6] = ID_2[:-1] + ("0" if ID_2[-1] != "0" else "1")  # a wrong check digit
    rows[2][8] = "第九党小组"  # no such group
    rows.append([5, "赵丽", "女", "汉族", "1980.06.01", "2003.07.01", ID_4, "", "第一党小组"])
    path = members_workbook(tmp_path / "m.xlsx", rows)
    plan = plan_import(db, "party_member", read_sheet(path))
    result = apply_import(db, plan)
    errors = {(e["row"], e["column"], e["reason"]) for e in result.as_json()["errors"]}
    assert errors == {(5, "出生日期", "bad_date"), (6, "身份证号", "id_checksum"),
                      (7, "所在党小组", "ref_not_found"), (9, "身份证号", "duplicate_in_file")}
    assert result.imported == 1 and set(_members(registry)) == {"赵丽"}

    out = tmp_path / "错误行.xlsx"
    assert write_error_workbook(plan, out, lambda e: f"{e.column}：{e.code}") == 4
    ws = load_workbook(out).active
    assert ws is not None
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    assert values[0][-2:] == ["错误原因", "原行号"] and values[0][1] == "姓名"
    assert [r[1] for r in values[1:]] == ["张建国", "李秀英", "王德明", "赵丽"]
    assert values[1][-2] == "出生日期：bad_date" and values[1][-1] == 5
    assert values[2][6] == rows[1][6]  # the ID number kept as text, digit for digit


def test_missing_party_groups_are_errors_or_created_when_asked(
        db: Database, registry: RegistryService, tmp_path: Path) -> None:
    path = members_workbook(tmp_path / "m.xlsx")
    refused = _import(db, path)
    assert refused.imported == 0 and len(refused.errors) == 4
    assert count_rows(db.path, "party_member") == 0
    created = _import(db, path, create_missing=True)
    assert created.imported == 4
    assert {name for _id, name in registry.options("party_group")} == {"第一党小组", "第二党小组"}
    assert count_rows(db.path, "outbox", "table_name = 'party_group'") == 2


def test_dry_run_counts_without_writing(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path) -> None:
    before = count_rows(db.path, "outbox")
    result = _import(db, members_workbook(tmp_path / "m.xlsx"), dry_run=True)
    assert result.imported == 4
    assert count_rows(db.path, "outbox") == before and count_rows(db.path, "party_member") == 0


def test_a_gbk_csv_with_name_and_birth_date_duplicates(
        db: Database, registry: RegistryService, tmp_path: Path) -> None:
    text = ("姓名,性别,出生日期,入党时间,联系电话\r\n"
            "刘洋,男,1970-1-2,1995.07.01,13800000001\r\n"
            "陈静,女,1975年2月3日,2000-07-01,\r\n"
            "刘洋,男,1970/01/02,1996.07.01,\r\n"
            ",,,,\r\n"
            "合计：2人,,,,\r\n")
    path = tmp_path / "党员.csv"
    path.write_bytes(text.encode("gbk"))
    result = _import(db, path)
    assert result.imported == 2
    assert [(e.row, e.code) for e in result.errors] == [(4, "duplicate_in_file")]
    assert _members(registry)["陈静"]["birth_date"] == date(1975, 2, 3)


def test_utf8_csv_with_and_without_bom(db: Database, registry: RegistryService, tmp_path: Path) -> None:
    body = "姓名,性别,入党时间\n孙明,男,1990.07.01\n"
    (tmp_path / "a.csv").write_bytes(body.encode("utf-8-sig"))
    (tmp_path / "b.csv").write_bytes(body.replace("孙明", "周平").encode("utf-8"))
    assert _import(db, tmp_path / "a.csv").imported == 1
    assert _import(db, tmp_path / "b.csv").imported == 1
    assert set(_members(registry)) == {"孙明", "周平"}


def test_compounds_and_buildings_import_and_create_their_compound(
        db: Database, registry: RegistryService, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["小区台账"])
    ws.append(["小区名称", "地址", "户数", "楼栋数"])
    ws.append(["阳光小区", "幸福路1号", 320, 6])
    ws.append(["合计", None, 320, 6])
    wb.save(tmp_path / "c.xlsx")
    assert _import(db, tmp_path / "c.xlsx", "compound").imported == 1
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["小区", "楼号", "单元数", "层数", "楼栋长"])
    ws.append(["阳光小区", "1号楼", 3, 6, "钱进"])
    ws.append(["花园小区", "2", 2, 18, None])
    wb.save(tmp_path / "b.xlsx")
    refused = _import(db, tmp_path / "b.xlsx", "building")
    assert refused.imported == 1 and refused.errors[0].code == "ref_not_found"
    again = _import(db, tmp_path / "b.xlsx", "building", create_missing=True)
    assert (again.imported, again.skipped) == (1, 1)
    labels = sorted(label for _id, label in registry.options("building"))
    assert labels == ["花园小区 2", "阳光小区 1号楼"]


def test_members_find_their_building_by_compound_and_number(
        db: Database, registry: RegistryService, tmp_path: Path) -> None:
    compound = registry.create("compound", {"name": "阳光小区"})
    building = registry.create("building", {"compound_id": compound, "number": "3"})
    path = tmp_path / "m.csv"
    path.write_text("姓名,性别,入党时间,小区,楼栋\n吴刚,男,1990.07.01,阳光小区,3号楼\n", encoding="utf-8")
    assert _import(db, path).imported == 1
    member = _members(registry)["吴刚"]
    assert member["building_id"] == building and member["compound_id"] == compound


def test_a_corrected_mapping_is_remembered_for_the_same_layout(
        db: Database, registry: RegistryService, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("姓名,性别,入党时间,备注电话\n郑华,女,1990.07.01,13900000002\n", encoding="utf-8")
    sheet = read_sheet(path)
    layout = sheet_layout(db, "party_member", sheet)
    assert 3 not in layout.columns.fields
    remember_mapping(db, "party_member", layout.columns.headers, {**layout.columns.fields, 3: "phone"})
    _import(db, path)
    assert _members(registry)["郑华"]["phone"] == "13900000002"


def test_the_planned_rows_say_new_or_same(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path) -> None:
    path = members_workbook(tmp_path / "m.xlsx")
    plan = plan_import(db, "party_member", read_sheet(path))
    assert [r.state for r in plan.rows] == [RowState.NEW] * 4 and plan.ignored == [10]
    apply_import(db, plan)
    again = plan_import(db, "party_member", read_sheet(path))
    assert [r.state for r in again.rows] == [RowState.SAME] * 4


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (libreoffice-calc-nogui) is not installed: no .xls can be made")
@pytest.mark.parametrize("suffix", [".xls", ".et", ".ods"])
def test_xls_made_by_libreoffice_and_the_same_as_a_wps_et_file(
        db: Database, registry: RegistryService, groups: dict[str, str], tmp_path: Path,
        suffix: str) -> None:
    source = members_workbook(tmp_path / "m.xlsx")
    target = "ods" if suffix == ".ods" else "xls"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", target, "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    made = tmp_path / f"m.{target}"
    path = made.rename(tmp_path / f"m{suffix}")
    result = _import(db, path)
    assert result.as_json() == {"imported": 4, "updated": 0, "skipped": 0, "errors": []}
    assert _members(registry)["王德明"]["join_date"] == date(1983, 7, 1)


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("gbk"))
    return path


def test_committees_and_their_members_organs_cadres_units_and_training(
        db: Database, registry: RegistryService, tmp_path: Path) -> None:
    registry.create("compound", {"name": "阳光小区"})
    steps = [
        ("homeowner_committee", "小区,成立日期,本届任期开始,本届任期届满\n"
                                "阳光小区,2018.5.1,2021.5.1,2026.4.30\n"),
        ("homeowner_committee_member", "小区,姓名,职务,是否党员,联系电话\n阳光小区,钱芳,主任,是,13900000003\n"
                                       "阳光小区,孙强,委员,否,\n"),
        ("organ", "单位名称,联系人,联系电话\n区民政局,马军,0436-3211234\n"),
        ("cadre", "所在单位,姓名,职务,是否党员\n区民政局,马军,科长,是\n"),
        ("resident_unit", "单位名称,单位类型,联系人\n第三中学,学校,胡老师\n"),
        ("part_time_member", "姓名,所在单位,职务\n胡明,第三中学,副校长\n"),
        ("property_company", "公司名称,联系人\n安居物业,周经理\n"),
        ("training_record", "姓名,职务,培训内容,学时,培训日期,组织单位\n"
                            "张建国,书记,党章学习,2.5,2024年3月5日,街道党工委\n"),
    ]
    for kind, text in steps:
        path = _csv(tmp_path, f"{kind}.csv", text)
        result = _import(db, path, kind)
        assert (kind, result.errors) == (kind, [])
        assert result.imported >= 1
        assert _import(db, path, kind).as_json()["imported"] == 0  # the second time changes nothing
    committee = registry.list_query("homeowner_committee").all_rows()[0]
    assert registry.get("homeowner_committee", committee[0])["term_end"] == date(2026, 4, 30)
    members = {r[2]: r for r in registry.list_query("homeowner_committee_member").all_rows()}
    assert set(members) == {"钱芳", "孙强"} and members["钱芳"][4] is True
    assert "马军" in registry.list_query("cadre").all_rows()[0]
    units = registry.list_query("resident_unit").all_rows()
    assert units[0][1:3] == ("第三中学", "school")
    training = registry.get("training_record", registry.list_query("training_record").all_rows()[0][0])
    assert training["trained_on"] == date(2024, 3, 5) and str(training["hours"]) == "2.5"


def test_a_cadre_of_an_unknown_organ_is_refused(
        db: Database, registry: RegistryService, tmp_path: Path) -> None:
    path = _csv(tmp_path, "c.csv", "所在单位,姓名\n没有的局,马军\n")
    result = _import(db, path, "cadre", create_missing=True)
    assert [(e.row, e.column, e.code) for e in result.errors] == [(2, "所在单位", "ref_not_found")]
