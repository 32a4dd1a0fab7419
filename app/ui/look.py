"""The app's font and translations, installed once at start-up."""

from __future__ import annotations

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
