"""One window per ledger: a second start on the same ledger brings the first window forward.

The running window listens on a local socket named after its ledger's path; a second program that
finds the ledger locked (:mod:`app.db.lock`) knocks there and ends, and the first window comes to
the front.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

KNOCK = b"raise\n"


def door_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:20]
    return f"community-ledger-{digest}"


class FrontDoor(QObject):
    """Brings ``window`` to the front whenever another start knocks."""

    def __init__(self, window: QWidget, db_path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.server = QLocalServer(self)
        name = door_name(db_path)
        QLocalServer.removeServer(name)  # a socket file left by a window that crashed
        self.server.listen(name)
        self.server.newConnection.connect(self._answer)

    def _answer(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._knocked(s))

    def _knocked(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(KNOCK.strip()):
            self.window.showNormal() if self.window.isMinimized() else self.window.show()
            self.window.raise_()
            self.window.activateWindow()
        socket.disconnectFromServer()


def knock(db_path: Path, timeout_ms: int = 1000) -> bool:
    """Ask the window that has ``db_path`` open to come to the front; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(door_name(db_path))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(KNOCK)
    done = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return done
