"""``community-ledger-cli print ...``: the PDF appears, or one line of error and no file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.db.database import Database
from app.printing.catalog import LEDGER_KINDS

from .pdfcheck import page_count, text
from .sample import YEAR, Sample


@pytest.fixture
def db_file(pdb: Database) -> str:
    assert pdb.path is not None
    return str(pdb.path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_print_signin_for_a_meeting(db_file: str, sample: Sample, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "signin.pdf"
    code, stdout, _ = _run(capsys, "--db", db_file, "print", "signin", "--meeting", sample.meeting_id,
                           "--blank-rows", "2", "--out", str(out))
    assert code == 0
    assert f"({page_count(out)} pages)" in stdout
    assert sample.attendee_names[0] in text(out)


def test_print_blank_signin(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "blank.pdf"
    code, _, _ = _run(capsys, "print", "signin", "--blank", "--title", "居民代表会议", "--out", str(out))
    assert code == 0 and "居民代表会议签到表" in text(out).replace(" ", "")


def test_print_ledger_book_appeal_minutes(db_file: str, sample: Sample, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    runs = {
        "ledger.pdf": ["ledger", "--kind", "party_member"],
        "fund.pdf": ["ledger", "--kind", "fund", "--year", str(YEAR)],
        "book.pdf": ["book", "--year", str(YEAR)],
        "appeal.pdf": ["appeal", "--id", sample.appeal_id, "--full"],
        "minutes.pdf": ["minutes", "--meeting", sample.meeting_id],
    }
    for name, args in runs.items():
        out = tmp_path / name
        code, _, err = _run(capsys, "--db", db_file, "print", *args, "--out", str(out))
        assert code == 0, err
        assert page_count(out) >= 1
    assert sample.appeal_phone in text(tmp_path / "appeal.pdf")
    assert sample.member_id_numbers[0] not in text(tmp_path / "ledger.pdf")


def test_ledger_help_lists_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["print", "ledger", "--help"])
    assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    for kind, spec in LEDGER_KINDS.items():
        assert kind in help_text and spec.title in help_text


@pytest.mark.parametrize("args", [
    ["ledger", "--kind", "no_such_kind"],
    ["signin", "--meeting", "no-such-meeting"],
    ["appeal", "--id", "no-such-appeal"],
    ["minutes", "--meeting", "no-such-meeting"],
    ["signin", "--blank"],
    ["signin"],
])
def test_errors_are_one_line_with_no_file_left(args: list[str], db_file: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    code, stdout, err = _run(capsys, "--db", db_file, "print", *args, "--out", str(out))
    assert code != 0
    assert stdout == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("community-ledger-cli: error: ")
    assert list(tmp_path.iterdir()) == []


def test_out_into_a_missing_folder(db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "--db", db_file, "print", "ledger", "--kind", "compound",
                        "--out", str(tmp_path / "missing" / "x.pdf"))
    assert code == 1 and "folder does not exist" in err


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "community-ledger-cli"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())"]


def test_the_installed_command_line(db_file: str, sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "minutes.pdf"
    ok = subprocess.run([*_cli(), "--db", db_file, "print", "minutes",
                         "--meeting", sample.meeting_id, "--out", str(out)],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "会议记录" in text(out).replace(" ", "")
    bad = subprocess.run([*_cli(), "--db", db_file, "print", "appeal",
                          "--id", "nope", "--out", str(tmp_path / "appeal.pdf")],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert bad.stderr.strip() == "community-ledger-cli: error: appeal not found: nope"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]
