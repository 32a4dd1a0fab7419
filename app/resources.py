"""Where the app's bundled files are: the package ``app.assets``.

The repository keeps them in the top-level ``resources/`` folder; setup.py installs that folder
as ``app.assets`` (with the ``.qm`` files compiled from ``resources/i18n/*.ts``), an editable
install maps it in place, and the PyInstaller spec copies it to ``app/assets``. So one lookup,
``importlib.resources``, finds them in a checkout, an installed wheel and the bundle.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = "app.assets"
FONT_FILE = "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"


def resources_dir() -> Path:
    root = resources.files(PACKAGE)
    if not isinstance(root, Path):  # Qt and reportlab need real files, not members of an archive
        raise RuntimeError(f"{PACKAGE} is not a folder on disk: {root}")
    return root


def font_path() -> Path:
    """The bundled CJK TrueType font used by the UI and embedded in every PDF."""
    return resources_dir() / "fonts" / FONT_FILE


def help_picture(name: str) -> Path:
    """A picture of the help (F1), made by ``scripts/screenshots.py``."""
    return resources_dir() / "help" / name


def i18n_dir() -> Path:
    return resources_dir() / "i18n"
