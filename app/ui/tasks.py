"""The one way to run work off the UI thread.

Usage::

    runner.op(lambda task: service.import_file(path)) \
        .on_success(show_report) \
        .with_progress(tr("Importing the package…"), cancellable=True) \
        .exclusive() \
        .run()

The work function runs on the runner's single worker thread and gets a :class:`Task`, with which
it reports progress and sees a cancellation; each service call it makes opens its own short
session there.  Its result (``on_success``) or its error (``on_failure``) comes back on the UI
thread.  A refusal the domain words (a validation error, a refused package, a file that cannot be
read) is shown in the user's language unless ``on_failure`` handles it; anything unexpected goes to
the error log and its message, like an error anywhere else.

Operations run one after another, in the order they were started.  One that writes much
(``exclusive()``: importing a package, building the demo) holds the database for a while; an edit
the user makes meanwhile (:meth:`Runner.hold_writes`) waits for it to finish, with the window
painting and a word on screen, and is then saved: never lost, never refused as "locked".

Tests use ``Runner(synchronous=True)``: the work runs at once in the calling thread.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from app.ui.tr import QT_TRANSLATE_NOOP

T = TypeVar("T")

WAITING = QT_TRANSLATE_NOOP("Tasks", "Please wait…")
SAVING = QT_TRANSLATE_NOOP("Tasks", "Saving, please wait: this can no longer be cancelled.")
CANCELLING = QT_TRANSLATE_NOOP("Tasks", "Cancelling…")
HOLDING = QT_TRANSLATE_NOOP(
    "Tasks", "Your change will be saved as soon as the work under way has finished.")
# Progress dialogs appear only for work that takes longer than this.
SHOW_AFTER_MS = 400


class CancelledError(Exception):
    """The user cancelled the operation before it committed anything."""


class Task:
    """What a work function gets: progress reporting and cancellation, safe from any thread."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._cancel_requested = False
        self._cancellable = True
        self._last_report = 0.0

    def report_to(self, report: Callable[[int, int, str], None]) -> None:
        """Where :meth:`progress` reports go (the runner's progress dialog)."""
        self._report = report

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        """Say how far the work is (``total`` 0: unknown); reports come at most 20 times a second."""
        now = time.monotonic()
        if self._report is None or (now - self._last_report < 0.05 and done < total):
            return
        self._last_report = now
        self._report(done, total, text)

    def check(self) -> None:
        """Raise :class:`CancelledError` if the user asked to cancel and nothing is committed yet."""
        with self._lock:
            if self._cancel_requested and self._cancellable:
                raise CancelledError

    def committing(self) -> None:
        """From here on the work commits: a cancellation asked for now is refused (and one asked
        for before stops it here, before anything is written)."""
        with self._lock:
            if self._cancel_requested and self._cancellable:
                raise CancelledError
            self._cancellable = False

    def request_cancel(self) -> bool:
        """Ask the work to stop; False when it is already committing."""
        with self._lock:
            self._cancel_requested = True
            return self._cancellable

    @property
    def cancellable(self) -> bool:
        with self._lock:
            return self._cancellable


Failure = Callable[[BaseException], bool | None]


@dataclass
class _Job:
    fn: Callable[[Task], Any]
    task: Task
    success: list[Callable[[Any], None]] = field(default_factory=list)
    failure: Failure | None = None
    parent: QWidget | None = None
    label: str | None = None
    cancellable: bool = False
    exclusive: bool = False
    kind: str = ""
    dialog: QProgressDialog | None = None
    result: Any = None
    error: BaseException | None = None


class Op(Generic[T]):
    """One operation to run; build it with the ``on_*`` / ``with_*`` methods, then :meth:`run`."""

    def __init__(self, runner: Runner, fn: Callable[[Task], T]) -> None:
        self._runner = runner
        self._job = _Job(fn, Task())

    def on_success(self, callback: Callable[[T], None]) -> Op[T]:
        self._job.success.append(callback)
        return self

    def on_failure(self, callback: Failure) -> Op[T]:
        """Called with the error on the UI thread; return True when it was dealt with, else the
        default message is shown (or, for an unexpected error, the error log's)."""
        self._job.failure = callback
        return self

    def with_progress(self, label: str, *, parent: QWidget | None = None, cancellable: bool = False) -> Op[T]:
        """Show a progress dialog with ``label`` while the work takes long; ``cancellable`` lets the
        user stop it until it commits."""
        self._job.label = label
        self._job.parent = parent
        self._job.cancellable = cancellable
        return self

    def in_parent(self, parent: QWidget | None) -> Op[T]:
        """The window the work is for: messages appear over it, and once it is closed the result
        is dropped."""
        self._job.parent = parent
        return self

    def for_kind(self, kind: str) -> Op[T]:
        """The kind of record the work is about, for wording a refusal."""
        self._job.kind = kind
        return self

    def exclusive(self) -> Op[T]:
        """The work writes much: edits made meanwhile wait for it (see :meth:`Runner.hold_writes`)."""
        self._job.exclusive = True
        return self

    def run(self) -> Task:
        self._runner._submit(self._job)
        return self._job.task


class _Bridge(QObject):
    """Carries a worker's news to the UI thread (signals emitted on another thread are queued)."""

    finished = Signal(object)
    progressed = Signal(object, int, int, str)


class Runner(QObject):
    """Runs operations one after another on one worker thread (or, ``synchronous``, at once)."""

    busy_changed = Signal(bool)
    # Emitted after every operation, on the UI thread.
    done = Signal()

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False,
                 describe: Callable[[BaseException, str], str | None] | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._describe = describe or describe_failure
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._pending = 0
        self._exclusive = 0
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._bridge.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
        # Set by the composition root: shows an unexpected error as errors elsewhere are shown.
        self.unexpected: Callable[[BaseException], None] = _reraise_to_hook

    def op(self, fn: Callable[[Task], T]) -> Op[T]:
        return Op(self, fn)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @property
    def writing(self) -> bool:
        """Whether an exclusive operation is queued or running."""
        return self._exclusive > 0

    # --- running ----------------------------------------------------------------------------

    def _submit(self, job: _Job) -> None:
        self._pending += 1
        if job.exclusive:
            self._exclusive += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        if self.synchronous:
            self._execute(job)
            self._finish(job)
            return
        job.task.report_to(lambda done, total, text: self._bridge.progressed.emit(job, done, total, text))
        if job.label is not None:
            job.dialog = self._dialog(job)
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="ledger-worker", daemon=True)
            self._thread.start()
        self._queue.put(job)

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._execute(job)
            self._bridge.finished.emit(job)

    @staticmethod
    def _execute(job: _Job) -> None:
        try:
            job.task.check()
            job.result = job.fn(job.task)
        except BaseException as exc:  # delivered to the UI thread, never lost on the worker
            job.error = exc

    def _finish(self, job: _Job) -> None:
        self._pending -= 1
        if job.exclusive:
            self._exclusive -= 1
        if job.dialog is not None:
            job.dialog.reset()
            job.dialog.deleteLater()
            job.dialog = None
        try:
            if job.parent is not None and not shiboken6.isValid(job.parent):
                # The window the work was for is gone (a page closed meanwhile): nobody to tell,
                # except of an error nobody expected.
                if job.error is not None and self._describe(job.error, job.kind) is None:
                    self.unexpected(job.error)
            elif job.error is None:
                for callback in job.success:
                    callback(job.result)
            else:
                self._failed(job, job.error)
        finally:
            if self._pending == 0:
                self.busy_changed.emit(False)
            self.done.emit()

    def _failed(self, job: _Job, error: BaseException) -> None:
        if isinstance(error, CancelledError):
            if job.failure is not None:
                job.failure(error)
            return
        if job.failure is not None and job.failure(error):
            return
        text = self._describe(error, job.kind)
        if text is None:
            self.unexpected(error)
            return
        QMessageBox.warning(job.parent, _title(), text)

    # --- progress -----------------------------------------------------------------------------

    def _dialog(self, job: _Job) -> QProgressDialog:
        dialog = QProgressDialog(job.label or "", "", 0, 0, job.parent)
        dialog.setWindowTitle(_title())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if job.cancellable:
            dialog.setCancelButtonText(QCoreApplication.translate("Tasks", "Cancel"))
            dialog.canceled.connect(lambda: self._cancel(job))
        else:
            dialog.setCancelButton(None)
        dialog.setValue(0)
        return dialog

    def _cancel(self, job: _Job) -> None:
        """The user pressed Cancel: the work stops at its next check, unless it already commits."""
        dialog = job.dialog
        if dialog is None:
            return
        stopping = job.task.request_cancel()
        dialog.setCancelButton(None)
        dialog.setLabelText(QCoreApplication.translate("Tasks", CANCELLING if stopping else SAVING))
        dialog.show()

    def _progress(self, job: _Job, done: int, total: int, text: str) -> None:
        dialog = job.dialog
        if dialog is None:
            return
        if job.cancellable and not job.task.cancellable:
            # The work commits now: cancelling could no longer undo anything.
            job.cancellable = False
            dialog.setCancelButton(None)
            text = QCoreApplication.translate("Tasks", SAVING)
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    # --- waiting --------------------------------------------------------------------------------

    def wait(self, *, exclusive_only: bool = False, timeout_ms: int | None = None) -> bool:
        """Run the event loop (the window keeps painting) until the queued work is done, or only
        the exclusive work; False when ``timeout_ms`` passed first."""
        def waiting() -> bool:
            return self.writing if exclusive_only else self.busy

        if not waiting():
            return True
        loop = QEventLoop()
        self.done.connect(loop.quit)
        timer: QTimer | None = None
        if timeout_ms is not None:
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            timer.start(timeout_ms)
        try:
            while waiting() and (timer is None or timer.isActive()):
                loop.exec()
        finally:
            self.done.disconnect(loop.quit)
        return not waiting()

    def hold_writes(self, parent: QWidget | None = None) -> None:
        """Return once no exclusive operation is queued or running, saying meanwhile that the
        user's change waits for it.  Call before writing on the UI thread."""
        if not self.writing:
            return
        dialog = QProgressDialog(QCoreApplication.translate("Tasks", HOLDING), "", 0, 0, parent)
        dialog.setWindowTitle(_title())
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        try:
            self.wait(exclusive_only=True)
        finally:
            dialog.reset()
            dialog.deleteLater()

    def shutdown(self, timeout_ms: int = 120_000) -> None:
        """Let the queued work finish (a write is never cut off), then stop the worker."""
        self.wait(timeout_ms=timeout_ms)
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=5)
            self._thread = None


def _title() -> str:
    return QApplication.applicationDisplayName() or QCoreApplication.translate("Tasks", "Community Ledger")


def _reraise_to_hook(error: BaseException) -> None:
    """An unexpected error of a worker goes where every unexpected error goes: ``sys.excepthook``
    (the error log and its message, once :mod:`app.errorlog` is installed)."""
    sys.excepthook(type(error), error, error.__traceback__)


def describe_failure(error: BaseException, kind: str = "") -> str | None:
    """A refusal in the user's words, or None for an error nobody expected."""
    from app.services.errors import DomainError, ValidationError
    from app.sync.errors import SyncError
    from app.ui import labels

    if isinstance(error, ValidationError):
        return "\n".join(labels.error_text(kind, e.code, e.params) for e in error.errors)
    if isinstance(error, DomainError):
        return labels.error_text(kind, error.code, error.params)
    if isinstance(error, SyncError):
        from app.ui.sync.words import reason_text

        return reason_text(error)
    if isinstance(error, OSError):
        return file_error_text(error)
    return None


def file_error_text(error: OSError) -> str:
    where = error.filename or ""
    reason = error.strerror or str(error)
    if where:
        return QCoreApplication.translate("Tasks", "“{path}” could not be read or written: {reason}").format(
            path=where, reason=reason)
    return QCoreApplication.translate("Tasks", "A file could not be read or written: {reason}").format(
        reason=reason)
