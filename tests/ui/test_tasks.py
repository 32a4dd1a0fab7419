"""The background runner: work off the UI thread, results and errors back on it, progress, cancel,
edits held while a long write runs, and the event loop ticking throughout."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from functools import partial

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.services.errors import DomainError
from app.ui.tasks import CancelledError, Runner, Task

from .helpers import TickMeter

pytestmark = pytest.mark.gui


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[Runner]:
    r = Runner()
    yield r
    r.shutdown()


def test_work_runs_on_the_worker_and_the_result_comes_back_on_the_ui_thread(
        runner: Runner, qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def work(task: Task) -> int:
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["ui_thread"] = QThread.currentThread() is QApplication.instance().thread()  # type: ignore[union-attr]

    runner.op(work).on_success(done).run()
    assert runner.busy
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen == {"worker": True, "value": 42, "ui_thread": True}
    assert not runner.busy


def test_operations_run_one_after_another_in_order(runner: Runner, qtbot: QtBot) -> None:
    order: list[str] = []
    def step(name: str) -> None:
        time.sleep(0.02)
        order.append(name)

    for name in "abc":
        runner.op(partial(lambda n, _t: step(n), name)).run()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert order == ["a", "b", "c"]


def test_a_refusal_is_shown_in_the_users_words(runner: Runner, qtbot: QtBot,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))

    def refuse(_task: Task) -> None:
        raise DomainError("fund_overdraft")

    runner.op(refuse).for_kind("fund_entry").run()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    # The tests install the Chinese translation: the code is worded, never shown as it is.
    assert shown == ["不能登记：这笔支出将使该经费余额小于零。"]


def test_an_unexpected_error_reaches_the_error_log_not_the_void(runner: Runner, qtbot: QtBot) -> None:
    caught: list[BaseException] = []
    runner.unexpected = caught.append

    def broken(_task: Task) -> None:
        raise ZeroDivisionError("boom")

    runner.op(broken).run()
    qtbot.waitUntil(lambda: bool(caught), timeout=5000)
    assert isinstance(caught[0], ZeroDivisionError)
    assert caught[0].__traceback__ is not None  # the log gets where it happened


def test_on_failure_can_handle_the_error_itself(runner: Runner, qtbot: QtBot) -> None:
    handled: list[BaseException] = []
    runner.unexpected = lambda e: pytest.fail(f"not handled: {e}")

    def broken(_task: Task) -> None:
        raise KeyError("x")

    def handle(error: BaseException) -> bool:
        handled.append(error)
        return True

    runner.op(broken).on_failure(handle).run()
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)


def test_progress_is_shown_and_cancel_stops_the_work_before_it_commits(
        runner: Runner, qtbot: QtBot) -> None:
    committed: list[bool] = []
    outcome: list[str] = []
    started = threading.Event()

    def long(task: Task) -> str:
        started.set()
        for i in range(500):
            task.progress(i, 500, f"{i}")
            task.check()
            time.sleep(0.01)
        task.committing()
        committed.append(True)
        return "done"

    def failed(error: BaseException) -> bool:
        outcome.append(type(error).__name__)
        return True

    (runner.op(long).with_progress("导入中", cancellable=True)
     .on_success(outcome.append).on_failure(failed).run())
    started.wait(5)
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog))
    assert dialog.labelText() == "导入中" or dialog.value() > 0
    button = next(b for b in dialog.findChildren(QPushButton) if b.isVisible())
    assert button.text() == "取消"
    button.click()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == [CancelledError.__name__] and committed == []


def test_once_the_work_commits_cancel_is_refused(qtbot: QtBot) -> None:
    task = Task()
    task.committing()
    assert not task.request_cancel()
    task.check()  # does not raise: the write goes on to the end


def test_an_edit_made_during_a_long_write_waits_for_it_then_is_saved(
        runner: Runner, qtbot: QtBot) -> None:
    log: list[str] = []
    release = threading.Event()

    def import_package(_task: Task) -> None:
        release.wait(5)
        log.append("import committed")

    runner.op(import_package).exclusive().run()
    assert runner.writing
    meter = TickMeter()
    threading.Timer(0.3, release.set).start()
    with meter:
        runner.hold_writes()  # what the record controller does before it saves
    log.append("edit saved")
    assert log == ["import committed", "edit saved"]
    assert meter.ticks >= 5 and meter.longest_gap_ms < 200  # the window went on painting


def test_the_synchronous_runner_runs_at_once(qtbot: QtBot) -> None:
    r = Runner(synchronous=True)
    got: list[int] = []
    r.op(lambda _t: 7).on_success(got.append).run()
    assert got == [7] and not r.busy
