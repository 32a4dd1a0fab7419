"""Property: whatever the edits on three computers and however packages travel (late, twice, lost
and sent again), every copy ends identical and no edit is lost that should have won."""

from __future__ import annotations

import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db.database import Database
from app.models import Compound
from app.services.registry import RegistryService
from app.sync.changes import ChangeLog
from app.sync.service import SyncService
from server.city import CityServer

from .conftest import COMMUNITY_A, dump, enrol, round_trip

RECORDS = 3
FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "households": st.integers(0, 5000),
    "address": st.text("东南西北路街巷号", max_size=6),
    "fee_standard": st.decimals(min_value=0, max_value=10, places=4, allow_nan=False),
    "has_homeowner_committee": st.booleans(),
}

edit = st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, RECORDS - 1),
                 st.sampled_from(sorted(FIELDS))).flatmap(
    lambda t: st.tuples(*map(st.just, t), FIELDS[t[3]]))
delete = st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, RECORDS - 1))
restore = st.tuples(st.just("restore"), st.integers(0, 2), st.integers(0, RECORDS - 1))
export = st.tuples(st.just("export"), st.integers(0, 2))
up = st.tuples(st.just("up"), st.integers(0, 50))
back = st.tuples(st.just("back"))
down = st.tuples(st.just("down"), st.integers(0, 2), st.integers(0, 50))
operations = st.lists(st.one_of(edit, edit, delete, restore, export, up, up, back, down, down),
                      min_size=5, max_size=30)


@settings(max_examples=int(os.environ.get("SYNC_PROPERTY_EXAMPLES", "12")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=operations)
def test_three_computers_converge_whatever_the_delivery(template_db: Path,
                                                       ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        city = CityServer(str(folder / "city.sqlite"))
        dbs: list[Database] = []
        try:
            for i in range(3):
                shutil.copyfile(template_db, folder / f"pc{i}.sqlite")
                dbs.append(Database.open(folder / f"pc{i}.sqlite"))
            pcs = [enrol(city, dbs[0], COMMUNITY_A)]
            pcs += [enrol(city, db, COMMUNITY_A, init=False) for db in dbs[1:]]
            reg = RegistryService(dbs[0])
            ids = [reg.create("compound", {"name": f"小区{i}"}) for i in range(RECORDS)]
            round_trip(city, COMMUNITY_A["code"], pcs, folder)
            winners = _run(ops, city, dbs, pcs, ids, folder)
            for _ in range(2):
                round_trip(city, COMMUNITY_A["code"], pcs, folder)

            cid = reg.community_id
            first = dump(dbs[0].engine, cid)
            for db in dbs[1:]:
                assert dump(db.engine, cid) == first
            assert dump(city.engine, cid) == first
            with dbs[0].session() as s:
                for (record, field), (_, value) in winners.items():
                    assert getattr(s.get(Compound, record), field) == value, (record, field)
            for svc in pcs:
                assert svc.pending_count() == 0
        finally:
            for db in dbs:
                db.close()
            city.close()


def _run(ops: list[tuple[Any, ...]], city: CityServer, dbs: list[Database], pcs: list[SyncService],
         ids: list[str], folder: Path) -> dict[tuple[str, str], tuple[str, Any]]:
    """Carry out the operations; return, per edited field, the stamp and value that must win."""
    winners: dict[tuple[str, str], tuple[str, Any]] = {}
    to_city: list[Path] = []
    to_pcs: list[Path] = []
    for n, op in enumerate(ops):
        kind = op[0]
        if kind in ("edit", "delete", "restore"):
            pc, rec = op[1], ids[op[2]]
            db = dbs[pc]
            with db.session() as s:
                obj = s.get(Compound, rec)
                assert obj is not None
                log = ChangeLog(db, s)
                if kind == "edit":
                    field, value = op[3], op[4]
                    if isinstance(value, Decimal):
                        value = value.quantize(Decimal("0.0001"))
                    log.updated(obj, {field: value})
                elif kind == "delete":
                    field = "deleted_at"
                    log.deleted(obj)
                    value = obj.deleted_at
                else:
                    field, value = "deleted_at", None
                    log.updated(obj, {"deleted_at": None})
                key = (rec, field)
                if key not in winners or obj.hlc > winners[key][0]:
                    winners[key] = (obj.hlc, value)
        elif kind == "export":
            to_city.append(pcs[op[1]].export(folder / f"up-{n}.clsync").path)
        elif kind == "up" and to_city:
            city.import_file(to_city[op[1] % len(to_city)])
        elif kind == "back":
            path = folder / f"down-{n}.clsync"
            city.export_for(COMMUNITY_A["code"], path)
            to_pcs.append(path)
        elif kind == "down" and to_pcs:
            pcs[op[1]].import_file(to_pcs[op[2] % len(to_pcs)])
    return winners
