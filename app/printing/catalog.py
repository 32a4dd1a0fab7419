"""Every printable ledger, in the order of the yearly book, and printing one of them."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from app.db.database import Database
from app.printing.base import LANDSCAPE, DocInfo, PrintOptions, render
from app.printing.ledgers import Community, LedgerKind, LedgerTable, community_of, ledger_story
from app.printing.registry_reports import REGISTRY_KINDS
from app.printing.venue_report import VENUE_REPORTS
from app.printing.work_reports import WORK_KINDS
from app.services.errors import DomainError

LEDGER_KINDS: dict[str, LedgerKind] = {k.kind: k for k in REGISTRY_KINDS + WORK_KINDS + VENUE_REPORTS}


def ledger_kind(kind: str) -> LedgerKind:
    try:
        return LEDGER_KINDS[kind]
    except KeyError:
        raise DomainError("unknown_kind", kind=kind) from None


def ledger_qr(kind: str, community: Community, year: int | None) -> str:
    return f"ledger:{kind}:{community.id}" + (f":{year}" if year else "")


def tables_story(tables: list[LedgerTable], community: Community, *, in_book: bool = False) -> list[Flowable]:
    story: list[Flowable] = []
    for i, table in enumerate(tables):
        if i:
            story.append(PageBreak())
        story += ledger_story(table, community, in_book=in_book)
    return story


def print_ledger(db: Database, kind: str, path: Path, *, year: int | None = None,
                 options: PrintOptions | None = None) -> int:
    """Write the report of ledger ``kind`` (of ``year`` where it has years) to ``path``; return pages."""
    options = options or PrintOptions()
    spec = ledger_kind(kind)
    community = community_of(db)
    if spec.yearly:
        year = year or options.date.year
    tables = spec.build(db, year, options)
    info = DocInfo(
        title=spec.title, qr_value=ledger_qr(kind, community, year if spec.yearly else None),
        orientation=LANDSCAPE, header=f"{community.place} · {spec.title}", print_date=options.date,
    )
    return render(path, tables_story(tables, community), info)
