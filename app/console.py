"""Output of the command lines on a Windows console that is redirected to a file or a pipe."""

from __future__ import annotations

import codecs
import contextlib
import io
import re
from typing import Any

ERRORS = "community-ledger-json-escape"


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """``\\uXXXX`` for each character the encoding lacks; a surrogate pair beyond U+FFFF, as JSON has it."""
    assert isinstance(error, UnicodeEncodeError)
    escaped = []
    for char in error.object[error.start:error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


def tolerate_unencodable(*streams: Any) -> None:
    """Write characters the stream's encoding lacks as ``\\uXXXX`` escapes instead of failing.

    On Windows a redirected stream uses the ANSI code page, GBK on Chinese systems, which lacks
    some characters of names and paths (䶮, 𠮷, •): printing one ended the command with a
    traceback after its work was done.  A JSON string with such an escape reads back the same.
    """
    codecs.register_error(ERRORS, _json_escape)
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors=ERRORS)


def undecodable(argv: list[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (Python keeps them as lone surrogates),
    shown with those bytes escaped; None when every argument is text."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
    return None


_BACKGROUND = re.compile(r"\s*\(Background on this error at: [^)]*\)")


def one_line(text: object, limit: int = 300) -> str:
    """An error message as one line: SQLAlchemy's "(Background on this error at: ...)" note
    dropped, the lines of a driver's message (PostgreSQL's client writes two) joined."""
    text = _BACKGROUND.sub("", str(text))
    joined = "; ".join(part.strip() for part in text.splitlines() if part.strip())
    return joined[:limit]


def os_error_line(exc: OSError) -> str:
    """A refused file operation as one line: what the system said, and the file it was about."""
    where = f": {one_line(str(exc.filename), 120)}" if exc.filename else ""
    return f"{exc.strerror or one_line(exc)}{where}"


def leave_quietly_on_broken_pipe() -> int:
    """What a command does when the reader of its output went away (``| head``): nothing more is
    written (the interpreter would report the pipe again at exit) and it ends with status 1."""
    import os
    import sys

    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1
