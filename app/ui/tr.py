"""Marking strings for translation where ``tr()`` cannot be called yet (tables at import time)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``text`` unchanged; ``lupdate`` collects it under ``context``."""
    return text
