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
* a run of digits sorts by its value (3号楼 before 12号楼), before any letter; so does a number
  in Chinese numerals where it counts something: after 第 or before a counter such as 号, 栋 or
  组 (第二党小组 before 第十二党小组, 三单元 before 十单元), while 一 elsewhere (张一) is read;
* spaces and punctuation do not count, and the text itself breaks any remaining tie, so the order
  is total and two different texts never compare equal.

A surname is read as a surname: columns that hold people's names (marked ``person_name`` in their
``info``) sort by ``pinyin_name_key()``, which reads a name's first character (or two, for 尉迟,
万俟, 单于) the way the surname is read where pypinyin's reading of the character alone differs:
曾 zeng, not ceng; 单 shan, not dan; 朴 piao, not pu. Elsewhere 单元 stays under dan.

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

from app.models.base import PERSON_NAME

PINYIN = "PINYIN"
KEY_FUNCTION = "pinyin_key"
NAME_KEY_FUNCTION = "pinyin_name_key"
LETTERS_FUNCTION = "pinyin_letters"

# Surnames whose syllable differs from pypinyin's reading of the same characters on their own
# (a test holds every entry to that), read as the Standard Dictionary reads the surname.
SURNAMES: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu4", "chi2"), "万俟": ("mo4", "qi2"), "单于": ("chan2", "yu2"),
    "曾": ("zeng1",), "单": ("shan4",), "解": ("xie4",), "仇": ("qiu2",), "区": ("ou1",),
    "朴": ("piao2",), "查": ("zha1",), "覃": ("qin2",), "翟": ("zhai2",), "盖": ("ge3",),
    "缪": ("miao4",), "乐": ("yue4",), "召": ("shao4",), "折": ("she2",), "员": ("yun4",),
    "种": ("chong2",), "秘": ("bi4",), "繁": ("po2",), "佴": ("nai4",), "粘": ("nian2",),
    "藏": ("zang4",), "都": ("du1",), "六": ("lu4",), "薄": ("bo2",), "乜": ("nie4",),
    "阚": ("kan4",), "长": ("chang2",), "重": ("chong2",), "隗": ("wei3",), "句": ("gou1",),
    "卜": ("bu3",), "黑": ("he4",),
}

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
# A number in Chinese numerals that counts: an ordinal after 第, or before a counter word.
_NUMERALS = "零〇一二两三四五六七八九十百千万"
_COUNTED = re.compile(f"(?<=第)[{_NUMERALS}]+|[{_NUMERALS}]+(?=[号栋楼幢单层组届期次区队户室])")
_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(numerals: str) -> int | None:
    """The value of a number written in Chinese numerals (十二 12, 一百零五 105, 二〇二六 2026),
    or None when the characters do not form one."""
    if all(c in _DIGIT_VALUES for c in numerals):  # read digit by digit: 二〇二六
        return int("".join(str(_DIGIT_VALUES[c]) for c in numerals))
    total = section = digit = 0
    last_unit = 10**9
    seen_wan = False
    for c in numerals:
        if c in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[c]
        elif c in _UNITS:
            unit = _UNITS[c]
            if unit >= last_unit:
                return None
            section += (digit or 1) * unit
            digit, last_unit = 0, unit
        elif c == "万":
            if seen_wan:
                return None
            total, section, digit, last_unit = ((section + digit) or 1) * 10_000, 0, 0, 10**9
            seen_wan = True
        else:
            return None
    return total + section + digit


def _arabic(match: re.Match[str]) -> str:
    value = chinese_number(match[0])
    return match[0] if value is None else str(value)


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
    counted = _COUNTED.search(text) is not None
    if not counted and _COMMON_HAN_ONLY.fullmatch(text):
        return b"".join(map(_char_key, text)) + _END + text.encode()
    normal = unicodedata.normalize("NFKC", text)
    if counted:
        normal = _COUNTED.sub(_arabic, normal)
    parts: list[bytes] = []
    for token in _TOKENS.findall(normal):
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


def _read_as(char: str, reading: str) -> bytes:
    match = _SYLLABLE.fullmatch(reading)
    assert match is not None, reading
    return _WORD + match[1].encode() + _END + bytes([int(match[2])]) + char.encode()


@lru_cache(maxsize=CACHE_SIZE)
def name_sort_key(text: str) -> bytes:
    """The bytes a person's name sorts by: :func:`sort_key`, with the surname read as a surname."""
    key = sort_key(text)
    for surname in (text[:2], text[:1]):
        readings = SURNAMES.get(surname)
        if readings is None:
            continue
        plain = b"".join(map(_char_key, surname))
        if key.startswith(plain):
            return b"".join(map(_read_as, surname, readings)) + key[len(plain):]
    return key


@lru_cache(maxsize=CHAR_CACHE_SIZE)
def _char_syllable(char: str) -> str:
    _load_pypinyin()
    from pypinyin import Style, lazy_pinyin

    read = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
    return read[0].replace("ü", "v") if read else ""


@lru_cache(maxsize=CACHE_SIZE)
def pinyin_letters(text: str) -> str:
    """What a name is searched by in Latin letters: its full pinyin, a space, then its initials
    (张桂香: ``zhangguixiang zgx``), the surname read as a surname (曾 zeng), Latin letters
    lower-cased as they stand.  ``zgx``, ``zhanggui`` and ``guixiang`` all find 张桂香."""
    syllables: list[str] = []
    surname = next((s for s in (text[:2], text[:1]) if s in SURNAMES), "")
    for reading in SURNAMES.get(surname, ()):
        syllables.append(reading.rstrip("12345"))
    for piece in _HAN.split(unicodedata.normalize("NFKC", text[len(surname):])):
        if not piece:
            continue
        if _HAN.fullmatch(piece):
            syllables.extend(filter(None, map(_char_syllable, piece)))
        else:
            syllables.extend(w.casefold() for w in re.findall(r"[^\W\d_]+", piece) if w.isascii())
    return "".join(syllables) + " " + "".join(s[0] for s in syllables)


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
    dbapi_connection.create_function(NAME_KEY_FUNCTION, 1, _sql_name_key, deterministic=True)
    dbapi_connection.create_function(LETTERS_FUNCTION, 1, _sql_letters, deterministic=True)


def _sql_key(value: object) -> object:
    """Text gets its sort key; NULL and numbers stay as they are (they sort before any key)."""
    return sort_key(value) if isinstance(value, str) else value


def _sql_name_key(value: object) -> object:
    return name_sort_key(value) if isinstance(value, str) else value


def _sql_letters(value: object) -> object:
    return pinyin_letters(value) if isinstance(value, str) else None


def letters_of(expr: Any) -> ColumnElement[Any]:
    """``pinyin_letters(expr)``: the Latin letters a name is searched by (:func:`pinyin_letters`)."""
    letters: ColumnElement[Any] = getattr(func, LETTERS_FUNCTION)(expr)
    return letters


def holds_person_names(expr: Any) -> bool:
    """Whether ``expr`` is a column marked ``person_name`` (directly or through an alias)."""
    column = getattr(expr, "expression", expr)
    return any(getattr(c, "info", {}).get(PERSON_NAME) for c in getattr(column, "proxy_set", ()))


def by_pinyin(expr: Any) -> ColumnElement[Any]:
    """``pinyin_key(expr)``, for ORDER BY of names, titles and addresses; ``pinyin_name_key(expr)``
    for a column of people's names."""
    name = NAME_KEY_FUNCTION if holds_person_names(expr) else KEY_FUNCTION
    key: ColumnElement[Any] = getattr(func, name)(expr)
    return key
