"""民生实事 in the window: the city's projects of the year arrive read-only, the community records its
part, its progress by month and links, the problems solved are counted from the links, refusals are
in Chinese beside the form and every change is undone with the window's undo."""

from __future__ import annotations

from datetime import datetime

import pytest
from pytestqt.qtbot import QtBot

from app.db.database import Database
from app.models import new_id
from app.models.ledgers import Appeal, SecretaryProject
from app.services.errors import DomainError
from app.services.livelihood import LivelihoodService
from app.sync.apply import Applier
from app.sync.changes import ChangeLog
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.ledgers import install
from app.ui.ledgers.livelihood import LivelihoodPage
from app.ui.main_window import MainWindow

from .helpers import present

pytestmark = pytest.mark.gui
YEAR = datetime.now().year


def receive(db: Database, number: int, title: str, year: int = YEAR) -> str:
    """A project arriving from the city server, applied as a package's change is."""
    record = new_id()
    fields = {"year": year, "number": number, "title": title, "description": f"{title}的内容",
              "lead_unit": "市住建局", "published_at": "2026-01-10T09:00:00.000000",
              "publisher": "市委组织部", "community_id": "city"}
    change = {"id": new_id(), "table": "livelihood_project", "record": record, "community": "city",
              "op": "upsert", "hlc": "1764000000000-00000-city0123456789", "fields": fields}
    with db.session() as session:
        result = Applier(session, package_id=new_id(), local_node=db.node_id).apply([change])
    assert not result.rejected, result.rejected
    return record


def own(db: Database, obj: Appeal | SecretaryProject) -> str:
    with db.session() as session:
        obj.community_id = str(db.community_id)
        ChangeLog(db, session).created(obj)
        return obj.id


@pytest.fixture
def page(qtbot: QtBot, window: MainWindow, db: Database) -> LivelihoodPage:
    receive(db, 2, "城市公交线路优化")
    receive(db, 1, "老旧小区改造")
    receive(db, 1, "去年的实事", YEAR - 1)
    own(db, Appeal(number="2026-0001", received_at=datetime(YEAR, 3, 1), category="property",
                   content="楼道灯不亮", state="closed"))
    own(db, Appeal(number="2026-0002", received_at=datetime(YEAR, 3, 2), category="property",
                   content="路面破损", state="handling"))
    own(db, SecretaryProject(year=YEAR, secretary_name="张书记", title="加装电梯", status="done"))
    install(window, db)
    window.open_page("livelihood")
    shown = window.current_page()
    assert isinstance(shown, LivelihoodPage)
    return shown


def test_the_community_records_its_part_and_the_solved_count_follows_the_links(
        qtbot: QtBot, page: LivelihoodPage, window: MainWindow, controller: RecordController, db: Database
) -> None:
    assert page.table.rowCount() == 2
    assert [present(page.table.item(r, 1)).text() for r in range(2)] == ["老旧小区改造", "城市公交线路优化"]
    assert "只读" in page.project_text.text() and "市住建局" in page.project_text.text()
    assert page.summary.text() == f"{YEAR}年：解决民生难题 0 件"

    page.work.setPlainText("完成 3 个小区外墙保温")
    page.beneficiaries.setText("四百")
    page.funds.setText("-5")
    qtbot.mouseClick(page.save_button, qtbot_left())
    assert page.error.text().splitlines() == ["受益居民：请输入整数，例如 12。", "资金（元）：不能小于 0。"]
    assert LivelihoodService(db).parts(YEAR)[0].part_id is None

    page.beneficiaries.setText("420")
    page.funds.setText("125000.50")
    qtbot.mouseClick(page.save_button, qtbot_left())
    assert page.error.text() == ""
    assert present(page.table.item(0, 3)).text() == "420"
    assert present(page.table.item(0, 4)).text() == "125,000.50"

    page.month.setText("3月")
    qtbot.mouseClick(page.add_progress_button, qtbot_left())
    assert page.error.text() == "月份：请按“年-月”填写月份，例如 2026-11。"
    page.month.setText(f"{YEAR}年3月")
    page.percent.setText("40")
    page.note.setText("开工")
    qtbot.mouseClick(page.add_progress_button, qtbot_left())
    assert page.progress.rowCount() == 1 and present(page.progress.item(0, 0)).text() == f"{YEAR}-03"
    assert present(page.table.item(0, 5)).text() == "40%"

    for index in range(page.appeal_choice.count()):
        page.appeal_choice.setCurrentIndex(index)
        qtbot.mouseClick(page.link_appeal_button, qtbot_left())
    qtbot.mouseClick(page.link_project_button, qtbot_left())
    assert page.links.count() == 3
    # Resolved appeal 0001 and the finished project; 0002 is still being handled.
    assert present(page.table.item(0, 6)).text() == "2"
    assert page.summary.text() == f"{YEAR}年：解决民生难题 2 件"
    qtbot.mouseClick(page.link_project_button, qtbot_left())
    assert "已经关联" in page.error.text()

    window.action_undo.trigger()  # the project's link
    assert page.links.count() == 2 and present(page.table.item(0, 6)).text() == "1"
    window.action_redo.trigger()
    assert present(page.table.item(0, 6)).text() == "2"

    page.year.setValue(YEAR - 1)
    assert [present(page.table.item(r, 1)).text() for r in range(page.table.rowCount())] == ["去年的实事"]
    page.year.setValue(YEAR + 5)
    assert page.table.rowCount() == 0 and page.empty.isVisible() and "同步" in page.empty.text()


def test_a_city_project_cannot_be_changed_here(page: LivelihoodPage, db: Database) -> None:
    project_id = page.views[0].project_id
    with pytest.raises(DomainError) as refused:
        LivelihoodService(db).change_project(project_id, {"title": "改名"})
    text = labels.error_text("livelihood_project", refused.value.code, refused.value.params)
    assert text == "这条记录由市里统一维护，通过同步下发，不能在此修改。"


def qtbot_left() -> object:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
