"""The app's font and translations, installed once at start-up."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.resources import font_path, i18n_dir


def install_font(app: QApplication) -> str | None:
    """Load the bundled CJK font and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSize(10)
    app.setFont(font)
    return families[0]


def use_dates_of(language: str, environ: MutableMapping[str, str] = os.environ) -> None:
    """Make Qt's own dialogs write dates in ``language``'s forms, before the application starts.

    The file dialog's 修改日期 column follows the system's locale, not the app's; on a Linux
    desktop set to English or C it read "3 Dec 2026 14:19" in a Chinese dialog.  Qt takes the
    system's date forms from ``LC_TIME`` (``LC_ALL`` before it), set here for the app alone (the
    app formats its own dates without the C library's locale).  Windows and macOS keep the
    user's settings.
    """
    if sys.platform in ("win32", "darwin") or language == "en" or environ.get("LC_ALL"):
        return
    current = environ.get("LC_TIME") or environ.get("LANG") or ""
    if not current.startswith(language):
        environ["LC_TIME"] = f"{language}.UTF-8"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's own translations for ``language`` (English needs none)."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (language, str(i18n_dir()))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
