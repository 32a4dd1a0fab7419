"""The server's set-based import: many records looked up and written at once, on SQLite and on
PostgreSQL (one ``= ANY`` array and ``COPY`` there), with what every record holds unchanged."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from app.models import PartyMember
from app.sync.apply import insert_rows
from app.sync.changes import ChangeLog
from app.sync.package import build_package, open_envelope, read_changes
from app.sync.service import SyncService
from app.sync.tables import CHUNK
from server.city import CityServer
from server.models import ServerChange

from .conftest import COMMUNITY_A, Computers, enrol

MEMBERS = CHUNK * 2 + 200
# Ids with what an array's text or a COPY line must escape: quotes, backslashes, commas, braces, tabs.
ODD = ['m"{i}', "m\\{i}", "m,{i}", "{{m{i}}}", "m\t{i}", "NULL{i}", "成员{i}"]


def _resigned(svc: SyncService, city: CityServer, data: bytes, changes: list[dict[str, Any]],
              first: int) -> bytes:
    header = open_envelope(data).header
    return build_package(keys=svc.keys(), source=header.source, target=header.target, changes=changes,
                         seq_range=(first, first + len(changes) - 1), ack_server_seq=header.ack_server_seq,
                         ack_nodes=header.ack_nodes, recipients=[city.identity],
                         enrolment=header.enrolment)[0]


def test_a_thousand_records_with_odd_ids_are_created_then_found_and_updated(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    db = computers.new("a")
    svc = enrol(city, db, COMMUNITY_A)
    rows = [{"name": f"党员{i:04d}", "gender": "male", "birth_date": date(1970, 1, 1), "phone": "",
             "id_number": "", "community_id": db.community_id} for i in range(MEMBERS)]
    with db.session() as session:
        ChangeLog(db, session).bulk_created(PartyMember, rows)
    data = svc.export(tmp_path / "first.clsync").path.read_bytes()
    changes = read_changes(open_envelope(data), city.keys)
    members = [c for c in changes if c["table"] == "party_member"]
    for i, change in enumerate(members):
        change["record"] = ODD[i % len(ODD)].format(i=i)
        change["fields"].pop("id", None)
    first = city.import_bytes(_resigned(svc, city, data, changes, 1))
    assert first.counts["party_member"].imported == MEMBERS

    # The same records again, each with a newer name: every one is found and updated, none added.
    for change in members:
        change["id"] = change["id"][:-4] + "beef"
        change["hlc"] = change["hlc"].replace(change["hlc"][:13], str(int(change["hlc"][:13]) + 1000), 1)
        change["fields"] = {"name": change["fields"]["name"] + "改"}
    second = city.import_bytes(_resigned(svc, city, data, members, len(changes) + 1))
    assert second.counts["party_member"].updated == MEMBERS
    assert second.counts["party_member"].imported == 0

    with city.session() as session:
        names = dict(session.execute(select(PartyMember.id, PartyMember.name)).all())
        held = session.scalar(select(func.count()).select_from(ServerChange)
                              .where(ServerChange.table_name == "party_member"))
    assert len(names) == MEMBERS
    assert names['m"0'] == "党员0000改" and names["m\\1"] == "党员0001改" and names["m\t4"] == "党员0004改"
    assert held == 2 * MEMBERS

    # The same changes once more (in a package of another id): each is known, nothing changes.
    again = city.import_bytes(_resigned(svc, city, data, members, len(changes) + 1))
    assert again.counts["party_member"].ignored == MEMBERS
    with city.session() as session:
        assert session.scalar(select(func.count()).select_from(ServerChange)
                              .where(ServerChange.table_name == "party_member")) == 2 * MEMBERS


def test_a_key_taken_while_inserting_fails_the_whole_statement_as_integrity_error(city: CityServer) -> None:
    table = ServerChange.__table__
    names = ["change_id", "table_name", "record_id", "community_id", "op", "fields", "hlc", "source_node",
             "received_at"]
    from datetime import datetime

    row = ("c1", "compound", "r1", "x", "upsert", "{}", "0000000000001-00000-n", "n", datetime.now())
    with pytest.raises(IntegrityError), city.writing() as session:
        insert_rows(session.connection(), table, names, [row, (*row[:1], *row[1:])])  # type: ignore[arg-type]
    with city.session() as session:
        assert session.scalar(select(func.count()).select_from(ServerChange)
                              .where(ServerChange.change_id == "c1")) == 0


@pytest.mark.postgres
def test_postgresql_plans_each_lookup_for_its_ids(pg_run_url: str) -> None:
    from .conftest import reset_pg

    reset_pg(pg_run_url)
    city = CityServer(pg_run_url)
    try:
        with city.engine.connect() as conn:
            assert conn.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"
    finally:
        city.close()
