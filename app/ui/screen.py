"""Windows and dialogs sized to the screen they open on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left around a window for the taskbar, the title bar and the frame.
WIDTH_SHARE = 0.95
HEIGHT_SHARE = 0.9


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` x ``height``, or less where its screen's free area is smaller
    (a 1366 x 768 office screen, or a larger one at 125 % or 150 % scaling)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * WIDTH_SHARE))
        height = min(height, int(free.height() * HEIGHT_SHARE))
    widget.resize(width, height)
