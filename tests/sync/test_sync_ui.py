"""The sync screens, driven like a secretary would: real widgets on real databases."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from ui.helpers import on_next_modal, present

from app.db.database import Database
from app.db.hlc import HybridClock
from app.services.registry import RegistryService
from app.sync.service import SyncService
from app.ui.ledgers.dashboard import DashboardPage
from app.ui.look import install_font, install_translators
from app.ui.main_window import MainWindow
from app.ui.sync import SyncController
from app.ui.sync.dialogs import ImportReportDialog
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, enrol, round_trip

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module", autouse=True)
def chinese_ui(qapp: QApplication) -> None:
    qm = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "zh_CN.qm"
    if not qm.exists():
        import subprocess
        import sys

        subprocess.run([sys.executable, "scripts/i18n.py", "build"], check=True,
                       cwd=Path(__file__).resolve().parents[2])
    install_font(qapp)
    install_translators(qapp, "zh_CN")


class Warnings(list[str]):
    def __call__(self, _parent: QWidget, text: str) -> None:
        self.append(text)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / "desktop.ini").write_text("[.ShellClassInfo]")
    return folder


def _controller(qtbot: QtBot, db: Database, usb: Path, warnings: Warnings) -> SyncController:
    parent = QWidget()
    qtbot.addWidget(parent)
    docs = usb.parent / "docs"
    docs.mkdir(exist_ok=True)
    return SyncController(db, parent, warn=warnings, folders=lambda: [(usb, True), (docs, False)])


def test_export_offers_the_usb_drive_first_and_writes_the_package(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    db = computers.new("a1")
    enrol(city, db, COMMUNITY_A)
    RegistryService(db).create("compound", {"name": "阳光小区"})
    warnings = Warnings()
    sync = _controller(qtbot, db, usb, warnings)
    statuses: list[str] = []
    sync.status_changed.connect(statuses.append)
    dialog = sync.export_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.folders.count() == 2
    assert dialog.chosen_folder() == usb  # the removable drive is chosen already
    assert str(usb) in dialog.folders.item(0).text()
    assert "2" in present(dialog.findChild(QLabel, "pending")).text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = [p for p in usb.iterdir() if p.suffix == ".clsync"]
    assert len(written) == 1 and warnings == []
    assert written[0].name in dialog.done_label.text()
    assert not dialog.export_button.isEnabled()
    assert statuses and "2" in statuses[-1]
    # The district imports it; nothing on the stick but the package and the stray file.
    assert city.import_file(written[0]).status == "applied"
    city.close()


def test_import_shows_the_report_and_a_refusal_says_why(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    a1_db, a2_db = computers.new("a1"), computers.new("a2")
    a1, a2 = enrol(city, a1_db, COMMUNITY_A), enrol(city, a2_db, COMMUNITY_A, init=False)
    RegistryService(a1_db).create("compound", {"name": "阳光小区"})
    city.import_file(a1.export(usb).path)
    city.import_file(a2.export(usb).path)
    back = usb / "back.clsync"
    city.export_for(COMMUNITY_A["code"], back)
    city.close()

    warnings = Warnings()
    sync = _controller(qtbot, a2_db, usb, warnings)
    changed: list[bool] = []
    sync.data_changed.connect(lambda: changed.append(True))
    sync.import_file(back)
    dialog = sync.last_dialog
    assert isinstance(dialog, ImportReportDialog) and warnings == []
    qtbot.addWidget(dialog)
    dialog.show()
    rows = {present(dialog.counts.item(r, 0)).text(): present(dialog.counts.item(r, 1)).text()
            for r in range(dialog.counts.rowCount())}
    compound_title = next(t for t in rows if "小区" in t or "Compound" in t)
    assert rows[compound_title] == "1"
    assert changed == [True]
    assert [label for _, label in RegistryService(a2_db).options("compound")] == ["阳光小区"]
    # The report prints: a PDF with the same words and figures.
    pdf = tmp_path / "report.pdf"
    dialog.save_pdf(pdf)
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert dialog.windowTitle() in text and compound_title in text

    sync.import_file(back)  # the same package again: nothing changes, and it says so
    again = sync.last_dialog
    assert isinstance(again, ImportReportDialog) and again is not dialog and again.counts.rowCount() == 0

    bad = usb / "bad.clsync"
    bad.write_bytes(back.read_bytes()[:200])
    sync.import_file(bad)
    assert sync.last_dialog is again  # no report: a refusal
    assert len(warnings) == 1 and warnings[0]


def _rival_renames(city: CityServer, computers: Computers, usb: Path) -> tuple[SyncService, str]:
    """Two computers of one community rename one compound while apart; the second one's name
    reaches the server first, so the first computer's next import brings a conflict."""
    a1_db, a2_db = computers.new("a1"), computers.new("a2")
    a1, a2 = enrol(city, a1_db, COMMUNITY_A), enrol(city, a2_db, COMMUNITY_A, init=False)
    record = RegistryService(a1_db).create("compound", {"name": "阳光小区"})
    round_trip(city, COMMUNITY_A["code"], [a1, a2], usb)
    for db, name in ((a1_db, "阳光小区一期"), (a2_db, "阳光家园")):
        reg = RegistryService(db)
        form = reg.get("compound", record)
        form["name"] = name
        reg.update("compound", record, form)
    round_trip(city, COMMUNITY_A["code"], [a2], usb)
    return a1, record


def test_conflicts_side_by_side_keep_this_computers_value(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    a1, record = _rival_renames(city, computers, usb)
    a1_db = a1.db
    round_trip(city, COMMUNITY_A["code"], [a1], usb)

    sync = _controller(qtbot, a1_db, usb, Warnings())
    assert "1" in sync.status_text()
    dialog = sync.conflict_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1
    assert dialog.local_value.text() == "阳光小区一期"
    assert dialog.remote_value.text() == "阳光家园"
    qtbot.mouseClick(dialog.keep_local, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0 and dialog.empty_label.isVisible()
    assert RegistryService(a1_db).get("compound", record)["name"] == "阳光小区一期"
    assert SyncService(a1_db).pending_count() == 1  # kept as a new change, to be sent
    city.close()


def test_history_and_enrolment(qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    issued = city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"], COMMUNITY_A["city"])
    db = computers.new("fresh")
    warnings = Warnings()
    sync = _controller(qtbot, db, usb, warnings)
    assert not SyncService(db).enrolled
    dialog = sync.enrol_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setPlainText("CLE1-broken")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1
    dialog.code.setPlainText(issued.code)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert city.identity.fingerprint in dialog.fingerprints.text()
    assert SyncService(db).fingerprint in dialog.fingerprints.text()
    assert "台电脑" not in dialog.fingerprints.text()
    assert RegistryService(db).community().code == COMMUNITY_A["code"]

    # A second computer of the community learns the ending its appeal numbers will carry.
    second_db = computers.new("second")
    second = _controller(qtbot, second_db, usb, warnings).enrol_dialog()
    qtbot.addWidget(second)
    second.show()
    second.code.setPlainText(city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"],
                                                COMMUNITY_A["district"], COMMUNITY_A["street"]).code)
    qtbot.mouseClick(second.ok, Qt.MouseButton.LeftButton)
    assert "本机是本社区的第 2 台电脑：在本机登记的诉求编号以 -2 结尾。" in second.fingerprints.text()

    svc = SyncService(db)
    city.import_file(svc.export(usb).path)
    city.export_for(COMMUNITY_A["code"], usb / "back.clsync")
    svc.import_file(usb / "back.clsync")
    history = sync.history_dialog()
    qtbot.addWidget(history)
    history.show()
    assert history.table.rowCount() == 2
    assert present(history.table.item(0, 4)).text() == "back.clsync"
    city.close()


def test_the_report_shows_both_clocks_when_they_disagree(qtbot: QtBot) -> None:
    from app.sync.report import ClockWarning, ImportReport, Source
    from app.ui.sync.dialogs import ImportReportDialog

    report = ImportReport("applied", "p", "2027-12-31T08:00:00.000000Z",
                          Source("server", "city01", None, None, ""), 0,
                          clock_warning=ClockWarning("2027-12-31 08:00", "2026-11-26 08:00"))
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.clock_label.isVisible()
    assert "2027-12-31 08:00" in dialog.clock_label.text() and "2026-11-26 08:00" in dialog.clock_label.text()


def test_a_clock_behind_the_ledger_is_pointed_out_and_a_right_one_is_not(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    db = computers.new("a1")
    RegistryService(db).create_community(dict(COMMUNITY_A))
    warnings = Warnings()
    sync = _controller(qtbot, db, usb, warnings)
    sync.check_clock()
    assert warnings == []

    # The computer's battery went flat: it now believes it is three days earlier than its last edit.
    real = db.clock.wall
    db.clock = HybridClock(db.node_id, db.clock.last, wall=lambda: real() - 3 * 86_400_000)
    sync.check_clock()
    assert len(warnings) == 1
    latest = datetime.fromtimestamp(db.clock.last.wall_ms / 1000).strftime("%Y-%m-%d %H:%M")
    assert latest in warnings[0] and "请先校正" in warnings[0]


def test_a_refused_package_leaves_no_wait_cursor_behind(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    db = computers.new("a1")
    enrol(city, db, COMMUNITY_A)
    warnings = Warnings()
    sync = _controller(qtbot, db, usb, warnings)
    broken = usb / "broken.clsync"
    broken.write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    sync.import_file(broken)
    assert sync.last_dialog is None
    assert len(warnings) == 1
    assert QApplication.overrideCursor() is None
    city.close()


def test_conflicts_wait_on_the_home_view_and_open_from_there(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    from app.bootstrap import install_sync
    from app.settings import Settings
    from app.ui.controllers.records import RecordController
    from app.ui.ledgers import install as install_ledgers
    from app.ui.sync.dialogs import ConflictDialog

    city = CityServer(str(tmp_path / "city.sqlite"))
    a1_db = _rival_renames(city, computers, usb)[0].db

    window = MainWindow(RecordController(RegistryService(a1_db)), Settings(), lambda s: None)
    qtbot.addWidget(window)
    install_ledgers(window, a1_db)
    sync = install_sync(window, a1_db)
    window.show()
    todo = _home(window).todo
    texts = [todo.item(i).text() for i in range(todo.count())]
    assert "有 1 处同步冲突待核对" not in " ".join(texts)

    # The return package brings the newer edit from the second computer: the home view says so.
    sync.import_file(_return_package(city, usb))
    assert isinstance(sync.last_dialog, ImportReportDialog)
    todo = _home(window).todo
    first = todo.item(0)
    assert first.text().startswith("有 1 处同步冲突待核对")

    seen: list[str] = []

    def keep_local(dialog: QWidget) -> None:
        assert isinstance(dialog, ConflictDialog)
        seen.append(dialog.local_value.text())
        qtbot.mouseClick(dialog.keep_local, Qt.MouseButton.LeftButton)
        dialog.accept()

    on_next_modal(keep_local, ConflictDialog)
    todo.itemClicked.emit(first)
    assert seen == ["阳光小区一期"]
    # Reviewed: the home view no longer lists it.
    todo = _home(window).todo
    assert not any(todo.item(i).text().startswith("有 1 处同步冲突") for i in range(todo.count()))
    city.close()


def _home(window: MainWindow) -> DashboardPage:
    page = window.current_page()
    assert isinstance(page, DashboardPage)
    return page


def _return_package(city: CityServer, usb: Path) -> Path:
    back = usb / "back.clsync"
    city.export_for(COMMUNITY_A["code"], back)
    return back


def test_only_drives_the_system_calls_removable_are_offered_as_usb_drives() -> None:
    from app.ui.sync.drives import DRIVE_REMOVABLE, is_removable

    # What Windows' GetDriveTypeW answers: C: and a second disk D: are fixed, E: is a USB stick.
    types = {"C:/": 3, "D:/": 3, "E:/": DRIVE_REMOVABLE, "Z:/": 4}

    def drive_type(root: str) -> int:
        return types[root]

    assert [r for r in types if is_removable(r, "win32", drive_type)] == ["E:/"]
    assert is_removable("/media/secretary/KINGSTON", "linux")
    assert not is_removable("/home/secretary", "linux")
    assert is_removable("/Volumes/U盘", "darwin")


def test_lists_open_before_enrolment_show_the_records_after_it(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    from app.services.identity import make_id_number
    from app.settings import Settings
    from app.ui.controllers.records import RecordController
    from app.ui.views.record_list import RecordListView

    city = CityServer(str(tmp_path / "city.sqlite"))
    issued = city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"], COMMUNITY_A["city"])
    db = computers.new("fresh")
    registry = RegistryService(db)
    registry.create_community(dict(COMMUNITY_A))  # as the first-run wizard does, before enrolment
    for i, name in enumerate(["张伟", "王芳", "李明"]):
        born = datetime(1970 + i, 3, 9).date()
        registry.create("party_member", {"name": name, "gender": "female", "birth_date": born,
                                         "join_date": datetime(1995, 7, 1).date(), "status": "full",
                                         "id_number": make_id_number("220802", born, 20 + 2 * i)})
    window = MainWindow(RecordController(registry), Settings(), lambda _s: None)
    qtbot.addWidget(window)
    window.show()
    members = window.open_page("party_member")
    assert isinstance(members, RecordListView) and members.model.rowCount() == 3
    sync = SyncController(db, window, warn=Warnings(), folders=lambda: [(usb, True)])
    sync.data_changed.connect(window.refresh_all)
    dialog = sync.enrol_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setPlainText(issued.code)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert SyncService(db).enrolled
    qtbot.waitUntil(lambda: members.model.rowCount() == 3)
    assert members.count_label.text() == "共 3 条"
    city.close()


def test_the_export_names_every_kind_of_record_in_chinese_and_shows_its_whole_result(
        qtbot: QtBot, computers: Computers, tmp_path: Path, usb: Path) -> None:
    import re

    from app.services.demo import fill_demo

    city = CityServer(str(tmp_path / "city.sqlite"))
    db = computers.new("demo")
    fill_demo(db, "community")
    community = RegistryService(db).community()
    issued = city.add_community(community.code, community.name, "洮北区", "明仁街道", "白城市")
    SyncService(db).enroll(issued.code)
    sync = _controller(qtbot, db, usb, Warnings())
    dialog = sync.export_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    untranslated = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
    pending = present(dialog.findChild(QLabel, "pending")).text()
    assert "党员" in pending and "诉求办理记录" in pending
    assert untranslated.findall(pending) == []
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    done = dialog.done_label.text()
    assert "共建单位" in done or "党小组覆盖楼栋" in done
    assert untranslated.findall(done.replace(str(usb), "")) == []
    qtbot.wait(50)
    label = dialog.done_label
    # The whole result is on screen, above the buttons, not cut off under them.
    assert label.height() >= label.heightForWidth(label.width())
    assert label.geometry().bottom() < dialog.buttons.geometry().top()
    city.close()
