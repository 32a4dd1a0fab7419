"""``community-ledger-server``: the reference city server's command line.

Errors are one line on stderr and a non-zero exit; a refused package exits with 3.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from app import __version__
from app.console import (
    leave_quietly_on_broken_pipe,
    one_line,
    os_error_line,
    tolerate_unencodable,
    undecodable,
)
from app.sync.errors import SyncError
from app.sync.package import FILE_SUFFIX
from server.city import CityServer, ServerError
from server.migrate import SchemaError
from server.stats import city_stats


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def _print(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="community-ledger-server", description="Community Ledger city server")
    parser.add_argument("--db", metavar="URL", required=True,
                        help="database URL (postgresql+psycopg://...) or an SQLite file path")
    parser.add_argument("--read-db", metavar="URL", default=os.environ.get("LEDGER_READ_DB_URL"),
                        help="a read-only copy (PostgreSQL replica) that figures for people are read from "
                             "(default: $LEDGER_READ_DB_URL, else --db)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("add-community", help="enrol a community (or one more computer of it); prints a code")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--district", required=True)
    p.add_argument("--street", required=True)
    p.add_argument("--city", default="")
    p.set_defaults(run=run_add_community)

    p = sub.add_parser(
        "import", help="apply communities' sync packages; prints the report as JSON",
        description="Apply one package (prints its report) or several: files, or folders whose "
                    f"*{FILE_SUFFIX} files are taken in name order (prints a list, one entry per file, "
                    "each with its report or the reason it was refused). Exit 3 when any was refused.")
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    p.set_defaults(run=run_import)

    p = sub.add_parser("export-for", help="write the return package for a community (or several)",
                       description="Write each community's return package. With several codes, --out "
                                   "is a folder and one package per community is written into it.")
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.add_argument("--out", required=True, metavar="FILE_OR_DIR")
    p.add_argument("--node", action="append", help="only for this computer (repeatable)")
    p.set_defaults(run=run_export_for)

    p = sub.add_parser("communities", help="enrolled communities, their computers and fingerprints")
    p.set_defaults(run=run_communities)

    p = sub.add_parser("fingerprint", help="this server's key fingerprint")
    p.set_defaults(run=run_fingerprint)

    p = sub.add_parser("put-city-record", help="create or change a record the city owns (JSON fields)")
    p.add_argument("table")
    p.add_argument("fields", help='e.g. \'{"name": "市民政局"}\'')
    p.add_argument("--id", dest="record_id")
    p.set_defaults(run=run_put_city_record)

    p = sub.add_parser("stats", help="counts summed over all communities, by district, street and community")
    p.add_argument("--json", action="store_true", help="print JSON (the only format)")
    p.add_argument("--district", help="only this district")
    p.set_defaults(run=run_stats)

    p = sub.add_parser("serve", help="run the web service: the sync API and the staff web page",
                       description="Serve the sync API (/api/v1/, docs/sync-http.md) and the staff web "
                                   "page with uvicorn. Settings may also come from LEDGER_* environment "
                                   "variables.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--max-body-mb", type=int, help="the largest push accepted, in MiB (default 64)")
    p.add_argument("--stale-days", type=int, help="the page lists communities silent this long (default 7)")
    p.add_argument("--cookie-secure", action="store_true", default=None,
                   help="send the session cookie over HTTPS only (behind the HTTPS proxy)")
    p.set_defaults(run=run_serve)

    p = sub.add_parser("revoke-node", help="refuse a computer's node token from now on")
    p.add_argument("node", metavar="NODE", help="the computer's node id (see communities)")
    p.set_defaults(run=run_revoke_node)

    p = sub.add_parser("add-user", help="add a staff account for the web page; the password is read "
                                        "from standard input")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=["city", "district"])
    p.add_argument("--district", default="", help="the district a district user sees")
    p.set_defaults(run=run_add_user)

    p = sub.add_parser("publish-notice", help="publish a notice (通知公告) to the communities")
    p.add_argument("title")
    p.add_argument("--text", default="", help="the notice's text (or - to read it from standard input)")
    p.add_argument("--attachment", default="", help="the name of an attachment sent by other means")
    p.add_argument("--district", default="", help="only for this district")
    p.add_argument("--street", default="", help="only for this street of --district")
    p.add_argument("--publisher", default="市委组织部")
    p.set_defaults(run=run_publish_notice)

    p = sub.add_parser("publish-livelihood", help="publish one of the city's livelihood projects (民生实事), "
                                                  "or change it with --id; prints its id")
    p.add_argument("title")
    p.add_argument("--year", required=True, help="the year of the city's list")
    p.add_argument("--number", required=True, help="its place in the year's list (1-99)")
    p.add_argument("--text", default="", help="what the project is (or - to read it from standard input)")
    p.add_argument("--lead-unit", default="", help="the department that leads it (牵头单位)")
    p.add_argument("--publisher", default="市委组织部")
    p.add_argument("--id", dest="project_id", help="change this project instead of publishing a new one")
    p.set_defaults(run=run_publish_livelihood)

    p = sub.add_parser("withdraw-livelihood", help="withdraw a livelihood project published by mistake")
    p.add_argument("project_id", metavar="ID")
    p.set_defaults(run=run_withdraw_livelihood)

    p = sub.add_parser("livelihood", help="the city's livelihood projects as JSON")
    p.add_argument("--year", type=int)
    p.set_defaults(run=run_livelihood)
    return parser


def run_add_community(server: CityServer, args: argparse.Namespace) -> int:
    issued = server.add_community(args.code, args.name, args.district, args.street, args.city)
    print(f"community id: {issued.community_id}")
    print(f"server fingerprint: {issued.server_fingerprint}")
    print(f"computer: number {issued.computer} of this community")
    print("enrolment code (one computer, one use):")
    print(issued.code)
    return 0


def _packages(names: list[str]) -> list[Path]:
    """The package files named, a folder standing for its packages (other files on a USB drive,
    such as those Windows or antivirus programs leave, are passed over)."""
    found: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.glob(f"*{FILE_SUFFIX}") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise ServerError(f"package file not found: {path}")
    if not found:
        raise ServerError(f"no {FILE_SUFFIX} package in {', '.join(names)}")
    return found


def run_import(server: CityServer, args: argparse.Namespace) -> int:
    paths = _packages(args.files)
    if len(args.files) == 1 and len(paths) == 1 and not Path(args.files[0]).is_dir():
        try:
            report = server.import_file(paths[0]).to_json()
        except SyncError as exc:
            if exc.code == "import_raced":
                # As for a package applied before: nothing to do, nothing went wrong.
                print(f"community-ledger-server: {exc} [{exc.code}]", file=sys.stderr)
                return 0
            print(f"community-ledger-server: error: package refused: {exc} [{exc.code}]", file=sys.stderr)
            return 3
        _print(report)
        return 0
    entries: list[dict[str, Any]] = []
    for path in paths:
        # Each package is its own transaction: one refused leaves the others applied.
        try:
            entries.append({"file": str(path), "report": server.import_file(path).to_json()})
        except SyncError as exc:
            entries.append({"file": str(path), "refused": str(exc), "code": exc.code})
            print(f"community-ledger-server: error: {path.name}: package refused: {exc} [{exc.code}]",
                  file=sys.stderr)
    _print(entries)
    return 3 if any("refused" in e for e in entries) else 0


def run_export_for(server: CityServer, args: argparse.Namespace) -> int:
    out = Path(args.out)
    if len(args.codes) > 1:
        if not out.is_dir():
            raise ServerError(f"with several communities, --out must be an existing folder: {out}")
        entries: list[dict[str, Any]] = []
        for code in args.codes:
            try:
                entries.append({"code": code, **server.export_for(code, out, args.node)})
            except ServerError as exc:
                entries.append({"code": code, "error": str(exc)})
                print(f"community-ledger-server: error: {exc}", file=sys.stderr)
        _print(entries)
        return 1 if any("error" in e for e in entries) else 0
    if not out.is_dir() and not out.parent.is_dir():
        raise ServerError(f"folder does not exist: {out.parent}")
    _print(server.export_for(args.codes[0], out, args.node))
    return 0


def run_communities(server: CityServer, args: argparse.Namespace) -> int:
    _print(server.communities())
    return 0


def run_fingerprint(server: CityServer, args: argparse.Namespace) -> int:
    print(f"{server.node_id}  {server.identity.fingerprint}")
    return 0


def run_put_city_record(server: CityServer, args: argparse.Namespace) -> int:
    try:
        fields = json.loads(args.fields)
    except json.JSONDecodeError as exc:
        raise ServerError(f"fields are not JSON: {exc}") from None
    if not isinstance(fields, dict):
        raise ServerError("fields must be a JSON object")
    print(server.put_city_record(args.table, fields, args.record_id))
    return 0


def run_stats(server: CityServer, args: argparse.Namespace) -> int:
    _print(city_stats(server, args.district))
    return 0


def run_serve(server: CityServer, args: argparse.Namespace) -> int:
    import uvicorn
    from pydantic import ValidationError

    from server.asgi import create_app
    from server.settings import ServerSettings

    given = {"db_url": args.db, "read_db_url": args.read_db, "max_body_mb": args.max_body_mb,
             "stale_days": args.stale_days, "cookie_secure": args.cookie_secure}
    try:
        settings = ServerSettings(**{k: v for k, v in given.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ServerError(f"settings: {problems}") from None
    if args.workers < 1:
        raise ServerError("--workers is at least 1")
    options: dict[str, Any] = {"host": args.host, "port": args.port, "proxy_headers": True,
                               "server_header": False}
    if args.workers == 1:
        uvicorn.run(create_app(settings, server), **options)
    else:
        # Each worker builds its application from the environment.
        os.environ.update(settings.environment())
        uvicorn.run("server.asgi:app_from_environment", factory=True, workers=args.workers, **options)
    return 0


def run_revoke_node(server: CityServer, args: argparse.Namespace) -> int:
    from server.exchange import NetworkSync

    NetworkSync(server).revoke(args.node)
    print(f"computer {args.node} revoked: its node token is refused from now on")
    return 0


def _password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise ServerError("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run_add_user(server: CityServer, args: argparse.Namespace) -> int:
    from server.staff import add_user

    staff = add_user(server, args.name, _password(), args.role, args.district)
    where = f" of {staff.district}" if staff.district else ""
    print(f"user {staff.username} added: {staff.role}{where}")
    return 0


def run_publish_notice(server: CityServer, args: argparse.Namespace) -> int:
    from app.models import NoticeTarget
    from server.notices import NoticeError, publish

    text = sys.stdin.read() if args.text == "-" else args.text
    target = (NoticeTarget.STREET if args.street else NoticeTarget.DISTRICT if args.district
              else NoticeTarget.CITY).value
    try:
        notice_id = publish(server, title=args.title, body=text, attachment_name=args.attachment,
                            target=target, district=args.district, street=args.street,
                            publisher=args.publisher)
    except NoticeError as exc:
        raise ServerError(f"notice refused: {exc.code} {exc.params or ''}".strip()) from None
    print(notice_id)
    return 0


def run_publish_livelihood(server: CityServer, args: argparse.Namespace) -> int:
    from server.livelihood import LivelihoodError, publish

    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        project_id = publish(server, year=args.year, number=args.number, title=args.title, description=text,
                             lead_unit=args.lead_unit, publisher=args.publisher, project_id=args.project_id)
    except LivelihoodError as exc:
        raise ServerError(f"livelihood project refused: {exc.code} {exc.params or ''}".strip()) from None
    print(project_id)
    return 0


def run_withdraw_livelihood(server: CityServer, args: argparse.Namespace) -> int:
    from server.livelihood import LivelihoodError, withdraw

    try:
        withdraw(server, args.project_id)
    except LivelihoodError as exc:
        raise ServerError(f"livelihood project refused: {exc.code}") from None
    print(f"livelihood project {args.project_id} withdrawn")
    return 0


def run_livelihood(server: CityServer, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from server.livelihood import projects

    _print([asdict(p) for p in projects(server, args.year)])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    tolerate_unencodable(sys.stdout)
    bad = undecodable(list(sys.argv[1:] if argv is None else argv))
    if bad is not None:
        print(f"community-ledger-server: error: an argument is not UTF-8 text: {bad}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    try:
        server = CityServer(args.db, read_url=args.read_db)
    except SchemaError as exc:
        print(f"community-ledger-server: error: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(f"community-ledger-server: error: cannot open the database: {one_line(exc.orig, 200)}",
              file=sys.stderr)
        return 1
    except Exception as exc:  # a bad URL, a missing driver
        print(f"community-ledger-server: error: cannot open the database: {one_line(exc)}", file=sys.stderr)
        return 1
    try:
        return int(args.run(server, args))
    except BrokenPipeError:
        return leave_quietly_on_broken_pipe()
    except ServerError as exc:
        print(f"community-ledger-server: error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        detail = one_line(getattr(exc, "orig", None) or exc, 200)
        print(f"community-ledger-server: error: database error: {detail}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"community-ledger-server: error: {os_error_line(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        server.close()


if __name__ == "__main__":
    raise SystemExit(main())
