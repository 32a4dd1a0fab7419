"""Hybrid logical clock stamps.

A stamp orders changes across PCs even when their wall clocks disagree: it is the
larger of the wall time and the last stamp seen, plus a counter for changes within
the same millisecond, plus the node id to break ties.  Encoded as text that sorts
in stamp order, so the database can compare stamps with ``<``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

WALL_DIGITS = 13
COUNTER_DIGITS = 5
MAX_COUNTER = 10**COUNTER_DIGITS - 1


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
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._last = last or Stamp(0, 0, node)

    @property
    def last(self) -> Stamp:
        return self._last

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
