"""RegistryService on a real SQLite file: create, edit, delete, restore, pickers and counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.db.database import Database
from app.services.errors import DomainError, NotFoundError, ValidationError
from app.services.registry import RegistryService

from .helpers import RECORD_KINDS, building, compound, create_sample, member_values, party_group


def codes(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return exc.value.codes()


# --- the community ---------------------------------------------------------------------------


def test_a_new_database_has_no_community(db: Database) -> None:
    registry = RegistryService(db)
    assert not registry.has_community()
    with pytest.raises(DomainError) as exc:
        registry.create("compound", {"name": "阳光小区"})
    assert exc.value.code == "no_community"


def test_community_is_created_and_becomes_current(registry: RegistryService) -> None:
    info = registry.community()
    assert (info.code, info.name, info.street, info.district, info.city) == (
        "220802001", "幸福社区", "明仁街道", "洮北区", "白城市")
    assert registry.has_community()
    assert registry.get("community", info.id)["name"] == "幸福社区"


def test_community_code_is_unique_and_fields_checked(registry: RegistryService) -> None:
    with pytest.raises(ValidationError) as exc:
        registry.create_community({"code": "220802001", "name": "另一社区", "street": "街道",
                                   "district": "区", "city": "市", "org_kind": "committee"})
    assert codes(exc) == {"code": "duplicate"}
    with pytest.raises(ValidationError) as exc:
        registry.create_community({"code": "", "name": "", "street": "", "district": "", "city": "",
                                   "org_kind": "club", "secretary_phone": "123"})
    assert codes(exc) == {"code": "required", "name": "required", "street": "required",
                          "district": "required", "city": "required", "org_kind": "bad_choice",
                          "secretary_phone": "phone_format"}


def test_records_belong_to_the_current_community(registry: RegistryService) -> None:
    first = registry.community_id
    mine = compound(registry, "阳光小区")
    second = registry.create_community({"code": "220802002", "name": "和平社区", "street": "明仁街道",
                                        "district": "洮北区", "city": "白城市", "org_kind": "branch"})
    assert registry.community_id == second
    assert registry.counts()["compound"] == 0
    assert registry.list_query("compound").count() == 0
    with pytest.raises(NotFoundError):
        registry.get("compound", mine)
    compound(registry, "阳光小区")  # same name in another community is fine
    with pytest.raises(ValidationError):  # a reference to another community's record is refused
        building(registry, mine)
    registry.use_community(first)
    assert registry.get("compound", mine)["name"] == "阳光小区"
    with pytest.raises(NotFoundError):
        registry.use_community("no-such-community")


# --- create / get / update ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_every_kind_round_trips(registry: RegistryService, kind: str) -> None:
    record_id = create_sample(registry, kind)
    values = registry.get(kind, record_id)
    assert values["id"] == record_id
    assert registry.update(kind, record_id, values) == {}
    assert registry.counts()[kind] >= 1
    assert record_id in [row[0] for row in registry.list_query(kind).all_rows()]


def test_values_come_back_typed_and_exact(registry: RegistryService) -> None:
    cid = create_sample(registry, "compound")
    values = registry.get("compound", cid)
    assert values["households"] == 320
    assert values["fee_standard"] == Decimal("0.85") and isinstance(values["fee_standard"], Decimal)
    assert values["area_m2"] == Decimal("41000.50")
    assert values["has_homeowner_committee"] is True
    mid = create_sample(registry, "party_member", tag="2")
    member = registry.get("party_member", mid)
    assert member["birth_date"] == date(1980, 5, 1)
    assert member["ethnicity"] == "汉族"


def test_update_returns_the_old_values_for_undo(registry: RegistryService) -> None:
    cid = compound(registry, households=100, fee_standard="0.8")
    values = registry.get("compound", cid)
    old = registry.update("compound", cid, {**values, "households": 120, "fee_standard": "0.95"})
    assert old == {"households": 100, "fee_standard": Decimal("0.8")}
    registry.update("compound", cid, {**values, **old})
    assert registry.get("compound", cid) == values


def test_nothing_is_saved_while_a_field_is_invalid(registry: RegistryService) -> None:
    cid = compound(registry, households=100)
    values = registry.get("compound", cid)
    with pytest.raises(ValidationError) as exc:
        registry.update("compound", cid, {**values, "households": "很多", "fee_standard": "0.12345",
                                          "address": "地" * 201})
    assert codes(exc) == {"households": "not_integer", "fee_standard": "too_many_decimals",
                          "address": "too_long"}
    assert registry.get("compound", cid) == values
    with pytest.raises(ValidationError):
        registry.create("compound", {"name": ""})
    assert registry.counts()["compound"] == 1


def test_references_must_point_at_live_records(registry: RegistryService) -> None:
    with pytest.raises(ValidationError) as exc:
        building(registry, "no-such-compound")
    assert codes(exc) == {"compound_id": "ref_missing"}
    c = compound(registry)
    registry.delete("compound", c)
    with pytest.raises(ValidationError):
        building(registry, c)
    with pytest.raises(ValidationError) as exc:
        party_group(registry, kind="building", building_ids=["gone"])
    assert codes(exc) == {"building_ids": "ref_missing"}


def test_a_members_building_must_be_in_the_members_compound(registry: RegistryService) -> None:
    a, b = compound(registry, "阳光小区"), compound(registry, "彩虹小区")
    in_b = building(registry, b)
    with pytest.raises(ValidationError) as exc:
        registry.create("party_member", member_values(compound_id=a, building_id=in_b))
    assert codes(exc) == {"building_id": "building_not_in_compound"}


@pytest.mark.parametrize("changes, expected", [
    ({"birth_date": (date.today() + timedelta(days=1)).isoformat(), "id_number": ""},
     {"birth_date": "in_future", "join_date": "join_too_young"}),
    ({"join_date": (date.today() + timedelta(days=1)).isoformat()}, {"join_date": "in_future"}),
    ({"join_date": "1997-06-30"}, {"join_date": "join_too_young"}),
    ({"status": "probationary"}, {"full_date": "required_for_probationary"}),
    ({"status": "probationary", "full_date": "2005-07-01"}, {"full_date": "date_order"}),
    ({"birth_date": "1980-05-02"}, {"id_number": "id_birth_mismatch"}),
    ({"gender": "female"}, {"id_number": "id_gender_mismatch"}),
    ({"in_service": True}, {"employer": "required_for_in_service"}),
    ({"id_number": "220802198005010019"}, {"id_number": "id_checksum"}),
    ({"gender": "", "join_date": ""}, {"gender": "required", "join_date": "required"}),
])
def test_party_member_rules(registry: RegistryService, changes: dict[str, object],
                            expected: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as exc:
        registry.create("party_member", member_values(**changes))
    assert codes(exc) == expected


def test_a_probationary_member_with_a_later_full_date_is_fine(registry: RegistryService) -> None:
    mid = registry.create("party_member", member_values(
        status="probationary", join_date="2024-01-10", full_date="2025-01-10",
        in_service=True, employer="白城市第一中学"))
    assert registry.get("party_member", mid)["full_date"] == date(2025, 1, 10)


def test_homeowner_committee_term_order(registry: RegistryService) -> None:
    with pytest.raises(ValidationError) as exc:
        registry.create("homeowner_committee", {"compound_id": compound(registry),
                                                "term_start": "2024-01-01", "term_end": "2023-12-31"})
    assert codes(exc) == {"term_end": "date_order"}


def test_a_building_party_group_needs_buildings(registry: RegistryService) -> None:
    with pytest.raises(ValidationError) as exc:
        party_group(registry, kind="building")
    assert codes(exc) == {"building_ids": "building_group_needs_buildings"}
    assert party_group(registry, kind="ordinary")


# --- uniqueness ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, first, second, field", [
    ("compound", {"name": "阳光小区"}, {"name": "阳光小区"}, "name"),
    ("property_company", {"name": "安居物业"}, {"name": "安居物业"}, "name"),
    ("party_group", {"name": "第一党小组"}, {"name": "第一党小组"}, "name"),
    ("resident_unit", {"name": "第一中学"}, {"name": "第一中学"}, "name"),
    ("red_property_branch", {"name": "红色物业党支部"}, {"name": "红色物业党支部"}, "name"),
])
def test_duplicates_are_refused(registry: RegistryService, kind: str, first: dict[str, str],
                                second: dict[str, str], field: str) -> None:
    registry.create(kind, first)
    with pytest.raises(ValidationError) as exc:
        registry.create(kind, second)
    assert codes(exc) == {field: "duplicate"}


def test_building_numbers_are_unique_within_a_compound(registry: RegistryService) -> None:
    a, b = compound(registry, "阳光小区"), compound(registry, "彩虹小区")
    building(registry, a, "1号楼")
    building(registry, b, "1号楼")
    with pytest.raises(ValidationError) as exc:
        building(registry, a, "1号楼")
    assert codes(exc) == {"number": "duplicate"}


def test_id_numbers_are_unique_but_blank_ones_are_not(registry: RegistryService) -> None:
    registry.create("party_member", member_values())
    with pytest.raises(ValidationError) as exc:
        registry.create("party_member", member_values(name="王建民"))
    assert codes(exc) == {"id_number": "duplicate"}
    registry.create("party_member", member_values(name="李明", id_number=""))
    registry.create("party_member", member_values(name="李亮", id_number=""))


def test_one_homeowner_committee_per_compound(registry: RegistryService) -> None:
    c = compound(registry)
    registry.create("homeowner_committee", {"compound_id": c})
    with pytest.raises(ValidationError) as exc:
        registry.create("homeowner_committee", {"compound_id": c})
    assert codes(exc) == {"compound_id": "duplicate"}


def test_renaming_onto_an_existing_name_is_refused(registry: RegistryService) -> None:
    compound(registry, "阳光小区")
    other = compound(registry, "彩虹小区")
    with pytest.raises(ValidationError):
        registry.update("compound", other, {**registry.get("compound", other), "name": "阳光小区"})
    registry.update("compound", other, {**registry.get("compound", other), "name": "彩虹小区"})


# --- delete and restore --------------------------------------------------------------------------


def test_delete_hides_the_record(registry: RegistryService) -> None:
    c = compound(registry)
    registry.delete("compound", c)
    with pytest.raises(NotFoundError) as exc:
        registry.get("compound", c)
    assert exc.value.params == {"kind": "compound", "id": c}
    assert registry.counts()["compound"] == 0
    assert registry.list_query("compound").count() == 0
    assert registry.options("compound") == []
    with pytest.raises(NotFoundError):
        registry.delete("compound", c)
    with pytest.raises(NotFoundError):
        registry.update("compound", c, {"name": "新名字"})


@pytest.mark.parametrize("parent, make_child, child_kind", [
    ("compound", lambda r, c: building(r, c), "building"),
    ("compound", lambda r, c: r.create("homeowner_committee", {"compound_id": c}), "homeowner_committee"),
    ("compound", lambda r, c: r.create("party_member", member_values(compound_id=c)), "party_member"),
])
def test_delete_with_dependents_is_refused(registry: RegistryService, parent: str,
                                           make_child: Callable[[RegistryService, str], str],
                                           child_kind: str) -> None:
    c = compound(registry)
    child = make_child(registry, c)
    with pytest.raises(DomainError) as exc:
        registry.delete(parent, c)
    assert exc.value.code == "has_dependents"
    assert exc.value.params == {"kind": child_kind, "count": 1}
    assert registry.get(parent, c)["name"] == "阳光小区"
    registry.delete(child_kind, child)
    registry.delete(parent, c)


def test_other_dependents(registry: RegistryService) -> None:
    company = registry.create("property_company", {"name": "安居物业"})
    branch = registry.create("red_property_branch",
                             {"name": "红色物业党支部", "property_company_id": company})
    with pytest.raises(DomainError) as exc:
        registry.delete("property_company", company)
    assert exc.value.params["kind"] == "red_property_branch"
    registry.delete("red_property_branch", branch)

    c = compound(registry)
    b = building(registry, c)
    group = party_group(registry, kind="building", building_ids=[b])
    with pytest.raises(DomainError) as exc:
        registry.delete("building", b)
    assert exc.value.params == {"kind": "party_group", "count": 1}
    registry.create("party_member", member_values(party_group_id=group))
    with pytest.raises(DomainError) as exc:
        registry.delete("party_group", group)
    assert exc.value.params == {"kind": "party_member", "count": 1}

    unit = registry.create("resident_unit", {"name": "第一中学"})
    registry.create("part_time_member", {"name": "吴海", "resident_unit_id": unit})
    with pytest.raises(DomainError):
        registry.delete("resident_unit", unit)


def test_restore_brings_a_record_back(registry: RegistryService) -> None:
    c = compound(registry, households=50)
    values = registry.get("compound", c)
    registry.delete("compound", c)
    registry.restore("compound", c)
    assert registry.get("compound", c) == values
    registry.restore("compound", c)  # restoring a live record changes nothing
    assert registry.counts()["compound"] == 1


def test_restore_refuses_when_the_name_was_taken_meanwhile(registry: RegistryService) -> None:
    c = compound(registry, "阳光小区")
    registry.delete("compound", c)
    compound(registry, "阳光小区")
    with pytest.raises(ValidationError) as exc:
        registry.restore("compound", c)
    assert codes(exc) == {"name": "duplicate"}
    with pytest.raises(NotFoundError):
        registry.restore("compound", "no-such-id")


def test_deleting_a_building_group_and_restoring_it(registry: RegistryService) -> None:
    c = compound(registry)
    b = building(registry, c)
    group = party_group(registry, kind="building", building_ids=[b])
    registry.delete("party_group", group)
    registry.delete("building", b)  # no longer covered by a live group
    assert registry.counts()["building_party_group"] == 0


def test_unknown_kind(registry: RegistryService) -> None:
    with pytest.raises(DomainError) as exc:
        registry.get("spaceship", "x")
    assert (exc.value.code, exc.value.params) == ("unknown_kind", {"kind": "spaceship"})


# --- pickers and counts --------------------------------------------------------------------------


def test_options_are_live_records_sorted_by_label(registry: RegistryService) -> None:
    sun = compound(registry, "阳光小区")
    rainbow = compound(registry, "彩虹小区")
    gone = compound(registry, "拆迁小区")
    registry.delete("compound", gone)
    options = registry.options("compound")
    assert {label for _, label in options} == {"阳光小区", "彩虹小区"}
    assert [label for _, label in options] == sorted(label for _, label in options)
    b2 = building(registry, sun, "2号楼")
    b1 = building(registry, sun, "1号楼")
    b9 = building(registry, rainbow, "9号楼")
    assert registry.options("building", compound_id=sun) == [(b1, "阳光小区 1号楼"), (b2, "阳光小区 2号楼")]
    assert (b9, "彩虹小区 9号楼") in registry.options("building")
    committee = registry.create("homeowner_committee", {"compound_id": sun})
    assert registry.options("homeowner_committee") == [(committee, "阳光小区")]


def test_counts_follow_every_change(registry: RegistryService) -> None:
    assert set(RECORD_KINDS) | {"building_party_group"} <= set(registry.counts())
    assert all(n == 0 for n in registry.counts().values())
    c = compound(registry)
    b1, b2 = building(registry, c, "1号楼"), building(registry, c, "2号楼")
    party_group(registry, "楼栋党小组", kind="building", building_ids=[b1, b2])
    ordinary = party_group(registry, "第一党小组")
    registry.create("party_member", member_values(party_group_id=ordinary))
    counts = registry.counts()
    assert counts["compound"] == 1
    assert counts["building"] == 2
    assert counts["party_group"] == 2
    assert counts["building_party_group"] == 1
    assert counts["party_member"] == 1
    assert counts["homeowner_committee"] == 0
