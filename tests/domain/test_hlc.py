"""Hybrid logical clock stamps: always increasing on one node, ordered the same as text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.db.hlc import MAX_COUNTER, HybridClock, Stamp


class ManualWall:
    """A wall clock the test sets by hand (milliseconds)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_follow_the_wall_clock() -> None:
    wall = ManualWall(1_700_000_000_000)
    clock = HybridClock("a1", wall=wall)
    assert clock.now() == Stamp(1_700_000_000_000, 0, "a1")
    wall.ms += 5
    assert clock.now() == Stamp(1_700_000_000_005, 0, "a1")


def test_same_millisecond_and_a_clock_set_back_still_increase() -> None:
    wall = ManualWall(1_700_000_000_000)
    clock = HybridClock("a1", wall=wall)
    first = clock.now()
    second = clock.now()
    wall.ms -= 60_000  # the PC's clock was set back a minute
    third = clock.now()
    assert first < second < third
    assert third == Stamp(1_700_000_000_000, 2, "a1")


def test_counter_overflow_moves_to_the_next_millisecond() -> None:
    clock = HybridClock("a1", last=Stamp(1000, MAX_COUNTER, "a1"), wall=ManualWall(0))
    assert clock.now() == Stamp(1001, 0, "a1")


def test_observing_a_stamp_from_ahead_keeps_later_local_stamps_after_it() -> None:
    clock = HybridClock("a1", wall=ManualWall(1000))
    remote = Stamp(5000, 7, "b2")
    clock.observe(remote)
    mine = clock.now()
    assert mine > remote
    assert mine.node == "a1"
    clock.observe(Stamp(10, 0, "b2"))  # an older stamp changes nothing
    assert clock.now() > mine


def test_a_stored_last_stamp_is_respected_after_a_restart() -> None:
    before = Stamp(9_000_000_000_000, 3, "a1")
    assert HybridClock("a1", last=before, wall=ManualWall(1)).now() > before


@pytest.mark.parametrize("node", ["", "a-b"])
def test_node_ids_must_be_usable_in_the_text_form(node: str) -> None:
    with pytest.raises(ValueError):
        HybridClock(node)


@pytest.mark.parametrize("text", ["", "123-00001-a", "0000000001000-1-a", "0000000001000-00001-", "garbage"])
def test_malformed_stamps_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Stamp.decode(text)


stamps = st.builds(Stamp, st.integers(0, 10**13 - 1), st.integers(0, MAX_COUNTER),
                   st.text("0123456789abcdef", min_size=1, max_size=16))


@given(st.lists(stamps, min_size=2, max_size=20))
def test_text_order_is_stamp_order(values: list[Stamp]) -> None:
    for stamp in values:
        assert Stamp.decode(stamp.encode()) == stamp
    assert sorted(s.encode() for s in values) == [s.encode() for s in sorted(values)]


@given(st.lists(st.one_of(st.integers(-10_000, 10_000), stamps), max_size=60))
def test_local_stamps_always_increase(events: list[int | Stamp]) -> None:
    """Each event moves the wall clock (an int, possibly backwards) or brings a remote stamp."""
    wall = ManualWall(1_700_000_000_000)
    clock = HybridClock("a1", wall=wall)
    last = clock.now()
    for event in events:
        if isinstance(event, Stamp):
            clock.observe(event)
        else:
            wall.ms = max(0, wall.ms + event)
        stamp = clock.now()
        assert stamp > last
        if isinstance(event, Stamp):
            assert (stamp.wall_ms, stamp.counter) > (event.wall_ms, event.counter)
        last = stamp
