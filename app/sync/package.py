"""Sync packages: build, sign and seal one; open, check and decrypt one.

A package file is the JSON envelope of ``package.schema.json``, gzip-compressed.  The signature
covers the header (canonical JSON: keys sorted, no spaces, UTF-8); the header carries the SHA-256
of the body, so it covers the body too.  Reading checks, in this order and before anything is
written anywhere: size, decompression (with a bomb guard), JSON, schema, format and app version,
signer, signature, addressee, decryption, checksum, body schema, counts.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache, cached_property
from importlib import resources
from typing import Any

import jsonschema
import orjson
from jsonschema.exceptions import best_match

from app import __version__
from app.db.hlc import MAX_AHEAD_MS, STAMP_RE, stamp_prefix, wall_minute, wall_now_ms
from app.models import new_id
from app.sync.errors import SyncError
from app.sync.files import FILE_SUFFIX
from app.sync.keys import NodeKeys, PublicIdentity, SealError, b64, open_sealed, seal, unb64
from app.sync.report import CREATED_AT_FORMAT, PackageHeader, Source, Target

FORMAT = "community-ledger-sync"
FORMAT_VERSION = 1
MIN_APP_VERSION = "0.1.0"
MiB = 1024 * 1024
__all__ = ["FILE_SUFFIX", "Envelope", "Limits", "build_package", "check_claims", "open_envelope",
           "read_changes", "verify_signature"]


@dataclass(frozen=True)
class Limits:
    """How much a package may weigh, before and after decompression."""

    max_file_bytes: int = 256 * MiB
    max_expanded_bytes: int = 1024 * MiB
    # Beyond ``ratio_floor`` bytes, a file may not expand more than ``max_ratio`` times: JSON
    # compresses about 5 to 15 times, a sealed package (base64 of compressed data) not even 2
    # times, a decompression bomb a thousand times.
    max_ratio: int = 20
    ratio_floor: int = 16 * MiB
    # What one change may take in a body at most (every field at its longest, escaped): with the
    # declared count of changes, it bounds the declared size of the body.
    max_change_bytes: int = 256 * 1024
    body_slack: int = 64 * 1024


@dataclass(frozen=True)
class Envelope:
    """A package whose envelope passed the checks that need no key."""

    doc: dict[str, Any]

    @cached_property
    def header(self) -> PackageHeader:
        return PackageHeader.from_json(self.doc["header"])

    @property
    def package_id(self) -> str:
        return self.header.package_id

    @property
    def signer_node(self) -> str:
        return str(self.doc["signature"]["node_id"])

    @property
    def signer_key(self) -> bytes:
        return unb64(self.doc["signature"]["public_key"])

    @property
    def sealed(self) -> bool:
        return "sealed" in self.doc


@cache
def package_schema() -> dict[str, Any]:
    text = resources.files("app.sync").joinpath("package.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validators() -> tuple[jsonschema.Draft202012Validator, jsonschema.Draft202012Validator]:
    """The envelope's validator, and the body's without its items.

    A body may hold a hundred thousand changes, and jsonschema spends several microseconds on each
    item it enters; the items are checked by :func:`_check_changes`, which says what ``$defs/change``
    says (a test holds the two to the same answers).
    """
    schema = package_schema()
    body = dict(schema["$defs"]["body"])
    body["properties"] = {"changes": {"type": "array"}}
    body["$schema"] = schema["$schema"]
    return jsonschema.Draft202012Validator(schema), jsonschema.Draft202012Validator(body)


_STRING_KEYS = ("id", "table", "record", "community", "hlc")
_CHANGE_KEYS = frozenset(_STRING_KEYS) | {"op", "fields"}
_OPS = frozenset({"upsert", "delete"})


def _check_changes(changes: list[Any]) -> None:
    """What ``$defs/change`` requires of each change, checked without a validator per item."""
    for i, c in enumerate(changes):
        if type(c) is not dict:
            raise SyncError("schema", detail=f"changes/{i}: not an object")
        if c.keys() != _CHANGE_KEYS:
            missing = sorted(_CHANGE_KEYS - c.keys())
            detail = (f"'{missing[0]}' is a required property" if missing
                      else f"unexpected properties {sorted(c.keys() - _CHANGE_KEYS)}")
            raise SyncError("schema", detail=f"changes/{i}: {detail}"[:200])
        for key in _STRING_KEYS:
            if type(c[key]) is not str:
                raise SyncError("schema", detail=f"changes/{i}/{key}: not a string")
        if type(c["op"]) is not str or c["op"] not in _OPS:
            raise SyncError("schema", detail=f"changes/{i}/op: not upsert or delete")
        if type(c["fields"]) is not dict:
            raise SyncError("schema", detail=f"changes/{i}/fields: not an object")


def _check_schema(validator: jsonschema.Draft202012Validator, doc: Any) -> None:
    error = best_match(validator.iter_errors(doc))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise SyncError("schema", detail=f"{where}: {error.message[:200]}")


def canonical(obj: Any) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)


@contextmanager
def no_gc() -> Iterator[None]:
    """Large JSON documents parse several times faster without the cycle collector running."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- writing ---------------------------------------------------------------------------------------


def body_from_rows(rows: Iterable[Any]) -> tuple[bytearray, dict[str, int], int]:
    """The body built from stored changes whose ``fields`` is already JSON text (outbox, change sequence).

    Splicing the stored text in, rather than parsing and writing it again, halves the export time;
    writing it straight into one buffer keeps no second copy of the body.  ``rows`` may be a
    streamed result.  Returns the body, the counts per table and the number of changes.
    """
    dumps = orjson.dumps
    body = bytearray(b'{"changes":[')
    counts: Counter[str] = Counter()
    count = 0
    for r in rows:
        if count:
            body += b","
        body += dumps({"id": r.change_id, "table": r.table_name, "record": r.record_id,
                       "community": r.community_id, "op": r.op, "hlc": r.hlc})[:-1]
        body += b',"fields":'
        body += r.fields.encode("utf-8")
        body += b"}"
        counts[r.table_name] += 1
        count += 1
    body += b"]}"
    return body, dict(sorted(counts.items())), count


def build_package(
    *,
    keys: NodeKeys,
    source: Source,
    target: Target,
    changes: list[dict[str, Any]] | tuple[bytes | bytearray, dict[str, int], int],
    seq_range: tuple[int, int],
    ack_server_seq: int | None = None,
    ack_nodes: dict[str, int] | None = None,
    recipients: list[PublicIdentity] | None,
    enrolment: dict[str, Any] | None = None,
    package_id: str | None = None,
    now: datetime | None = None,
) -> tuple[bytes, PackageHeader]:
    """The gzip-compressed package file and its header.  ``recipients=None`` leaves it unencrypted.

    ``changes`` is a list of change objects, or what :func:`body_from_rows` returns.  The
    header's ``source`` names ``keys``' node and this program's version whatever ``source`` says.
    """
    if isinstance(changes, tuple):
        body, counts, count = changes
    else:
        with no_gc():
            body = orjson.dumps({"changes": changes})
        counts = dict(sorted(Counter(c["table"] for c in changes).items()))
        count = len(changes)
    header = PackageHeader(
        format_version=FORMAT_VERSION,
        min_app_version=MIN_APP_VERSION,
        package_id=package_id or new_id(),
        created_at=(now or datetime.now(UTC)).astimezone(UTC).strftime(CREATED_AT_FORMAT),
        source=replace(source, node_id=keys.node_id, app_version=__version__),
        target=target,
        first=seq_range[0], last=seq_range[1],
        ack_server_seq=ack_server_seq, ack_nodes=dict(ack_nodes or {}),
        counts=counts,
        change_count=count,
        body_sha256=hashlib.sha256(body).hexdigest(),
        body_bytes=len(body),
        encryption="sealed" if recipients else "none",
        enrolment=enrolment,
    )
    header_doc = header.to_json()
    doc: dict[str, Any] = {"format": FORMAT, "header": header_doc}
    if recipients:
        doc["sealed"] = seal(zlib.compress(body, 6), recipients, header.package_id.encode())
    else:
        doc["body"] = body.decode("utf-8")
    doc["signature"] = {
        "algorithm": "Ed25519",
        "node_id": keys.node_id,
        "public_key": b64(keys.public.sign_public),
        "value": b64(keys.sign_bytes(canonical(header_doc))),
    }
    data = gzip.compress(orjson.dumps(doc), compresslevel=6, mtime=0)
    return data, header


# --- reading ---------------------------------------------------------------------------------------


def _inflate(data: bytes | bytearray, wbits: int, limit: int,
             refine: Callable[[bytearray], int | None] | None = None) -> bytearray:
    """``data`` inflated, refused as a bomb as soon as it grows past ``limit`` bytes.

    ``refine``, called once with the first part inflated, may name a lower limit (from what the
    package declares of itself), so memory is bounded by what the package may hold.
    """
    inflater = zlib.decompressobj(wbits=wbits)
    out = bytearray()
    pending = data
    step = 4 * MiB
    try:
        while pending or not inflater.eof:
            chunk = inflater.decompress(pending, step)
            pending = inflater.unconsumed_tail
            if not chunk and not pending:
                break
            out += chunk
            if refine is not None:
                limit = min(limit, refine(out) or limit)
                refine = None
            if len(out) > limit:
                raise SyncError("decompression_bomb", limit_mb=_megabytes(limit))
    except zlib.error:
        raise SyncError("corrupt") from None
    if not inflater.eof:
        raise SyncError("truncated")
    if inflater.unused_data.strip(b"\0"):
        raise SyncError("corrupt")
    # Handed on as it is: the JSON parser and the checksum read a bytearray without a copy.
    return out


def _megabytes(size: int) -> int | float:
    mb = round(size / MiB, 1)
    return int(mb) if mb == int(mb) else mb


def _size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{_megabytes(size)} MB"


# An envelope holds, beside its body, a header, the recipients' sealed keys and a signature.
ENVELOPE_SLACK = 1 * MiB
_HEADER_KEY = b'"header":'


def _envelope_limit(data: bytes | bytearray, limits: Limits) -> int:
    """How far a file may expand at most: never past ``max_expanded_bytes``, nor (beyond the
    floor) ``max_ratio`` times its size."""
    return min(limits.max_expanded_bytes, max(limits.ratio_floor, limits.max_ratio * len(data)))


def _declared_limit(start: bytearray) -> int | None:
    """How large the envelope whose beginning is ``start`` can be, from the size of the body its
    header declares: a sealed body travels as base64 of compressed data (4/3 of at most the
    body), a plain one as a JSON string (at most twice the body, every quote escaped).  None when
    the header is not found in ``start`` (the checks after decompression then say why)."""
    at = start.find(_HEADER_KEY, 0, 4096)
    if at < 0:
        return None
    try:
        header, _ = json.JSONDecoder().raw_decode(bytes(start[at + len(_HEADER_KEY):at + MiB]).decode(
            "utf-8", "replace").lstrip())
    except ValueError:
        return None
    body = header.get("body_bytes") if isinstance(header, dict) else None
    if type(body) is not int or body < 0:
        return None
    factor = 4 / 3 if header.get("encryption") == "sealed" else 2
    return ENVELOPE_SLACK + int(body * factor) + 64 * 1024


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split("."))


def open_envelope(data: bytes, limits: Limits | None = None) -> Envelope:
    """Check what can be checked without keys; raise :class:`SyncError` naming the first problem."""
    limits = limits or Limits()
    if not data:
        raise SyncError("empty")
    if len(data) > limits.max_file_bytes:
        raise SyncError("too_large", limit_mb=limits.max_file_bytes // MiB)
    text: bytes | bytearray = data
    if data[:2] == b"\x1f\x8b":
        text = _inflate(data, 16 + zlib.MAX_WBITS, _envelope_limit(data, limits), _declared_limit)
    elif data.lstrip()[:1] != b"{":
        raise SyncError("not_a_package")
    try:
        with no_gc():
            doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise SyncError("malformed_json", detail=str(exc)[:120]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SyncError("not_a_package")
    header = doc.get("header")
    if isinstance(header, dict):
        version = header.get("format_version")
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise SyncError("format_too_new", version=version, supported=FORMAT_VERSION)
    _check_schema(_validators()[0], doc)
    try:
        needed = _version_tuple(header["min_app_version"])  # type: ignore[index]
    except ValueError:
        raise SyncError("schema", detail="header/min_app_version") from None
    if needed > _version_tuple(__version__):
        raise SyncError("app_too_old", version=header["min_app_version"])  # type: ignore[index]
    return Envelope(doc)


def check_claims(header: PackageHeader, *, acknowledged: int, issued: int, receiver: str,
                 exact_range: bool) -> None:
    """Refuse a header whose claims do not fit what the receiver knows.

    ``acknowledged`` is the receiver's sequence number the package says its sender has seen, and
    ``issued`` the highest the receiver has handed out: nobody sees a number not yet issued.  The
    range ``first..last`` numbers the changes the package carries: a community's outbox numbers
    them one by one (``exact_range``), the server's sequence also holds other communities' changes,
    so its range may be wider but never narrower than the changes it carries.
    """
    if acknowledged > issued:
        raise SyncError("ack_beyond", claimed=acknowledged, issued=issued, receiver=receiver)
    first, last, count = header.first, header.last, header.change_count
    if count == 0:
        fits = (first, last) == (0, 0) if exact_range else first <= last + 1
    else:
        span = last - first + 1
        fits = first >= 1 and span >= count and (span == count or not exact_range)
    if not fits:
        raise SyncError("bad_range", first=first, last=last, count=count)


def verify_signature(envelope: Envelope, signer: PublicIdentity) -> None:
    """Refuse unless ``signer`` (the key this side trusts for that node) signed the header."""
    if envelope.signer_key != signer.sign_public:
        raise SyncError("signer_mismatch")
    try:
        signature = unb64(envelope.doc["signature"]["value"])
    except ValueError:
        raise SyncError("bad_signature") from None
    if not signer.verify(signature, canonical(envelope.doc["header"])):
        raise SyncError("bad_signature")


def read_changes(envelope: Envelope, keys: NodeKeys | None, limits: Limits | None = None,
                 require_sealed: bool = False, now_ms: int | None = None) -> list[dict[str, Any]]:
    """Decrypt (when sealed), check the checksum, the body schema, the counts and the stamps' clock.

    ``now_ms`` is this computer's clock (milliseconds since the epoch); by default, the system's.
    """
    limits = limits or Limits()
    header = envelope.header
    declared = min(limits.max_expanded_bytes,
                   limits.body_slack + header.change_count * limits.max_change_bytes)
    if header.body_bytes > declared:
        raise SyncError("body_too_large", size=_size_text(header.body_bytes), count=header.change_count,
                        limit=_size_text(declared))
    if envelope.sealed:
        if keys is None:
            raise SyncError("not_recipient")
        try:
            packed = open_sealed(envelope.doc["sealed"], keys, envelope.package_id.encode())
        except SealError as exc:
            raise SyncError("not_recipient" if str(exc) == "not a recipient" else "decrypt_failed") from None
        # The body is as large as the signed header says, and no larger.
        body: bytes | bytearray = _inflate(packed, zlib.MAX_WBITS, header.body_bytes)
        del packed
    else:
        if require_sealed:
            raise SyncError("plain_not_allowed")
        body = envelope.doc["body"].encode("utf-8")
    if hashlib.sha256(body).hexdigest() != header.body_sha256:
        raise SyncError("checksum")
    try:
        with no_gc():
            doc = _parse_body(body)
    except orjson.JSONDecodeError as exc:
        raise SyncError("malformed_json", detail=str(exc)[:120]) from None
    _check_schema(_validators()[1], doc)
    changes: list[dict[str, Any]] = doc["changes"]
    _check_changes(changes)
    if len(changes) != header.change_count:
        raise SyncError("counts_mismatch", header=header.change_count, body=len(changes))
    counts = Counter(c["table"] for c in changes)
    per_table: dict[str, int] = {k: v for k, v in header.counts.items() if v}
    if dict(counts) != per_table:
        differing = set(counts) ^ set(per_table) or {t for t in counts if counts[t] != per_table[t]}
        wrong = sorted(differing)[0]
        raise SyncError("table_counts_mismatch", table=wrong[:60], header=per_table.get(wrong, 0),
                        body=counts.get(wrong, 0))
    check_clock(changes, wall_now_ms() if now_ms is None else now_ms)
    return changes


_BODY_START = b'{"changes":['
_BODY_END = b"]}"
# Where one change ends and the next begins, as the writers of packages lay them out: a change
# starts with its id, and a quote inside a string is always escaped, so inside a change this text
# can only stand in a nested object (which no valid change has, and which the fallback catches).
_NEXT_CHANGE = b',{"id":"'
PIECE_BYTES = 1 * MiB


def _parse_body(body: bytes | bytearray) -> Any:
    """The body's JSON, parsed a piece of about a megabyte at a time where its layout allows.

    One parse of a whole city's body would hold the interpreter for half a second, and the window
    (on the UI thread) could not paint meanwhile; between pieces it can.  The result is the same
    as parsing the whole: a piece cut anywhere but between two changes does not parse, and then
    the whole body is parsed at once instead.
    """
    if not (body.startswith(_BODY_START) and body.endswith(_BODY_END)) or len(body) <= 2 * PIECE_BYTES:
        return orjson.loads(body)
    view = memoryview(body)
    changes: list[Any] = []
    start, end = len(_BODY_START), len(body) - len(_BODY_END)
    try:
        while start < end:
            cut = body.find(_NEXT_CHANGE, start + PIECE_BYTES, end)
            stop = end if cut < 0 else cut
            piece = orjson.loads(b"".join((b"[", view[start:stop], b"]")))
            if type(piece) is not list:
                raise orjson.JSONDecodeError("not a list", "", 0)
            changes += piece
            start = stop + 1
    except orjson.JSONDecodeError:
        return orjson.loads(body)
    finally:
        view.release()
    return {"changes": changes}


def check_clock(changes: list[dict[str, Any]], now_ms: int) -> None:
    """Refuse changes stamped more than :data:`MAX_AHEAD_MS` after ``now_ms``."""
    limit = stamp_prefix(now_ms + MAX_AHEAD_MS)
    ahead = [s for s in (c["hlc"] for c in changes) if s[:13] > limit and STAMP_RE.match(s)]
    if ahead:
        latest = int(max(ahead)[:13])
        raise SyncError("clock_ahead", count=len(ahead), latest=wall_minute(latest),
                        here=wall_minute(now_ms), days=max(1, round((latest - now_ms) / 86_400_000)))
