"""The community's brand (一区一品一特色), as the overview page and the printed ledger show it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.db.collation import by_pinyin
from app.db.database import Database
from app.models.ledgers import BrandLevel, CommunityBrand
from app.models.scope import live_in


@dataclass(frozen=True)
class Brand:
    name: str
    description: str
    founded_year: int
    level: str
    recognition: str
    recognised_year: int | None

    @property
    def recognised(self) -> bool:
        return self.level != BrandLevel.NONE.value


def community_brands(db: Database, community_id: str | None, *, by_year: int | None = None) -> list[Brand]:
    """The community's brands, oldest first; ``by_year``: only those begun by the end of that year."""
    if community_id is None:
        return []
    query = select(CommunityBrand).where(live_in(CommunityBrand, community_id))
    if by_year is not None:
        query = query.where(CommunityBrand.founded_year <= by_year)
    with db.session() as session:
        rows = session.scalars(query.order_by(CommunityBrand.founded_year, by_pinyin(CommunityBrand.name)))
        return [Brand(b.name, b.description, b.founded_year, b.level, b.recognition, b.recognised_year)
                for b in rows]
