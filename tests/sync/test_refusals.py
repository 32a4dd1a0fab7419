"""Bad packages are refused with their reason, and the database is byte-identical afterwards."""

from __future__ import annotations

import gzip
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.db.database import Database
from app.services.registry import RegistryService
from app.sync.errors import SyncError
from app.sync.keys import NodeKeys
from app.sync.package import Limits, build_package, open_envelope
from app.sync.report import Source, Target
from app.sync.service import SyncService
from server.city import CityServer

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, dump, enrol, file_digest, round_trip

BIN = Path(sys.executable).parent


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "community-ledger-cli"), *args], capture_output=True, text=True,
                          timeout=120)


def server_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "community-ledger-server"), *args], capture_output=True, text=True,
                          timeout=120)


@dataclass
class World:
    folder: Path
    city_path: Path
    a: Database
    a_svc: SyncService
    b_svc: SyncService
    return_a: bytes
    return_b: bytes
    from_a: bytes
    b_compound: str


@pytest.fixture
def world(computers: Computers, tmp_path: Path) -> Iterator[World]:
    city_path = tmp_path / "city.sqlite"
    city = CityServer(str(city_path))
    a, b = computers.new("a"), computers.new("b")
    a_svc, b_svc = enrol(city, a, COMMUNITY_A), enrol(city, b, COMMUNITY_B)
    b_compound = RegistryService(b).create("compound", {"name": "江南小区"})
    RegistryService(a).create("compound", {"name": "阳光小区"})
    round_trip(city, COMMUNITY_A["code"], [a_svc], tmp_path)
    round_trip(city, COMMUNITY_B["code"], [b_svc], tmp_path)
    RegistryService(a).create("compound", {"name": "和平小区"})
    from_a = a_svc.export(tmp_path / "from-a.clsync").path.read_bytes()
    city.put_city_record("organ", {"name": "白城市民政局"})
    city.export_for(COMMUNITY_A["code"], tmp_path / "ret-a.clsync")
    city.export_for(COMMUNITY_B["code"], tmp_path / "ret-b.clsync")
    city.close()
    yield World(tmp_path, city_path, a, a_svc, b_svc, (tmp_path / "ret-a.clsync").read_bytes(),
                (tmp_path / "ret-b.clsync").read_bytes(), from_a, b_compound)


def _regzip(data: bytes, change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = orjson.loads(gzip.decompress(data))
    change(doc)
    return gzip.compress(orjson.dumps(doc))


def _flip(text: str, at: int) -> str:
    ch = text[at]
    return text[:at] + ("A" if ch != "A" else "B") + text[at + 1:]


def _bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"0" * (1 << 20)
    parts = [packer.compress(b'{"format": "community-ledger-sync", "header": "')]
    parts += [packer.compress(chunk) for _ in range(400)]
    parts.append(packer.flush())
    return b"".join(parts)


def _rogue_for_a(world: World, node_id: str) -> bytes:
    rogue = NodeKeys.generate(node_id)
    data, _ = build_package(
        keys=rogue, source=Source("server", node_id, None, None, ""),
        target=Target("community", world.a_svc.db.community_id, COMMUNITY_A["code"], (world.a.node_id,)),
        changes=[], seq_range=(1, 1), ack_nodes={world.a.node_id: 10_000},
        recipients=[world.a_svc.keys().public])
    return data


APP_CASES: dict[str, tuple[Callable[[World], bytes], set[str]]] = {
    "one byte changed in the header": (
        lambda w: _regzip(w.return_a, lambda d: d["header"].update(body_bytes=d["header"]["body_bytes"] + 1)),
        {"bad_signature"}),
    "one byte changed in the sealed body": (
        lambda w: _regzip(w.return_a, lambda d: d["sealed"].update(
            ciphertext=_flip(d["sealed"]["ciphertext"], len(d["sealed"]["ciphertext"]) // 2))),
        {"decrypt_failed"}),
    "one byte changed in the file": (
        lambda w: w.return_a[:len(w.return_a) // 2] + bytes([w.return_a[len(w.return_a) // 2] ^ 0x01])
        + w.return_a[len(w.return_a) // 2 + 1:],
        {"corrupt", "malformed_json", "schema", "bad_signature", "decrypt_failed", "checksum"}),
    "signed by an unknown key": (lambda w: _rogue_for_a(w, "rogue0001"), {"unknown_signer"}),
    "an unknown key using the server's name": (
        lambda w: _rogue_for_a(w, w.a_svc.server().node_id),  # type: ignore[union-attr]
        {"signer_mismatch"}),
    "a package for another community": (lambda w: w.return_b, {"wrong_target"}),
    "truncated": (lambda w: w.return_a[: len(w.return_a) * 2 // 3], {"truncated"}),
    "malformed JSON": (lambda w: gzip.compress(b'{"format": "community-ledger-sync", "header": {'),
                       {"malformed_json"}),
    "not JSON at all": (lambda w: b"PK\x03\x04 this is a zip file", {"not_a_package"}),
    "a decompression bomb": (lambda w: _bomb(), {"decompression_bomb"}),
    "a package this program is too old for": (
        lambda w: _regzip(w.return_a, lambda d: d["header"].update(min_app_version="99.0")),
        {"app_too_old"}),
}


@pytest.mark.parametrize("case", list(APP_CASES))
def test_app_refuses_with_its_reason_and_changes_nothing(world: World, case: str) -> None:
    make, reasons = APP_CASES[case]
    bad = world.folder / "bad.clsync"
    bad.write_bytes(make(world))
    path = Path(str(world.a.path))
    before_rows = dump(world.a.engine)
    world.a.close()
    before = file_digest(path)
    result = cli("--db", str(path), "import", str(bad))
    assert result.returncode == 3, result.stderr
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith("community-ledger-cli: error: package refused:")
    assert any(f"[{r}]" in line for r in reasons), line
    assert result.stdout == ""
    assert file_digest(path) == before
    reopened = Database.open(path)
    try:
        assert dump(reopened.engine) == before_rows
    finally:
        reopened.close()


def test_the_good_return_package_is_applied(world: World) -> None:
    path = Path(str(world.a.path))
    world.a.close()
    result = cli("--db", str(path), "import", str(world.folder / "ret-a.clsync"))
    assert result.returncode == 0, result.stderr
    report = orjson.loads(result.stdout)
    assert report["status"] == "applied"
    assert report["counts"]["organ"]["imported"] == 1


def _resign_as_a(world: World, change: Callable[[list[dict[str, Any]]], None], **claims: Any) -> bytes:
    """A package really signed by community A, whose changes were altered before signing; its range
    spans the changes it then holds, unless ``claims`` (``seq_range``, ``ack_server_seq``) say otherwise."""
    env = open_envelope(world.from_a)
    from app.sync.package import read_changes
    from server.city import CityServer as _City

    city = _City(str(world.city_path))
    try:
        changes = read_changes(env, city.keys)
        server_identity = city.identity
    finally:
        city.close()
    change(changes)
    header = env.header
    claims = {"seq_range": (header.first, header.first + len(changes) - 1),
              "ack_server_seq": header.ack_server_seq, **claims}
    data, _ = build_package(
        keys=world.a_svc.keys(), source=header.source, target=header.target, changes=changes,
        ack_nodes=header.ack_nodes, recipients=[server_identity], **claims)
    return data


def _steal(world: World) -> Callable[[list[dict[str, Any]]], None]:
    def change(changes: list[dict[str, Any]]) -> None:
        compound = next(c for c in changes if c["table"] == "compound")
        compound["record"] = world.b_compound  # B's record id, claimed as A's

    return change


def _for_b(world: World) -> Callable[[list[dict[str, Any]]], None]:
    def change(changes: list[dict[str, Any]]) -> None:
        compound = next(c for c in changes if c["table"] == "compound")
        compound["community"] = world.b_svc.db.community_id
        compound["fields"]["community_id"] = world.b_svc.db.community_id

    return change


def _city_record(world: World) -> Callable[[list[dict[str, Any]]], None]:
    def change(changes: list[dict[str, Any]]) -> None:
        compound = next(c for c in changes if c["table"] == "compound")
        compound.update(table="organ", community="city", fields={"community_id": "city", "name": "假机关"})

    return change


@pytest.mark.parametrize("how", [_steal, _for_b, _city_record],
                         ids=["another community's record id", "records of another community",
                              "a record the city owns"])
def test_server_refuses_a_community_writing_what_is_not_its_own(
        world: World, how: Callable[[World], Callable[[list[dict[str, Any]]], None]]) -> None:
    bad = world.folder / "bad.clsync"
    bad.write_bytes(_resign_as_a(world, how(world)))
    before = file_digest(world.city_path)
    result = server_cli("--db", str(world.city_path), "import", str(bad))
    assert result.returncode == 3
    assert "[forbidden_record]" in result.stderr and result.stderr.count("\n") == 1
    assert file_digest(world.city_path) == before
    # The same package unaltered is accepted.
    good = world.folder / "good.clsync"
    good.write_bytes(world.from_a)
    assert server_cli("--db", str(world.city_path), "import", str(good)).returncode == 0


def test_size_limit_is_checked_before_reading(world: World) -> None:
    bad = world.folder / "big.clsync"
    bad.write_bytes(world.return_a)
    svc = SyncService(world.a, Limits(max_file_bytes=100))
    with pytest.raises(SyncError) as err:
        svc.import_file(bad)
    assert err.value.code == "too_large"


def _everything(city: CityServer) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table the server has, its own tables included."""
    from sqlalchemy import MetaData, select

    meta = MetaData()
    meta.reflect(city.engine)
    with city.engine.connect() as conn:
        return {name: sorted(tuple(map(str, r)) for r in conn.execute(select(t)))
                for name, t in sorted(meta.tables.items())}


def test_a_refused_package_leaves_the_server_database_as_it_was(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    """On SQLite and on PostgreSQL: refusals found inside the import transaction roll it all back."""
    a, b = computers.new("a"), computers.new("b")
    a_svc, b_svc = enrol(city, a, COMMUNITY_A), enrol(city, b, COMMUNITY_B)
    theirs = RegistryService(b).create("compound", {"name": "江南小区"})
    round_trip(city, COMMUNITY_B["code"], [b_svc], tmp_path)
    RegistryService(a).create("compound", {"name": "阳光小区"})
    env = open_envelope(a_svc.export(tmp_path / "a.clsync").path.read_bytes())
    from app.sync.package import read_changes

    changes = read_changes(env, city.keys)
    next(c for c in changes if c["table"] == "compound")["record"] = theirs
    header = env.header
    data, _ = build_package(
        keys=a_svc.keys(),
        source=header.source, target=header.target, changes=changes,
        seq_range=(header.first, header.last), ack_server_seq=header.ack_server_seq,
        ack_nodes=header.ack_nodes, recipients=[city.identity], enrolment=header.enrolment)
    before = _everything(city)
    with pytest.raises(SyncError) as err:
        city.import_bytes(data)
    assert err.value.code == "forbidden_record"
    assert _everything(city) == before
    # A's first package would have enrolled it: the refusal undid that too.
    assert [len(c["nodes"]) for c in city.communities()] == [0, 1]
