"""The four co-construction lists (区域共建四项清单): needs, resources, projects and
responsibilities, each entry linked to the resident units involved."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.collation import by_pinyin
from app.models import ResidentUnit
from app.models.ledgers import CoBuildItem, CoBuildList, CoBuildStatus, CoBuildUnit
from app.services.errors import FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, validate

ITEM_FIELDS = (
    Field("list_kind", Kind.CHOICE, required=True, choices=tuple(k.value for k in CoBuildList)),
    Field("year", Kind.INT, minimum=0, maximum=2100, default=0),
    Field("title", required=True, max_len=200),
    Field("detail", Kind.LONG_TEXT),
    Field("status", Kind.CHOICE, required=True, choices=tuple(s.value for s in CoBuildStatus),
          default=CoBuildStatus.OPEN.value),
    Field("owner", max_len=50),
    Field("due_date", Kind.DATE),
)


@dataclass(frozen=True)
class CoBuildView:
    id: str
    list_kind: str
    year: int
    title: str
    status: str
    owner: str
    due_date: date | None
    unit_ids: list[str]
    unit_names: list[str]


class CoConstructionService(LedgerService):

    def create(self, values: Values, unit_ids: list[str] | None = None) -> str:
        cleaned = validate(ITEM_FIELDS, values)
        with self.db.session() as session:
            self._check_units(session, unit_ids or [])
            item_id = self.add(session, CoBuildItem(**cleaned))
            self._set_units(session, item_id, unit_ids or [])
            return item_id

    def update(self, item_id: str, values: Values, unit_ids: list[str] | None = None) -> Values:
        cleaned = validate(ITEM_FIELDS, values)
        with self.db.session() as session:
            row = self.load(session, CoBuildItem, item_id, "cobuild_item")
            old = self.change(session, row, cleaned)
            if unit_ids is not None:
                self._check_units(session, unit_ids)
                before = self._unit_ids(session, item_id)
                if set(before) != set(unit_ids):
                    old["unit_ids"] = before
                    self._set_units(session, item_id, unit_ids)
            return old

    def set_status(self, item_id: str, status: str) -> None:
        if status not in tuple(s.value for s in CoBuildStatus):
            raise ValidationError([FieldError("status", "bad_choice")])
        with self.db.session() as session:
            row = self.load(session, CoBuildItem, item_id, "cobuild_item")
            self.change(session, row, {"status": status})

    def delete(self, item_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, CoBuildItem, item_id, "cobuild_item")
            self._set_units(session, item_id, [])
            self.log(session).deleted(row)

    def get(self, item_id: str) -> CoBuildView:
        with self.db.session() as session:
            r = self.load(session, CoBuildItem, item_id, "cobuild_item")
            units = session.execute(
                select(CoBuildUnit.resident_unit_id, ResidentUnit.name)
                .join(ResidentUnit, ResidentUnit.id == CoBuildUnit.resident_unit_id)
                .where(self.live(CoBuildUnit), CoBuildUnit.item_id == item_id)
                .order_by(by_pinyin(ResidentUnit.name))).all()
        return CoBuildView(r.id, r.list_kind, r.year, r.title, r.status, r.owner, r.due_date,
                           [u for u, _ in units], [n for _, n in units])

    def items(self, list_kind: str | None = None, year: int | None = None) -> list[CoBuildView]:
        stmt = select(CoBuildItem).where(self.live(CoBuildItem)).order_by(
            CoBuildItem.list_kind, by_pinyin(CoBuildItem.title))
        if list_kind:
            stmt = stmt.where(CoBuildItem.list_kind == list_kind)
        if year is not None:
            stmt = stmt.where(CoBuildItem.year == year)
        with self.db.session() as session:
            rows = session.scalars(stmt).all()
            links: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for item_id, unit_id, name in session.execute(
                    select(CoBuildUnit.item_id, CoBuildUnit.resident_unit_id, ResidentUnit.name)
                    .join(ResidentUnit, ResidentUnit.id == CoBuildUnit.resident_unit_id)
                    .where(self.live(CoBuildUnit)).order_by(by_pinyin(ResidentUnit.name))):
                links[item_id].append((unit_id, name))
        return [CoBuildView(r.id, r.list_kind, r.year, r.title, r.status, r.owner, r.due_date,
                            [u for u, _ in links[r.id]], [n for _, n in links[r.id]]) for r in rows]

    def counts(self) -> dict[str, dict[str, int]]:
        """list kind -> status -> entries."""
        result = {k.value: dict.fromkeys((s.value for s in CoBuildStatus), 0) for k in CoBuildList}
        with self.db.session() as session:
            for kind, status, n in session.execute(
                    select(CoBuildItem.list_kind, CoBuildItem.status, func.count())
                    .where(self.live(CoBuildItem)).group_by(CoBuildItem.list_kind, CoBuildItem.status)):
                result.setdefault(kind, {})[status] = int(n)
        return result

    def _check_units(self, session: Session, unit_ids: list[str]) -> None:
        if any(not self.is_live(session, ResidentUnit, u) for u in unit_ids):
            raise ValidationError([FieldError("unit_ids", "ref_missing")])

    def _unit_ids(self, session: Session, item_id: str) -> list[str]:
        return sorted(session.scalars(select(CoBuildUnit.resident_unit_id).where(
            self.live(CoBuildUnit), CoBuildUnit.item_id == item_id)))

    def _set_units(self, session: Session, item_id: str, unit_ids: list[str]) -> None:
        wanted = set(unit_ids)
        log = self.log(session)
        present: set[str] = set()
        for link in session.scalars(select(CoBuildUnit).where(CoBuildUnit.item_id == item_id,
                                                              CoBuildUnit.community_id == self.community_id)):
            if link.resident_unit_id in wanted and link.resident_unit_id not in present:
                present.add(link.resident_unit_id)
                if link.deleted_at is not None:
                    log.restored(link)
            elif link.deleted_at is None:
                log.deleted(link)
        for unit_id in sorted(wanted - present):
            self.add(session, CoBuildUnit(item_id=item_id, resident_unit_id=unit_id))
