"""The Chinese translation is complete: every visible string the code marks has a zh_CN text."""

from __future__ import annotations

import ast
import importlib.util
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "i18n" / "zh_CN.ts"
FIX_HINT = ("run `python scripts/i18n.py update`, translate the new entries in resources/i18n/zh_CN.ts, "
            "then `python scripts/i18n.py build`")


def _load_i18n_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


i18n = _load_i18n_script()


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translations: tuple[str, ...]
    state: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    def __str__(self) -> str:
        extra = f" ({self.comment})" if self.comment else ""
        return f"[{self.context}] {self.source!r}{extra}"


def read_ts(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    assert root.tag == "TS"
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for msg in context.iter("message"):
            translation = msg.find("translation")
            assert translation is not None, f"message without <translation> in context {name}"
            forms = translation.findall("numerusform")
            texts = tuple(f.text or "" for f in forms) if forms else (translation.text or "",)
            messages.append(Message(
                context=name,
                source=msg.findtext("source", ""),
                comment=msg.findtext("comment", ""),
                translations=texts,
                state=translation.get("type", "finished"),
            ))
    return messages


def test_ts_file_is_chinese() -> None:
    root = ET.parse(TS_FILE).getroot()
    assert root.get("language") == "zh_CN"


def test_every_message_has_a_finished_translation() -> None:
    bad = [m for m in read_ts(TS_FILE)
           if m.state != "finished" or any(not t.strip() for t in m.translations)]
    if bad:
        pytest.fail(f"{len(bad)} message(s) in zh_CN.ts are untranslated, unfinished or stale; {FIX_HINT}:\n"
                    + "\n".join(f"  {m} [{m.state}]" for m in bad[:50]), pytrace=False)


def test_every_source_string_is_in_the_ts_file(tmp_path: Path) -> None:
    fresh = tmp_path / "zh_CN.ts"
    i18n.lupdate(fresh, i18n.source_files(), quiet=True)
    committed = {m.key for m in read_ts(TS_FILE)}
    missing = [m for m in read_ts(fresh) if m.key not in committed]
    if missing:
        pytest.fail(f"{len(missing)} visible string(s) have no entry in zh_CN.ts; {FIX_HINT}:\n"
                    + "\n".join(f"  {m}" for m in missing[:50]), pytrace=False)


def test_source_scan_finds_marked_modules_only(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "view.py").write_text('label = self.tr("Members")\n', encoding="utf-8")
    (tmp_path / "core.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "m.py").write_text('op.translate("x")\n', encoding="utf-8")
    assert i18n.source_files(tmp_path) == [tmp_path / "ui" / "view.py"]


def test_build_produces_a_catalogue_qt_loads(tmp_path: Path) -> None:
    from PySide6.QtCore import QTranslator

    assert i18n.main(["--quiet", "build", "--out-dir", str(tmp_path)]) == 0
    qm = tmp_path / "zh_CN.qm"
    assert qm.stat().st_size > 0
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.language() == "zh_CN"
    for m in read_ts(TS_FILE):
        if m.state == "finished" and len(m.translations) == 1:
            assert translator.translate(m.context, m.source, m.comment or None) == m.translations[0]


def test_update_keeps_translations_and_drops_vanished_strings(tmp_path: Path) -> None:
    source = tmp_path / "view.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        'a = QCoreApplication.translate("View", "Members")\n'
        'b = QCoreApplication.translate("View", "Compounds")\n',
        encoding="utf-8",
    )
    ts = tmp_path / "zh_CN.ts"
    i18n.lupdate(ts, [source], quiet=True)
    text = ts.read_text(encoding="utf-8")
    text = text.replace('<source>Members</source>\n        <translation type="unfinished"></translation>',
                        "<source>Members</source>\n        <translation>党员</translation>")
    ts.write_text(text, encoding="utf-8")
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        'a = QCoreApplication.translate("View", "Members")\n'
        'c = QCoreApplication.translate("View", "Buildings")\n',
        encoding="utf-8",
    )
    i18n.lupdate(ts, [source], quiet=True)
    messages = {m.source: m for m in read_ts(ts)}
    assert set(messages) == {"Members", "Buildings"}
    assert messages["Members"].translations == ("党员",)
    assert messages["Members"].state == "finished"
    assert messages["Buildings"].state == "unfinished"


@pytest.mark.parametrize("command", [["update", "--help"], ["build", "--help"]])
def test_script_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        i18n.main(command)
    assert exc.value.code == 0
    assert "usage" in capsys.readouterr().out


def _untranslatable_calls(source: str) -> list[int]:
    """Lines where tr()/translate() gets a text built at run time, which lupdate cannot collect."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "tr" and node.args:
            text = node.args[0]
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            text = node.args[1]
        else:
            continue
        if isinstance(text, ast.JoinedStr | ast.BinOp) or (
                isinstance(text, ast.Call) and isinstance(text.func, ast.Attribute)
                and text.func.attr == "format"):
            lines.append(node.lineno)
    return lines


def test_no_text_built_at_run_time_is_passed_for_translation() -> None:
    """``self.tr(f"{n} members")`` is never translated: use ``self.tr("{n} members").format(n=n)``."""
    offenders = [f"{path.relative_to(ROOT)}:{line}"
                 for path in i18n.source_files() for line in _untranslatable_calls(path.read_text("utf-8"))]
    assert not offenders, "tr()/translate() given an f-string, % or .format() text:\n" + "\n".join(offenders)


@pytest.mark.parametrize("source, flagged", [
    ('self.tr(f"{n} members")', True),
    ('self.tr("%d members" % n)', True),
    ('QCoreApplication.translate("Ctx", "{} members".format(n))', True),
    ('self.tr("{n} members").format(n=n)', False),
    ('QCoreApplication.translate("Labels", text)', False),
    ('"abc".translate(table)', False),
])
def test_runtime_text_detection(source: str, flagged: bool) -> None:
    assert bool(_untranslatable_calls(source)) is flagged
