"""通知公告 as a secretary sees them: counted on the home view, read in their list, marked 已读 here."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.models import new_id
from app.services.notices import NoticeService
from app.sync.apply import Applier
from app.ui.ledgers import install
from app.ui.ledgers.dashboard import DashboardPage
from app.ui.ledgers.notices import NoticesPage
from app.ui.main_window import MainWindow

from .helpers import present

pytestmark = pytest.mark.gui


def receive(db: Database, title: str, body: str, published: str, **target: str) -> str:
    """A notice arriving from the city server, applied as a package's change is."""
    record = new_id()
    fields = {"title": title, "body": body, "attachment_name": target.pop("attachment", ""),
              "target": target.get("target", "city"), "target_district": target.get("district", ""),
              "target_street": target.get("street", ""), "published_at": published,
              "publisher": "洮北区委组织部", "community_id": "city"}
    change = {"id": new_id(), "table": "notice", "record": record, "community": "city", "op": "upsert",
              "hlc": "1764000000000-00000-city0123456789", "fields": fields}
    with db.session() as session:
        result = Applier(session, package_id=new_id(), local_node=db.node_id).apply([change])
    assert not result.rejected, result.rejected
    return record


@pytest.fixture
def notices(registry: object, db: Database) -> dict[str, str]:
    return {
        "old": receive(db, "关于报送党员信息的通知", "请于周五前报送。", "2026-11-20T09:00:00.000000",
                       target="district", district="洮北区"),
        "new": receive(db, "关于开展社区党建工作检查的通知", "请各社区于本月底前完成台账整理。",
                       "2026-12-01T09:00:00.000000", attachment="检查表.xlsx"),
    }


@pytest.fixture
def ledgers(window: MainWindow, db: Database) -> MainWindow:
    install(window, db)
    return window


def test_the_home_view_counts_unread_notices_and_opens_one(
        qtbot: QtBot, ledgers: MainWindow, db: Database, notices: dict[str, str]) -> None:
    ledgers.refresh_all()
    home = ledgers.current_page()
    assert isinstance(home, DashboardPage)
    assert home.unread_notices.text() == "2 条未读通知"
    lines = [present(home.notices.item(i)).text() for i in range(home.notices.count())]
    assert lines[0].startswith("【未读】2026-12-01  关于开展社区党建工作检查的通知")
    assert len(lines) == 2

    home.notices.itemClicked.emit(home.notices.item(0))
    page = ledgers.current_page()
    assert isinstance(page, NoticesPage)
    text = page.detail.toPlainText()
    assert "请各社区于本月底前完成台账整理。" in text and "检查表.xlsx" in text and "发布范围: 全市" in text
    assert NoticeService(db).unread_count() == 1
    assert page.unread.text() == "1 条未读"
    assert home.unread_notices.text() == "1 条未读通知"
    nav = [present(ledgers.nav.topLevelItem(i)).text(0) for i in range(ledgers.nav.topLevelItemCount())]
    assert "通知公告" in nav


def test_the_notices_page_lists_newest_first_and_marks_all_read(
        qtbot: QtBot, ledgers: MainWindow, db: Database, notices: dict[str, str]) -> None:
    page = ledgers.open_page("notices")
    assert isinstance(page, NoticesPage)
    lines = [present(page.list.item(i)).text() for i in range(page.list.count())]
    assert [line.split("  ")[1] for line in lines] == ["关于开展社区党建工作检查的通知",
                                                       "关于报送党员信息的通知"]
    assert all(line.startswith("【未读】") for line in lines)
    page.list.setCurrentRow(1)
    assert "发布范围: 洮北区" in page.detail.toPlainText()
    assert page.all_read.isEnabled()
    page.all_read.click()
    assert NoticeService(db).unread_count() == 0
    assert page.unread.text() == "0 条未读" and not page.all_read.isEnabled()
    assert not any(present(page.list.item(i)).text().startswith("【未读】") for i in range(page.list.count()))


def test_without_notices_the_page_says_where_they_come_from(ledgers: MainWindow) -> None:
    page = ledgers.open_page("notices")
    assert isinstance(page, NoticesPage)
    assert page.list.count() == 0
    assert "每次同步时收到" in page.detail.toPlainText()
