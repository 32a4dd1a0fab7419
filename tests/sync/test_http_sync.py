"""Sync over HTTP against a real server process on 127.0.0.1 (docs/sync-http.md), on SQLite and
PostgreSQL: enrolment, push, pull with its cursor and pages, and every refusal, which keeps nothing."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.db.database import Database
from app.models import Compound
from app.services.registry import RegistryService
from app.sync.package import build_package, open_envelope, read_changes
from app.sync.report import CREATED_AT_FORMAT
from app.sync.service import SyncService
from app.sync.status import SERVER_SEQ_KEY
from server.city import CityServer
from server.models import NodeToken, PackageLog, ServerChange

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers
from .http_server import BIN, LiveServer, bearer, enrolment_claim, live_server

pytestmark = pytest.mark.slow
MAX_PAGES = 50


@pytest.fixture
def live(server_url: str, city: CityServer, tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(server_url, tmp_path, "--max-body-mb", "1") as server:
        yield server


@dataclass
class Member:
    """A community computer enrolled over HTTP."""

    db: Database
    svc: SyncService
    token: str
    folder: Path

    def package(self, limit: int | None = None) -> bytes:
        return self.svc.export(self.folder, limit).path.read_bytes()


def join(city: CityServer, server: LiveServer, db: Database, community: dict[str, str], folder: Path,
         init: bool = True) -> Member:
    if init:
        RegistryService(db).create_community(dict(community))
    issued = city.add_community(community["code"], community["name"], community["district"],
                                community["street"], community["city"])
    svc = SyncService(db)
    svc.enroll(issued.code)
    with server.client() as client:
        answer = client.post("/api/v1/enrol", json=enrolment_claim(db))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["community_id"] == issued.community_id and body["community_code"] == community["code"]
    assert body["computer"] == issued.computer
    assert body["server"] == city.identity.to_json()
    folder.mkdir(exist_ok=True)
    return Member(db, svc, body["node_token"], folder)


def push(server: LiveServer, member: Member, data: bytes | None = None, token: str | None = None
         ) -> httpx.Response:
    with server.client() as client:
        return client.post("/api/v1/push", content=member.package() if data is None else data,
                           headers={**bearer(token or member.token),
                                    "Content-Type": "application/octet-stream"})


def pull(server: LiveServer, member: Member, after: int, limit: int = 5000) -> httpx.Response:
    with server.client() as client:
        return client.post("/api/v1/pull", json={"after": after, "limit": limit},
                           headers=bearer(member.token))


def cursor(db: Database) -> int:
    return int(db.get_state(SERVER_SEQ_KEY) or 0)


def pull_all(server: LiveServer, member: Member, limit: int = 5000) -> list[dict[str, Any]]:
    """Pull and apply pages until none is left, as the client does; the pages' headers."""
    headers = []
    for _page in range(MAX_PAGES):
        answer = pull(server, member, cursor(member.db), limit)
        assert answer.status_code == 200, answer.text
        envelope = open_envelope(answer.content)
        headers.append({"range": (envelope.header.first, envelope.header.last),
                        "count": envelope.header.change_count, "more": answer.headers.get("X-Ledger-More")})
        member.svc.import_bytes(answer.content)
        if answer.headers.get("X-Ledger-More") != "1":
            return headers
    raise AssertionError(f"still more to pull after {MAX_PAGES} pages: {headers[-3:]}")


def server_counts(city: CityServer) -> tuple[int, int, int]:
    with city.session() as session:
        return (int(session.scalar(select(func.count()).select_from(ServerChange)) or 0),
                int(session.scalar(select(func.count()).select_from(PackageLog)) or 0),
                int(session.scalar(select(func.count()).select_from(Compound)) or 0))


def names(db: Database, kind: str) -> set[str]:
    return {label for _id, label in RegistryService(db).options(kind)}


def add_compounds(db: Database, count: int, prefix: str = "小区") -> None:
    registry = RegistryService(db)
    for i in range(count):
        registry.create("compound", {"name": f"{prefix}{i:03d}"})


def test_status_answers_with_the_server_clock_and_identity(live: LiveServer, city: CityServer) -> None:
    with live.client() as client:
        answer = client.get("/api/v1/status")
        schema = client.get("/openapi.json").json()
    body = answer.json()
    assert body["api"] == 1 and body["server_node"] == city.node_id
    assert body["server_fingerprint"] == city.identity.fingerprint
    told = datetime.strptime(body["server_time"], CREATED_AT_FORMAT).replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - told).total_seconds()) < 60
    paths = {"/api/v1/status", "/api/v1/enrol", "/api/v1/push", "/api/v1/pull", "/api/v1/stats"}
    assert paths <= set(schema["paths"])


def test_computers_enrolled_over_http_push_and_pull_each_others_changes(
        live: LiveServer, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    a1 = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
    a2 = join(city, live, computers.new("a2"), COMMUNITY_A, tmp_path / "a2", init=False)
    b1 = join(city, live, computers.new("b1"), COMMUNITY_B, tmp_path / "b1")
    add_compounds(a1.db, 3)
    RegistryService(b1.db).create("party_group", {"name": "江南党小组", "kind": "ordinary"})
    data = a1.package()
    header = open_envelope(data).header

    first = push(live, a1, data)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["status"] == "applied"
    assert body["accepted"] == {"first": header.first, "last": header.last} and header.first == 1
    assert body["received_to_seq"] == header.last
    assert body["report"]["totals"]["imported"] == 3  # the compounds (the community record is an update)
    assert sum(body["report"]["totals"].values()) == header.change_count
    # The answer was lost: the same package again is applied once, with the same acknowledgement.
    again = push(live, a1, data)
    assert again.status_code == 200
    assert again.json()["status"] == "already_applied" and again.json()["accepted"] == body["accepted"]
    assert push(live, b1).status_code == 200

    pull_all(live, a2)
    assert names(a2.db, "compound") == {"小区000", "小区001", "小区002"}
    assert not names(a2.db, "party_group"), "another community's records reached a2"
    # a1 receives the acknowledgement of what it pushed, and not its own changes back.
    pages = pull_all(live, a1)
    assert sum(p["count"] for p in pages) == 1  # the community as the city registered it; none of a1's
    assert a1.svc.pending_count() == 0
    nodes = {n["node_id"]: n for c in city.communities() for n in c["nodes"]}
    assert nodes[a1.db.node_id]["last_package_at"] and nodes[a2.db.node_id]["acked_server_seq"] == 0
    # An edit made on a2 travels back to a1.
    compound_id = RegistryService(a2.db).options("compound")[0][0]
    RegistryService(a2.db).update("compound", compound_id, {"name": "改名小区"})
    assert push(live, a2).status_code == 200
    pull_all(live, a1)
    assert "改名小区" in names(a1.db, "compound")


def test_pull_pages_follow_the_cursor_and_say_when_more_waits(
        live: LiveServer, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    a1 = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
    a2 = join(city, live, computers.new("a2"), COMMUNITY_A, tmp_path / "a2", init=False)
    add_compounds(a1.db, 24)
    assert push(live, a1).status_code == 200

    pages = pull_all(live, a2, limit=10)
    # The community record the city made, then a1's community record and its 24 members.
    assert [p["more"] for p in pages] == ["1", "1", None]
    assert [p["count"] for p in pages] == [10, 10, 6]
    assert pages[0]["range"][0] == 1
    for before, after in zip(pages, pages[1:], strict=False):
        assert after["range"][0] == before["range"][1] + 1
    assert len(names(a2.db, "compound")) == 24
    # Nothing is left: an empty page that keeps the cursor where it is.
    end = cursor(a2.db)
    answer = pull(live, a2, end)
    assert "X-Ledger-More" not in answer.headers
    assert open_envelope(answer.content).header.change_count == 0
    a2.svc.import_bytes(answer.content)
    assert cursor(a2.db) == end


def test_refused_requests_keep_nothing(
        live: LiveServer, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    a1 = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
    b1 = join(city, live, computers.new("b1"), COMMUNITY_B, tmp_path / "b1")
    add_compounds(a1.db, 2)
    add_compounds(b1.db, 2, "别社区小区")
    b_package = b1.package()
    before = server_counts(city)

    def refused(answer: httpx.Response, status: int, code: str) -> dict[str, Any]:
        assert answer.status_code == status, answer.text
        body: dict[str, Any] = answer.json()
        assert body["error"] == code and body["message"] and isinstance(body["params"], dict)
        assert server_counts(city) == before
        return body

    with live.client() as client:
        refused(client.post("/api/v1/push", content=a1.package()), 401, "unauthorized")
        refused(client.post("/api/v1/pull", json={"after": 0}), 401, "unauthorized")
        refused(client.post("/api/v1/push", content=b"x", headers=bearer("not-a-token")), 401, "unauthorized")
        # 422: JSON that does not fit.
        for bad in ({"after": -1}, {"after": "zero"}, {"after": 0, "limit": 5001}, {"after": 0, "extra": 1}):
            refused(client.post("/api/v1/pull", json=bad, headers=bearer(a1.token)), 422, "bad_request")
        refused(client.post("/api/v1/pull", content=b"{not json", headers={**bearer(a1.token),
                "Content-Type": "application/json"}), 422, "bad_request")
        claim = enrolment_claim(a1.db)
        for broken in ({k: v for k, v in claim.items() if k != "proof"}, {**claim, "sign_key": "AAAA"},
                       {**claim, "node_id": "x" * 40}):
            refused(client.post("/api/v1/enrol", json=broken), 422, "bad_request")
        refused(client.post("/api/v1/enrol", json={**claim, "proof": "0" * 64}), 403, "enrolment_invalid")
        # 400: not a package, or a package refused as a whole.
        refused(client.post("/api/v1/push", content=b"\x1f\x8bgarbage", headers=bearer(a1.token)),
                400, "corrupt")
        refused(client.post("/api/v1/push", content=b"{}", headers=bearer(a1.token)), 400, "not_a_package")
        # 413: larger than --max-body-mb, declared or not; refused before it is read whole.
        big = b"\0" * (2 * 1024 * 1024)
        refused(client.post("/api/v1/push", content=big, headers=bearer(a1.token)), 413, "too_large")
        refused(client.post("/api/v1/push", content=iter([big[:65536]] * 32), headers=bearer(a1.token)),
                413, "too_large")
    # 403: a package signed by another computer, and records of another community.
    body = refused(push(live, a1, b_package), 403, "wrong_signer")
    assert body["params"]["node"] == b1.db.node_id
    envelope = open_envelope(a1.package())
    changes = read_changes(envelope, city.keys)
    compound = next(c for c in changes if c["table"] == "compound")
    compound["community"] = compound["fields"]["community_id"] = b1.db.community_id
    header = envelope.header
    forged, _ = build_package(keys=a1.svc.keys(), source=header.source, target=header.target, changes=changes,
                              seq_range=(header.first, header.last), ack_server_seq=header.ack_server_seq,
                              ack_nodes=header.ack_nodes, recipients=[city.identity])
    body = refused(push(live, a1, forged), 403, "forbidden_record")
    assert body["params"]["table"] == "compound"
    # The good packages still go through afterwards.
    assert push(live, a1).status_code == 200 and push(live, b1, b_package).status_code == 200


def test_a_revoked_computer_is_refused_and_may_not_enrol_again(
        live: LiveServer, city: CityServer, computers: Computers, tmp_path: Path, server_url: str) -> None:
    a1 = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
    a2 = join(city, live, computers.new("a2"), COMMUNITY_A, tmp_path / "a2", init=False)
    with city.session() as session:
        stored = {t.node_id: t.token_sha256 for t in session.scalars(select(NodeToken))}
    assert a1.token not in str(stored) and len(stored[a1.db.node_id] or "") == 64
    assert pull(live, a1, 0).status_code == 200

    result = subprocess.run([str(BIN / "community-ledger-server"), "--db", server_url, "revoke-node",
                             a1.db.node_id], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for answer in (pull(live, a1, 0), push(live, a1)):
        assert answer.status_code == 401 and answer.json()["error"] == "revoked"
    with live.client() as client:
        again = client.post("/api/v1/enrol", json=enrolment_claim(a1.db))
    assert again.status_code == 401 and again.json()["error"] == "revoked"
    # The other computer of the community goes on.
    assert pull(live, a2, 0).status_code == 200
    unknown = subprocess.run([str(BIN / "community-ledger-server"), "--db", server_url,
                              "revoke-node", "nobody"],
                             capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1


def test_enrolling_again_with_the_same_code_replaces_the_token(
        live: LiveServer, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    """The answer to an enrolment was lost: the computer asks again and the first token is worthless."""
    a1 = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
    with live.client() as client:
        second = client.post("/api/v1/enrol", json=enrolment_claim(a1.db)).json()["node_token"]
        other = computers.new("other")
        RegistryService(other).create_community(dict(COMMUNITY_A))
        SyncService(other).enroll(city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"],
                                                     COMMUNITY_A["district"], COMMUNITY_A["street"]).code)
        stolen = {**enrolment_claim(other), "token": enrolment_claim(a1.db)["token"]}
        used = client.post("/api/v1/enrol", json=stolen)
    assert second != a1.token
    assert pull(live, a1, 0).status_code == 401
    a1.token = second
    assert pull(live, a1, 0).status_code == 200
    assert used.status_code == 403 and used.json()["error"] in ("enrolment_used", "enrolment_invalid")


def test_several_workers_take_their_settings_from_the_command_line(
        server_url: str, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    with live_server(server_url, tmp_path, "--workers", "2", "--max-body-mb", "1") as live:
        a1 = join(city, live, computers.new("a1"), COMMUNITY_A, tmp_path / "a1")
        a2 = join(city, live, computers.new("a2"), COMMUNITY_A, tmp_path / "a2", init=False)
        add_compounds(a1.db, 3)
        with live.client() as client:
            seen = {client.get("/api/v1/status").json()["server_node"] for _ in range(10)}
            big = client.post("/api/v1/push", content=b"\0" * (2 * 1024 * 1024), headers=bearer(a1.token))
        assert seen == {city.node_id}
        assert big.status_code == 413
        assert push(live, a1).status_code == 200
        pull_all(live, a2)
        assert names(a2.db, "compound") == {"小区000", "小区001", "小区002"}
    assert "Started parent process" in live.log.read_text(encoding="utf-8")
