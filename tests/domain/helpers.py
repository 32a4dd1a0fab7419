"""Small helpers shared by the domain tests: read the outbox back, count rows, make records."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from app.db.database import Database
from app.services.registry import RegistryService


def outbox(db: Database) -> list[dict[str, Any]]:
    """Every outbox row in order, as plain dicts (fields decoded)."""
    assert db.path is not None
    con = sqlite3.connect(db.path)
    con.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in con.execute("SELECT * FROM outbox ORDER BY seq")]
    finally:
        con.close()
    for row in rows:
        row["fields"] = json.loads(row["fields"])
    return rows


def count_rows(path: Path | None, table: str, where: str = "1") -> int:
    """Rows of ``table`` in the file at ``path``, read with plain sqlite3."""
    assert path is not None
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])
    finally:
        con.close()


def compound(registry: RegistryService, name: str = "阳光小区", **values: Any) -> str:
    return registry.create("compound", {"name": name, **values})


def building(registry: RegistryService, compound_id: str, number: str = "1号楼", **values: Any) -> str:
    return registry.create("building", {"compound_id": compound_id, "number": number, **values})


def party_group(registry: RegistryService, name: str = "第一党小组", **values: Any) -> str:
    return registry.create("party_group", {"name": name, **values})


def member_values(**values: Any) -> dict[str, Any]:
    """A valid party member: a man born 1980-05-01 with a matching ID number."""
    return {"name": "王建国", "gender": "male", "birth_date": "1980-05-01", "join_date": "2005-07-01",
            "status": "full", "id_number": "220802198005010018", "phone": "13943612345", **values}


def create_sample(registry: RegistryService, kind: str, tag: str = "") -> str:
    """Create one valid record of ``kind`` (and whatever it refers to); return its id.

    ``tag`` is appended to names so several samples can live in one database.
    """
    if kind == "compound":
        company = registry.create("property_company", {"name": "白城市安居物业有限公司" + tag})
        return compound(registry, "阳光小区" + tag, households=320, building_count=8, area_m2="41000.50",
                        property_company_id=company, fee_standard="0.85", fee_collection_rate="92.5",
                        has_homeowner_committee=True)
    if kind == "building":
        return building(registry, compound(registry, "阳光小区" + tag), "3号楼", entrances=2, floors=6,
                        households=48, leader_name="李桂芳", leader_phone="13804361234")
    if kind == "party_group":
        c = compound(registry, "阳光小区" + tag)
        return party_group(registry, "阳光小区楼栋党小组" + tag, kind="building", compound_id=c,
                           building_ids=[building(registry, c, "1号楼"), building(registry, c, "2号楼")],
                           leader_name="赵明")
    if kind == "party_member":
        c = compound(registry, "阳光小区" + tag)
        group = party_group(registry, "第一党小组" + tag)
        id_number = "" if tag else member_values()["id_number"]  # ID numbers are unique
        return registry.create("party_member", member_values(
            compound_id=c, building_id=building(registry, c), party_group_id=group, id_number=id_number))
    if kind == "homeowner_committee":
        return registry.create("homeowner_committee", {
            "compound_id": compound(registry, "阳光小区" + tag), "founded_on": "2018-03-01",
            "term_start": "2021-03-01", "term_end": "2026-02-28"})
    if kind == "homeowner_committee_member":
        c = compound(registry, "阳光小区" + tag)
        committee = registry.create("homeowner_committee", {"compound_id": c})
        return registry.create("homeowner_committee_member", {
            "committee_id": committee, "name": "孙丽", "role": "主任", "is_party_member": True})
    if kind == "red_property_branch":
        return registry.create("red_property_branch",
                               {"name": "安居物业红色物业党支部" + tag, "member_count": 5})
    if kind == "resident_unit":
        return registry.create("resident_unit", {"name": "白城市第一中学" + tag, "kind": "school",
                                                 "contact": "周老师", "phone": "0436-3212345"})
    if kind == "part_time_member":
        unit = registry.create("resident_unit", {"name": "白城市中心医院" + tag, "kind": "hospital"})
        return registry.create("part_time_member",
                               {"name": "吴海", "resident_unit_id": unit, "post": "兼职委员"})
    if kind == "property_company":
        return registry.create("property_company", {
            "name": "白城市安居物业有限公司" + tag, "contact": "钱经理", "phone": "13500001111"})
    raise AssertionError(kind)


RECORD_KINDS = ("part_time_member", "property_company", "compound", "building", "party_group",
                "party_member", "homeowner_committee", "homeowner_committee_member",
                "red_property_branch", "resident_unit")
