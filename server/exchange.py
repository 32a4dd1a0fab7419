"""Sync over the network (docs/sync-http.md): enrolment that hands out a node token, pushes and pulls.

The same packages as on a USB drive, checked the same way (:meth:`CityServer.import_envelope`);
nothing here knows of HTTP.  A refusal is a :class:`SyncError` with its code, and changes nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from sqlalchemy import func, select

from app.models import new_id
from app.sync.errors import SyncError
from app.sync.keys import PublicIdentity, b64, unb64
from app.sync.package import body_from_rows, build_package, open_envelope
from app.sync.report import ImportReport, PackageHeader, Source, Target
from server.city import CityServer, ServerError, received_by
from server.models import CommunityNode, EnrolledCommunity, Enrolment, NodeToken, PackageLog, ServerChange

# The most changes one pull returns.
MAX_PULL = 5000
TOKEN_BYTES = 32


def token_digest(token: str) -> str:
    """What the server keeps of a node token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Caller:
    """The enrolled computer a valid node token names."""

    node_id: str
    community_id: str


@dataclass(frozen=True)
class NodeEnrolled:
    node_token: str
    community_id: str
    community_code: str
    computer: int
    server: PublicIdentity


@dataclass(frozen=True)
class Pushed:
    report: ImportReport
    # The outbox range of the package, now held here.
    first: int
    last: int
    # The computer's outbox sequence held here without gaps.
    received_to_seq: int


@dataclass(frozen=True)
class Pulled:
    data: bytes
    header: PackageHeader
    more: bool


class NetworkSync:
    """Enrol, push, pull and revoke for one :class:`CityServer`."""

    def __init__(self, server: CityServer) -> None:
        self.server = server

    # --- tokens -----------------------------------------------------------------------------

    def caller(self, token: str) -> Caller:
        """The computer a node token belongs to; ``unauthorized`` or ``revoked`` when none may call."""
        if not token:
            raise SyncError("unauthorized")
        with self.server.session() as session:
            row = session.execute(
                select(NodeToken.node_id, NodeToken.revoked_at, CommunityNode.community_id)
                .join(CommunityNode, CommunityNode.node_id == NodeToken.node_id)
                .where(NodeToken.token_sha256 == token_digest(token))).first()
        if row is None:
            raise SyncError("unauthorized")
        if row.revoked_at is not None:
            raise SyncError("revoked", node=row.node_id)
        return Caller(row.node_id, row.community_id)

    def revoke(self, node_id: str) -> None:
        """Refuse the computer's token from now on; it may not enrol again either."""
        with self.server.writing() as session:
            if session.get(CommunityNode, node_id) is None:
                raise ServerError(f"no enrolled computer has the node id {node_id}")
            row = session.get(NodeToken, node_id)
            if row is None:
                session.add(NodeToken(node_id=node_id, token_sha256=None, issued_at=datetime.now(),
                                      revoked_at=datetime.now()))
            elif row.revoked_at is None:
                row.revoked_at = datetime.now()

    # --- enrolment --------------------------------------------------------------------------

    def enrol(self, node_id: str, claim: dict[str, Any]) -> NodeEnrolled:
        """Register the computer with the one-time code's proof (as in a USB package's header) and
        hand it a new node token.  The same computer enrolling again with its code (an answer lost
        on the way) gets a new token, and the old one is worthless."""
        server = self.server
        with server.session() as session:
            known = session.get(Enrolment, claim["token"])
            scope = known.community_id if known is not None else ""
        now = datetime.now()
        with server.writing(scope) as session:
            identity, enrolment = server.check_enrolment(session, node_id, claim)
            token_row = session.get(NodeToken, node_id)
            if token_row is not None and token_row.revoked_at is not None:
                raise SyncError("revoked", node=node_id)
            node = session.get(CommunityNode, node_id)
            if node is None:
                session.add(CommunityNode(node_id=node_id, community_id=enrolment.community_id,
                                          sign_key=b64(identity.sign_public),
                                          box_key=b64(identity.box_public),
                                          enrolled_at=now, received_to_seq=0, acked_server_seq=0,
                                          last_package_at=now))
                enrolment.used_at, enrolment.used_by = now, node_id
            elif (node.community_id != enrolment.community_id or unb64(node.sign_key) != identity.sign_public
                  or unb64(node.box_key) != identity.box_public):
                raise SyncError("enrolment_used")
            token = secrets.token_urlsafe(TOKEN_BYTES)
            if token_row is None:
                session.add(NodeToken(node_id=node_id, token_sha256=token_digest(token), issued_at=now))
            else:
                token_row.token_sha256, token_row.issued_at = token_digest(token), now
            community = session.get(EnrolledCommunity, enrolment.community_id)
            assert community is not None
            computer = int(session.scalar(select(func.count()).select_from(Enrolment).where(
                Enrolment.community_id == enrolment.community_id,
                Enrolment.created_at <= enrolment.created_at)) or 1)
        return NodeEnrolled(token, community.community_id, community.code, computer, server.identity)

    # --- push and pull ----------------------------------------------------------------------

    def push(self, caller: Caller, data: bytes) -> Pushed:
        """Apply a package the calling computer signed, exactly as one from a USB drive."""
        envelope = open_envelope(data, self.server.limits)
        if envelope.signer_node != caller.node_id:
            raise SyncError("wrong_signer", node=envelope.signer_node, caller=caller.node_id)
        report = self.server.import_envelope(envelope)
        with self.server.session() as session:
            received = int(session.scalar(select(CommunityNode.received_to_seq)
                                          .where(CommunityNode.node_id == caller.node_id)) or 0)
        header = envelope.header
        return Pushed(report, header.first, header.last, received)

    def pull(self, caller: Caller, after: int, limit: int = MAX_PULL) -> Pulled:
        """The changes of the computer's community and the city's after ``after`` (not those it sent
        itself), at most ``limit``, sealed to it; ``more`` when more wait."""
        limit = max(1, min(limit, MAX_PULL))
        server = self.server
        with server.session() as session:
            node = session.get(CommunityNode, caller.node_id)
            community = session.get(EnrolledCommunity, caller.community_id)
            if node is None or community is None:
                raise SyncError("unauthorized")
            # Every number up to the highest one seen has committed (see CityServer._append).
            top = int(session.scalar(select(func.max(ServerChange.seq))) or 0)
            if after > top:
                # Taken as an acknowledgement below: a number not yet issued would freeze the
                # computer's place in the sequence.
                raise SyncError("ack_beyond", claimed=after, issued=top, receiver="the city server")
            rows = session.execute(
                select(ServerChange.seq, ServerChange.change_id, ServerChange.table_name,
                       ServerChange.record_id, ServerChange.community_id, ServerChange.op,
                       ServerChange.hlc, ServerChange.fields)
                .where(ServerChange.seq > after, ServerChange.seq <= top, received_by(community),
                       ServerChange.source_node != node.node_id)
                .order_by(ServerChange.seq).limit(limit + 1)).all()
            received_to_seq = node.received_to_seq
            identity = PublicIdentity(node.node_id, unb64(node.sign_key), unb64(node.box_key))
        more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1].seq if more else max(top, after)
        package_id = new_id()
        data, header = build_package(
            keys=server.keys,
            source=Source("server", server.node_id, None, None, ""),
            target=Target("community", community.community_id, community.code, (node.node_id,)),
            changes=body_from_rows(rows), seq_range=(after + 1, last),
            ack_nodes={node.node_id: received_to_seq}, recipients=[identity], package_id=package_id)
        now = datetime.now()
        with server.writing() as session:
            stored = session.get(CommunityNode, caller.node_id)
            if stored is not None:
                stored.acked_server_seq = max(stored.acked_server_seq, after)
                stored.last_package_at = now
            session.add(PackageLog(package_id=package_id, direction="out", node_id=node.node_id,
                                   community_id=community.community_id, processed_at=now,
                                   change_count=header.change_count, first_seq=after + 1, last_seq=last,
                                   report=orjson.dumps({"counts": header.counts}).decode()))
        return Pulled(data, header, more)
