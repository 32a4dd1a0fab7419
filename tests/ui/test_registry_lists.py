"""Each registry list driven like a secretary would: add with a mistake, fix it, edit, delete, undo."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.services.identity import make_id_number
from app.services.registry import RegistryService
from app.ui.main_window import MainWindow
from app.ui.views.record_list import RecordListView

from .helpers import answer_next_message_box, fill, visible_errors

pytestmark = pytest.mark.gui


@pytest.fixture
def seeded(registry: RegistryService) -> dict[str, str]:
    ids: dict[str, str] = {}
    ids["company"] = registry.create("property_company", {"name": "安居物业"})
    ids["compound"] = registry.create("compound", {"name": "幸福家园", "property_company_id": ids["company"]})
    ids["compound2"] = registry.create("compound", {"name": "锦绣华庭"})
    ids["building"] = registry.create("building", {"compound_id": ids["compound"], "number": "1号楼"})
    ids["group"] = registry.create("party_group", {"name": "第一党小组"})
    ids["committee"] = registry.create("homeowner_committee", {"compound_id": ids["compound"]})
    ids["unit"] = registry.create("resident_unit", {"name": "白城市第一中学", "kind": "school"})
    return ids


BORN = date(1975, 4, 9)
MEMBER_ID = make_id_number("220802", BORN, 123)  # odd sequence digit: male

# kind: (valid values, (field, bad value, words the error must contain), field to edit, edited text)
CASES: dict[str, tuple[dict[str, Any], tuple[str, Any, str], str, str]] = {
    "compound": ({"name": "阳光小区", "households": "240", "fee_standard": "0.35"},
                 ("households", "二百四", "整数"), "address", "幸福路18号"),
    "building": ({"compound_id": "@compound", "number": "9号楼", "floors": "6"},
                 ("floors", "0", "不能小于 1"), "leader_name", "王秀英"),
    "party_group": ({"name": "第二党小组", "kind": "building", "building_ids": ["@building"]},
                    ("building_ids", [], "至少要覆盖一栋楼"), "leader_name", "赵建国"),
    "party_member": ({"name": "张伟", "gender": "male", "birth_date": "1975-04-09", "join_date": "2001-07-01",
                      "id_number": MEMBER_ID, "party_group_id": "@group"},
                     ("id_number", MEMBER_ID[:-1] + ("0" if MEMBER_ID[-1] != "0" else "1"), "校验位"),
                     "employer", "白城市供电公司"),
    "homeowner_committee": ({"compound_id": "@compound2", "term_start": "2023-01-01",
                             "term_end": "2026-01-01"},
                            ("term_end", "2022-12-31", "须晚于“任期开始”"), "note", "换届选举已完成"),
    "homeowner_committee_member": ({"committee_id": "@committee", "name": "孙丽", "role": "委员"},
                                   ("name", "", "必填"), "phone", "13904361234"),
    "property_company": ({"name": "白城市宏达物业", "phone": "0436-3212345"},
                         ("phone", "12345", "电话号码格式不对"), "contact", "李明"),
    "red_property_branch": ({"name": "宏达物业红色物业党支部", "member_count": "5"},
                            ("member_count", "-1", "不能小于 0"), "secretary_name", "刘洋"),
    "resident_unit": ({"name": "洮北区人民医院", "kind": "hospital"},
                      ("name", "", "必填"), "contact", "陈静"),
    "part_time_member": ({"name": "周强", "resident_unit_id": "@unit", "post": "党委书记"},
                         ("phone", "abc", "电话号码格式不对"), "post", "党总支书记"),
}


def _resolve(values: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    def one(v: Any) -> Any:
        if isinstance(v, str) and v.startswith("@"):
            return ids[v[1:]]
        if isinstance(v, list):
            return [one(x) for x in v]
        return v
    return {k: one(v) for k, v in values.items()}


def _outbox(registry: RegistryService) -> int:
    assert registry.db.path is not None
    with sqlite3.connect(registry.db.path) as con:
        return int(con.execute("SELECT count(*) FROM outbox").fetchone()[0])


@pytest.mark.parametrize("kind", list(CASES))
def test_add_fix_edit_delete_undo(qtbot: QtBot, window: MainWindow, registry: RegistryService,
                                  seeded: dict[str, str], kind: str) -> None:
    valid, (bad_field, bad_value, words), edit_field, edit_text = CASES[kind]
    valid = _resolve(valid, seeded)
    view = window.open_page(kind)
    assert isinstance(view, RecordListView)
    rows_before = view.model.rowCount()
    outbox_before = _outbox(registry)

    # A mistake: the message is shown next to the field, in Chinese, and nothing is saved.
    dialog = view.add_dialog()
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form, {**valid, bad_field: bad_value})
    assert dialog.try_save() is False
    errors = visible_errors(dialog.form)
    assert bad_field in errors and words in errors[bad_field], errors
    assert view.model.rowCount() == rows_before
    assert _outbox(registry) == outbox_before

    # Fixed: saved, listed, selected, and queued in the outbox.
    fill(qtbot, dialog.form, {bad_field: valid.get(bad_field, "")} if bad_field in valid
         else {bad_field: ""})
    assert dialog.try_save() is True, visible_errors(dialog.form)
    assert view.model.rowCount() == rows_before + 1
    record_id = view.current_id()
    assert record_id is not None
    assert _outbox(registry) > outbox_before

    # Edit one field.
    edit = view.edit_dialog(record_id)
    qtbot.addWidget(edit)
    fill(qtbot, edit.form, {edit_field: edit_text})
    assert edit.try_save() is True
    assert registry.get(kind, record_id)[edit_field] == edit_text

    # Delete asks first; "No" keeps it.
    answer_next_message_box(QMessageBox.StandardButton.No)
    view.delete_current()
    assert view.model.rowCount() == rows_before + 1
    seen = answer_next_message_box(QMessageBox.StandardButton.Yes)
    view.delete_current()
    assert seen and "确定删除" in seen[0]
    assert view.model.rowCount() == rows_before

    # Ctrl+Z brings it back, then undoes the edit, then the add.
    window.action_undo.trigger()
    assert view.model.rowCount() == rows_before + 1
    window.action_undo.trigger()
    assert registry.get(kind, record_id)[edit_field] != edit_text
    window.action_undo.trigger()
    assert view.model.rowCount() == rows_before
    window.action_redo.trigger()
    assert view.model.rowCount() == rows_before + 1


def test_delete_refused_while_records_refer_to_it(qtbot: QtBot, window: MainWindow,
                                                  seeded: dict[str, str]) -> None:
    view = window.open_page("compound")
    assert isinstance(view, RecordListView)
    assert view.select_record(seeded["compound"])
    answer_next_message_box(QMessageBox.StandardButton.Yes)
    warning = answer_next_message_box(QMessageBox.StandardButton.Ok)
    view.delete_current()
    qtbot.waitUntil(lambda: bool(warning))
    assert "不能删除" in warning[0] and "楼栋" in warning[0]
    assert view.select_record(seeded["compound"])
