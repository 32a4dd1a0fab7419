"""``community-ledger``: start the desktop app."""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import argparse  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="community-ledger", description="Community Ledger (社区党建台账)")
    parser.add_argument("--db", metavar="PATH", help="open this database file")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language for this run")
    parser.add_argument("--smoke", action="store_true",
                        help="open the main window, wait for the home view and the members list, exit")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from app import bootstrap

    return bootstrap.run(args, _STARTED)


if __name__ == "__main__":
    raise SystemExit(main())
