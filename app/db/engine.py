"""The SQLite engine with the pragmas and the ``PINYIN`` collation the app relies on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from app.db import collation


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    collation.register(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path | str) -> Engine:
    """An engine on the SQLite file at ``path`` (WAL journal, foreign keys enforced, ``COLLATE PINYIN``)."""
    # Built, not parsed from text: a folder name such as "a%20b" would be read as "a b".
    # hide_parameters: an error message never carries the values of a statement (ID numbers,
    # phones), so nothing personal reaches a log or a message box through an exception.
    engine = create_engine(URL.create("sqlite", database=str(Path(path))), future=True, hide_parameters=True)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def make_read_only_engine(path: Path | str) -> Engine:
    """An engine that only reads the SQLite file at ``path``: nothing is created or written, and a
    read-only file or folder is fine (``COLLATE PINYIN`` registered, as on every connection)."""
    from app.db.migrate import connect_read_only

    def connect() -> Any:
        con = connect_read_only(Path(path))
        collation.register(con)
        con.execute("PRAGMA busy_timeout=5000")
        return con

    return create_engine("sqlite://", creator=connect, future=True, hide_parameters=True)
