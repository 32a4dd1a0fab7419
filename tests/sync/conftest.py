"""Sync fixtures: community databases copied from one migrated template, and city servers on
SQLite and (when ``LEDGER_TEST_PG_URL`` is set) on the PostgreSQL that ``.ci/run`` starts.

``LEDGER_TEST_PG_URL`` names a database the tests only connect to: each test run creates a database
of its own beside it (the role needs CREATEDB) and drops it at the end, so two runs on one machine
never see each other's tables.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, create_engine, make_url, select
from sqlalchemy.exc import DBAPIError

from app.db.database import Database
from app.db.engine import make_engine
from app.db.migrate import upgrade
from app.models import Base
from app.services.registry import RegistryService
from app.sync.report import ImportReport
from app.sync.service import SyncService
from app.sync.tables import synced_tables
from server.city import CityServer
from server.models import ServerBase

PG_ENV = "LEDGER_TEST_PG_URL"

# Columns that are bookkeeping of each copy; everything else must be identical everywhere.
LOCAL_ONLY = {"updated_at"}


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty database without a node id, copied for every community computer."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    engine = make_engine(path)
    upgrade(engine, path)
    engine.dispose()
    return path


class Computers:
    """Makes community databases (each a new computer with its own node id and keys)."""

    def __init__(self, template: Path, folder: Path) -> None:
        self.template = template
        self.folder = folder
        self.opened: list[Database] = []

    def new(self, name: str) -> Database:
        path = self.folder / f"{name}.sqlite"
        shutil.copyfile(self.template, path)
        db = Database.open(path)
        self.opened.append(db)
        return db

    def close(self) -> None:
        for db in self.opened:
            db.close()


@pytest.fixture
def computers(template_db: Path, tmp_path: Path) -> Iterator[Computers]:
    c = Computers(template_db, tmp_path)
    yield c
    c.close()


def _pg_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if not url and os.environ.get("CI") == "true":
        pytest.fail(f"{PG_ENV} is not set on CI: .ci/run must start PostgreSQL")
    return url


def run_database_name(base: str) -> str:
    """A database name no other test run on this machine or elsewhere uses at the same time."""
    return f"{base[:40]}_{os.getpid()}_{secrets.token_hex(4)}"


@pytest.fixture(scope="session")
def pg_run_url() -> Iterator[str]:
    """A PostgreSQL database created for this test run (beside ``LEDGER_TEST_PG_URL``'s), dropped after."""
    base = _pg_url()
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    url = make_url(base)
    name = run_database_name(url.database or "ledger_test")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            _drop_database(admin, name)
    finally:
        admin.dispose()


def _drop_database(admin: Engine, name: str) -> None:
    """Drop the run's database even with sessions still open on it.

    ``WITH (FORCE)`` ends the sessions, but a role that is not a superuser may not end every
    process: PostgreSQL 15 once refused it at the end of a run ("must be a member of the role whose
    process is being terminated"), most likely over an autovacuum worker, which a plain drop asks
    to stop.  So both are tried, a few times.
    """
    for attempt in range(10):
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except DBAPIError:
            try:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
                return
            except DBAPIError:
                if attempt == 9:
                    raise
                time.sleep(0.5)


def reset_pg(url: str) -> None:
    """Drop every table, so the test starts on an empty database."""
    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        meta.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "city.sqlite")
    url: str = request.getfixturevalue("pg_run_url")
    reset_pg(url)
    return url


@pytest.fixture
def city(server_url: str) -> Iterator[CityServer]:
    server = CityServer(server_url)
    yield server
    server.close()


COMMUNITY_A = {"code": "220802001", "name": "幸福社区", "street": "明仁街道", "district": "洮北区",
               "city": "白城市", "org_kind": "committee"}
COMMUNITY_B = {"code": "220802002", "name": "新华社区", "street": "新华街道", "district": "洮北区",
               "city": "白城市", "org_kind": "branch"}


def enrol(city: CityServer, db: Database, community: dict[str, str], init: bool = True) -> SyncService:
    """Register the community on the server and enrol ``db`` with it (after ``init`` if asked)."""
    if init:
        RegistryService(db).create_community(dict(community))
    issued = city.add_community(community["code"], community["name"], community["district"],
                                community["street"], community["city"])
    svc = SyncService(db)
    svc.enroll(issued.code)
    return svc


def round_trip(city: CityServer, code: str, members: list[SyncService], folder: Path) -> list[ImportReport]:
    """Every member exports, the server imports each, writes one package back, every member imports it."""
    for svc in members:
        out = svc.export(folder)
        city.import_file(out.path)
    back = folder / f"return-{code}.clsync"
    city.export_for(code, back)
    reports = [svc.import_file(back) for svc in members]
    back.unlink()
    return reports


def dump(engine: Engine, community_id: str | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced record (including tombstones) as comparable tuples, per table."""
    result: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for name, spec in sorted(synced_tables().items()):
            t = spec.table
            cols = [c for c in t.columns if c.name not in LOCAL_ONLY]
            stmt = select(*cols).order_by(t.c.id)
            if community_id is not None:
                stmt = stmt.where(t.c.community_id.in_([community_id, "city"]))
            result[name] = [tuple(r) for r in conn.execute(stmt)]
    return result


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


MakeDb = Callable[[str], Database]
__all__ = ["Base", "ServerBase"]
