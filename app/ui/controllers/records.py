"""Record edits as undoable commands, and a signal whenever records of a kind change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.services import journal
from app.services.errors import DomainError, ValidationError
from app.services.registry import RegistryService
from app.ui import labels
from app.ui.tasks import Runner
from app.ui.tr import QT_TRANSLATE_NOOP


class RecordController(QObject):
    """Creates, edits and deletes records through the service, each as one undo step.

    The service call runs before the command is pushed, so a refused edit
    (a :class:`ValidationError` or :class:`DomainError`) raises to the caller and leaves
    no undo step behind.  While the runner does a long write (a package being imported), an
    edit waits for it, the window painting, and is then saved (see :meth:`Runner.hold_writes`).
    """

    changed = Signal(str)
    failed = Signal(str)

    def __init__(self, service: RegistryService, runner: Runner | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        # The one background runner the pages hand their long work to.
        self.runner = runner if runner is not None else Runner(synchronous=True)
        self.undo_stack = QUndoStack(self)

    def create(self, kind: str, values: dict[str, Any]) -> str:
        self.runner.hold_writes()
        record_id = self.service.create(kind, values)
        svc = self.service
        self.undo_stack.push(_Step(self, kind, _text(ADD, kind),
                                   redo=lambda: svc.restore(kind, record_id),
                                   undo=lambda: svc.delete(kind, record_id)))
        self.changed.emit(kind)
        return record_id

    def update(self, kind: str, record_id: str, values: dict[str, Any]) -> None:
        self.runner.hold_writes()
        before = self.service.get(kind, record_id)
        old = self.service.update(kind, record_id, values)
        if not old:
            return
        after = self.service.get(kind, record_id)
        svc = self.service
        self.undo_stack.push(_Step(self, kind, _text(EDIT, kind),
                                   redo=lambda: svc.update(kind, record_id, after),
                                   undo=lambda: svc.update(kind, record_id, before)))
        self.changed.emit(kind)

    def delete(self, kind: str, record_id: str) -> None:
        self.runner.hold_writes()
        self.service.delete(kind, record_id)
        svc = self.service
        self.undo_stack.push(_Step(self, kind, _text(DELETE, kind),
                                   redo=lambda: svc.delete(kind, record_id),
                                   undo=lambda: svc.restore(kind, record_id)))
        self.changed.emit(kind)

    def perform(self, text: str, kind: str, action: Callable[[], T]) -> T:
        """Run any service call as one undo step.

        Whatever the call changes is journalled (see :mod:`app.services.journal`); undo
        writes the old values back through the change log.  A refused call raises and
        leaves no step.
        """
        self.runner.hold_writes()
        with journal.recording() as changes:
            result = action()
        if changes:
            self.push_recorded(text, kind, changes)
        return result

    def push_recorded(self, text: str, kind: str, changes: list[journal.RecordChange]) -> None:
        """Make one undo step of changes journalled elsewhere (an import on the runner)."""
        if changes:
            db = self.service.db
            self.undo_stack.push(_Step(self, kind, text,
                                       redo=lambda: journal.reapply(db, changes),
                                       undo=lambda: journal.revert(db, changes)))
        self.changed.emit(kind)

    def replay(self, kind: str, action: Any) -> None:
        """Replay one step of undo/redo.  A refusal (undo would break a rule, or the record is
        gone) is reported in the user's words; anything unexpected goes on to the error log."""
        self.runner.hold_writes()
        try:
            action()
        except DomainError as exc:
            self.failed.emit(labels.error_text(kind, exc.code, exc.params))
        except ValidationError as exc:
            self.failed.emit("\n".join(labels.error_text(kind, e.code, e.params) for e in exc.errors))
        finally:
            self.changed.emit(kind)


T = TypeVar("T")

ADD = QT_TRANSLATE_NOOP("RecordController", "Add {kind}")
EDIT = QT_TRANSLATE_NOOP("RecordController", "Edit {kind}")
DELETE = QT_TRANSLATE_NOOP("RecordController", "Delete {kind}")


def _text(action: str, kind: str) -> str:
    return QCoreApplication.translate("RecordController", action).format(kind=labels.kind_title(kind))


class _Step(QUndoCommand):
    """One undo step.  The change was already made when the step is pushed, so the first
    ``redo`` (which QUndoStack calls on push) does nothing."""

    def __init__(self, ctl: RecordController, kind: str, text: str, *,
                 redo: Callable[[], object], undo: Callable[[], object]) -> None:
        super().__init__(text)
        self.ctl, self.kind = ctl, kind
        self._redo, self._undo = redo, undo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.ctl.replay(self.kind, self._redo)

    def undo(self) -> None:
        self.ctl.replay(self.kind, self._undo)
