"""Registry commands: ``init``."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli import CliError, open_database
from app.services.registry import RegistryService


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="create a database for a community")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--street", required=True)
    p.add_argument("--district", required=True)
    p.add_argument("--city", required=True)
    p.add_argument("--org-kind", default="committee", choices=["committee", "general_branch", "branch"])
    p.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
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
