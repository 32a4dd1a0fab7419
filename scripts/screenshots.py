"""Render the README's screenshots, and the pictures of the help (F1), from the running app
(offscreen) on a fresh demo database.

    python scripts/screenshots.py [--out docs/screenshots] [--help-out resources/help]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.db.database import Database  # noqa: E402
from app.services.registry import RegistryService  # noqa: E402
from app.settings import CONFIG_ENV, Settings  # noqa: E402
from app.ui.controllers.records import RecordController  # noqa: E402
from app.ui.ledgers import install as install_ledgers  # noqa: E402
from app.ui.look import install_font, install_translators  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.views.record_list import RecordListView  # noqa: E402
from app.ui.widgets.sensitive_edit import SensitiveLineEdit  # noqa: E402


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"screenshots: wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


# The help's pictures are shown at this width; the help dialog is about 640 px wide.
HELP_WIDTH = 560


def save_small(widget: QWidget, path: Path) -> None:
    """``widget`` as a picture the help shows at its own size."""
    from PySide6.QtCore import Qt

    image = widget.grab().toImage()
    if image.width() > HELP_WIDTH:
        image = image.scaledToWidth(HELP_WIDTH, Qt.TransformationMode.SmoothTransformation)
    image.save(str(path), b"PNG", 0)  # 0: the smallest file
    print(f"screenshots: wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def help_pictures(app: QApplication, window: MainWindow, db: Database, out: Path, work: Path) -> None:
    """The three walk-throughs of the help: attendees of a meeting, its sign-in sheet, a USB package."""
    from app.ui.printing.documents import signin_preview
    from app.ui.sync.controller import SyncController
    from app.ui.tasks import Runner
    from server.city import CityServer

    out.mkdir(parents=True, exist_ok=True)
    meetings = window.open_page("meetings")
    table = getattr(getattr(meetings, "list", None), "table", None)
    assert table is not None
    table.selectRow(0)
    tabs = getattr(meetings, "tabs", None)
    if tabs is not None:
        tabs.setCurrentIndex(0)
    settle(app)
    save_small(tabs if isinstance(tabs, QWidget) else meetings, out / "attendees.png")

    meeting_id = meetings.list.current_id()  # type: ignore[attr-defined]
    preview = signin_preview(None, Runner(synchronous=True), db, meeting_id)
    preview.resize(720, 820)
    preview.show()
    for _ in range(50):
        settle(app)
        if preview.page_count:
            break
    save_small(preview, out / "signin.png")
    preview.close()

    city = CityServer(str(work / "city.sqlite"))
    community = RegistryService(db).community()
    issued = city.add_community(community.code, community.name, "洮北区", "明仁街道", "白城市")
    from app.sync.service import SyncService

    SyncService(db).enroll(issued.code)
    usb = work / "U盘"
    usb.mkdir(exist_ok=True)
    sync = SyncController(db, window, runner=Runner(synchronous=True), folders=lambda: [(usb, True)])
    dialog = sync.export_dialog()
    dialog.show()
    settle(app)
    save_small(dialog, out / "sync.png")
    dialog.close()
    city.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--help-out", type=Path, default=ROOT / "resources" / "help")
    parser.add_argument("--only-help", action="store_true", help="only the help's pictures")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ledger-shots-"))
    os.environ[CONFIG_ENV] = str(work / "config")
    db_path = work / "demo.sqlite"
    subprocess.run([sys.executable, "-m", "app.cli", "--db", str(db_path), "demo", "--scale", "community"],
                   check=True, cwd=ROOT, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "build"],
                   check=True, capture_output=True)

    app = QApplication(sys.argv[:1])
    install_font(app)
    install_translators(app, "zh_CN")
    db = Database.open(db_path)
    window = MainWindow(RecordController(RegistryService(db)), Settings(), lambda s: None)
    install_ledgers(window, db)
    window.resize(1360, 820)
    window.show()
    settle(app)
    if args.only_help:
        help_pictures(app, window, db, args.help_out, work)
        db.close()
        return 0
    save(window, args.out / "dashboard.png")
    window.open_page("overview")
    settle(app)
    save(window, args.out / "overview.png")
    for key in ("meetings", "appeals", "projects", "guarantees"):
        page = window.open_page(key)
        table = getattr(getattr(page, "list", None), "table", None)
        if table is not None:
            table.selectRow(0)
        settle(app)
        save(window, args.out / f"{key}.png")
    projects = window.open_page("projects")
    tabs = getattr(projects, "tabs", None)
    if tabs is not None:
        tabs.setCurrentIndex(1)
        settle(app)
        save(window, args.out / "projects_board.png")

    members = window.open_page("party_member")
    assert isinstance(members, RecordListView)
    settle(app)
    save(window, args.out / "party_members.png")

    event = QInputMethodEvent("", [])
    event.setCommitString("张")
    QApplication.sendEvent(members.search, event)
    members._apply_search()
    settle(app)
    save(window, args.out / "party_members_search.png")
    members.search.clear()
    members._apply_search()

    members.table.selectRow(0)
    record_id = members.current_id()
    assert record_id is not None
    dialog = members.edit_dialog(record_id)
    id_edit = dialog.form.editors["id_number"]
    assert isinstance(id_edit, SensitiveLineEdit)
    id_edit.set_revealed(True)
    text = id_edit.edit.text()
    id_edit.edit.setText(text[:-1] + ("0" if text[-1] != "0" else "1"))
    dialog.show()
    dialog.try_save()
    settle(app)
    save(dialog, args.out / "member_form_error.png")
    dialog.reject()

    window.open_page("compound")
    settle(app)
    save(window, args.out / "compounds.png")
    help_pictures(app, window, db, args.help_out, work)
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
