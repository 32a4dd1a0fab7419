"""Registry commands: ``init``, ``demo`` and ``stats``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError

from app.cli.common import CliError, new_file_or_nothing, open_database
from app.services.demo import DEFAULT_SEED, SCALES, fill_demo
from app.services.errors import DomainError
from app.services.registry import RegistryService
from app.services.stats import LABELS, collect_stats


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="create a database for a community")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--street", required=True)
    p.add_argument("--district", required=True)
    p.add_argument("--city", required=True)
    p.add_argument("--org-kind", default="committee", choices=["committee", "general_branch", "branch"])
    p.set_defaults(run=run_init)

    p = sub.add_parser("demo", help="fill the database with realistic demo data (a new file is created)")
    p.add_argument("--scale", choices=SCALES, default="community",
                   help="community: one community; city: 102 communities (default: community)")
    p.add_argument("--seed", type=_seed, default=DEFAULT_SEED,
                   help=f"the same seed gives the same data (default: {DEFAULT_SEED})")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(run=run_demo)

    p = sub.add_parser("stats", help="count the live records")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--current", action="store_true",
                   help="only the database's current community (default: the whole database)")
    p.set_defaults(run=run_stats)


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def run_init(args: argparse.Namespace) -> int:
    with new_file_or_nothing(args.db):
        return _init(args)


def _init(args: argparse.Namespace) -> int:
    db = open_database(args.db, must_exist=False)
    try:
        svc = RegistryService(db)
        if svc.has_community():
            raise CliError("database already has a community")
        cid = svc.create_community({
            "code": args.code, "name": args.name, "street": args.street,
            "district": args.district, "city": args.city, "org_kind": args.org_kind,
        })
        print(cid)
        return 0
    finally:
        db.close()


class _Progress:
    """Progress on stderr: one rewritten line on a terminal, a line per tenth otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.shown = -1

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.tty:
            end = "\n" if done == total else ""
            print(f"\rdemo: {done}/{total} communities ({name})", end=end, file=sys.stderr, flush=True)
        elif done * 10 // total != self.shown or done == total:
            self.shown = done * 10 // total
            print(f"demo: {done}/{total} communities", file=sys.stderr, flush=True)


def run_demo(args: argparse.Namespace) -> int:
    with new_file_or_nothing(args.db):
        return _demo(args)


def _demo(args: argparse.Namespace) -> int:
    db = open_database(args.db, must_exist=False)
    try:
        progress = None if args.quiet or args.scale != "city" else _Progress()
        try:
            result = fill_demo(db, scale=args.scale, seed=args.seed, progress=progress)
            s = collect_stats(db)
        except DomainError as exc:
            if exc.code == "community_not_empty":
                raise CliError("the database's community already has records; "
                               "demo needs an empty community or a new database file") from None
            raise
        except OperationalError as exc:
            raise CliError(f"cannot write the database: {exc.orig}") from None
        except IntegrityError:
            raise CliError("another process wrote demo data into the same database at the same time; "
                           "nothing of this run was kept") from None
        counts = ", ".join(f"{key} {s[key]}" for key in (
            "communities", "compounds", "buildings", "party_groups", "party_members"))
        print(f"demo ({result.scale}, seed {result.seed}): {counts}; "
              f"{result.records} records written in {result.seconds:.1f} s")
        return 0
    finally:
        db.close()


def run_stats(args: argparse.Namespace) -> int:
    db = open_database(args.db, must_exist=True, read_only=True)
    try:
        community_id = None
        if args.current:
            community_id = db.community_id
            if community_id is None:
                raise CliError("the database has no community yet")
        try:
            stats = collect_stats(db, community_id)
        except OperationalError as exc:
            raise CliError(f"cannot read the database: {exc.orig}") from None
    finally:
        db.close()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, sort_keys=False))
        return 0
    width = max(len(k) for k in stats)
    for key, value in stats.items():
        shown = f"{value:,}" if isinstance(value, int) else f"{value:.4g}"
        print(f"{key:<{width}}  {shown:>12}  {LABELS.get(key, '')}")
    return 0
