"""What every ledger service shares: the current community, the clock, loading live records,
validating field values and the ledger settings table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.models import SyncedRecord
from app.models.ledgers import LedgerSetting
from app.models.scope import CITY_SCOPE, live_in, seen_by
from app.services.errors import DomainError, FieldError, NotFoundError, ValidationError
from app.services.fields import Field, clean
from app.sync.changes import ChangeLog

Values = dict[str, Any]
Clock = Callable[[], datetime]
R = TypeVar("R", bound=SyncedRecord)


def validate(fields: Iterable[Field], values: Values, partial: bool = False) -> Values:
    """Clean ``values`` field by field; raise one ValidationError listing every problem.

    With ``partial`` only the fields present in ``values`` are checked and returned.
    """
    cleaned: Values = {}
    errors: list[FieldError] = []
    for f in fields:
        if partial and f.name not in values:
            continue
        value, error = clean(f, values.get(f.name, f.default))
        if error:
            errors.append(error)
        else:
            cleaned[f.name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First day of the quarter and first day of the next one."""
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1), datetime(year + 1, 1, 1)


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` as a fraction 0..1, or None when there is nothing to measure."""
    return None if whole == 0 else part / whole


class LedgerService:
    """Base of the ledger services: one short session per call, writes through ChangeLog."""

    def __init__(self, db: Database, now: Clock = datetime.now) -> None:
        self.db = db
        self._now = now

    @property
    def community_id(self) -> str:
        cid = self.db.community_id
        if cid is None:
            raise DomainError("no_community")
        return cid

    def now(self) -> datetime:
        return self._now()

    def today(self) -> date:
        return self._now().date()

    def log(self, session: Session) -> ChangeLog:
        return ChangeLog(self.db, session, self._now)

    def load(self, session: Session, model: type[R], record_id: str, kind: str) -> R:
        obj = session.get(model, record_id)
        if obj is None or obj.deleted_at is not None or obj.community_id != self.community_id:
            raise NotFoundError(kind, record_id)
        return obj

    def is_live(self, session: Session, model: type[SyncedRecord], record_id: str | None) -> bool:
        """Whether ``record_id`` is a live record this community may refer to: its own, or one
        the city owns (organs and their cadres come from the city server)."""
        if not record_id:
            return False
        obj = session.get(model, record_id)
        return (obj is not None and obj.deleted_at is None
                and obj.community_id in (self.community_id, CITY_SCOPE))

    def check_ref(self, session: Session, model: type[SyncedRecord], record_id: str | None,
                  field_name: str) -> None:
        if record_id and not self.is_live(session, model, record_id):
            raise ValidationError([FieldError(field_name, "ref_missing")])

    def add(self, session: Session, obj: SyncedRecord) -> str:
        obj.community_id = self.community_id
        self.log(session).created(obj)
        return obj.id

    def change(self, session: Session, obj: SyncedRecord, values: Values) -> Values:
        """Apply the values that differ; return the old values of what changed (for undo)."""
        changed = {k: v for k, v in values.items() if getattr(obj, k) != v}
        old = {k: getattr(obj, k) for k in changed}
        self.log(session).updated(obj, changed)
        return old

    def delete_children(self, session: Session, model: Any, column: str, parent_id: str) -> None:
        """Tombstone the live rows of ``model`` whose ``column`` points at ``parent_id``."""
        log = self.log(session)
        for row in session.scalars(select(model).where(self.live(model),
                                                       getattr(model, column) == parent_id)):
            log.deleted(row)

    def live(self, model: Any) -> Any:
        """The WHERE clause of live records of the current community."""
        return live_in(model, self.community_id)

    def readable(self, model: Any) -> Any:
        """The WHERE clause of live records the community sees: its own and the city's."""
        return seen_by(model, self.community_id)

    def count(self, session: Session, model: Any, *where: Any) -> int:
        return int(session.scalar(
            select(func.count()).select_from(model).where(self.live(model), *where)) or 0)

    # --- settings -------------------------------------------------------------------

    def setting(self, session: Session, key: str) -> str | None:
        return session.scalar(
            select(LedgerSetting.value).where(self.live(LedgerSetting), LedgerSetting.key == key)
            .order_by(LedgerSetting.updated_at.desc()).limit(1))

    def settings(self, session: Session, prefix: str) -> dict[str, str]:
        rows = session.execute(
            select(LedgerSetting.key, LedgerSetting.value)
            .where(self.live(LedgerSetting), LedgerSetting.key.startswith(prefix))
            .order_by(LedgerSetting.updated_at))
        return {k: v for k, v in rows}

    def put_setting(self, session: Session, key: str, value: str) -> None:
        row = session.scalar(
            select(LedgerSetting).where(self.live(LedgerSetting), LedgerSetting.key == key)
            .order_by(LedgerSetting.updated_at.desc()).limit(1))
        if row is None:
            self.add(session, LedgerSetting(key=key, value=value))
        else:
            self.change(session, row, {"value": value})
