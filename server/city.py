"""The city server's work: enrol communities, import their packages, write packages for them."""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import URL, ColumnElement, Engine, and_, create_engine, event, func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.atomic import atomic_write, ensure_private
from app.db.hlc import HybridClock, Stamp
from app.filenames import safe_file_name
from app.identity import DIVISION_CODE_WORDS, division_code_problem, normalise_code
from app.models import Community, new_id
from app.models.notices import Notice, NoticeTarget
from app.models.scope import CITY_SCOPE
from app.sync.apply import Applier, check_community_writer, insert_rows
from app.sync.enrolment import MAX_COMPUTERS, EnrolmentCode, proof_matches
from app.sync.errors import SyncError
from app.sync.files import read_limited
from app.sync.keys import NodeKeys, PublicIdentity, b64, unb64
from app.sync.package import (
    FILE_SUFFIX,
    Envelope,
    Limits,
    body_from_rows,
    build_package,
    check_claims,
    open_envelope,
    read_changes,
    verify_signature,
)
from app.sync.report import ImportReport, PackageHeader, Source, Target
from app.sync.service import build_report
from app.sync.tables import among, synced_tables
from server.migrate import locked_transaction, upgrade
from server.models import (
    CommunityNode,
    EnrolledCommunity,
    Enrolment,
    PackageLog,
    ServerChange,
    ServerState,
)

KEYS_KEY = "keys"
CLOCK_KEY = "hlc_last"
# PostgreSQL advisory locks.  Appending to the change sequence is serialised city-wide and done
# right before the commit, so sequence numbers are handed out in commit order and a reader that
# sees number N sees every number below it: a package written for a community never skips a
# change another transaction commits later.
_SEQ_LOCK = 7_531_001
# The namespace of the per-community locks (the second key is a hash of the community's id):
# the writes of one community wait for each other, those of different communities do not.
_COMMUNITY_LOCKS = 7_531_003


# The columns of a change appended to the sequence (its number is the table's own).
_CHANGE_COLUMNS = ["change_id", "table_name", "record_id", "community_id", "op", "fields", "hlc",
                   "source_node", "received_at"]


class ServerError(Exception):
    """A one-line problem with a server command (not a refused package)."""


@dataclass(frozen=True)
class EnrolmentIssued:
    community_id: str
    code: str
    server_fingerprint: str
    computer: int = 1


SQLITE_BUSY_MS = 30_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    # Writers take turns (each write transaction begins IMMEDIATE): one waits for another's
    # commit up to this long before it is told the database is busy.
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    # Switching a new file to WAL fails at once, without waiting, while another connection holds
    # a lock (servers opening the same new file together), so it is tried again for a while.
    deadline = time.monotonic() + 10
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _postgresql_session(dbapi_connection: Any, _record: Any) -> None:
    # A statement run often is prepared, and PostgreSQL then plans it once for any parameters:
    # planned while a table was small, a look-up of many ids (``= ANY`` of an array) stays a
    # sequential scan after the table has grown to millions of rows, a thousand comparisons per
    # row.  Planned for its parameters each time, it uses the index (planning costs far less).
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    with dbapi_connection.cursor() as cur:
        cur.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_connection.autocommit = autocommit


def make_server_engine(url: str) -> Engine:
    """An engine for a database URL; a bare path means an SQLite file."""
    # A path is handed over as it is: parsed as a URL, "a%20b" would be read as "a b".
    # hide_parameters: error messages never carry record values (ID numbers, phones).
    engine = create_engine(url if "://" in url else URL.create("sqlite", database=str(Path(url))),
                           hide_parameters=True)
    database = engine.url.database
    if (engine.dialect.name == "sqlite" and database and database != ":memory:"
            and Path(database).parent.is_dir()):
        # The city's copy of every community's ledger: for the server's account only.  A file
        # that exists is left as it is (it may be another program's, which the server refuses).
        ensure_private(Path(database), tighten=False)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _postgresql_session)
    return engine


def received_by(community: EnrolledCommunity) -> ColumnElement[bool]:
    """The changes of the sequence a community receives: its own records and the city's, of the
    city's notices only those meant for it (the whole city, its district or its street)."""
    meant_for_it = select(Notice.id).where(or_(
        Notice.target == NoticeTarget.CITY.value,
        and_(Notice.target == NoticeTarget.DISTRICT.value, Notice.target_district == community.district),
        and_(Notice.target == NoticeTarget.STREET.value, Notice.target_district == community.district,
             Notice.target_street == community.street)))
    return or_(ServerChange.community_id == community.community_id,
               and_(ServerChange.community_id == CITY_SCOPE,
                    or_(ServerChange.table_name != Notice.__tablename__,
                        ServerChange.record_id.in_(meant_for_it))))


class CityServer:
    def __init__(self, url: str, limits: Limits | None = None, read_url: str | None = None) -> None:
        """Open the database and bring it to the newest schema; :class:`server.migrate.SchemaError`
        when it cannot be (a newer program's database, unknown tables), with nothing changed.

        ``read_url`` names a read-only copy (a PostgreSQL replica) that figures for people are
        read from (:attr:`read_engine`); without it they are read from the database itself.
        """
        self.engine = make_server_engine(url)
        self.read_engine = make_server_engine(read_url) if read_url else self.engine
        self.limits = limits or Limits()
        try:
            self.migration = upgrade(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        database = self.engine.url.database
        if self.engine.dialect.name == "sqlite" and database and database != ":memory:":
            ensure_private(Path(database))
        self.keys = self._load_keys()
        self.node_id = self.keys.node_id
        stored = self._state(CLOCK_KEY)
        self.clock = HybridClock(self.node_id, Stamp.decode(stored) if stored else None)

    def close(self) -> None:
        if self.read_engine is not self.engine:
            self.read_engine.dispose()
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction for reading (anything it writes waits for no lock: use :meth:`writing`)."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def writing(self, *scopes: str) -> Iterator[Session]:
        """A write transaction, committed when the block ends.

        On PostgreSQL it first takes the lock of each scope named (a community's id, or any other
        name), so writers of one scope wait for each other and those of different scopes run side
        by side.  On SQLite, which has one writer at a time anyway, it begins IMMEDIATE: it waits
        (up to the busy timeout) for the write lock before it reads anything, and so is never
        refused half-way because another writer committed since it read.
        """
        with self.engine.connect() as connection:
            if self.engine.dialect.name != "sqlite":
                with connection.begin():
                    if self.engine.dialect.name == "postgresql":
                        for scope in sorted(set(scopes)):
                            connection.execute(text("SELECT pg_advisory_xact_lock(:ns, hashtext(:k))"),
                                               {"ns": _COMMUNITY_LOCKS, "k": scope})
                    with Session(bind=connection, expire_on_commit=False) as session:
                        yield session
                        session.flush()
                return
            driver = connection.connection.driver_connection
            previous = driver.isolation_level  # type: ignore[union-attr]
            driver.isolation_level = None  # type: ignore[union-attr]
            try:
                with connection.begin():
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                    with Session(bind=connection, expire_on_commit=False) as session:
                        yield session
                        session.flush()
            finally:
                driver.isolation_level = previous  # type: ignore[union-attr]

    def _state(self, key: str) -> str | None:
        with Session(self.engine) as session:
            return session.scalar(select(ServerState.value).where(ServerState.key == key))

    def _load_keys(self) -> NodeKeys:
        stored = self._state(KEYS_KEY)
        if stored:
            return NodeKeys.from_private_json(orjson.loads(stored))
        with locked_transaction(self.engine) as conn, Session(conn) as session:
            # Read again under the lock: another process opening a new database at the same time
            # may have made the keys since, and a server has one identity.
            stored = session.scalar(select(ServerState.value).where(ServerState.key == KEYS_KEY))
            if stored:
                return NodeKeys.from_private_json(orjson.loads(stored))
            keys = NodeKeys.generate("city" + secrets.token_hex(6))
            session.add(ServerState(key=KEYS_KEY, value=orjson.dumps(keys.private_json()).decode()))
            session.flush()
        return keys

    @property
    def identity(self) -> PublicIdentity:
        return self.keys.public

    def _save_clock(self, session: Session) -> None:
        session.merge(ServerState(key=CLOCK_KEY, value=self.clock.last.encode()))

    # --- records the city writes ----------------------------------------------------------

    def _write(self, session: Session, table: str, record_id: str, community_id: str,
               fields: dict[str, Any], op: str = "upsert") -> dict[str, Any]:
        """Apply one change made here and append it to the change sequence."""
        change_id = new_id()
        self._observe_stored_clock(session)
        change = {"id": change_id, "table": table, "record": record_id, "community": community_id,
                  "op": op, "hlc": self.clock.now().encode(), "fields": fields}
        result = Applier(session, package_id=change_id, local_node=self.node_id).apply([change])
        if result.rejected:
            rejected = result.rejected[0]
            raise ServerError(f"{table}: {rejected.reason} {rejected.field or ''}".strip())
        self._append(session, [change], self.node_id)
        return change

    def put_city_record(self, table: str, fields: dict[str, Any], record_id: str | None = None) -> str:
        """Create or change a record the city owns (every community receives it, none may write it)."""
        if table not in synced_tables():
            raise ServerError(f"unknown table: {table}")
        record_id = record_id or new_id()
        with self.writing(CITY_SCOPE) as session:
            self._write(session, table, record_id, CITY_SCOPE, dict(fields, community_id=CITY_SCOPE))
        return record_id

    def delete_city_record(self, table: str, record_id: str, when: datetime | None = None) -> None:
        """Withdraw a record the city owns: a tombstone every community receives."""
        if table not in synced_tables():
            raise ServerError(f"unknown table: {table}")
        stamp = (when or datetime.now()).strftime("%Y-%m-%dT%H:%M:%S.%f")
        with self.writing(CITY_SCOPE) as session:
            self._write(session, table, record_id, CITY_SCOPE, {"deleted_at": stamp}, op="delete")

    # --- enrolment --------------------------------------------------------------------------

    def add_community(self, code: str, name: str, district: str, street: str,
                      city: str = "") -> EnrolmentIssued:
        """Register a community (or, when it exists, one more computer of it); returns a one-time code."""
        code = normalise_code(code)
        if division_code_problem(code):
            raise ServerError(f"{code!r} is not a community code: {DIVISION_CODE_WORDS}")
        now = datetime.now()
        with self.writing("code:" + code) as session:
            known = session.scalar(select(EnrolledCommunity).where(EnrolledCommunity.code == code))
            if known is None:
                community_id = new_id()
                session.add(EnrolledCommunity(community_id=community_id, code=code, name=name,
                                              district=district, street=street, created_at=now))
                change = self._write(session, "community", community_id, community_id, {
                    "community_id": community_id, "code": code, "name": name, "district": district,
                    "street": street, "city": city,
                })
            else:
                community_id = known.community_id
                row = session.execute(
                    select(ServerChange).where(ServerChange.table_name == "community",
                                               ServerChange.record_id == community_id,
                                               ServerChange.source_node == self.node_id)
                    .order_by(ServerChange.seq).limit(1)).scalar_one()
                change = {"id": row.change_id, "table": row.table_name, "record": row.record_id,
                          "community": row.community_id, "op": row.op, "hlc": row.hlc,
                          "fields": orjson.loads(row.fields)}
            issued_before = session.scalar(select(func.count()).select_from(Enrolment)
                                           .where(Enrolment.community_id == community_id))
            computer = int(issued_before or 0) + 1
            if computer > MAX_COMPUTERS:
                raise ServerError(f"community {code} already has {MAX_COMPUTERS} enrolment codes")
            token, secret = new_id(), secrets.token_bytes(32)
            session.add(Enrolment(token=token, community_id=community_id, secret=b64(secret),
                                  created_at=now))
        issued = EnrolmentCode(self.identity, token, secret, change, computer)
        return EnrolmentIssued(community_id, issued.encode(), self.identity.fingerprint, computer)

    def communities(self) -> list[dict[str, Any]]:
        with self.session() as session:
            result = []
            for c in session.scalars(select(EnrolledCommunity).order_by(EnrolledCommunity.code)):
                nodes = session.scalars(select(CommunityNode).where(
                    CommunityNode.community_id == c.community_id).order_by(CommunityNode.enrolled_at)).all()
                result.append({
                    "code": c.code, "name": c.name, "district": c.district, "street": c.street,
                    "community_id": c.community_id,
                    "nodes": [{"node_id": n.node_id,
                               "fingerprint": PublicIdentity(n.node_id, unb64(n.sign_key),
                                                             unb64(n.box_key)).fingerprint,
                               "received_to_seq": n.received_to_seq, "acked_server_seq": n.acked_server_seq,
                               "last_package_at": (n.last_package_at.isoformat()
                                                   if n.last_package_at else None)}
                              for n in nodes],
                })
            return result

    # --- import -----------------------------------------------------------------------------

    def import_file(self, path: Path) -> ImportReport:
        return self.import_bytes(read_limited(path, self.limits.max_file_bytes))

    def import_bytes(self, data: bytes) -> ImportReport:
        """Check a community's package and apply it in one transaction; raise SyncError when refused."""
        return self.import_envelope(open_envelope(data, self.limits))

    def import_envelope(self, envelope: Envelope) -> ImportReport:
        """:meth:`import_bytes` of a package already opened (its signer known, nothing checked yet)."""
        try:
            return self._import(envelope)
        except IntegrityError as exc:
            with self.session() as session:
                raced = session.scalar(select(PackageLog.seq).where(
                    PackageLog.package_id == envelope.package_id, PackageLog.direction == "in"))
            if raced is not None:
                # Another process (a second import, a push of the same file) applied it meanwhile.
                raise SyncError("import_raced") from None
            raise SyncError("constraint", detail=str(exc.orig)[:200]) from None

    def _import(self, envelope: Envelope) -> ImportReport:
        header = envelope.header
        now = datetime.now()
        # The community the package says it is from: a package that lies is refused below.
        with self.writing(header.source.community_id or "") as session:
            if envelope.signer_node == self.node_id:
                raise SyncError("own_package")
            node = session.get(CommunityNode, envelope.signer_node)
            enrolment: Enrolment | None = None
            if node is None:
                identity, enrolment = self._enrolling(session, envelope.signer_node, header)
                community_id = enrolment.community_id
            else:
                identity = PublicIdentity(node.node_id, unb64(node.sign_key), unb64(node.box_key))
                community_id = node.community_id
            verify_signature(envelope, identity)
            source, target = header.source, header.target
            if target.role != "server" or self.node_id not in target.node_ids:
                raise SyncError("wrong_target", target=",".join(target.node_ids), here=self.node_id)
            if source.role != "community" or source.community_id != community_id:
                raise SyncError("wrong_target", target=source.community_id or "", here=community_id)
            check_claims(header, acknowledged=int(header.ack_server_seq or 0),
                         issued=int(session.scalar(select(func.max(ServerChange.seq))) or 0),
                         receiver="the city server", exact_range=True)
            changes = read_changes(envelope, self.keys, self.limits, require_sealed=True)
            check_community_writer(session, changes, community_id)
            seen = session.scalar(select(PackageLog.seq).where(
                PackageLog.package_id == envelope.package_id, PackageLog.direction == "in"))
            if seen is not None:
                return ImportReport.already_applied(header)
            if node is None:
                assert enrolment is not None
                node = CommunityNode(node_id=identity.node_id, community_id=community_id,
                                     sign_key=b64(identity.sign_public), box_key=b64(identity.box_public),
                                     enrolled_at=now, received_to_seq=0, acked_server_seq=0)
                session.add(node)
                enrolment.used_at, enrolment.used_by = now, identity.node_id
            result = Applier(session, package_id=envelope.package_id, local_node=self.node_id).apply(changes)
            first, last = header.first, header.last
            if first <= node.received_to_seq + 1 and last > node.received_to_seq:
                node.received_to_seq = last
            node.acked_server_seq = max(node.acked_server_seq, int(header.ack_server_seq or 0))
            node.last_package_at = now
            if result.max_stamp:
                self.clock.observe(Stamp.decode(result.max_stamp))
            report = build_report(result, header)
            session.add(PackageLog(package_id=envelope.package_id, direction="in", node_id=identity.node_id,
                                   community_id=community_id, processed_at=now,
                                   change_count=header.change_count, first_seq=first, last_seq=last,
                                   report=orjson.dumps(report.to_json()).decode()))
            self._append(session, result.accepted, identity.node_id)
        return report

    def _enrolling(self, session: Session, node_id: str,
                   header: PackageHeader) -> tuple[PublicIdentity, Enrolment]:
        claim = header.enrolment
        if claim is None:
            raise SyncError("unknown_signer", node=node_id)
        return self.check_enrolment(session, node_id, claim)

    def check_enrolment(self, session: Session, node_id: str,
                        claim: dict[str, Any]) -> tuple[PublicIdentity, Enrolment]:
        """The computer's identity and its enrolment, when ``claim`` (the one-time token, the
        computer's public keys and the HMAC proof made with the code's secret) checks out."""
        enrolment = session.get(Enrolment, claim["token"])
        if enrolment is None:
            raise SyncError("enrolment_invalid")
        if enrolment.used_by is not None and enrolment.used_by != node_id:
            raise SyncError("enrolment_used")
        try:
            identity = PublicIdentity(node_id, unb64(claim["sign_key"]), unb64(claim["box_key"]))
        except ValueError:
            raise SyncError("enrolment_invalid") from None
        if not proof_matches(unb64(enrolment.secret), enrolment.token, identity, claim["proof"]):
            raise SyncError("enrolment_invalid")
        return identity, enrolment

    def _observe_stored_clock(self, session: Session) -> None:
        """Move this process's clock past the one stored (other server processes write it too)."""
        stored = session.scalar(select(ServerState.value).where(ServerState.key == CLOCK_KEY))
        if stored:
            self.clock.observe(Stamp.decode(stored))

    def _append(self, session: Session, changes: list[dict[str, Any]], source_node: str) -> None:
        """Add changes to the sequence, each once, and save the clock; call it right before the
        commit: from here to the commit, every other append of the city waits (PostgreSQL)."""
        session.flush()
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SEQ_LOCK})
        self._observe_stored_clock(session)
        self._save_clock(session)
        if not changes:
            return
        known: set[str] = set()
        for matching in among(session, ServerChange.change_id, [c["id"] for c in changes]):
            known.update(session.scalars(select(ServerChange.change_id).where(matching)))
        now = datetime.now()
        rows = []
        dumps = orjson.dumps
        for c in changes:
            if c["id"] in known:
                continue
            known.add(c["id"])
            rows.append((c["id"], c["table"], c["record"], c["community"], c["op"],
                         dumps(c["fields"]).decode(), c["hlc"], source_node, now))
        insert_rows(session.connection(), ServerChange.__table__, _CHANGE_COLUMNS,  # type: ignore[arg-type]
                    rows)

    # --- export -----------------------------------------------------------------------------

    def export_for(self, code: str, out: Path, node_ids: list[str] | None = None) -> dict[str, Any]:
        """Write the package a community takes home: what it has not received, and the acknowledgements."""
        now = datetime.now()
        with self.writing() as session:
            community = session.scalar(select(EnrolledCommunity).where(EnrolledCommunity.code == code))
            if community is None:
                raise ServerError(f"no community with code {code} is enrolled")
            stmt = select(CommunityNode).where(CommunityNode.community_id == community.community_id)
            if node_ids:
                stmt = stmt.where(CommunityNode.node_id.in_(node_ids))
            nodes = session.scalars(stmt.order_by(CommunityNode.node_id)).all()
            if not nodes:
                raise ServerError(f"no computer of community {code} has sent a package yet")
            start = min(n.acked_server_seq for n in nodes)
            top = int(session.scalar(select(func.max(ServerChange.seq))) or 0)
            query = select(ServerChange.change_id, ServerChange.table_name, ServerChange.record_id,
                           ServerChange.community_id, ServerChange.op, ServerChange.hlc,
                           ServerChange.fields).where(
                ServerChange.seq > start, ServerChange.seq <= top, received_by(community),
            ).order_by(ServerChange.seq)
            if len(nodes) == 1:
                query = query.where(ServerChange.source_node != nodes[0].node_id)
            # Streamed: a new computer's first package may hold the whole community.
            changes = body_from_rows(session.execute(query.execution_options(yield_per=2000)))
            recipients = [PublicIdentity(n.node_id, unb64(n.sign_key), unb64(n.box_key)) for n in nodes]
            data, header = build_package(
                keys=self.keys,
                source=Source("server", self.node_id, None, None, ""),
                target=Target("community", community.community_id, code, tuple(n.node_id for n in nodes)),
                changes=changes, seq_range=(start + 1, top),
                ack_nodes={n.node_id: n.received_to_seq for n in nodes},
                recipients=recipients,
            )
            if out.is_dir():
                name = safe_file_name(code, "community")
                out = out / f"{name}-return-{now:%Y%m%d-%H%M%S}-{header.package_id[:8]}{FILE_SUFFIX}"
            atomic_write(out, data)
            session.add(PackageLog(package_id=header.package_id, direction="out",
                                   node_id=",".join(n.node_id for n in nodes),
                                   community_id=community.community_id, processed_at=now,
                                   change_count=changes[2], first_seq=start + 1, last_seq=top,
                                   report=orjson.dumps({"counts": header.counts}).decode()))
        return {"file": str(out), "package_id": header.package_id, "change_count": header.change_count,
                "counts": header.counts, "nodes": [n.node_id for n in nodes],
                "range": {"first": header.first, "last": header.last}}

    def community_ids(self) -> list[tuple[str, str, str, str]]:
        """(community id, code, name, district) of every community record here."""
        with self.session() as session:
            rows = session.execute(select(Community.id, Community.code, Community.name, Community.district)
                                   .where(Community.deleted_at.is_(None)).order_by(Community.code))
            return [(r[0], r[1], r[2], r[3]) for r in rows]
