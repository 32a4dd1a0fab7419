"""The report-and-appraisal material on paper and in Word, read back as a reader would: the PDF
with pdftotext, the .docx with python-docx and, where LibreOffice is installed, opened by it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from appraisal_sample import AS_OF, SECRETARY, YEAR, build

from app.cli import main
from app.db.database import Database
from app.printing.appraisal import print_appraisal, write_appraisal_docx
from app.printing.base import PrintOptions
from app.services.appraisal import AppraisalService

from .pdfcheck import pdffonts, pdftotext

SECTION = "一年来，社区党委坚持党建引领。\n二是抓实书记项目，老旧小区改造按期推进。"
# What a reader must find, in this order, in both files.
EXPECTED = [
    "述职评议考核材料",
    "一、述职报告", "一年来，社区党委坚持党建引领。", "二是抓实书记项目",
    "二、主要工作数据", "包保小区 2 个，包保领导干部 1 名",
    "三、“三会一课”落实情况",
    "2025年第2季度未召开支部党员大会", "2025年4月未召开支委会",
    "1 个党小组有月份未召开党小组会", "第二党小组", "3月、4月、5月、6月、7月",
    "其他会议活动：主题党日 1 次。",
    "四、书记项目", "老旧小区改造", "实地查看", "95.5%",
    "五、民生诉求办理", "66.7%", "33.3%", "50.0%",
    "六、机关干部“社区工作日”反馈（分单位）", "市民政局", "500.50", "市住建局", "1,000.00", "1,500.50",
    "七、小区管理“五包保”推进情况", "五项任务全部完成的小区 1 个",
    "八、经费收支", "党建工作经费", "100.00", "5,000.00", "1,234.56", "3,865.44", "5,865.44",
    "九、培训", "参加培训 3 人次（2 人），共 2 个班次，累计 20.5 学时。",
]


@pytest.fixture
def ledger(db: Database) -> Iterator[Database]:
    build(db)
    AppraisalService(db).save_section(YEAR, SECTION)
    yield db


def writer() -> str | None:
    """LibreOffice, if its Writer is installed (Debian's soffice may come with Calc alone)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    program = Path(office).resolve().parent
    return office if any(program.glob("libswlo.*")) or any(program.glob("swlo.*")) else None


def _in_order(text: str, needles: list[str]) -> list[str]:
    """The needles not found after the previous one (empty: all there, in order)."""
    missing, pos = [], 0
    for needle in needles:
        found = text.find(needle, pos)
        if found < 0:
            missing.append(needle)
        else:
            pos = found + len(needle)
    return missing


def _flat(text: str) -> str:
    return "".join(text.split())


def test_the_pdf_reads_back_with_every_section_in_order(ledger: Database, tmp_path: Path) -> None:
    out = tmp_path / "appraisal.pdf"
    pages = print_appraisal(ledger, YEAR, out, PrintOptions(print_date=AS_OF))
    text = pdftotext(out)
    assert pages >= 2 and text.count("\f") == pages
    assert _in_order(_flat(text), [_flat(n) for n in EXPECTED]) == []
    assert f"述职人：{SECRETARY}" in _flat(text)
    assert all(row[-4] == "yes" for row in pdffonts(out))  # the Chinese font is embedded


def test_the_word_file_is_editable_and_a_real_reader_opens_it(ledger: Database, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "appraisal.docx"
    tables = write_appraisal_docx(ledger, YEAR, out, PrintOptions(print_date=AS_OF))
    document = Document(str(out))
    assert len(document.tables) == tables
    body = "\n".join(p.text for p in document.paragraphs)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "一年来，社区党委坚持党建引领。" in body
    assert "3. 1 个党小组有月份未召开党小组会：" in body
    assert {"市住建局", "市民政局", "3,865.44", "1,234.56", "包保小区 2 个，包保领导干部 1 名",
            "第二党小组", "3月、4月、5月、6月、7月"} <= cells
    organs = next(t for t in document.tables if t.rows[0].cells[1].text == "机关单位")
    assert [c.text for c in organs.rows[-1].cells][:4] == ["合计", "2 个单位", "3", "3"]
    assert document.core_properties.title == f"{YEAR}年度述职评议考核材料"
    # The text travels whole into paragraphs and tables, in the same order as in the PDF.
    everything = "\n".join([p.text for p in document.paragraphs]
                           + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "述职评议考核材料" in everything
    office = writer()
    if office is None:
        pytest.skip("LibreOffice Writer (Debian's libreoffice-writer-nogui) is not installed: "
                    "the .docx was read back with python-docx only")
    converted = tmp_path / "converted"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(converted), str(out)], check=True, capture_output=True, timeout=180)
    text = _flat(pdftotext(converted / "appraisal.pdf"))
    assert _in_order(text, [_flat(n) for n in EXPECTED]) == []


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_writes_both_files(ledger: Database, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    pdf, docx = tmp_path / "a.pdf", tmp_path / "a.docx"
    code, stdout, err = _run(capsys, "--db", str(ledger.path), "print", "appraisal", "--year", str(YEAR),
                             "--out", str(pdf), "--docx", str(docx))
    assert code == 0, err
    lines = stdout.splitlines()
    assert lines[0].startswith(f"{pdf} (") and lines[0].endswith(" pages)")
    assert lines[1].startswith(f"{docx} (")
    assert "第二党小组" in pdftotext(pdf) and docx.stat().st_size > 0


@pytest.mark.parametrize(("args", "says"), [
    (["--year", "1800", "--out", "x.pdf"], "year out of range: 1800"),
    (["--year", "二〇二五", "--out", "x.pdf"], "not a year"),
    (["--year", str(YEAR)], "give --out FILE.pdf, --docx FILE.docx or both"),
    (["--year", str(YEAR), "--docx", "x.doc"], "--docx must name a .docx file"),
    (["--year", str(YEAR), "--out", "x.pdf", "--docx", "missing/x.docx"], "folder does not exist"),
    (["--year", str(YEAR), "--out", "."], "--out is a folder"),
])
def test_a_bad_year_or_path_is_one_line_and_no_file(args: list[str], says: str, ledger: Database,
                                                    tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    try:
        code = main(["--db", str(ledger.path), "print", "appraisal", *args])
    except SystemExit as exit_:  # argparse refuses a bad --year itself
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    assert code != 0 and captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and says in captured.err
    assert list(work.iterdir()) == []
