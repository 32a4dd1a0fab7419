"""Network sync in the window, against a real server process on 127.0.0.1: enrolment with the
server's address, the status bar's 在线 / 离线 / 同步中 / 同步出错, sync after an edit, 立即同步 (F5),
and the history of network exchanges."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.services.registry import RegistryService
from app.settings import Settings
from app.sync.network import NetworkSync, RetryPolicy
from app.sync.service import SyncService
from app.ui.controllers.records import RecordController
from app.ui.main_window import MainWindow
from app.ui.sync import SyncController
from app.ui.sync.network import ONLINE, SYNCING, NetworkSyncController
from app.ui.tasks import Runner
from server.city import CityServer

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers
from .http_server import LiveServer, free_port, live_server
from .test_network_sync import join, move_to_other_community
from .test_sync_ui import Warnings, chinese_ui

__all__ = ["chinese_ui"]  # the Chinese UI for every test here

pytestmark = [pytest.mark.gui, pytest.mark.slow]
FAST = RetryPolicy(attempts=2, base_s=0.05, cap_s=0.1)


@pytest.fixture
def live(tmp_path: Path, city: CityServer) -> Iterator[LiveServer]:
    with live_server(str(tmp_path / "city.sqlite"), tmp_path) as server:
        yield server


@pytest.fixture
def city(tmp_path: Path) -> Iterator[CityServer]:
    server = CityServer(str(tmp_path / "city.sqlite"))
    yield server
    server.close()


def controller(qtbot: QtBot, db: Database, warnings: Warnings) -> SyncController:
    parent = QWidget()
    qtbot.addWidget(parent)
    network = NetworkSyncController(db, Runner(synchronous=True), warnings, parent,
                                    client=NetworkSync(db, retry=FAST, rng=random.Random(3)), after_edit_ms=0)
    return SyncController(db, parent, warn=warnings, runner=network.runner, network=network)


def test_enrolment_with_the_servers_address_then_the_status_bar_says_online(
        qtbot: QtBot, live: LiveServer, city: CityServer, computers: Computers) -> None:
    db = computers.new("a1")
    RegistryService(db).create_community(dict(COMMUNITY_A))
    RegistryService(db).create("compound", {"name": "阳光小区"})
    issued = city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"], COMMUNITY_A["city"])
    warnings = Warnings()
    sync = controller(qtbot, db, warnings)
    statuses: list[str] = []
    sync.status_changed.connect(statuses.append)
    dialog = sync.enrol_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.server.isVisible()
    dialog.code.setPlainText(issued.code)
    dialog.server.setText(live.url)
    dialog.ok.click()
    assert warnings == []
    assert city.identity.fingerprint in dialog.fingerprints.text()
    # Enrolled: the first exchange ran at once and sent everything.
    assert SyncService(db).pending_count() == 0
    assert statuses[-1].startswith("在线 · 待发送 0 项 · 上次同步 ") and "从未同步" not in statuses[-1]
    assert "同步中" in [s.split(" · ")[0] for s in statuses]
    assert live.url in sync.tooltip_text()
    history = sync.history_dialog()
    qtbot.addWidget(history)
    cells = [item.text() for r in range(history.table.rowCount()) if (item := history.table.item(r, 4))]
    assert f"网络：{live.url}" in cells
    # Enrolling again (a new code after a revocation) offers the address already known.
    again = sync.enrol_dialog()
    qtbot.addWidget(again)
    assert again.server.text() == live.url


def test_an_edit_while_online_goes_out_and_a_stopped_server_shows_offline(
        qtbot: QtBot, city: CityServer, computers: Computers, tmp_path: Path) -> None:
    from app.bootstrap import install_sync

    db = computers.new("a1")
    warnings = Warnings()
    port = free_port()
    with live_server(str(tmp_path / "city.sqlite"), tmp_path, port=port) as server:
        join(city, server.url, db, COMMUNITY_A)
        window = MainWindow(RecordController(RegistryService(db)), Settings(), lambda s: None)
        qtbot.addWidget(window)
        network = NetworkSyncController(db, window.controller.runner, warnings, window,
                                        client=NetworkSync(db, retry=FAST), after_edit_ms=0)
        sync = install_sync(window, db, network=network)
        window.show()
        assert window.sync_label.text().startswith("在线 · 待发送 0 项 · 上次同步 ")
        window.controller.create("compound", {"name": "新建小区"})
        qtbot.waitUntil(lambda: SyncService(db).pending_count() == 0, timeout=20_000)
        assert window.sync_label.text().startswith("在线 · 待发送 0 项 · 上次同步 ")
    # The server is gone: the next probe says offline, with the reason on hover; edits stay queued.
    window.controller.create("compound", {"name": "离线时小区"})
    sync.network.tick()
    assert window.sync_label.text().startswith("离线")
    assert "无法连接" in window.sync_label.toolTip()
    assert SyncService(db).pending_count() == 1
    assert warnings == []
    # 立即同步 (F5) says why it could not.
    now = window.findChild(type(sync.actions()[0]), "sync_now")
    assert now is not None and now.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)
    now.trigger()
    assert len(warnings) == 1 and "无法连接" in warnings[0]
    # Back online: the next probe sends what waited.
    with live_server(str(tmp_path / "city.sqlite"), tmp_path, port=port):
        network.timer.timeout.emit()
        assert window.sync_label.text().startswith("在线 · 待发送 0 项 · 上次同步 ")
        assert SyncService(db).pending_count() == 0
    window.close()


def test_a_refused_batch_shows_sync_error_with_the_reason(
        qtbot: QtBot, live: LiveServer, city: CityServer, computers: Computers) -> None:
    a1 = join(city, live.url, computers.new("a1"), COMMUNITY_A)
    b1 = join(city, live.url, computers.new("b1"), COMMUNITY_B)
    a1.sync()
    b1.sync()
    RegistryService(a1.db).create("compound", {"name": "越界小区"})
    move_to_other_community(a1.db, b1.db)
    warnings = Warnings()
    sync = controller(qtbot, a1.db, warnings)
    sync.network.sync_now()
    assert sync.status_text().startswith("同步出错")
    assert "拒收" in sync.tooltip_text() and "1 条" in sync.tooltip_text()
    assert SyncService(a1.db).pending_count() == 1


def test_edits_go_on_while_a_sync_runs_in_the_background(
        qtbot: QtBot, live: LiveServer, city: CityServer, computers: Computers) -> None:
    from app.bootstrap import install_sync

    db = computers.new("a1")
    join(city, live.url, db, COMMUNITY_A)
    for i in range(200):
        RegistryService(db).create("compound", {"name": f"小区{i:03d}"})
    runner = Runner()
    try:
        window = MainWindow(RecordController(RegistryService(db), runner), Settings(), lambda s: None)
        qtbot.addWidget(window)
        warnings = Warnings()
        network = NetworkSyncController(db, runner, warnings, window, client=NetworkSync(db, retry=FAST),
                                        after_edit_ms=0)
        install_sync(window, db, network=network)
        window.show()
        assert network.state == SYNCING and window.sync_label.text().startswith("同步中")
        # Saved at once while the exchange runs on the worker, and sent by the exchange that follows.
        window.controller.create("compound", {"name": "同步时新建"})
        assert "同步时新建" in {label for _id, label in RegistryService(db).options("compound")}
        qtbot.waitUntil(lambda: network.state == ONLINE and SyncService(db).pending_count() == 0,
                        timeout=60_000)
        assert window.sync_label.text().startswith("在线 · 待发送 0 项")
        assert warnings == []
        window.close()
    finally:
        runner.shutdown()
