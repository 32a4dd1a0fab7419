"""Tables only the city server has.  The records themselves live in the app's own tables."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import DateTime, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.models.base import NAMING_CONVENTION
from app.models.sync import SyncFieldStamp
from app.sync.tables import synced_tables


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ServerState(ServerBase):
    """Key/value facts of the server: its node id, keys and clock."""

    __tablename__ = "server_state"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class EnrolledCommunity(ServerBase):
    __tablename__ = "server_community"

    community_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    district: Mapped[str] = mapped_column(String(100))
    street: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Enrolment(ServerBase):
    """A one-time enrolment code handed out for one computer of a community."""

    __tablename__ = "server_enrolment"

    token: Mapped[str] = mapped_column(String(36), primary_key=True)
    community_id: Mapped[str] = mapped_column(String(36), index=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    used_by: Mapped[str | None] = mapped_column(String(32), default=None)


class CommunityNode(ServerBase):
    """One enrolled computer: its keys and how far each side has received the other's changes."""

    __tablename__ = "server_node"

    node_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    community_id: Mapped[str] = mapped_column(String(36), index=True)
    sign_key: Mapped[str] = mapped_column(String(64))
    box_key: Mapped[str] = mapped_column(String(64))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime)
    # The node's own outbox sequence received here without gaps.
    received_to_seq: Mapped[int] = mapped_column(Integer, default=0)
    # The server change sequence the node says it has applied.
    acked_server_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_package_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class ServerChange(ServerBase):
    """The change sequence: every change accepted here, once, in the order it arrived."""

    __tablename__ = "server_change"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[str] = mapped_column(String(36))
    community_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(10))
    fields: Mapped[str] = mapped_column(Text)
    hlc: Mapped[str] = mapped_column(String(48))
    source_node: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(DateTime)


class PackageLog(ServerBase):
    """Every package received or written here, with its report."""

    __tablename__ = "server_package"
    __table_args__ = (UniqueConstraint("package_id", "direction"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(3))
    node_id: Mapped[str] = mapped_column(String(200))
    community_id: Mapped[str] = mapped_column(String(36), index=True)
    processed_at: Mapped[datetime] = mapped_column(DateTime)
    change_count: Mapped[int] = mapped_column(Integer)
    first_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[str] = mapped_column(Text, default="{}")


class NodeToken(ServerBase):
    """The network credential of one enrolled computer: only the SHA-256 of its token is kept."""

    __tablename__ = "server_node_token"

    node_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # None for a computer revoked before it ever had a token (enrolled by USB only).
    token_sha256: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    # Set by ``revoke-node``: the token is refused from then on and the computer may not enrol again.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class StaffUser(ServerBase):
    """A district or city staff member who logs in on the web page (argon2 hash of the password)."""

    __tablename__ = "server_user"

    username: Mapped[str] = mapped_column(String(50), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    # The district a ``district`` user sees and publishes for (empty for the city).
    district: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


@cache
def server_metadata() -> MetaData:
    """Every table of a city server database: the app's synced records, their field stamps and the
    server's own tables.  Migrations are generated against it and tests compare a migrated database
    with it, so a model changed without a server migration shows up."""
    meta = MetaData(naming_convention=NAMING_CONVENTION)
    shared = [s.table for s in synced_tables().values()]
    shared.append(SyncFieldStamp.__table__)  # type: ignore[arg-type]
    for table in [*shared, *ServerBase.metadata.sorted_tables]:
        table.to_metadata(meta)
    return meta
