"""File names made from the user's words that every system accepts, Windows above all.

Windows refuses ``<>:"/\\|?*`` and control characters in a name, drops trailing dots and
spaces, and reserves device names (CON, NUL, COM1 ...) whatever their extension; a name
made from a community code, a meeting topic or a title must avoid all of them.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{n}" for n in "123456789¹²³"), *(f"LPT{n}" for n in "123456789¹²³")}
# Room for a suffix and a timestamp within the 255 characters most file systems allow.
MAX_STEM = 120


def safe_file_name(text: str, fallback: str = "file") -> str:
    """``text`` as a file name (or name stem): forbidden characters become ``_``, trailing
    dots and spaces go, a reserved device name gets a trailing ``_``; ``fallback`` when nothing
    is left."""
    name = _FORBIDDEN.sub("_", text.strip()).strip().rstrip(". ")
    if len(name) > MAX_STEM:  # shortened before its extension, which tells Windows how to open it
        stem, dot, extension = name.rpartition(".")
        if not dot or len(extension) > 10:
            stem, dot, extension = name, "", ""
        name = stem[:MAX_STEM - len(extension) - len(dot)].rstrip(". ") + dot + extension
    if not name.strip("_"):
        return fallback
    stem, dot, rest = name.partition(".")
    if stem.rstrip(" ").upper() in _RESERVED:
        name = f"{stem.rstrip(' ')}_{dot}{rest}"
    return name


def name_problem(name: str) -> str | None:
    """Why a file named ``name`` could not exist on every system the app runs on, in words, or None.

    A database or package named ``::::`` is a fine name on Linux, but not on Windows, where the
    same ledger must open after a restore from a backup.
    """
    found = sorted(set(_FORBIDDEN.findall(name)))
    if found:
        shown = " ".join(repr(c)[1:-1] if c.isprintable() else f"\\x{ord(c):02x}" for c in found)
        return f"it holds characters Windows does not allow in a file name ({shown})"
    if name != name.rstrip(". "):
        return "it ends with a dot or a space, which Windows drops"
    stem = name.partition(".")[0].rstrip(" ")
    if stem.upper() in _RESERVED:
        return f"{stem} is a device name on Windows"
    if len(name.encode("utf-8")) > 255:
        return "it is longer than the 255 bytes a file name may have"
    return None
