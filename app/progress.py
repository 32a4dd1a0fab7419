"""How long work tells how far it is, and learns it should stop: the domain's side of the UI's runner.

A use case that can take long takes a :class:`Progress` and calls ``check()`` between its steps
(the runner's task raises there when the user cancelled) and ``committing()`` just before it
commits (from then on it is no longer cancelled).  :data:`QUIET` is for callers that do not care.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def progress(self, done: int, total: int = 0, text: str = "") -> None: ...

    def check(self) -> None: ...

    def committing(self) -> None: ...


class _Quiet:
    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        pass

    def check(self) -> None:
        pass

    def committing(self) -> None:
        pass


QUIET: Progress = _Quiet()
