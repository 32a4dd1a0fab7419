"""What a signed package may not carry: values the forms refuse, claims beyond what the receiver
issued, references to records the sender may not see or that do not exist."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.models import new_id
from app.services.fields import Kind
from app.services.identity import make_id_number
from app.services.kinds import record_kinds
from app.sync.tables import synced_tables
from server.city import CityServer, ServerError

from .conftest import file_digest
from .test_refusals import BIN, World, server_cli, world  # noqa: F401
from .test_refusals import _resign_as_a as resigned_as_a

Changes = list[dict[str, Any]]


def _stamp(changes: Changes) -> str:
    return str(max(c["hlc"] for c in changes))


def _member(w: World, changes: Changes, **fields: Any) -> dict[str, Any]:
    community = w.a.community_id
    change = {"id": new_id(), "table": "party_member", "record": new_id(), "community": community,
              "op": "upsert", "hlc": _stamp(changes),
              "fields": {"community_id": community, "name": "王伟", "gender": "male",
                         "join_date": "2001-07-01", "status": "full", **fields}}
    changes.append(change)
    return change


def _import_on_server(w: World, data: bytes) -> tuple[int, dict[str, Any] | None, str]:
    bad = w.folder / "package.clsync"
    bad.write_bytes(data)
    result = server_cli("--db", str(w.city_path), "import", str(bad))
    report = orjson.loads(result.stdout) if result.returncode == 0 and result.stdout.strip() else None
    if isinstance(report, list):
        report = report[0]
    return result.returncode, report, result.stderr


@pytest.mark.parametrize(("fields", "code"), [
    ({"id_number": "123456789012345678"}, "id_birth"),
    ({"id_number": "220802199001011235"}, "id_checksum"),
    ({"id_number": "２２０８０２１９９００１０１１２３４"}, "id_format"),
    ({"phone": "12345"}, "phone_format"),
])
def test_the_server_rejects_a_change_the_forms_would_refuse(
        world: World, fields: dict[str, str], code: str) -> None:  # noqa: F811
    """The change is rejected with its reason in the report; the rest of the package is applied."""
    member: dict[str, Any] = {}
    data = resigned_as_a(world, lambda ch: member.update(_member(world, ch, **fields)))
    status, report, stderr = _import_on_server(world, data)
    assert status == 0, stderr
    assert report is not None
    rejected = [r for r in report["rejected"] if r["record"] == member["record"]]
    field = next(iter(fields))
    assert rejected == [{"change": member["id"], "table": "party_member", "record": member["record"],
                         "reason": "bad_value", "field": field,
                         "params": {"expected": "id_number" if field == "id_number" else "phone",
                                    "code": code}}]
    assert report["counts"]["compound"]["imported"] == 1
    city = CityServer(str(world.city_path))
    try:
        assert not [c for c in city.community_ids() if c[0] == member["record"]]
        with city.session() as session:
            from sqlalchemy import select

            from server.models import ServerChange
            assert session.scalar(select(ServerChange.seq).where(
                ServerChange.record_id == member["record"])) is None
    finally:
        city.close()


def test_a_valid_id_number_in_a_package_is_applied(world: World) -> None:  # noqa: F811
    from datetime import date
    member: dict[str, Any] = {}
    number = make_id_number("220802", date(1980, 5, 4), 11)
    data = resigned_as_a(world, lambda ch: member.update(_member(world, ch, id_number=number,
                                                                  phone="13812345678")))
    status, report, stderr = _import_on_server(world, data)
    assert status == 0, stderr
    assert report is not None and report["rejected"] == []
    assert report["counts"]["party_member"]["imported"] == 1


def test_the_city_cannot_hand_out_a_record_the_forms_would_refuse(world: World) -> None:  # noqa: F811
    city = CityServer(str(world.city_path))
    try:
        before = file_digest(world.city_path)
        with pytest.raises(ServerError, match="phone"):
            city.put_city_record("organ", {"name": "白城市民政局", "phone": "not a phone"})
        assert file_digest(world.city_path) == before
    finally:
        city.close()


def test_the_app_rejects_a_bad_value_an_older_server_passed_on(world: World) -> None:  # noqa: F811
    """A value an older server accepted into its change sequence reaches a community: the community
    rejects that change, saying why, and applies the rest."""
    from datetime import datetime

    from sqlalchemy import func, select

    from server.models import ServerChange

    city = CityServer(str(world.city_path))
    record = new_id()
    try:
        with city.writing() as session:
            hlc = str(session.scalar(select(func.max(ServerChange.hlc))))
            session.execute(ServerChange.__table__.insert(), [{  # type: ignore[attr-defined]
                "change_id": new_id(), "table_name": "organ", "record_id": record, "community_id": "city",
                "op": "upsert", "fields": orjson.dumps({"community_id": "city", "name": "某局",
                                                        "phone": "１３８１２３４５６７８"}).decode(),
                "hlc": hlc, "source_node": city.node_id, "received_at": datetime.now()}])
        city.export_for("220802001", world.folder / "back.clsync")
    finally:
        city.close()
    report = world.a_svc.import_file(world.folder / "back.clsync")
    assert [(r.table, r.record, r.reason, r.field, r.params) for r in report.rejected] == [
        ("organ", record, "bad_value", "phone", {"expected": "phone", "code": "phone_format"})]
    assert report.counts["organ"].imported == 1  # the city's other organ


def test_every_field_the_forms_check_by_rule_is_checked_by_sync_with_the_same_rule() -> None:
    """One set of rules: a form's ID number, phone or code field is a column sync checks by the same
    rule, and sync checks no column by a rule the form does not apply."""
    by_form: dict[tuple[str, str], str] = {}
    rule_kinds = {Kind.ID_NUMBER: "id_number", Kind.PHONE: "phone", Kind.DIVISION_CODE: "division_code"}
    tables = synced_tables()
    for spec in record_kinds().values():
        table = spec.model.__tablename__  # type: ignore[attr-defined]
        if table not in tables:
            continue
        for f in spec.fields:
            if f.kind in rule_kinds:
                by_form[(table, f.name)] = rule_kinds[f.kind]
    by_sync = {(t, c): r for t, spec in tables.items() for c, r in spec.rules.items()}
    assert by_form and set(by_form.items()) <= set(by_sync.items())
    # Columns the forms do not edit directly (a ledger written through its own service) may carry
    # a rule too; every rule sync applies is one the forms know.
    assert set(by_sync.values()) <= set(rule_kinds.values())


# --- header claims ----------------------------------------------------------------------------


def _server_rows(w: World) -> dict[str, Any]:
    from sqlalchemy import select

    from server.models import CommunityNode

    city = CityServer(str(w.city_path))
    try:
        with city.session() as session:
            node = session.get(CommunityNode, w.a.node_id)
            assert node is not None
            return {"received": node.received_to_seq, "acked": node.acked_server_seq,
                    "nodes": len(session.scalars(select(CommunityNode)).all())}
    finally:
        city.close()


@pytest.mark.parametrize(("claims", "code"), [
    ({"ack_server_seq": 10**15}, "ack_beyond"),
    ({"seq_range": (1, 10**15)}, "bad_range"),
    ({"seq_range": (0, 0)}, "bad_range"),
])
def test_the_server_refuses_claims_beyond_what_it_issued_and_saw(
        world: World, claims: dict[str, Any], code: str) -> None:  # noqa: F811
    """A package acknowledging server changes never issued, or numbering more changes than it
    carries, is refused whole: the computer's counters on the server stay as they were."""
    before_rows = _server_rows(world)
    before = file_digest(world.city_path)
    status, _report, stderr = _import_on_server(world, resigned_as_a(world, lambda ch: None, **claims))
    assert status == 3
    assert f"[{code}]" in stderr and stderr.count("\n") == 1, stderr
    assert file_digest(world.city_path) == before
    assert _server_rows(world) == before_rows
    # The package as A made it still goes through, and later return packages are not empty.
    good = world.folder / "good.clsync"
    good.write_bytes(world.from_a)
    assert server_cli("--db", str(world.city_path), "import", str(good)).returncode == 0


def test_the_app_refuses_an_acknowledgement_of_changes_it_never_made(world: World) -> None:  # noqa: F811
    from app.sync.errors import SyncError
    from app.sync.package import build_package as build
    from app.sync.report import Source, Target

    city = CityServer(str(world.city_path))
    try:
        a = world.a
        data, _ = build(keys=city.keys, source=Source("server", city.node_id, None, None, ""),
                        target=Target("community", a.community_id, "220802001", (a.node_id,)),
                        changes=[], seq_range=(1, 0), ack_nodes={a.node_id: 10**15},
                        recipients=[world.a_svc.keys().public])
    finally:
        city.close()
    pending = world.a_svc.pending_count()
    with pytest.raises(SyncError) as err:
        world.a_svc.import_bytes(data)
    assert err.value.code == "ack_beyond"
    assert "only" in str(err.value)
    assert world.a_svc.pending_count() == pending == 1


def test_a_pull_after_a_number_the_server_never_issued_is_refused(world: World) -> None:  # noqa: F811
    from app.sync.errors import SyncError
    from server.exchange import Caller, NetworkSync

    before = _server_rows(world)
    city = CityServer(str(world.city_path))
    try:
        with pytest.raises(SyncError) as err:
            NetworkSync(city).pull(Caller(world.a.node_id, str(world.a.community_id)), 10**15)
    finally:
        city.close()
    assert err.value.code == "ack_beyond"
    assert _server_rows(world) == before


# --- references -------------------------------------------------------------------------------


def _a_compound(changes: Changes) -> str:
    return str(next(c["record"] for c in changes if c["table"] == "compound"))


def _add(w: World, changes: Changes, table: str, **fields: Any) -> dict[str, Any]:
    community = w.a.community_id
    change = {"id": new_id(), "table": table, "record": new_id(), "community": community, "op": "upsert",
              "hlc": _stamp(changes), "fields": {"community_id": community, **fields}}
    changes.append(change)
    return change


def test_references_to_other_communities_and_to_nothing_are_rejected(world: World) -> None:  # noqa: F811
    """An attendee of a meeting that does not exist, a building in another community's compound:
    rejected with the reason; a building in a compound arriving in the same package is applied."""
    made: dict[str, dict[str, Any]] = {}

    def change(ch: Changes) -> None:
        made["nowhere"] = _add(world, ch, "meeting_attendee", meeting_id=new_id(), name="王伟")
        made["theirs"] = _add(world, ch, "building", compound_id=world.b_compound, number="1")
        made["ours"] = _add(world, ch, "building", compound_id=_a_compound(ch), number="2")

    status, report, stderr = _import_on_server(world, resigned_as_a(world, change))
    assert status == 0, stderr
    assert report is not None
    why = {r["record"]: (r["reason"], r["field"], r["params"]) for r in report["rejected"]}
    assert why == {
        made["nowhere"]["record"]: ("missing_reference", "meeting_id", {"table": "meeting"}),
        made["theirs"]["record"]: ("forbidden_reference", "compound_id",
                                   {"table": "compound", "owner": "community",
                                    "owner_id": world.b_svc.db.community_id}),
    }
    assert report["counts"]["building"]["imported"] == 1
    # Nothing rejected is passed on to the community's other computers or anyone else.
    city = CityServer(str(world.city_path))
    try:
        from sqlalchemy import select

        from server.models import ServerChange
        with city.session() as session:
            passed_on = set(session.scalars(select(ServerChange.record_id)))
    finally:
        city.close()
    assert made["ours"]["record"] in passed_on
    assert not {made["nowhere"]["record"], made["theirs"]["record"]} & passed_on


def test_a_reference_to_a_city_record_is_applied(world: World) -> None:  # noqa: F811
    city = CityServer(str(world.city_path))
    try:
        from sqlalchemy import select

        organs = synced_tables()["organ"].table
        with city.session() as session:
            organ = session.scalar(select(organs.c.id))
    finally:
        city.close()
    assert organ is not None
    made: dict[str, Any] = {}
    data = resigned_as_a(world, lambda ch: made.update(
        _add(world, ch, "cadre", organ_id=organ, name="李明")))
    status, report, stderr = _import_on_server(world, data)
    assert status == 0, stderr
    assert report is not None and report["rejected"] == []


# --- decompression bombs ----------------------------------------------------------------------

MiB = 1024 * 1024


def _bomb(header: dict[str, Any] | None, random_mib: int, filler_mib: int) -> bytes:
    """A gzip file that looks like a sealed package: a header, then a ciphertext of ``random_mib``
    of incompressible text (so the file is large) and ``filler_mib`` of one letter."""
    import base64
    import random
    import zlib

    rng = random.Random(7)
    packer = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    start = b'{"format":"community-ledger-sync",'
    if header is not None:
        start += b'"header":' + orjson.dumps(header) + b","
    parts = [packer.compress(start + b'"sealed":{"ciphertext":"')]
    for _ in range(random_mib):
        parts.append(packer.compress(base64.b64encode(rng.randbytes(MiB * 3 // 4))))
    filler = b"A" * MiB
    for _ in range(filler_mib):
        parts.append(packer.compress(filler))
    parts.append(packer.compress(b'"}}'))
    parts.append(packer.flush())
    return b"".join(parts)


def _peak_of(*command: str) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``command``; its result and the peak memory (resident, KiB) of that process alone."""
    import sys

    probe = ("import resource, subprocess, sys;"
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "sys.stderr.write(r.stderr); sys.stdout.write(r.stdout);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
             "sys.exit(r.returncode)")
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True,
                            timeout=300)
    *lines, peak = result.stderr.strip().split("\n")
    result.stderr = "\n".join(lines) + "\n"
    return result, int(peak)


@pytest.mark.parametrize("with_header", [True, False], ids=["declared body", "no header"])
def test_a_decompression_bomb_is_refused_with_bounded_memory(world: World, with_header: bool) -> None:  # noqa: F811
    """The case found: an 11 MiB file expanding to 994 MiB.  Refused by the size its header
    declares, or (without one) long before it is all inflated, the process staying far below what
    a 4 GB office PC can give."""
    header = orjson.loads(gzip_decompress(world.return_a))["header"] if with_header else None
    bomb = world.folder / "bomb.clsync"
    bomb.write_bytes(_bomb(header, random_mib=13, filler_mib=981))
    assert 10 * MiB < bomb.stat().st_size < 12 * MiB
    path = Path(str(world.a.path))
    world.a.close()
    before = file_digest(path)
    result, peak_kib = _peak_of(str(BIN / "community-ledger-cli"), "--db", str(path), "import", str(bomb))
    assert result.returncode == 3
    line = result.stderr.strip()
    assert "\n" not in line and "[decompression_bomb]" in line, line
    limit = float(line.split("more than ")[1].split(" MB")[0])
    assert limit < (2 if with_header else 250)
    assert file_digest(path) == before
    print(f"bomb refused: {line}; peak {peak_kib // 1024} MiB")
    assert peak_kib < 400 * 1024, f"peak {peak_kib // 1024} MiB"


def gzip_decompress(data: bytes) -> bytes:
    import gzip

    return gzip.decompress(data)


def test_a_body_larger_than_its_count_of_changes_can_hold_is_refused_before_decrypting(
        world: World) -> None:  # noqa: F811
    from app.sync.errors import SyncError
    from app.sync.package import Limits
    from app.sync.service import SyncService

    strict = SyncService(world.a, Limits(max_change_bytes=8, body_slack=0))
    with pytest.raises(SyncError) as err:
        strict.import_bytes(world.return_a)
    assert err.value.code == "body_too_large"
    assert " bytes for 2 changes, more than 16 bytes" in str(err.value)
    assert SyncService(world.a).import_bytes(world.return_a).applied


# --- refusals that say what happened -------------------------------------------------------------


def test_a_package_for_the_other_computer_of_the_community_says_so(
        world: World, computers: Any) -> None:  # noqa: F811
    from app.sync.errors import SyncError
    from app.sync.service import SyncService

    city = CityServer(str(world.city_path))
    try:
        issued = city.add_community("220802001", "幸福社区", "洮北区", "明仁街道")
        second_db = computers.new("a2")
        second = SyncService(second_db)
        second.enroll(issued.code)
        city.import_file(second.export(world.folder).path)
        city.export_for("220802001", world.folder / "for-a2.clsync", node_ids=[second_db.node_id])
    finally:
        city.close()
    with pytest.raises(SyncError) as err:
        world.a_svc.import_file(world.folder / "for-a2.clsync")
    assert err.value.code == "other_computer"
    assert second_db.node_id in str(err.value) and "another computer of this community" in str(err.value)


def test_a_package_for_another_community_names_both_by_code(world: World) -> None:  # noqa: F811
    from app.sync.errors import SyncError

    with pytest.raises(SyncError) as err:
        world.a_svc.import_bytes(world.return_b)
    assert str(err.value) == "the package is addressed to community 220802002, not to community 220802001"


def test_a_package_fed_back_to_the_computer_that_made_it_says_so(world: World) -> None:  # noqa: F811
    from app.sync.errors import SyncError

    with pytest.raises(SyncError) as err:
        world.a_svc.import_bytes(world.from_a)
    assert err.value.code == "own_package"
    city = CityServer(str(world.city_path))
    try:
        with pytest.raises(SyncError) as err:
            city.import_bytes(world.return_a)
    finally:
        city.close()
    assert err.value.code == "own_package"
    assert "made here, by this computer itself" in str(err.value)
