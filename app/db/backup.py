"""Backups of the ledger: automatic ones beside it, encrypted ones for a USB drive, restore and checks.

Every copy is taken with SQLite's online backup API, which copies a consistent state of the
database while the app keeps working in it (a plain file copy of a live database in WAL mode may
miss the latest changes or catch a page half written).  Automatic backups go to a folder beside the
ledger, named ``<ledger>-YYYYMMDD-HHMMSS.sqlite``, and the last 30 days and 12 months are kept.  A
backup for a USB drive is encrypted with a passphrase (scrypt and ChaCha20-Poly1305 from
``cryptography``), so a lost stick exposes nobody.  A restore checks the backup first and keeps
the current file aside.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import sqlite3
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import __version__
from app.atomic import atomic_write, fsync_file, remove_leftovers
from app.db.migrate import newest_revision_file, stored_revision

KEEP_DAYS = 30
KEEP_MONTHS = 12
FOLDER_NAME = "台账备份"
ENCRYPTED_SUFFIX = ".clbackup"
_STAMP = "%Y%m%d-%H%M%S"
_PAGES_PER_STEP = 1024

# The encrypted file: MAGIC, one line of JSON header, then chunks, each a 4-byte big-endian length
# and the chunk's ciphertext.  A chunk's nonce is the header's 8-byte prefix and its 4-byte index;
# its associated data the header line, the index and whether it is the last, so chunks cannot be
# dropped, reordered or cut off unnoticed.
MAGIC = b"COMMUNITY-LEDGER-BACKUP 1\n"
CHUNK = 1024 * 1024
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MIN_PASSPHRASE = 8
# The header carries this text sealed under the key: a wrong passphrase is told from a damaged file.
_CHECK_TEXT = b"community-ledger backup key"
_CHECK_INDEX = b"\xff\xff\xff\xff"

Progress = Callable[[int, int], None]


class BackupError(Exception):
    """A backup could not be made, read or restored: ``code`` says why (``wrong_passphrase``,
    ``not_a_backup``, ``damaged``, ``not_a_ledger``, ``too_new``, ``unsound``, ``passphrase_short``)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code if not params else f"{code} {params}")
        self.code = code
        self.params = params


def backup_folder(db_path: Path) -> Path:
    """Where the automatic backups of ``db_path`` go: a folder beside it."""
    return db_path.parent / FOLDER_NAME


def _copy_database(source: Path, target: Path, progress: Progress | None = None, live: bool = True) -> None:
    """The online backup of ``source`` into the (new, empty) file ``target``.

    ``live``: the ledger in use, read with its journal; otherwise a file nobody writes (a backup on
    a USB drive), read as it is, without creating journal files beside it.
    """
    mode = "mode=ro" if live else "mode=ro&immutable=1"
    src = sqlite3.connect(f"file:{_uri(source)}?{mode}", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:
            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(dst, pages=_PAGES_PER_STEP, progress=step)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def _uri(path: Path) -> str:
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def make_backup(db_path: Path, target: Path, progress: Progress | None = None, live: bool = True) -> Path:
    """Copy the ledger at ``db_path`` into ``target``, whole or not at all, readable by its owner only."""
    atomic_write(target, write=lambda tmp: _copy_database(db_path, tmp, progress, live), private=True)
    return target


def backup_name(db_path: Path, when: datetime) -> str:
    return f"{db_path.stem}-{when.strftime(_STAMP)}.sqlite"


def backups(folder: Path, db_path: Path) -> list[tuple[datetime, Path]]:
    """The automatic backups of ``db_path`` in ``folder``, newest first."""
    pattern = re.compile(re.escape(db_path.stem) + r"-(\d{8}-\d{6})\.sqlite")
    found: list[tuple[datetime, Path]] = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            m = pattern.fullmatch(entry.name)
            if m:
                with contextlib.suppress(ValueError):
                    found.append((datetime.strptime(m[1], _STAMP), entry))
    return sorted(found, reverse=True)


def to_keep(dated: list[tuple[datetime, Path]]) -> set[Path]:
    """The newest backup of each of the last :data:`KEEP_DAYS` days that have one, and of each of
    the last :data:`KEEP_MONTHS` months."""
    keep: set[Path] = set()
    days: set[tuple[int, int, int]] = set()
    months: set[tuple[int, int]] = set()
    for when, path in sorted(dated, reverse=True):
        day, month = (when.year, when.month, when.day), (when.year, when.month)
        if day not in days and len(days) < KEEP_DAYS:
            days.add(day)
            keep.add(path)
        if month not in months and len(months) < KEEP_MONTHS:
            months.add(month)
            keep.add(path)
    return keep


def prune(folder: Path, db_path: Path) -> list[Path]:
    """Remove the automatic backups no longer kept; returns what was removed."""
    dated = backups(folder, db_path)
    keep = to_keep(dated)
    removed = []
    for _when, path in dated:
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def automatic_backup(db_path: Path, folder: Path | None = None, now: datetime | None = None,
                     progress: Progress | None = None) -> Path | None:
    """Today's backup, unless there is one already (None then); older ones pruned."""
    folder = folder or backup_folder(db_path)
    now = now or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    remove_leftovers(folder)
    existing = backups(folder, db_path)
    made = None
    if not existing or existing[0][0].date() < now.date():
        made = make_backup(db_path, folder / backup_name(db_path, now), progress)
    prune(folder, db_path)
    return made


# --- encrypted backups ----------------------------------------------------------------------------


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _chunk_aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">I?", index, last)


def write_encrypted(db_path: Path, target: Path, passphrase: str, progress: Progress | None = None) -> Path:
    """An encrypted backup of the ledger at ``target`` (for a USB drive), whole or not at all."""
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError("passphrase_short", min=MIN_PASSPHRASE)
    salt, prefix = os.urandom(16), os.urandom(8)
    aead = ChaCha20Poly1305(_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P))
    check = aead.encrypt(prefix + _CHECK_INDEX, _CHECK_TEXT, _CHECK_TEXT)
    header = json.dumps({"format": 1, "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                         "salt": base64.b64encode(salt).decode(), "nonce": base64.b64encode(prefix).decode(),
                         "check": base64.b64encode(check).decode(), "chunk": CHUNK,
                         "app_version": __version__}, sort_keys=True).encode() + b"\n"

    def write(tmp: Path) -> None:
        plain = tmp.with_name(tmp.name + ".plain")
        # The plain copy lives only beside the encrypted one being made, private, and goes at once.
        try:
            os.close(os.open(plain, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            _copy_database(db_path, plain, progress)
            _carry_secrets(plain)
            with plain.open("rb") as src, tmp.open("wb") as out:
                out.write(MAGIC + header)
                for index, (data, last) in enumerate(_chunks(src)):
                    nonce = prefix + struct.pack(">I", index)
                    sealed = aead.encrypt(nonce, data, _chunk_aad(header, index, last))
                    out.write(struct.pack(">I", len(sealed)) + sealed)
        finally:
            plain.unlink(missing_ok=True)

    atomic_write(target, write=write)
    return target


def _carry_secrets(copy: Path) -> None:
    """Put back into the plain copy the secrets this computer's keyring holds for the ledger, so
    that the encrypted backup restores on another computer with its sync keys.  A secret the keyring
    does not have (or cannot give now) stays a reference, as in the ledger."""
    from app import keystore

    con = sqlite3.connect(str(copy))
    try:
        with con:
            for key, value in con.execute("SELECT key, value FROM local_state").fetchall():
                name = keystore.referenced(value)
                if name is None:
                    continue
                try:
                    secret = keystore.fetch(name)
                except keystore.KeystoreUnavailableError:
                    continue
                if secret is not None:
                    con.execute("UPDATE local_state SET value = ? WHERE key = ?", (secret, key))
    finally:
        con.close()


def _chunks(src: object) -> Iterator[tuple[bytes, bool]]:
    read = src.read  # type: ignore[attr-defined]
    current = read(CHUNK)
    while True:
        following = read(CHUNK)
        yield current, not following
        if not following:
            return
        current = following


def read_encrypted(source: Path, passphrase: str, target: Path) -> None:
    """Decrypt the backup ``source`` into the new file ``target``; :class:`BackupError` when the
    passphrase is wrong or the file was altered or cut off (``target`` is then not left behind)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    with source.open("rb") as fh:
        if fh.read(len(MAGIC)) != MAGIC:
            raise BackupError("not_a_backup")
        header = fh.readline(4096)
        try:
            meta = json.loads(header)
            salt, prefix = base64.b64decode(meta["salt"]), base64.b64decode(meta["nonce"])
            check = base64.b64decode(meta["check"])
            n, r, p = int(meta["n"]), int(meta["r"]), int(meta["p"])
        except (ValueError, KeyError, TypeError):
            raise BackupError("damaged") from None
        if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16 and len(prefix) == 8):
            raise BackupError("damaged")
        aead = ChaCha20Poly1305(_key(passphrase, salt, n, r, p))
        try:
            aead.decrypt(prefix + _CHECK_INDEX, check, _CHECK_TEXT)
        except InvalidTag:
            raise BackupError("wrong_passphrase") from None
        index, finished = 0, False
        try:
            with target.open("xb") as out:
                while True:
                    size = fh.read(4)
                    if not size:
                        break
                    if len(size) < 4 or finished:
                        raise BackupError("damaged")
                    sealed = fh.read(struct.unpack(">I", size)[0])
                    nonce = prefix + struct.pack(">I", index)
                    for last in (False, True):
                        try:
                            out.write(aead.decrypt(nonce, sealed, _chunk_aad(header, index, last)))
                            finished = last
                            break
                        except InvalidTag:
                            continue
                    else:
                        raise BackupError("damaged")
                    index += 1
            if not finished:
                raise BackupError("damaged")
            fsync_file(target)
        except BaseException:
            target.unlink(missing_ok=True)
            raise


# --- checking and restoring -----------------------------------------------------------------------


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    problems: tuple[str, ...]
    revision: str | None
    # Not a ledger at all (another program's file): nothing to restore it to.
    foreign: bool = False

    @property
    def summary(self) -> str:
        return "ok" if self.ok else "; ".join(self.problems)


def check_database(path: Path, thorough: bool = False) -> CheckResult:
    """SQLite's own check of the file (``quick_check``, or ``integrity_check`` when ``thorough``),
    read-only; whether it is a ledger this version can open."""
    try:
        with path.open("rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        return CheckResult(False, (f"cannot be read: {exc.strerror or exc}",), None)
    if magic != b"SQLite format 3\x00":
        return CheckResult(False, ("not a Community Ledger database",), None, foreign=bool(magic))
    try:
        con = sqlite3.connect(f"file:{_uri(path)}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "alembic_version" not in tables:
                return CheckResult(False, ("not a Community Ledger database",), None, foreign=True)
            rows = [str(r[0]) for r in con.execute(
                "PRAGMA integrity_check(20)" if thorough else "PRAGMA quick_check(20)")]
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        return CheckResult(False, (f"cannot be read now: {exc}",), None)
    except sqlite3.DatabaseError as exc:
        return CheckResult(False, (f"damaged: {exc}",), None)
    revision = stored_revision(path)
    problems = tuple(r for r in rows if r != "ok")
    if revision is not None and revision > newest_revision_file():
        problems += (f"written by a newer version (schema {revision})",)
    return CheckResult(not problems, problems, revision)


def is_encrypted(path: Path) -> bool:
    with contextlib.suppress(OSError), path.open("rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC
    return False


def restore(db_path: Path, backup: Path, passphrase: str | None = None) -> Path | None:
    """Put ``backup`` in the place of the ledger at ``db_path`` (closed by the caller).

    The backup is checked first (a ledger, sound, not from a newer version); the current file, if
    any, is kept aside as ``<ledger>.before-restore-<time>.sqlite`` (with its journal files), and
    its path returned.  Nothing changes when the backup is refused.
    """
    stamp = datetime.now().strftime(_STAMP)
    candidate = db_path.with_name(f".{db_path.name}.restore-{stamp}.part")
    try:
        if is_encrypted(backup):
            if passphrase is None:
                raise BackupError("wrong_passphrase")
            read_encrypted(backup, passphrase, candidate)
        else:
            with backup.open("rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise BackupError("not_a_backup")
            try:
                make_backup(backup, candidate, live=False)
            except sqlite3.DatabaseError:
                raise BackupError("damaged") from None
        result = check_database(candidate, thorough=True)
        if not result.ok:
            raise BackupError("unsound", problems=result.summary)
        aside = (db_path.with_name(f"{db_path.stem}.before-restore-{stamp}.sqlite")
                 if db_path.exists() else None)
        moved: list[tuple[Path, Path]] = []
        try:
            for suffix in ("", "-wal", "-shm") if aside is not None else ():
                current, kept = Path(f"{db_path}{suffix}"), Path(f"{aside}{suffix}")
                if current.exists():
                    os.replace(current, kept)
                    moved.append((kept, current))
            os.replace(candidate, db_path)
        except BaseException:
            for kept, current in reversed(moved):  # put the ledger back as it was
                os.replace(kept, current)
            raise
        return aside
    finally:
        candidate.unlink(missing_ok=True)
