"""The shapes sync hands around, for the app and the city server alike: a package's header, and the
report of applying one.  Each has its JSON form written (and read) here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime, timedelta
from typing import Any

# The form of ``created_at`` in a header: UTC with microseconds.
CREATED_AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True)
class Source:
    """Who made a package: a community's computer or the city server."""

    role: str
    node_id: str
    community_id: str | None
    community_code: str | None
    app_version: str

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "node_id": self.node_id, "community_id": self.community_id,
                "community_code": self.community_code, "app_version": self.app_version}


@dataclass(frozen=True)
class Target:
    """Whom a package is for: the server, or the named computers of one community."""

    role: str
    community_id: str | None
    community_code: str | None
    node_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "community_id": self.community_id,
                "community_code": self.community_code, "node_ids": list(self.node_ids)}


@dataclass(frozen=True)
class PackageHeader:
    """The signed header of a package (see ``package.schema.json``)."""

    format_version: int
    min_app_version: str
    package_id: str
    created_at: str
    source: Source
    target: Target
    # The sender's own sequence numbers of the changes it carries (0 and 0 when it carries none).
    first: int
    last: int
    # What the sender has received: a community's server sequence, or the server's acknowledgement
    # of each receiving computer's outbox.
    ack_server_seq: int | None
    ack_nodes: dict[str, int]
    counts: dict[str, int]
    change_count: int
    body_sha256: str
    body_bytes: int
    encryption: str
    enrolment: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> PackageHeader:
        """The header of a document that passed the package schema."""
        s, t, ack = doc["source"], doc["target"], doc["ack"]
        return cls(
            format_version=doc["format_version"], min_app_version=doc["min_app_version"],
            package_id=doc["package_id"], created_at=doc["created_at"],
            source=Source(s["role"], s["node_id"], s["community_id"], s["community_code"], s["app_version"]),
            target=Target(t["role"], t["community_id"], t["community_code"], tuple(t["node_ids"])),
            first=doc["range"]["first"], last=doc["range"]["last"],
            ack_server_seq=ack.get("server_seq"), ack_nodes=dict(ack.get("nodes", {})),
            counts=dict(doc["counts"]), change_count=doc["change_count"], body_sha256=doc["body_sha256"],
            body_bytes=doc["body_bytes"], encryption=doc["encryption"], enrolment=doc.get("enrolment"),
        )

    def to_json(self) -> dict[str, Any]:
        ack: dict[str, Any] = {}
        if self.ack_server_seq is not None:
            ack["server_seq"] = self.ack_server_seq
        if self.ack_nodes:
            ack["nodes"] = dict(self.ack_nodes)
        doc: dict[str, Any] = {
            "format_version": self.format_version, "min_app_version": self.min_app_version,
            "package_id": self.package_id, "created_at": self.created_at, "source": self.source.to_json(),
            "target": self.target.to_json(), "range": {"first": self.first, "last": self.last}, "ack": ack,
            "counts": dict(self.counts), "change_count": self.change_count, "body_sha256": self.body_sha256,
            "body_bytes": self.body_bytes, "encryption": self.encryption,
        }
        if self.enrolment is not None:
            doc["enrolment"] = self.enrolment
        return doc

    def made_at(self) -> datetime | None:
        try:
            return datetime.strptime(self.created_at, CREATED_AT_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            return None


@dataclass
class TableCounts:
    """What applying did to the changes of one table, counted as DHIS2 counts an import."""

    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0

    def add(self, other: TableCounts) -> None:
        self.imported += other.imported
        self.updated += other.updated
        self.ignored += other.ignored
        self.deleted += other.deleted

    def to_json(self) -> dict[str, int]:
        return {"imported": self.imported, "updated": self.updated, "ignored": self.ignored,
                "deleted": self.deleted}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> TableCounts:
        return cls(int(doc.get("imported", 0)), int(doc.get("updated", 0)), int(doc.get("ignored", 0)),
                   int(doc.get("deleted", 0)))


@dataclass(frozen=True)
class ConflictEntry:
    """A local edit not yet sent that lost to a newer edit from elsewhere (kept for review)."""

    table: str
    record: str
    field: str
    local_value: Any
    local_hlc: str
    remote_value: Any
    remote_hlc: str

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "record": self.record, "field": self.field,
                "local_value": self.local_value, "local_hlc": self.local_hlc,
                "remote_value": self.remote_value, "remote_hlc": self.remote_hlc}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> ConflictEntry:
        return cls(doc["table"], doc["record"], doc["field"], doc["local_value"], doc["local_hlc"],
                   doc["remote_value"], doc["remote_hlc"])


@dataclass(frozen=True)
class RejectedChange:
    """One change of an applied package that could not be applied, and why.

    ``reason`` is a code (``unknown_table``, ``unknown_field``, ``bad_value``, ``bad_stamp``,
    ``bad_id``, ``community_mismatch``, ``missing_reference``, ``forbidden_reference``, ...); ``field``
    the field it concerns, when one does;
    ``params`` the values the reason's wording needs (``expected``: a value kind, ``max``: a length).
    """

    change: str
    table: str
    record: str
    reason: str
    field: str | None = None
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"change": self.change, "table": self.table, "record": self.record,
                               "reason": self.reason}
        if self.field is not None:
            doc["field"] = self.field
        if self.params:
            doc["params"] = dict(self.params)
        return doc

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> RejectedChange:
        return cls(doc["change"], doc["table"], doc["record"], doc["reason"], doc.get("field"),
                   dict(doc.get("params") or {}))


@dataclass(frozen=True)
class ClockWarning:
    """Both clocks, when a package says it was made later than this computer's clock allows."""

    package_clock: str
    this_clock: str

    def to_json(self) -> dict[str, str]:
        return {"package_clock": self.package_clock, "this_clock": self.this_clock}


APPLIED = "applied"
ALREADY_APPLIED = "already_applied"

CLOCK_TOLERANCE = timedelta(hours=1)


def clock_warning(header: PackageHeader, now: datetime | None = None) -> ClockWarning | None:
    """Both clocks, when the sender's was ahead of this computer's by more than an hour.

    A package is never made in the future: one that says so was made on a computer whose date or
    time is wrong (or this one's is).  Nothing is refused; changes still order correctly.
    """
    made = header.made_at()
    if made is None:
        return None
    here = now or datetime.now(UTC)
    if made - here <= CLOCK_TOLERANCE:
        return None
    return ClockWarning(made.strftime("%Y-%m-%d %H:%M"), here.strftime("%Y-%m-%d %H:%M"))


@dataclass(frozen=True)
class ImportReport:
    """What applying one package did: DHIS2-style counts per table, conflicts and rejected changes."""

    status: str
    package_id: str
    created_at: str
    source: Source
    change_count: int
    counts: dict[str, TableCounts] = dataclass_field(default_factory=dict)
    conflicts: tuple[ConflictEntry, ...] = ()
    rejected: tuple[RejectedChange, ...] = ()
    # Changes of the receiving computer the package confirmed as received by the server.
    acknowledged: int = 0
    clock_warning: ClockWarning | None = None

    @classmethod
    def already_applied(cls, header: PackageHeader, warning: ClockWarning | None = None) -> ImportReport:
        return cls(ALREADY_APPLIED, header.package_id, header.created_at, header.source, header.change_count,
                   clock_warning=warning)

    @property
    def applied(self) -> bool:
        return self.status == APPLIED

    def totals(self) -> TableCounts:
        total = TableCounts()
        for c in self.counts.values():
            total.add(c)
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "package_id": self.package_id,
            "created_at": self.created_at,
            "source": self.source.to_json(),
            "change_count": self.change_count,
            "counts": {t: c.to_json() for t, c in sorted(self.counts.items())},
            "totals": self.totals().to_json() if self.applied else {},
            "conflicts": [c.to_json() for c in self.conflicts],
            "rejected": [r.to_json() for r in self.rejected],
            "acknowledged": self.acknowledged,
            "clock_warning": self.clock_warning.to_json() if self.clock_warning else None,
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> ImportReport:
        s = doc["source"]
        warning = doc.get("clock_warning")
        return cls(
            status=doc["status"], package_id=doc["package_id"], created_at=doc["created_at"],
            source=Source(s["role"], s["node_id"], s.get("community_id"), s.get("community_code"),
                          s.get("app_version", "")),
            change_count=int(doc["change_count"]),
            counts={t: TableCounts.from_json(c) for t, c in (doc.get("counts") or {}).items()},
            conflicts=tuple(ConflictEntry.from_json(c) for c in doc.get("conflicts") or ()),
            rejected=tuple(RejectedChange.from_json(r) for r in doc.get("rejected") or ()),
            acknowledged=int(doc.get("acknowledged", 0)),
            clock_warning=ClockWarning(warning["package_clock"], warning["this_clock"]) if warning else None,
        )
