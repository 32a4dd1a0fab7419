"""Long work runs on the background runner and the window keeps painting: a 16 ms timer keeps
ticking while a city's sync package is imported, the yearly book is made and a long ledger is
previewed.  The longest gap between two ticks is what a user would feel as a frozen window."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.db.hlc import HybridClock
from app.services.demo import fill_demo
from app.services.registry import RegistryService
from app.sync.package import build_package
from app.sync.report import Source, Target
from app.sync.service import SyncService
from app.ui.printing.documents import book_preview, ledger_preview
from app.ui.printing.preview import PrintPreviewDialog
from app.ui.sync import SyncController
from app.ui.sync.dialogs import ImportReportDialog
from app.ui.tasks import Runner
from server.city import CityServer

from .helpers import TickMeter

pytestmark = [pytest.mark.gui, pytest.mark.slow]

# The longest the event loop may wait: beyond this a user sees the window hang.
LONGEST_GAP_MS = 200
CITY_CHANGES = 100_000


@pytest.fixture
def runner() -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


def _city_package(tmp_path: Path, db: Database, svc: SyncService, city: CityServer, count: int) -> Path:
    """A return package of ``count`` new party members for the community, signed and sealed as
    the city server makes them."""
    community = db.community_id
    assert community is not None
    clock = HybridClock(city.node_id)
    changes = [{"id": f"c{i:08d}", "table": "party_member", "record": f"00000000-0000-4000-8000-{i:012d}",
                "community": community, "op": "upsert", "hlc": clock.now().encode(),
                "fields": {"community_id": community, "name": f"党员{i}", "gender": "male",
                           "join_date": "1990-01-01", "status": "full", "phone": f"138{i % 10**8:08d}",
                           "created_at": "2024-01-01T08:00:00.000000"}}
               for i in range(count)]
    data, _header = build_package(
        keys=city.keys, source=Source("server", city.node_id, None, None, ""),
        target=Target("community", community, "220802001", (db.node_id,)), changes=changes,
        seq_range=(1, count), ack_nodes={db.node_id: 0}, recipients=[svc.keys().public])
    path = tmp_path / "city-return.clsync"
    path.write_bytes(data)
    return path


def test_importing_a_city_package_keeps_the_window_painting(
        qtbot: QtBot, tmp_path: Path, runner: Runner) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    issued = city.add_community("220802001", "幸福社区", "洮北区", "明仁街道", "白城市")
    db = Database.open(tmp_path / "ledger.sqlite")
    svc = SyncService(db)
    svc.enroll(issued.code)
    package = _city_package(tmp_path, db, svc, city, CITY_CHANGES)
    city.close()
    parent = QWidget()
    qtbot.addWidget(parent)
    warnings: list[str] = []
    sync = SyncController(db, parent, runner=runner, warn=lambda _p, text: warnings.append(text))
    started = time.perf_counter()
    with TickMeter() as meter:
        sync.import_file(package)
        qtbot.waitUntil(lambda: sync.last_dialog is not None or bool(warnings), timeout=300_000)
    seconds = time.perf_counter() - started
    assert warnings == []
    report = sync.last_dialog
    assert isinstance(report, ImportReportDialog)
    assert report.report.counts["party_member"].imported == CITY_CHANGES
    assert RegistryService(db).counts()["party_member"] == CITY_CHANGES
    print(f"\n{CITY_CHANGES} changes imported in {seconds:.1f} s; {meter.ticks} ticks, "
          f"longest gap {meter.longest_gap_ms:.0f} ms, "
          f"longest collection {meter.longest_collection_ms:.0f} ms")
    assert meter.ticks > seconds * 1000 / TickMeter.INTERVAL_MS / 3
    assert meter.longest_gap_ms < LONGEST_GAP_MS
    db.close()


@pytest.fixture(scope="module")
def community_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    db = Database.open(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    fill_demo(db, "community")
    yield db
    db.close()


def _preview_ticks(qtbot: QtBot, make: PrintPreviewDialog) -> TickMeter:
    qtbot.addWidget(make)
    with TickMeter() as meter, qtbot.waitSignal(make.ready, timeout=300_000):
        make.show()
    return meter


def test_the_yearly_book_is_made_while_the_window_paints(
        qtbot: QtBot, community_demo: Database, runner: Runner) -> None:
    from datetime import date

    meter = _preview_ticks(qtbot, book_preview(None, runner, community_demo, date.today().year))
    print(f"\nyearly book: {meter.ticks} ticks, longest gap {meter.longest_gap_ms:.0f} ms, "
          f"longest collection {meter.longest_collection_ms:.0f} ms")
    assert meter.ticks > 10
    assert meter.longest_gap_ms < LONGEST_GAP_MS


def test_a_long_ledger_preview_is_made_while_the_window_paints(
        qtbot: QtBot, community_demo: Database, runner: Runner) -> None:
    dialog = ledger_preview(None, runner, community_demo, "party_member")
    meter = _preview_ticks(qtbot, dialog)
    print(f"\nmembers ledger, {dialog.page_count} pages: {meter.ticks} ticks, "
          f"longest gap {meter.longest_gap_ms:.0f} ms, "
          f"longest collection {meter.longest_collection_ms:.0f} ms")
    assert dialog.page_count > 20
    assert meter.longest_gap_ms < LONGEST_GAP_MS
