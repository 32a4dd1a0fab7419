"""Names in phone-book (pinyin) order on a real SQLite file: lists, windows of rows and pickers."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest
from pypinyin import Style, lazy_pinyin
from sqlalchemy import text

from app.db.collation import SURNAMES, compare, name_sort_key, sort_key
from app.db.database import Database
from app.services.identity import make_id_number
from app.services.kinds import record_kinds
from app.services.registry import RegistryService

from .helpers import building, compound, party_group

# Stored in code point order, which is not the order anyone expects.
MEMBERS = ["张伟", "王芳", "李明", "赵敏", "刘洋", "陈静", "Alice", "Li Ming", "zhang", "欧阳娜"]
PHONE_BOOK = ["Alice", "陈静", "Li Ming", "李明", "刘洋", "欧阳娜", "王芳", "zhang", "张伟", "赵敏"]


def _member(registry: RegistryService, name: str, i: int, **values: object) -> str:
    born = date(1960 + i, 1 + i % 12, 10)
    return registry.create("party_member", {
        "name": name, "gender": "female", "birth_date": born, "join_date": date(1990, 7, 1),
        "id_number": make_id_number("220802", born, 12 + 2 * i), "status": "full", **values,
    })


def _names(rows: list[tuple[object, ...]]) -> list[object]:
    return [r[1] for r in rows]


def test_surnames_sort_by_pinyin_not_by_code_point() -> None:
    names = ["张", "王", "李"]
    assert sorted(names) == ["张", "李", "王"]  # code points: U+5F20, U+674E, U+738B
    assert sorted(names, key=sort_key) == ["李", "王", "张"]  # li, wang, zhang


def test_one_surname_stays_together_and_tones_order_one_syllable() -> None:
    # 张 and 章 are both zhang1: each surname keeps its people together.
    assert sorted(["章安", "张伟", "张斌", "章程"], key=sort_key) == ["张斌", "张伟", "章安", "章程"]
    # 汪 wang1 before 王 wang2; 吕 lü after 卢 lu.
    assert sorted(["王安", "汪洋", "吕布", "卢布"], key=sort_key) == ["卢布", "吕布", "汪洋", "王安"]


def test_polyphonic_surnames_are_read_as_pypinyin_reads_each_character() -> None:
    names = ["曾国藩", "单田芳", "解放", "仇英", "查良镛", "朴树", "区志", "乐嘉"]
    by_reading = sorted(names, key=lambda n: ([lazy_pinyin(c, style=Style.TONE3) for c in n], n))
    assert sorted(names, key=sort_key) == by_reading
    assert sorted(names, key=sort_key)[:2] == ["曾国藩", "查良镛"]  # ceng, cha: pypinyin's readings
    # One character at a time, without pypinyin's phrase dictionary: 重庆路 files under zhong.
    assert sorted(["张三", "重庆路"], key=sort_key) == ["张三", "重庆路"]


def test_latin_letters_and_digits_sort_sensibly_among_chinese() -> None:
    names = ["张伟", "12号楼", "bob", "3号楼", "Alice", "李明", "Li Ming", "li", "Zhang Wei", "Ａlan"]
    assert sorted(names, key=sort_key) == [
        "3号楼", "12号楼", "Ａlan", "Alice", "bob", "li", "Li Ming", "李明", "Zhang Wei", "张伟",
    ]


def test_the_order_is_total_only_equal_texts_compare_equal() -> None:
    texts = ["李明", "李 明", "li", "Li", "LI", "", " ", "——", "12", "012", "李明 ", "𠀀"]
    for a in texts:
        for b in texts:
            assert (compare(a, b) == 0) == (a == b)
            assert compare(a, b) == -compare(b, a)


@pytest.mark.parametrize("order", ["value COLLATE PINYIN", "pinyin_key(value)"])
def test_every_connection_of_the_database_sorts_by_pinyin(db: Database, order: str) -> None:
    def query() -> list[str]:
        with db.engine.connect() as conn:
            return list(conn.execute(text(
                "SELECT value FROM (SELECT '张' AS value UNION ALL SELECT '王' UNION ALL SELECT '李'"
                f" UNION ALL SELECT NULL) ORDER BY {order}")).scalars())

    results: list[list[str]] = []
    worker = threading.Thread(target=lambda: results.append(query()))
    worker.start()
    worker.join()
    assert results == [[None, "李", "王", "张"]]
    db.engine.dispose()  # a fresh connection gets it too
    assert query() == [None, "李", "王", "张"]


def test_a_plain_sqlite3_connection_refuses_rather_than_misorders(db: Database) -> None:
    assert db.path is not None
    con = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="PINYIN"):
            con.execute("SELECT 1 ORDER BY 'a' COLLATE PINYIN")
        with pytest.raises(sqlite3.OperationalError, match="pinyin_key"):
            con.execute("SELECT 1 ORDER BY pinyin_key('a')")
    finally:
        con.close()


def test_members_list_in_pinyin_order_both_ways_and_through_windows(registry: RegistryService) -> None:
    for i, name in enumerate(MEMBERS):
        _member(registry, name, i)
    query = registry.list_query("party_member")
    assert _names(query.all_rows()) == PHONE_BOOK
    windows = [row for offset in range(0, len(MEMBERS), 3) for row in query.rows(offset, 3)]
    assert _names(windows) == PHONE_BOOK
    query.set_sort(0, descending=True)
    assert _names(query.all_rows()) == PHONE_BOOK[::-1]
    query.set_sort(0)
    query.set_search("李")
    assert _names(query.all_rows()) == ["李明"]


def test_ties_in_the_sorted_column_fall_back_to_the_names(registry: RegistryService) -> None:
    group = party_group(registry, "第一党小组")
    for i, name in enumerate(["张伟", "王芳", "李明"]):
        _member(registry, name, i, party_group_id=group)
    query = registry.list_query("party_member")
    keys = [c.key for c in query.columns]
    query.set_sort(keys.index("party_group"))
    assert _names(query.all_rows()) == ["李明", "王芳", "张伟"]
    query.set_sort(keys.index("gender"), descending=True)
    assert _names(query.all_rows()) == ["李明", "王芳", "张伟"]


def test_pickers_list_names_in_pinyin_order_and_building_numbers_by_value(
        registry: RegistryService) -> None:
    for name in ["张家花园", "王府小区", "李村小区"]:
        compound(registry, name)
    assert [label for _, label in registry.options("compound")] == ["李村小区", "王府小区", "张家花园"]
    c = compound(registry, "阳光小区")
    for number in ["10号楼", "2号楼", "1号楼"]:
        building(registry, c, number)
    assert [label for _, label in registry.options("building", compound_id=c)] == [
        "阳光小区 1号楼", "阳光小区 2号楼", "阳光小区 10号楼"]


def test_codes_keep_their_stored_order() -> None:
    codes = {(kind, c.key) for kind, spec in record_kinds().items() for c in spec.columns() if c.code}
    assert {("appeal", "number"), ("workday_visit", "month"), ("fund_entry", "voucher_no"),
            ("community", "code")} <= codes
    for kind, key in codes:
        column = next(c for c in record_kinds()[kind].columns() if c.key == key)
        assert "pinyin" not in str(column.order)
    name = next(c for c in record_kinds()["party_member"].columns() if c.key == "name")
    assert "pinyin_name_key" in str(name.order)  # a person's name: the surname read as a surname
    employer = next(c for c in record_kinds()["party_member"].columns() if c.key == "employer")
    assert "pinyin_key" in str(employer.order)


def test_a_persons_surname_is_read_as_a_surname() -> None:
    people = ["曾国藩", "单田芳", "解缙", "仇英", "查良镛", "朴树", "区志", "乐嘉", "张伟", "陈静", "尉迟恭"]
    # chen, ou, piao, qiu, shan, xie, yue (乐), yu (尉迟), zeng, zha, zhang
    assert sorted(people, key=name_sort_key) == [
        "陈静", "区志", "朴树", "仇英", "单田芳", "解缙", "尉迟恭", "乐嘉", "曾国藩", "查良镛", "张伟"]
    # Only the surname: 单 later in a name, and text that is not a name, read as usual.
    assert name_sort_key("王单") == sort_key("王单")
    assert sorted(["单元楼", "旦旦"], key=sort_key) == ["单元楼", "旦旦"]  # dan1 before dan4


def test_every_surname_listed_reads_otherwise_than_its_characters_alone() -> None:
    for surname, readings in SURNAMES.items():
        alone = [lazy_pinyin(c, style=Style.TONE3, neutral_tone_with_five=True)[0] for c in surname]
        assert [r.rstrip("12345") for r in readings] != [a.rstrip("12345") for a in alone], surname


def test_lists_of_people_sort_by_surname_reading_on_a_real_database(registry: RegistryService) -> None:
    for i, name in enumerate(["曾国藩", "张伟", "单田芳", "陈静"]):
        _member(registry, name, i)
    rows = registry.list_query("party_member").rows(0, 10)
    assert _names(rows) == ["陈静", "单田芳", "曾国藩", "张伟"]
    with registry.db.engine.connect() as conn:
        assert conn.execute(text("SELECT pinyin_name_key('曾') > pinyin_name_key('王')")).scalar() == 1


def test_ordinals_in_chinese_numerals_sort_by_value() -> None:
    groups = ["第八党小组", "第二党小组", "第九党小组", "第六党小组", "第十二党小组", "第十党小组",
              "第一党小组", "第二十一党小组", "第三党小组"]
    assert sorted(groups, key=sort_key) == [
        "第一党小组", "第二党小组", "第三党小组", "第六党小组", "第八党小组", "第九党小组",
        "第十党小组", "第十二党小组", "第二十一党小组"]
    # Counted things sort by value whether written in Chinese numerals or in digits.
    assert sorted(["十单元", "三单元", "2单元"], key=sort_key) == ["2单元", "三单元", "十单元"]
    assert sorted(["第十二届", "第12届"], key=sort_key) == ["第12届", "第十二届"]
    # A numeral that counts nothing is read as a character: 张一 files under yi, after 张伟.
    assert sorted(["张一", "张伟"], key=sort_key) == ["张伟", "张一"]


def test_chinese_numbers_are_read_as_their_values() -> None:
    from app.db.collation import chinese_number

    cases = {"一": 1, "十": 10, "十二": 12, "二十": 20, "二十一": 21, "一百零五": 105, "两千": 2000,
             "三万五千": 35000, "二〇二六": 2026, "零": 0}
    assert {text: chinese_number(text) for text in cases} == cases
    assert chinese_number("十百") is None
    assert chinese_number("万万") is None


def test_party_groups_are_listed_by_their_ordinal_on_a_real_database(registry: RegistryService) -> None:
    for name in ("第十二党小组", "第二党小组", "第八党小组", "第十党小组"):
        registry.create("party_group", {"name": name})
    assert _names(registry.list_query("party_group").all_rows()) == [
        "第二党小组", "第八党小组", "第十党小组", "第十二党小组"]


def test_names_are_found_by_pinyin_initials_and_full_pinyin(registry: RegistryService) -> None:
    for i, name in enumerate(["张桂香", "张国兴", "王芳", "曾宪梓", "Alice"]):
        _member(registry, name, i)
    query = registry.list_query("party_member")

    def found(text: str) -> list[object]:
        query.set_search(text)
        return sorted(_names(query.all_rows()), key=str)

    assert found("张桂") == ["张桂香"]
    assert found("zgx") == ["张国兴", "张桂香"]
    assert found("zhangguixiang") == ["张桂香"]
    assert found("ZhangGui") == ["张桂香"]
    assert found("guixiang") == ["张桂香"]
    assert found("zxz") == ["曾宪梓"]  # the surname read as a surname: zeng, not ceng
    assert found("alice") == ["Alice"]
    assert found("wf") == ["王芳"]
    assert found("zzz") == []
