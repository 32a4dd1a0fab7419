"""Phone-book order for Chinese text on every SQLite connection: ``pinyin_key()`` and ``COLLATE PINYIN``.

Names, titles and addresses sort by their pinyin the way printed rosters and Chinese office
software sort them: 李 (li) before 王 (wang) before 张 (zhang). Each text gets a sort key of bytes
that orders by plain byte comparison:

* a Chinese character sorts by its syllable, then its tone (1-4, neutral last), then the
  character itself, so people of one surname stay together and two surnames of one reading
  (张, 章) do not interleave. The syllable is the one pypinyin gives the character on its own,
  its most common reading (曾 ceng, 单 dan): pypinyin's phrase dictionary, which reads 重庆 as
  chong qing, is left unloaded, as it would cost 0.15 s and 45 MB and slow every first sort;
* a run of Latin letters sorts as a word among the syllables, case aside (``Li Ming`` just
  before 李明);
* a run of digits sorts by its value (3号楼 before 12号楼), before any letter;
* spaces and punctuation do not count, and the text itself breaks any remaining tie, so the order
  is total and two different texts never compare equal.

Lists and printouts sort with ``ORDER BY pinyin_key(name)`` (``by_pinyin``): SQLite computes
the key once per row and compares bytes, faster than a collation it calls back for every
comparison. ``COLLATE PINYIN`` gives the same order in hand-written SQL. Codes, numbers and
dates keep the plain binary order: only human text asks for pinyin. Keys are cached (bounded),
so a list sorted again does not read its names again.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, func

PINYIN = "PINYIN"
KEY_FUNCTION = "pinyin_key"

# Distinct texts whose keys are kept; a community's longest lists have a few thousand.
CACHE_SIZE = 20_000
# Distinct characters whose readings are kept (common Chinese uses about 3,500).
CHAR_CACHE_SIZE = 8_192

_DIGITS, _WORD, _UNREAD = b"\x01", b"\x02", b"\x03"
_END = b"\x00"
_TOKENS = re.compile(r"\d+|[^\W\d_]+")
# The Unicode blocks of Chinese characters (pypinyin knows readings for these).
_HAN = re.compile(
    "([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)"
)
_SYLLABLE = re.compile(r"([a-z]+)([1-5])")
# Most names: only common characters, which NFKC leaves alone and which need no tokenising.
_COMMON_HAN_ONLY = re.compile("[\u4e00-\u9fff]+")


def _load_pypinyin() -> None:
    # pypinyin's documented switches: no phrase dictionary, no private copy of its tables.
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    import pypinyin  # noqa: F401


@lru_cache(maxsize=CHAR_CACHE_SIZE)
def _char_key(char: str) -> bytes:
    _load_pypinyin()
    from pypinyin import Style, lazy_pinyin

    read = lazy_pinyin(char, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
    match = _SYLLABLE.fullmatch(read[0]) if read else None
    if match is None:
        return _UNREAD + char.encode()
    return _WORD + match[1].encode() + _END + bytes([int(match[2])]) + char.encode()


@lru_cache(maxsize=CACHE_SIZE)
def sort_key(text: str) -> bytes:
    """The bytes ``text`` sorts by in phone-book order."""
    if _COMMON_HAN_ONLY.fullmatch(text):
        return b"".join(map(_char_key, text)) + _END + text.encode()
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
                parts.extend(_char_key(char) for char in piece)
            else:
                parts.append(_WORD + piece.casefold().encode() + _END + _END)
    return b"".join(parts) + _END + text.encode()


def compare(a: str, b: str) -> int:
    """The ``PINYIN`` collation: negative, zero or positive as ``a`` sorts before, with or after ``b``."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def register(dbapi_connection: Any) -> None:
    """Make ``pinyin_key()`` and ``COLLATE PINYIN`` available on a raw ``sqlite3`` connection.

    Loads pypinyin's character table here (about 40 ms, once per process), so opening a
    database pays for it rather than the first sorted list.
    """
    _load_pypinyin()

    dbapi_connection.create_collation(PINYIN, compare)
    dbapi_connection.create_function(KEY_FUNCTION, 1, _sql_key, deterministic=True)


def _sql_key(value: object) -> object:
    """Text gets its sort key; NULL and numbers stay as they are (they sort before any key)."""
    return sort_key(value) if isinstance(value, str) else value


def by_pinyin(expr: Any) -> ColumnElement[Any]:
    """``pinyin_key(expr)``, for ORDER BY of names, titles and addresses."""
    key: ColumnElement[Any] = getattr(func, KEY_FUNCTION)(expr)
    return key
