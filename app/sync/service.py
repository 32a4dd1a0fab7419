"""The community side of sync: keys, enrolment, export, import, history and conflicts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import keystore
from app.atomic import atomic_write
from app.db.database import CLOCK_KEY, COMMUNITY_KEY, COMPUTER_KEY, Database
from app.db.hlc import Stamp
from app.filenames import safe_file_name
from app.models import Community, OutboxEntry
from app.models.sync import SyncConflict, SyncFieldStamp, SyncPackage
from app.progress import QUIET, Progress
from app.sync.apply import Applier, ApplyResult, check_received_scope, release
from app.sync.changes import ChangeLog
from app.sync.enrolment import EnrolmentCode, proof
from app.sync.errors import SyncError
from app.sync.files import read_limited
from app.sync.keys import NodeKeys, PublicIdentity, b64
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
from app.sync.report import (
    APPLIED,
    ClockWarning,
    ImportReport,
    PackageHeader,
    Source,
    Target,
    clock_warning,
)
from app.sync.restamp import restamp_ahead
from app.sync.status import ENROLMENT_KEY, KEYS_KEY, SERVER_KEY, SERVER_SEQ_KEY
from app.sync.tables import synced_tables


@dataclass(frozen=True)
class EnrolResult:
    community_id: str
    community_code: str
    server_fingerprint: str
    own_fingerprint: str
    computer: int = 1


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_id: str
    change_count: int
    counts: dict[str, int]
    # Changes made while this computer's clock ran ahead, stamped again before they left.
    restamped: int = 0


@dataclass(frozen=True)
class OutgoingBatch:
    """A package of waiting changes, built and not yet sent."""

    data: bytes
    header: PackageHeader
    peer: str
    community_code: str

    @property
    def first(self) -> int:
        return self.header.first

    @property
    def last(self) -> int:
        return self.header.last


@dataclass(frozen=True)
class HistoryEntry:
    package_id: str
    direction: str
    peer: str
    created_at: datetime
    processed_at: datetime
    change_count: int
    counts: dict[str, int]
    status: str
    file_name: str


@dataclass(frozen=True)
class Conflict:
    id: str
    table: str
    record_id: str
    field: str
    local_value: Any
    remote_value: Any
    local_hlc: str
    remote_hlc: str
    detected_at: datetime


def build_report(result: ApplyResult, header: PackageHeader, acknowledged: int = 0,
                 warning: ClockWarning | None = None) -> ImportReport:
    """The report of a package whose changes ``result`` applied."""
    return ImportReport(APPLIED, header.package_id, header.created_at, header.source, header.change_count,
                        dict(sorted(result.counts.items())), tuple(result.conflicts), tuple(result.rejected),
                        acknowledged, warning)


class SyncService:
    """Sync for one community database.  Every method is one short transaction."""

    def __init__(self, db: Database, limits: Limits | None = None) -> None:
        self.db = db
        self.limits = limits or Limits()

    # --- keys and enrolment ---------------------------------------------------------------

    def keys(self, *, renew_missing: bool = False) -> NodeKeys:
        """This computer's keys, made the first time they are asked for.

        The private keys go into the platform's keyring where there is one (the ledger then keeps
        only a reference to them), else into the ledger itself, which is private to the user.  Keys
        found in the ledger (an older ledger, or one restored from an encrypted backup) move into
        the keyring when it can take them.  ``renew_missing``: when the keyring does not have them
        (the file was copied from another computer), make new ones, for a new enrolment.
        """
        stored = self.db.get_state(KEYS_KEY)
        name = keystore.referenced(stored)
        if name is not None:
            try:
                secret = keystore.fetch(name)
            except keystore.KeystoreUnavailableError:
                raise SyncError("keyring_unavailable") from None
            if secret is not None:
                return NodeKeys.from_private_json(orjson.loads(secret))
            if not renew_missing:
                raise SyncError("keys_elsewhere")
            stored = None
        node = self.db.node_id
        keys = NodeKeys.from_private_json(orjson.loads(stored)) if stored else NodeKeys.generate(node)
        private = orjson.dumps(keys.private_json()).decode()
        name = f"sync-keys/{keys.node_id}"
        held = keystore.store(name, private)
        if held or stored is None:
            with self.db.session() as session:
                self.db.set_state(session, KEYS_KEY, keystore.reference(name) if held else private)
        return keys

    @property
    def fingerprint(self) -> str:
        return self.keys().public.fingerprint

    def server(self) -> PublicIdentity | None:
        stored = self.db.get_state(SERVER_KEY)
        return PublicIdentity.from_json(orjson.loads(stored)) if stored else None

    @property
    def enrolled(self) -> bool:
        return self.server() is not None

    def enroll(self, code_text: str) -> EnrolResult:
        code = EnrolmentCode.decode(code_text)
        keys = self.keys(renew_missing=True)
        change = code.community_change
        with self.db.session() as session:
            current = self.db.community_id
            local = session.get(Community, current) if current else None
            if local is not None:
                if local.code != code.community_code:
                    raise SyncError("enrolment_community", code_in_code=code.community_code,
                                    code_here=local.code)
                if local.id != code.community_id:
                    _adopt_community_id(session, local.id, code.community_id)
            Applier(session, package_id=code.token, local_node=self.db.node_id).apply([change])
            self.db.set_state(session, COMMUNITY_KEY, code.community_id)
            self.db.set_state(session, COMPUTER_KEY, str(code.computer))
            self.db.set_state(session, SERVER_KEY, orjson.dumps(code.server.to_json()).decode())
            self.db.set_state(session, ENROLMENT_KEY, orjson.dumps({
                "token": code.token, "proof": proof(code.secret, code.token, keys.public),
                "sign_key": b64(keys.public.sign_public), "box_key": b64(keys.public.box_public),
            }).decode())
            self._observe(session, change["hlc"])
        return EnrolResult(code.community_id, code.community_code, code.server.fingerprint,
                           keys.public.fingerprint, code.computer)

    # --- export -----------------------------------------------------------------------------

    def pending_count(self) -> int:
        with self.db.session() as session:
            return int(session.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))) or 0)

    def server_cursor(self) -> int:
        """The server sequence number up to which this computer has applied the server's changes."""
        return int(self.db.get_state(SERVER_SEQ_KEY) or 0)

    def pending_counts(self) -> dict[str, int]:
        """Changes waiting to go out, per table."""
        with self.db.session() as session:
            rows = session.execute(
                select(OutboxEntry.table_name, func.count()).where(OutboxEntry.acked_at.is_(None))
                .group_by(OutboxEntry.table_name).order_by(OutboxEntry.table_name))
            return {str(t): int(n) for t, n in rows}

    def export(self, out: Path, limit: int | None = None) -> ExportResult:
        """Write the changes not yet acknowledged into one sealed package at ``out`` (file or folder).

        ``limit`` caps the number of changes (the oldest go first); the rest wait for the next package.
        """
        if self.server() is None:
            raise SyncError("not_enrolled")
        if self.db.community_id is None:
            raise SyncError("no_community")
        restamped = restamp_ahead(self.db)
        batch = self.outgoing(limit)
        header = batch.header
        if out.is_dir():
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            name = safe_file_name(batch.community_code or "", "ledger")
            out = out / f"{name}-{stamp}-{header.package_id[:8]}{FILE_SUFFIX}"
        atomic_write(out, batch.data)
        with self.db.session() as session:
            self._record_out(session, batch, {"status": "written"}, str(out))
        return ExportResult(out, header.package_id, header.change_count, dict(header.counts), restamped)

    def outgoing(self, limit: int | None = None, after_seq: int = 0) -> OutgoingBatch:
        """The oldest changes not yet acknowledged (after outbox number ``after_seq``, at most
        ``limit``) as one package sealed to the city server, not yet written anywhere."""
        server = self.server()
        if server is None:
            raise SyncError("not_enrolled")
        keys = self.keys()
        community_id = self.db.community_id
        if community_id is None:
            raise SyncError("no_community")
        with self.db.session() as session:
            community = session.get(Community, community_id)
            code = community.code if community is not None else ""
            rows = session.execute(
                select(OutboxEntry.seq, OutboxEntry.change_id, OutboxEntry.table_name, OutboxEntry.record_id,
                       OutboxEntry.community_id, OutboxEntry.op, OutboxEntry.hlc, OutboxEntry.fields)
                .where(OutboxEntry.acked_at.is_(None), OutboxEntry.seq > after_seq)
                .order_by(OutboxEntry.seq).limit(limit)
                .execution_options(yield_per=2000))
            span = [0, 0]  # the first and last outbox sequence number written; seq starts at 1

            def streamed() -> Iterator[Any]:
                for row in rows:
                    span[0] = span[0] or row.seq
                    span[1] = row.seq
                    yield row

            changes = body_from_rows(streamed())
        seq_range = (span[0], span[1])
        enrolment = self.db.get_state(ENROLMENT_KEY)
        data, header = build_package(
            keys=keys,
            source=Source("community", keys.node_id, community_id, code, ""),
            target=Target("server", None, None, (server.node_id,)),
            changes=changes, seq_range=seq_range,
            ack_server_seq=int(self.db.get_state(SERVER_SEQ_KEY) or 0),
            recipients=[server], enrolment=orjson.loads(enrolment) if enrolment else None,
        )
        return OutgoingBatch(data, header, server.node_id, code)

    def acknowledge_sent(self, batch: OutgoingBatch, first: int, last: int, report: dict[str, Any],
                         file_name: str) -> int:
        """The server holds outbox changes ``first`` to ``last`` of ``batch``: mark them as sent and
        write the batch into the history, in one transaction.  Returns how many were marked."""
        with self.db.session() as session:
            marked: Any = session.execute(
                update(OutboxEntry).where(OutboxEntry.seq >= first, OutboxEntry.seq <= last,
                                          OutboxEntry.acked_at.is_(None))
                .values(acked_at=datetime.now()))
            self._record_out(session, batch, report, file_name)
            return int(marked.rowcount or 0)

    def record_refused(self, batch: OutgoingBatch, report: dict[str, Any], file_name: str) -> None:
        """A batch the server refused goes into the history with its reason; its changes stay queued.
        The same changes refused again (each exchange offers them) are listed once."""
        with self.db.session() as session:
            latest = session.scalars(
                select(SyncPackage).where(SyncPackage.direction == "out")
                .order_by(SyncPackage.seq.desc()).limit(50)).all()
            for known in latest:
                if ((known.first_seq, known.last_seq, known.file_name) == (batch.first, batch.last, file_name)
                        and orjson.loads(known.report) == report):
                    known.processed_at = datetime.now()
                    return
            self._record_out(session, batch, report, file_name)

    def _record_out(self, session: Session, batch: OutgoingBatch, report: dict[str, Any],
                    file_name: str) -> None:
        header = batch.header
        known = session.scalar(select(SyncPackage.seq).where(
            SyncPackage.package_id == header.package_id, SyncPackage.direction == "out"))
        if known is not None:
            return
        now = datetime.now()
        session.add(SyncPackage(
            package_id=header.package_id, direction="out", peer=batch.peer, created_at=now,
            processed_at=now, change_count=header.change_count, first_seq=header.first,
            last_seq=header.last, counts=orjson.dumps(header.counts).decode(),
            report=orjson.dumps(report).decode(), file_name=file_name))

    # --- import -----------------------------------------------------------------------------

    def import_file(self, path: Path, progress: Progress = QUIET) -> ImportReport:
        return self.import_bytes(read_limited(path, self.limits.max_file_bytes), file_name=str(path),
                                 progress=progress)

    def import_bytes(self, data: bytes, file_name: str = "", progress: Progress = QUIET,
                     keep_empty: bool = True) -> ImportReport:
        """Check a package from the city server and apply it in one transaction.

        Returns the import report; raises :class:`SyncError` (and changes nothing) when refused.
        ``progress`` hears of each step and may stop the work until it commits.  Without
        ``keep_empty`` a package of no changes (a pull that found nothing new) moves the cursor and
        the acknowledgement but is left out of the history.
        """
        progress.progress(0, 4)
        envelope = open_envelope(data, self.limits)
        progress.check()
        server = self.server()
        if server is None:
            raise SyncError("not_enrolled")
        target = envelope.header.target
        if envelope.signer_node == self.db.node_id:
            raise SyncError("own_package")
        if envelope.signer_node != server.node_id:
            raise SyncError("unknown_signer", node=envelope.signer_node)
        verify_signature(envelope, server)
        community_id = self.db.community_id
        if target.role != "community" or target.community_id != community_id:
            theirs = target.community_code or target.community_id
            raise SyncError("wrong_target", target=f"community {theirs}",
                            here=f"community {self._community_code() or community_id}")
        if self.db.node_id not in target.node_ids:
            raise SyncError("other_computer", nodes=", ".join(target.node_ids))
        assert community_id is not None
        with self.db.session() as session:
            issued = int(session.scalar(select(func.max(OutboxEntry.seq))) or 0)
        check_claims(envelope.header, acknowledged=int(envelope.header.ack_nodes.get(self.db.node_id, 0)),
                     issued=issued, receiver="this computer", exact_range=False)
        changes = read_changes(envelope, self.keys(), self.limits, require_sealed=True)
        check_received_scope(changes, community_id)
        progress.progress(1, 4)
        progress.check()
        try:
            return self._apply(envelope, changes, file_name, progress, keep_empty)
        except IntegrityError as exc:
            if self._recorded(envelope.package_id):
                # Another process applied the same package while this one was checking it.
                raise SyncError("import_raced") from None
            raise SyncError("constraint", detail=str(exc.orig)[:200]) from None
        finally:
            release(changes)

    def _apply(self, envelope: Envelope, changes: list[dict[str, Any]], file_name: str,
               progress: Progress, keep_empty: bool = True) -> ImportReport:
        header = envelope.header
        with self.db.session() as session:
            seen = session.scalar(select(SyncPackage.seq).where(
                SyncPackage.package_id == envelope.package_id, SyncPackage.direction == "in"))
            if seen is not None:
                return ImportReport.already_applied(header, clock_warning(header))
            result = Applier(session, package_id=envelope.package_id, local_node=self.db.node_id,
                             log_conflicts=True).apply(changes, progress)
            progress.progress(3, 4)
            acked_to = int(header.ack_nodes.get(self.db.node_id, 0))
            acknowledged = 0
            if acked_to:
                result_ack: Any = session.execute(
                    update(OutboxEntry).where(OutboxEntry.seq <= acked_to, OutboxEntry.acked_at.is_(None))
                    .values(acked_at=datetime.now()))
                acknowledged = int(result_ack.rowcount or 0)
                self._clear_enrolment(session)
            current = int(self.db.get_state(SERVER_SEQ_KEY) or 0)
            first, last = header.first, header.last
            if first <= current + 1 and last > current:
                self.db.set_state(session, SERVER_SEQ_KEY, str(last))
            if result.max_stamp:
                self._observe(session, result.max_stamp)
            report = build_report(result, header, acknowledged, clock_warning(header))
            release(result.accepted)
            now = datetime.now()
            if keep_empty or header.change_count or acknowledged:
                session.add(SyncPackage(
                    package_id=envelope.package_id, direction="in", peer=envelope.signer_node,
                    created_at=now, processed_at=now, change_count=header.change_count,
                    first_seq=first, last_seq=last, counts=orjson.dumps(header.counts).decode(),
                    report=orjson.dumps(report.to_json()).decode(), file_name=file_name))
            progress.committing()
        progress.progress(4, 4)
        return report

    def _recorded(self, package_id: str) -> bool:
        with self.db.session() as session:
            return session.scalar(select(SyncPackage.seq).where(
                SyncPackage.package_id == package_id, SyncPackage.direction == "in")) is not None

    def _community_code(self) -> str | None:
        community_id = self.db.community_id
        with self.db.session() as session:
            community = session.get(Community, community_id) if community_id else None
            return community.code if community is not None else None

    def _clear_enrolment(self, session: Session) -> None:
        session.execute(text("DELETE FROM local_state WHERE key = :k"), {"k": ENROLMENT_KEY})

    def _observe(self, session: Session, stamp: str) -> None:
        self.db.clock.observe(Stamp.decode(stamp))
        self.db.set_state(session, CLOCK_KEY, self.db.clock.last.encode())

    # --- history and conflicts --------------------------------------------------------------

    def last_exchange(self) -> datetime | None:
        with self.db.session() as session:
            return session.scalar(select(func.max(SyncPackage.processed_at)))

    def history(self) -> list[HistoryEntry]:
        with self.db.session() as session:
            rows = session.scalars(select(SyncPackage).order_by(SyncPackage.seq.desc())).all()
            return [HistoryEntry(r.package_id, r.direction, r.peer, r.created_at, r.processed_at,
                                 r.change_count, orjson.loads(r.counts),
                                 str(orjson.loads(r.report).get("status", "")), r.file_name) for r in rows]

    def conflicts(self, unresolved_only: bool = True) -> list[Conflict]:
        with self.db.session() as session:
            stmt = select(SyncConflict).order_by(SyncConflict.detected_at, SyncConflict.id)
            if unresolved_only:
                stmt = stmt.where(SyncConflict.resolved_at.is_(None))
            return [Conflict(c.id, c.table_name, c.record_id, c.field, orjson.loads(c.local_value),
                             orjson.loads(c.remote_value), c.local_hlc, c.remote_hlc, c.detected_at)
                    for c in session.scalars(stmt)]

    def record_label(self, table: str, record_id: str) -> str:
        """A few words naming a record for people: its name, title or number, else its id's start."""
        spec = synced_tables().get(table)
        if spec is not None:
            with self.db.session() as session:
                obj = session.get(spec.model, record_id)
                for attr in ("name", "title", "number", "topic"):
                    value = getattr(obj, attr, None)
                    if isinstance(value, str) and value:
                        return value
        return record_id[:8]

    def resolve_conflict(self, conflict_id: str, keep: str) -> None:
        """Keep the ``remote`` value (already in place) or the ``local`` one (written as a new change)."""
        if keep not in ("local", "remote"):
            raise ValueError(keep)
        with self.db.session() as session:
            conflict = session.get(SyncConflict, conflict_id)
            if conflict is None or conflict.resolved_at is not None:
                return
            if keep == "local":
                spec = synced_tables()[conflict.table_name]
                obj = session.get(spec.model, conflict.record_id)
                if obj is not None:
                    value = spec.decode(conflict.field, orjson.loads(conflict.local_value))
                    ChangeLog(self.db, session).updated(obj, {conflict.field: value})
            conflict.resolved_at = datetime.now()
            conflict.resolution = keep


def _adopt_community_id(session: Session, old: str, new: str) -> None:
    """Give a community created before enrolment the id the city gave it (nothing was sent yet)."""
    for spec in synced_tables().values():
        t = spec.table
        session.execute(t.update().where(t.c.community_id == old).values(community_id=new))
    community = synced_tables()["community"].table
    session.execute(community.update().where(community.c.id == old).values(id=new))
    session.execute(update(OutboxEntry).where(OutboxEntry.community_id == old).values(community_id=new))
    session.execute(update(OutboxEntry).where(OutboxEntry.record_id == old).values(record_id=new))
    session.execute(update(OutboxEntry).values(fields=func.replace(OutboxEntry.fields, old, new)))
    session.execute(update(SyncFieldStamp).where(SyncFieldStamp.record_id == old).values(record_id=new))
