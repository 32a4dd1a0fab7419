"""Sync with the city server in the background, when this computer is enrolled over the network.

A timer probes the server (one cheap ``GET status``); when it answers, an exchange runs on the
runner.  An edit made while online starts one soon after.  :meth:`NetworkSyncController.sync_now`
(立即同步, F5) runs one at once and says why when it fails.  The state (online, offline, syncing,
error with its reason) is what the status bar shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.db.database import Database
from app.sync.errors import SyncError
from app.sync.status import NETWORK_KEY
from app.ui.sync.words import REASONS, reason_text
from app.ui.tasks import Runner, Task

if TYPE_CHECKING:
    from app.sync.network import NetworkSync, SyncResult

OFFLINE = "offline"
ONLINE = "online"
SYNCING = "syncing"
ERROR = "error"

PROBE_INTERVAL_MS = 60_000
AFTER_EDIT_MS = 3_000
# In the background a failing server is tried a few times only (at most about 10 s); the next
# probe tries again.
BACKGROUND_ATTEMPTS = 3
BACKGROUND_CAP_S = 8.0
# The runner has one worker: a server that stopped answering holds it no longer than this per try.
BACKGROUND_TIMEOUT_S = 30.0

Warn = Callable[[QWidget, str], None]


class NetworkSyncController(QObject):
    """Owns the probe timer and the state of network sync for one open database."""

    state_changed = Signal()
    # Records arrived from the server: the pages re-read what they show.
    data_arrived = Signal()

    def __init__(self, db: Database, runner: Runner, warn: Warn, parent: QWidget | None = None, *,
                 client: NetworkSync | None = None, probe_interval_ms: int = PROBE_INTERVAL_MS,
                 after_edit_ms: int = AFTER_EDIT_MS) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.db = db
        self.runner = runner
        self.warn = warn
        self._client = client
        self.state = OFFLINE
        self.reason = ""
        self.last_result: SyncResult | None = None
        self._running = False
        self._arriving = False
        # An edit was saved while an exchange ran: another one follows.
        self._again = False
        self.timer = QTimer(self)
        self.timer.setObjectName("sync_probe")
        self.timer.setInterval(probe_interval_ms)
        self.timer.timeout.connect(self.tick)
        self.soon = QTimer(self)
        self.soon.setObjectName("sync_after_edit")
        self.soon.setSingleShot(True)
        self.soon.setInterval(after_edit_ms)
        self.soon.timeout.connect(self.tick)

    @property
    def client(self) -> NetworkSync:
        """The HTTP client, loaded when first needed (not at start)."""
        if self._client is None:
            import httpx

            from app.sync.network import NetworkSync, RetryPolicy

            self._client = NetworkSync(self.db, retry=RetryPolicy(attempts=BACKGROUND_ATTEMPTS, base_s=1.0,
                                                                  cap_s=BACKGROUND_CAP_S),
                                       timeout=httpx.Timeout(BACKGROUND_TIMEOUT_S, connect=5.0))
        return self._client

    @property
    def configured(self) -> bool:
        """Enrolled with a server over the network (read from the ledger, cheaply)."""
        return self.db.get_state(NETWORK_KEY) is not None

    def start(self) -> None:
        """Probe now and then on the timer (nothing happens while not enrolled over the network)."""
        if not self.timer.isActive():
            self.timer.start()
        self.tick()

    def stop(self) -> None:
        self.timer.stop()
        self.soon.stop()

    def edited(self) -> None:
        """A record was saved here: send it soon when the server was reachable."""
        if self._arriving:
            return
        if self._running:
            self._again = True
        elif self.state == ONLINE:
            self.soon.start()

    def tick(self) -> None:
        """Probe the server; when it answers, run an exchange."""
        self._exchange(probe_first=True, manual=False)

    def sync_now(self) -> None:
        """One exchange at once; a failure is explained in a message too."""
        if not self.configured:
            self.warn(self._parent(), reason_text(SyncError("not_networked")))
            return
        self._exchange(probe_first=False, manual=True)

    def _exchange(self, *, probe_first: bool, manual: bool) -> None:
        if self._running or not self.configured:
            return
        self._running = True
        self._set(SYNCING, "")
        client = self.client

        def work(task: Task) -> SyncResult:
            if probe_first:
                client.probe()
            return client.sync(task)

        (self.runner.op(work)
         .in_parent(self.parent_widget)
         .on_success(self._synced)
         .on_failure(lambda error: self._failed(error, manual))
         .run())

    def _synced(self, result: SyncResult) -> None:
        self._running = False
        self.last_result = result
        if result.refused:
            first = result.refused[0]
            reason = (reason_text(SyncError(first.code, **first.params)) if first.code in REASONS
                      else first.message or first.code)
            self._set(ERROR, self.tr("The city server refused {n} changes: {reason}").format(
                n=sum(r.changes for r in result.refused), reason=reason))
        else:
            self._set(ONLINE, "")
        if result.pulled:
            self._arriving = True
            try:
                self.data_arrived.emit()
            finally:
                self._arriving = False
        if self._again:
            self._again = False
            self.soon.start()

    def _failed(self, error: BaseException, manual: bool) -> bool:
        self._running = False
        self._again = False
        if not isinstance(error, SyncError):
            self._set(ERROR, str(error).splitlines()[0][:200] if str(error) else type(error).__name__)
            return False
        text = reason_text(error)
        self._set(OFFLINE if error.code == "offline" else ERROR, text)
        if manual:
            self.warn(self._parent(), text)
        return True

    def _set(self, state: str, reason: str) -> None:
        self.state, self.reason = state, reason
        self.state_changed.emit()

    def _parent(self) -> QWidget:
        return self.parent_widget if self.parent_widget is not None else QWidget()
