"""Phone-book order for Chinese text: the ``PINYIN`` collation of every SQLite connection.

Names, titles and addresses sort by their pinyin the way printed rosters and Chinese office
software sort them: 李 (li) before 王 (wang) before 张 (zhang). Each text gets a sort key of bytes
that orders by plain byte comparison:

* a Chinese character sorts by its syllable (as pypinyin reads it in context, phrases included),
  then its tone (1-4, neutral last), then the character itself, so people of one surname stay
  together and two surnames of one reading (张, 章) do not interleave;
* a run of Latin letters sorts as a word among the syllables, case aside (``Li Ming`` just
  before 李明);
* a run of digits sorts by its value (3号楼 before 12号楼), before any letter;
* spaces and punctuation do not count, and the text itself breaks any remaining tie, so the order
  is total and two different texts never compare equal.

Codes, numbers and dates keep the plain binary order: only human text asks for this collation.
Keys are cached (bounded) because SQLite compares each value many times while sorting.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement

PINYIN = "PINYIN"

# Distinct texts whose keys are kept; a community's longest lists have a few thousand.
CACHE_SIZE = 20_000

_DIGITS, _WORD, _UNREAD = b"\x01", b"\x02", b"\x03"
_END = b"\x00"
_TOKENS = re.compile(r"\d+|[^\W\d_]+")
# The Unicode blocks of Chinese characters (pypinyin knows readings for these).
_HAN = re.compile(
    "([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)"
)
_SYLLABLE = re.compile(r"([a-z]+)([1-5])")


def _syllables(han: str) -> list[str | None]:
    """One syllable per character, read in context; None where pypinyin has no reading."""
    from pypinyin import Style, lazy_pinyin

    def read(chars: str) -> list[str]:
        return lazy_pinyin(chars, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")

    syllables: list[str | None] = list(read(han))
    if len(syllables) != len(han):
        syllables = [next(iter(read(char)), None) for char in han]
    return syllables


def _han_key(han: str) -> bytes:
    parts: list[bytes] = []
    for char, syllable in zip(han, _syllables(han), strict=True):
        match = _SYLLABLE.fullmatch(syllable or "")
        if match is None:
            parts.append(_UNREAD + char.encode())
        else:
            parts.append(_WORD + match[1].encode() + _END + bytes([int(match[2])]) + char.encode())
    return b"".join(parts)


@lru_cache(maxsize=CACHE_SIZE)
def sort_key(text: str) -> bytes:
    """The bytes ``text`` sorts by in phone-book order."""
    parts: list[bytes] = []
    for token in _TOKENS.findall(unicodedata.normalize("NFKC", text)):
        if token[0].isdigit():
            digits = token.lstrip("0").encode()
            parts.append(_DIGITS + bytes([min(len(digits), 255)]) + digits)
            continue
        for i, piece in enumerate(_HAN.split(token)):
            if not piece:
                continue
            if i % 2:
                parts.append(_han_key(piece))
            else:
                parts.append(_WORD + piece.casefold().encode() + _END + _END)
    return b"".join(parts) + _END + text.encode()


def compare(a: str, b: str) -> int:
    """The ``PINYIN`` collation: negative, zero or positive as ``a`` sorts before, with or after ``b``."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def register(dbapi_connection: Any) -> None:
    """Make ``COLLATE PINYIN`` available on a raw ``sqlite3`` connection.

    Loads pypinyin's dictionaries here (about 0.15 s, once per process), so opening a database
    pays for them rather than the first sorted list.
    """
    import pypinyin  # noqa: F401

    dbapi_connection.create_collation(PINYIN, compare)


def by_pinyin(expr: Any) -> ColumnElement[Any]:
    """``expr COLLATE PINYIN``, for ORDER BY of names, titles and addresses."""
    collated: ColumnElement[Any] = expr.collate(PINYIN)
    return collated
