"""Draw the app icon (a red tile with an open ledger and a gold star) into resources/icons/.

    python scripts/make_icon.py     # writes community-ledger.png (256 px) and community-ledger.ico

The icon is drawn, not designed elsewhere, so it can be redrawn from this file alone. The .ico holds
the sizes Windows asks for (16 to 256 px) and is what the PyInstaller spec and the installer use.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QPolygonF  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZE = 256
RED = QColor("#c8102e")
GOLD = QColor("#ffd23f")
PAPER = QColor("#fff8e7")


def star(center: QPointF, outer: float) -> QPolygonF:
    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(center.x() + radius * math.cos(angle), center.y() + radius * math.sin(angle)))
    return QPolygonF(points)


def draw(size: int = SIZE) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    s = size / 256
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    # An open ledger: two pages meeting at the spine, with ruled lines.
    for left in (True, False):
        page = QPainterPath()
        x0, x1 = (40 * s, 126 * s) if left else (130 * s, 216 * s)
        top_outer, top_inner, bottom = 104 * s, 116 * s, 208 * s
        page.moveTo(x0, top_outer)
        page.lineTo(x1, top_inner) if left else page.lineTo(x1, top_outer)
        if left:
            page.lineTo(x1, bottom + 10 * s)
            page.lineTo(x0, bottom)
        else:
            page.lineTo(x1, bottom)
            page.lineTo(x0, bottom + 10 * s)
            page.lineTo(x0, top_inner)
        page.closeSubpath()
        p.setBrush(PAPER)
        p.drawPath(page)
    pen = QPen(RED, 7 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    for i in range(4):
        y = 136 * s + i * 18 * s
        p.drawLine(QPointF(54 * s, y), QPointF(112 * s, y + 8 * s))
        p.drawLine(QPointF(144 * s, y + 8 * s), QPointF(202 * s, y))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(GOLD)
    p.drawPolygon(star(QPointF(128 * s, 62 * s), 40 * s))
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    png = OUT_DIR / "community-ledger.png"
    draw().save(str(png))
    # Each size drawn at its own resolution (sharper than scaling the 256 px one down).
    sizes = (16, 24, 32, 48, 64, 128, 256)
    frames = []
    for size in sizes:
        tmp = OUT_DIR / f".icon-{size}.png"
        draw(size).save(str(tmp))
        frames.append(Image.open(tmp).convert("RGBA"))
        tmp.unlink()
    frames[-1].save(OUT_DIR / "community-ledger.ico", sizes=[(n, n) for n in sizes],
                    append_images=frames[:-1])
    print(f"icon: {png} and {png.with_suffix('.ico')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
