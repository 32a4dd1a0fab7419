"""Small helpers shared by the domain tests: read the outbox back, count rows, make records."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from app.db.database import Database
from app.services.registry import RegistryService


def outbox(db: Database) -> list[dict[str, Any]]:
    """Every outbox row in order, as plain dicts (fields decoded)."""
    assert db.path is not None
    con = sqlite3.connect(db.path)
    con.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in con.execute("SELECT * FROM outbox ORDER BY seq")]
    finally:
        con.close()
    for row in rows:
        row["fields"] = json.loads(row["fields"])
    return rows


def count_rows(path: Path | None, table: str, where: str = "1") -> int:
    """Rows of ``table`` in the file at ``path``, read with plain sqlite3."""
    assert path is not None
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0])
    finally:
        con.close()


def compound(registry: RegistryService, name: str = "阳光小区", **values: Any) -> str:
    return registry.create("compound", {"name": name, **values})


def building(registry: RegistryService, compound_id: str, number: str = "1号楼", **values: Any) -> str:
    return registry.create("building", {"compound_id": compound_id, "number": number, **values})
