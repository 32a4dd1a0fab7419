"""Where the app's bundled files are: ``resources/`` beside the ``app`` package.

The same relative layout holds in a source checkout, an installed wheel built from it
and the PyInstaller bundle (whose spec copies ``resources/`` next to ``app``).
"""

from __future__ import annotations

from pathlib import Path

FONT_FILE = "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"


def font_path() -> Path:
    """The bundled CJK TrueType font used by the UI and embedded in every PDF."""
    return resources_dir() / "fonts" / FONT_FILE


def i18n_dir() -> Path:
    return resources_dir() / "i18n"
