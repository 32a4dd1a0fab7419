"""Funds ledgers (党建经费, 服务群众专项经费, ...): entries kept in fen, a running balance per fund
and year, and no expense beyond the balance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.db.collation import by_pinyin
from app.models.ledgers import Fund, FundDirection, FundEntry, FundKind
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, validate

MAX_FEN = 10**13

FUND_FIELDS = (
    Field("name", required=True, max_len=100),
    Field("kind", Kind.CHOICE, required=True, choices=tuple(k.value for k in FundKind),
          default=FundKind.PARTY_BUILDING.value),
    Field("opening_fen", Kind.FEN, required=True, minimum=0, maximum=MAX_FEN, default=0),
    Field("note", max_len=200),
)

ENTRY_FIELDS = (
    Field("fund_id", Kind.REF, required=True, ref="fund"),
    Field("entry_date", Kind.DATE, required=True),
    Field("voucher_no", max_len=30),
    Field("direction", Kind.CHOICE, required=True, choices=tuple(d.value for d in FundDirection)),
    Field("amount_fen", Kind.FEN, required=True, minimum=1, maximum=MAX_FEN),
    Field("purpose", max_len=200),
    Field("handler", max_len=50),
)

_YUAN = re.compile(r"^[+-]?\d+(\.\d{1,2})?$")


def yuan_to_fen(text: str | Decimal | int) -> int:
    """'1,234.5' -> 123450.  Raises ValueError for anything but yuan with at most two decimals."""
    if isinstance(text, int):
        return text * 100
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = text.strip().replace(",", "").replace("，", "").removesuffix("元")
        if not _YUAN.match(cleaned):
            raise ValueError(text)
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValueError(text) from None
    fen = value * 100
    if fen != fen.to_integral_value():
        raise ValueError(text)
    return int(fen)


def fen_to_yuan(fen: int) -> str:
    """12345 -> '123.45' (exact, no float)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


@dataclass(frozen=True)
class LedgerRow:
    id: str
    entry_date: date
    voucher_no: str
    direction: str
    amount_fen: int
    purpose: str
    handler: str
    balance_fen: int


@dataclass(frozen=True)
class FundLedger:
    fund_id: str
    year: int
    opening_fen: int
    rows: list[LedgerRow]
    income_fen: int
    expense_fen: int
    closing_fen: int


@dataclass(frozen=True)
class FundBalance:
    fund_id: str
    name: str
    kind: str
    balance_fen: int


def _signed(direction: str, amount: int) -> int:
    return amount if direction == FundDirection.INCOME.value else -amount


class FundService(LedgerService):

    # --- funds ----------------------------------------------------------------------

    def create_fund(self, values: Values) -> str:
        cleaned = validate(FUND_FIELDS, values)
        with self.db.session() as session:
            if self.count(session, Fund, Fund.name == cleaned["name"]):
                raise ValidationError([FieldError("name", "duplicate")])
            return self.add(session, Fund(**cleaned))

    def funds(self) -> list[FundBalance]:
        with self.db.session() as session:
            funds = session.scalars(select(Fund).where(self.live(Fund)).order_by(by_pinyin(Fund.name))).all()
            sums = self._sums(session)
        return [FundBalance(f.id, f.name, f.kind, f.opening_fen + sums.get(f.id, 0)) for f in funds]

    def total_balance_fen(self) -> int:
        return sum(f.balance_fen for f in self.funds())

    # --- entries --------------------------------------------------------------------

    def add_entry(self, values: Values) -> str:
        """Record income or expense; an expense that would take the balance below zero is refused."""
        cleaned = validate(ENTRY_FIELDS, values)
        with self.db.session() as session:
            fund = self._fund(session, cleaned["fund_id"])
            self._check_balance(session, fund, extra=(cleaned["entry_date"], cleaned["direction"],
                                                      cleaned["amount_fen"]))
            return self.add(session, FundEntry(**cleaned))

    def update_entry(self, entry_id: str, values: Values) -> Values:
        cleaned = validate(ENTRY_FIELDS, values)
        with self.db.session() as session:
            row = self.load(session, FundEntry, entry_id, "fund_entry")
            if cleaned["fund_id"] != row.fund_id:
                raise ValidationError([FieldError("fund_id", "cannot_change")])
            fund = self._fund(session, row.fund_id)
            self._check_balance(session, fund, skip=entry_id,
                                extra=(cleaned["entry_date"], cleaned["direction"], cleaned["amount_fen"]))
            return self.change(session, row, cleaned)

    def delete_entry(self, entry_id: str) -> None:
        """Remove an entry; refused when later expenses would then exceed the balance."""
        with self.db.session() as session:
            row = self.load(session, FundEntry, entry_id, "fund_entry")
            fund = self._fund(session, row.fund_id)
            self._check_balance(session, fund, skip=entry_id)
            self.log(session).deleted(row)

    def ledger(self, fund_id: str, year: int) -> FundLedger:
        """The year's entries in date order with the balance after each."""
        with self.db.session() as session:
            fund = self._fund(session, fund_id)
            before = session.scalar(select(func.coalesce(func.sum(case(
                (FundEntry.direction == FundDirection.INCOME.value, FundEntry.amount_fen),
                else_=-FundEntry.amount_fen)), 0)).where(
                self.live(FundEntry), FundEntry.fund_id == fund_id,
                FundEntry.entry_date < date(year, 1, 1))) or 0
            entries = session.scalars(select(FundEntry).where(
                self.live(FundEntry), FundEntry.fund_id == fund_id,
                FundEntry.entry_date >= date(year, 1, 1), FundEntry.entry_date < date(year + 1, 1, 1))
                .order_by(FundEntry.entry_date, FundEntry.created_at, FundEntry.id)).all()
            opening = fund.opening_fen + int(before)
        balance = opening
        rows: list[LedgerRow] = []
        income = expense = 0
        for e in entries:
            balance += _signed(e.direction, e.amount_fen)
            if e.direction == FundDirection.INCOME.value:
                income += e.amount_fen
            else:
                expense += e.amount_fen
            rows.append(LedgerRow(e.id, e.entry_date, e.voucher_no, e.direction, e.amount_fen, e.purpose,
                                  e.handler, balance))
        return FundLedger(fund_id, year, opening, rows, income, expense, balance)

    # --- helpers --------------------------------------------------------------------

    def _fund(self, session: Session, fund_id: str) -> Fund:
        if not self.is_live(session, Fund, fund_id):
            raise ValidationError([FieldError("fund_id", "ref_missing")])
        fund = session.get(Fund, fund_id)
        assert fund is not None
        return fund

    def _sums(self, session: Session) -> dict[str, int]:
        stmt = select(FundEntry.fund_id, func.sum(case(
            (FundEntry.direction == FundDirection.INCOME.value, FundEntry.amount_fen),
            else_=-FundEntry.amount_fen))).where(self.live(FundEntry)).group_by(FundEntry.fund_id)
        return {fid: int(total or 0) for fid, total in session.execute(stmt)}

    def _check_balance(self, session: Session, fund: Fund, skip: str | None = None,
                       extra: tuple[date, str, int] | None = None) -> None:
        """The balance, walked in date order (income before expense on a day), never goes below zero."""
        rows = [(d, direction, amount) for eid, d, direction, amount in session.execute(
            select(FundEntry.id, FundEntry.entry_date, FundEntry.direction, FundEntry.amount_fen)
            .where(self.live(FundEntry), FundEntry.fund_id == fund.id)) if eid != skip]
        if extra is not None:
            rows.append(extra)
        rows.sort(key=lambda r: (r[0], r[1] != FundDirection.INCOME.value))
        balance = fund.opening_fen
        for day, direction, amount in rows:
            balance += _signed(direction, amount)
            if balance < 0:
                raise DomainError("fund_overdraft", date=day, balance_fen=balance + amount,
                                  amount_fen=amount)
