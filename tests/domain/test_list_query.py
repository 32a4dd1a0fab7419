"""Lists read straight from SQL: search as you type, filters, sort order and windows of rows."""

from __future__ import annotations

import pytest

from app.db.collation import sort_key
from app.services.listing import ListQuery
from app.services.registry import RegistryService

from .helpers import building, compound, member_values, party_group

NAMES = ["王建国", "王丽", "李明", "李桂芳", "张伟", "赵敏",
         "孙丽", "周杰", "吴海", "郑强", "王_强", "李100%"]
PROBATIONARY = {"status": "probationary", "full_date": "2025-06-01", "join_date": "2024-06-01"}


@pytest.fixture
def members(registry: RegistryService) -> RegistryService:
    """Twelve members in two compounds and two party groups; the third is probationary."""
    sun, rainbow = compound(registry, "阳光小区"), compound(registry, "彩虹小区")
    first, second = party_group(registry, "第一党小组"), party_group(registry, "第二党小组")
    for i, name in enumerate(NAMES):
        extra = PROBATIONARY if i == 2 else {}
        registry.create("party_member", member_values(
            name=name, id_number="", birth_date=f"19{50 + i}-01-01",
            compound_id=sun if i % 2 == 0 else rainbow,
            party_group_id=first if i < 6 else second,
            employer="白城市第一中学" if i == 5 else "", **extra))
    return registry


def names(query: ListQuery) -> list[str]:
    col = [c.key for c in query.columns].index("name")
    return [row[col + 1] for row in query.all_rows()]


def column(query: ListQuery, key: str) -> int:
    return [c.key for c in query.columns].index(key)


def test_rows_start_with_the_id_then_one_value_per_column(members: RegistryService) -> None:
    query = members.list_query("party_member")
    rows = query.all_rows()
    assert len(rows) == query.count() == len(NAMES)
    assert all(len(row) == len(query.columns) + 1 for row in rows)
    assert {row[0] for row in rows} == {r[0] for r in members.options("party_member")}


@pytest.mark.parametrize("text, expected", [
    ("王", {"王建国", "王丽", "王_强"}),
    ("丽", {"王丽", "孙丽"}),
    ("  李明 ", {"李明"}),
    ("彩虹", {n for i, n in enumerate(NAMES) if i % 2 == 1}),       # compound column
    ("第二党小组", set(NAMES[6:])),                                  # party group column
    ("第一中学", {"赵敏"}),                                          # employer column
    ("_", {"王_强"}),                                                # LIKE wildcards are literal
    ("100%", {"李100%"}),
    ("%", {"李100%"}),
    ("不存在", set()),
])
def test_search_matches_any_searchable_column(members: RegistryService, text: str,
                                              expected: set[str]) -> None:
    query = members.list_query("party_member")
    query.set_search(text)
    assert set(names(query)) == expected
    assert query.count() == len(expected)
    query.set_search("")
    assert query.count() == len(NAMES)


def test_search_does_not_look_into_id_numbers_or_phones(registry: RegistryService) -> None:
    registry.create("party_member", member_values())
    query = registry.list_query("party_member")
    for text in ("220802198005010018", "13943612345", "1394"):
        query.set_search(text)
        assert query.count() == 0


def test_filters_combine_with_search(members: RegistryService) -> None:
    query = members.list_query("party_member")
    assert {"party_group_id", "compound_id", "status"} <= set(query.filter_keys)
    compounds = {label: i for i, label in members.options("compound")}
    query.set_search("李")
    assert set(names(query)) == {"李明", "李桂芳", "李100%"}
    query.set_filter("compound_id", compounds["彩虹小区"])
    assert set(names(query)) == {"李桂芳", "李100%"}
    query.set_filter("compound_id", compounds["阳光小区"])
    assert names(query) == ["李明"]
    query.set_search("")
    assert set(names(query)) == {n for i, n in enumerate(NAMES) if i % 2 == 0}
    query.set_filter("status", "probationary")
    assert names(query) == ["李明"]
    query.set_filter("compound_id", None)
    query.set_filter("status", None)
    assert query.count() == len(NAMES)
    with pytest.raises(KeyError):
        query.set_filter("no_such_filter", 1)


def test_sorting_by_any_column_both_ways(members: RegistryService) -> None:
    query = members.list_query("party_member")
    query.set_sort(column(query, "birth_date"))
    assert names(query) == NAMES
    query.set_sort(column(query, "birth_date"), descending=True)
    assert names(query) == NAMES[::-1]
    query.set_sort(column(query, "party_group"))
    groups = [row[column(query, "party_group") + 1] for row in query.all_rows()]
    assert groups == sorted(groups, key=sort_key)  # pinyin: 第二 (di er) before 第一 (di yi)


def test_windows_of_rows_page_through_the_same_order(members: RegistryService) -> None:
    query = members.list_query("party_member")
    query.set_sort(column(query, "compound"))  # many ties: the id keeps the order stable
    whole = query.all_rows()
    pages = [query.rows(offset, 5) for offset in range(0, len(whole), 5)]
    assert [len(p) for p in pages] == [5, 5, 2]
    assert [row for page in pages for row in page] == whole
    assert query.rows(len(whole), 5) == []


def test_deleted_records_and_other_communities_are_not_listed(members: RegistryService) -> None:
    query = members.list_query("party_member")
    victim = query.rows(0, 1)[0][0]
    members.delete("party_member", victim)
    assert query.count() == len(NAMES) - 1
    members.create_community({"code": "220802002", "name": "和平社区", "street": "明仁街道",
                              "district": "洮北区", "city": "白城市", "org_kind": "branch"})
    assert members.list_query("party_member").count() == 0


def test_derived_columns_count_live_records(registry: RegistryService) -> None:
    c = compound(registry)
    b1, b2 = building(registry, c, "1号楼"), building(registry, c, "2号楼")
    group = party_group(registry, "楼栋党小组", kind="building", compound_id=c, building_ids=[b1, b2])
    ids = [registry.create("party_member", member_values(name=f"党员{i}", id_number="", party_group_id=group))
           for i in range(3)]
    registry.delete("party_member", ids[0])
    query = registry.list_query("party_group")
    [row] = query.all_rows()
    assert row[column(query, "member_count") + 1] == 2
    assert set(row[column(query, "buildings") + 1].split("、")) == {"1号楼", "2号楼"}
    assert row[column(query, "compound") + 1] == "阳光小区"

    query.set_filter("kind", "ordinary")
    assert query.count() == 0
    query.set_filter("kind", "building")
    assert query.count() == 1


def test_building_list_filters_by_compound_and_sorts_numbers(registry: RegistryService) -> None:
    sun, rainbow = compound(registry, "阳光小区"), compound(registry, "彩虹小区")
    for n, floors in ((3, 6), (1, 18), (2, 11)):
        building(registry, sun, f"{n}号楼", floors=floors)
    building(registry, rainbow, "1号楼", floors=5)
    query = registry.list_query("building")
    query.set_filter("compound_id", sun)
    query.set_sort(column(query, "floors"), descending=True)
    rows = query.all_rows()
    assert [r[column(query, "number") + 1] for r in rows] == ["1号楼", "2号楼", "3号楼"]
    assert [r[column(query, "floors") + 1] for r in rows] == [18, 11, 6]
