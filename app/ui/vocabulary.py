"""One area's words for the record kinds, fields, choices and error codes it brings.

Each area of the UI describes its words as a :class:`Words` value (source strings in English,
marked with ``QT_TRANSLATE_NOOP``); :mod:`app.ui.labels` composes them, in a fixed order, into the
tables every page reads.  Nothing is added to those tables when a module is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Words:
    """What one area calls things.

    ``fields``, ``choices`` and ``errors`` are shared by every kind: an area that comes later does
    not change a word an earlier one set.  ``own_choices`` are choice words the area insists on
    (its own values); ``kind_fields`` and ``kind_choices`` word a field or a value for one kind only.
    """

    kinds: Mapping[str, str] = field(default_factory=dict)
    fields: Mapping[str, str] = field(default_factory=dict)
    kind_fields: Mapping[tuple[str, str], str] = field(default_factory=dict)
    choices: Mapping[str, str] = field(default_factory=dict)
    own_choices: Mapping[str, str] = field(default_factory=dict)
    kind_choices: Mapping[tuple[str, str], str] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)


def for_kind(kind: str, words: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """``words`` (field or value -> text) as the words of one kind."""
    return {(kind, name): text for name, text in words.items()}


@dataclass(frozen=True)
class Tables:
    """Every area's words composed: what :mod:`app.ui.labels` looks words up in."""

    kinds: Mapping[str, str]
    fields: Mapping[str, str]
    kind_fields: Mapping[tuple[str, str], str]
    choices: Mapping[str, str]
    kind_choices: Mapping[tuple[str, str], str]
    errors: Mapping[str, str]


def compose(areas: Iterable[Words]) -> Tables:
    kinds: dict[str, str] = {}
    fields: dict[str, str] = {}
    kind_fields: dict[tuple[str, str], str] = {}
    choices: dict[str, str] = {}
    kind_choices: dict[tuple[str, str], str] = {}
    errors: dict[str, str] = {}
    for words in areas:
        kinds.update(words.kinds)
        kind_fields.update(words.kind_fields)
        kind_choices.update(words.kind_choices)
        for shared, own in ((fields, words.fields), (choices, words.choices), (errors, words.errors)):
            for key, text in own.items():
                shared.setdefault(key, text)
        choices.update(words.own_choices)
    return Tables(*(MappingProxyType(t) for t in (kinds, fields, kind_fields, choices, kind_choices, errors)))
