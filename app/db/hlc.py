"""Hybrid logical clock stamps.

A stamp orders changes across PCs even when their wall clocks disagree: it is the
larger of the wall time and the last stamp seen, plus a counter for changes within
the same millisecond, plus the node id to break ties.  Encoded as text that sorts
in stamp order, so the database can compare stamps with ``<``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

WALL_DIGITS = 13
COUNTER_DIGITS = 5
MAX_COUNTER = 10**COUNTER_DIGITS - 1
# How far a received stamp may run ahead of this computer's clock.  A stamp from further ahead
# comes from a computer whose date is wrong; accepted, it would win every later edit until that
# day and drag every clock that saw it into the future, so the package carrying it is refused.
# A day leaves room for a clock set to Beijing time in a UTC time zone (eight hours).
MAX_AHEAD_MS = 24 * 3600 * 1000
# An encoded stamp: wall milliseconds, counter, node id.
STAMP_RE = re.compile(r"^\d{13}-\d{5}-[0-9A-Za-z_]{1,32}$")


def wall_now_ms() -> int:
    return time.time_ns() // 1_000_000


def wall_minute(wall_ms: int) -> str:
    """A wall time as people read it: local date and time to the minute (the number itself when
    it is beyond any calendar, as a forged stamp may be)."""
    try:
        return datetime.fromtimestamp(wall_ms / 1000).strftime("%Y-%m-%d %H:%M")
    except (OverflowError, OSError, ValueError):
        return str(wall_ms)


def stamp_prefix(wall_ms: int) -> str:
    """The text a stamp starts with at ``wall_ms``: stamps later than it compare greater as text."""
    return f"{wall_ms:0{WALL_DIGITS}d}"


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{WALL_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.node}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, node = text.split("-", 2)
        if len(wall) != WALL_DIGITS or len(counter) != COUNTER_DIGITS or not node:
            raise ValueError(f"not a clock stamp: {text!r}")
        return cls(int(wall), int(counter), node)


class HybridClock:
    """Issues increasing stamps for one node; ``observe`` merges stamps from other nodes."""

    def __init__(
        self,
        node: str,
        last: Stamp | None = None,
        wall: Callable[[], int] | None = None,
    ) -> None:
        if "-" in node or not node:
            raise ValueError("node id must be non-empty and contain no '-'")
        self.node = node
        self._wall = wall or wall_now_ms
        self._last = last or Stamp(0, 0, node)

    @property
    def last(self) -> Stamp:
        return self._last

    @property
    def wall(self) -> Callable[[], int]:
        """This computer's clock in milliseconds since the epoch, as the stamps read it."""
        return self._wall

    def now(self) -> Stamp:
        wall = self._wall()
        if wall > self._last.wall_ms:
            stamp = Stamp(wall, 0, self.node)
        else:
            stamp = self._bump(self._last.wall_ms, self._last.counter)
        self._last = stamp
        return stamp

    def observe(self, remote: Stamp) -> None:
        """Move past a stamp received from elsewhere so later local stamps sort after it."""
        if remote.wall_ms > self._last.wall_ms or (
            remote.wall_ms == self._last.wall_ms and remote.counter > self._last.counter
        ):
            self._last = Stamp(remote.wall_ms, remote.counter, self.node)

    def _bump(self, wall_ms: int, counter: int) -> Stamp:
        if counter >= MAX_COUNTER:
            return Stamp(wall_ms + 1, 0, self.node)
        return Stamp(wall_ms, counter + 1, self.node)
