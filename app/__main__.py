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
    # The error log comes first: whatever fails from here on (a damaged settings file, a ledger that
    # breaks the window) leaves its trace in the log, also on Windows where there is no console.
    from app import errorlog
    from app.ui.errors import StartupNotice

    notice = StartupNotice(smoke=args.smoke)
    errorlog.install(notice.report)
    try:
        from app import bootstrap

        return bootstrap.run(args, _STARTED)
    except Exception as error:  # nothing above this line could handle it: log it, say so, exit
        notice.report(errorlog.record(error))
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
