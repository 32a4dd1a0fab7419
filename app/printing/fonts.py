"""The one font of every printout: the bundled TrueType CJK font, embedded as a subset."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import font_path

FONT = "WenQuanYiMicroHei"

_lock = threading.Lock()
_registered = False


def register_font() -> str:
    """Register the bundled font with reportlab (once) and return its name.

    A TrueType font is embedded as a subset of the glyphs used, so the PDF shows and
    copies the same text on any reader; reportlab's CID fonts would not be embedded.
    """
    global _registered
    if _registered:
        return FONT
    with _lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            path = font_path()
            if not path.exists():
                raise FileNotFoundError(str(path))
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
        _registered = True
    return FONT


def text_width(text: str, size: float) -> float:
    if not _registered:
        register_font()
    return float(pdfmetrics.stringWidth(text, FONT, size))
