"""The secretary's section of the appraisal material travels by sync like any community record;
two computers writing the same year offline end with one record, the losing edit kept for review."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.models import SyncConflict
from app.models.ledgers import AppraisalSection
from app.services.appraisal import AppraisalService
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, dump, enrol, round_trip


def test_the_section_reaches_the_second_computer_and_the_city(computers: Computers, city: CityServer,
                                                              tmp_path: Path) -> None:
    a1_db, a2_db = computers.new("a1"), computers.new("a2")
    a1 = enrol(city, a1_db, COMMUNITY_A)
    a2 = enrol(city, a2_db, COMMUNITY_A, init=False)
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    first, second = AppraisalService(a1_db), AppraisalService(a2_db)
    first.save_section(2026, "一年来，社区党委坚持党建引领。")
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    assert second.section(2026).body == "一年来，社区党委坚持党建引领。"

    # Both write the same year offline; the later edit wins on both, the other is kept for review.
    first.save_section(2026, "第一台电脑写的。")
    second.save_section(2026, "第二台电脑后来写的。")
    for _ in range(2):
        round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)
    assert first.section(2026).body == second.section(2026).body == "第二台电脑后来写的。"
    cid = first.community_id
    assert dump(a1_db.engine, cid)["appraisal_section"] == dump(a2_db.engine, cid)["appraisal_section"] \
        == dump(city.engine, cid)["appraisal_section"]
    for db in (a1_db, a2_db):
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(AppraisalSection)) == 1
    with a1_db.session() as session:
        kept = session.scalars(select(SyncConflict).where(
            SyncConflict.table_name == "appraisal_section")).all()
    assert [(c.field, c.local_value) for c in kept] == [("body", '"第一台电脑写的。"')]
