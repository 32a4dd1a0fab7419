"""Output of the command lines on a Windows console that is redirected to a file or a pipe."""

from __future__ import annotations

import codecs
import io
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
