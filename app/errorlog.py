"""Unexpected errors: each goes to a log file the secretary can hand to support, and is announced.

Without this, an error in the windowed app on Windows leaves no trace at all: there is no console.
Every unhandled exception (in the main thread, in Qt's slots, in worker threads) is written with
its traceback to ``errors.log`` in the user's log folder (rotated, four files of at most 1 MB), then
``notify(path)`` tells the user where it is. A database unit of work that raised has rolled back,
so what was saved before stays safe. Messages carry no personal data: the database engines hide
statement values (``hide_parameters``) and the app's own errors are codes.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

import platformdirs

from app.settings import APP_NAME

LOG_NAME = "errors.log"
LOGGER = "community_ledger.errors"


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def install(notify: Callable[[Path], None], folder: Path | None = None) -> Path:
    """Send every unhandled exception to the log and to ``notify``; returns the log file's path."""
    folder = folder or default_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    logger = logging.getLogger(LOGGER)
    logger.propagate = False
    logger.setLevel(logging.ERROR)
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(threadName)s %(message)s"))
    logger.addHandler(handler)
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, trace)
            return
        logger.error("unexpected error", exc_info=(kind, error, trace))
        handler.flush()
        notify(path)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return path


def record(error: BaseException) -> Path | None:
    """Write an error that was caught (at the very top, with nothing left to handle it) to the log
    installed by :func:`install`; returns the log's path, or None when no log is installed."""
    logger = logging.getLogger(LOGGER)
    handlers = [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]
    if not handlers:
        return None
    logger.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    handlers[0].flush()
    return Path(handlers[0].baseFilename)
