"""Qt's own dialogs (the file dialog of 另存为PDF) speak Chinese and write Chinese dates, even on
a desktop whose locale is English or C."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

SCRIPT = r"""
import json, sys
from PySide6.QtCore import QDateTime, QDate, QTime, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLabel
from app.ui.look import install_translators, use_dates_of
use_dates_of(sys.argv[1])
app = QApplication(sys.argv[:1])
install_translators(app, sys.argv[1])
dialog = QFileDialog(None, "另存为PDF")
dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
when = QDateTime(QDate(2026, 12, 3), QTime(14, 19))
print(json.dumps({"labels": [l.text() for l in dialog.findChildren(QLabel)],
                  "modified": QLocale.system().toString(when, QLocale.FormatType.ShortFormat)}))
"""


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the desktop's own locale rules there")
@pytest.mark.parametrize("desktop", ["C.UTF-8", "en_US.UTF-8"])
def test_the_file_dialog_is_chinese_with_chinese_dates_on_any_desktop(desktop: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG=desktop, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT, "zh_CN"], env=env, capture_output=True,
                         text=True, timeout=60, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert "查找范围：" in seen["labels"] and "文件类型：" in seen["labels"]
    assert seen["modified"].startswith("2026/12/3"), seen["modified"]


def test_english_keeps_the_desktops_own_forms() -> None:
    from app.ui.look import use_dates_of

    environ = {"LANG": "en_US.UTF-8"}
    use_dates_of("en", environ)
    assert environ == {"LANG": "en_US.UTF-8"}
    chinese_desktop = {"LANG": "zh_CN.UTF-8"}
    use_dates_of("zh_CN", chinese_desktop)
    assert chinese_desktop == {"LANG": "zh_CN.UTF-8"}
