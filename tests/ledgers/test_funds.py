"""Funds: amounts in fen, running balance per fund and year, no expense beyond the balance."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.database import Database
from app.services.errors import DomainError, ValidationError
from app.services.funds import FundService, fen_to_yuan, yuan_to_fen
from app.services.registry import RegistryService

from .conftest import Clock


@pytest.fixture
def funds(db: Database, registry: RegistryService, clock: Clock) -> FundService:
    return FundService(db, clock)


def entry(fund: str, day: str, direction: str, fen: int, purpose: str = "") -> dict[str, object]:
    return {"fund_id": fund, "entry_date": day, "direction": direction, "amount_fen": fen,
            "voucher_no": f"记-{day}", "purpose": purpose, "handler": "会计"}


def test_yuan_and_fen() -> None:
    assert yuan_to_fen("1,234.5") == 123450
    assert yuan_to_fen("0.01元") == 1
    assert yuan_to_fen(12) == 1200
    for bad in ("1.234", "abc", "1e3", ""):
        with pytest.raises(ValueError):
            yuan_to_fen(bad)
    assert fen_to_yuan(123456789) == "1,234,567.89"
    assert fen_to_yuan(-5) == "-0.05"


def test_running_balance_per_year(funds: FundService) -> None:
    fund = funds.create_fund({"name": "党建经费", "kind": "party_building", "opening_fen": 50000})
    funds.add_entry(entry(fund, "2024-12-20", "income", 100000, "上级拨付"))
    funds.add_entry(entry(fund, "2025-03-01", "expense", 30055, "购买党建书籍"))
    funds.add_entry(entry(fund, "2025-01-10", "income", 200000, "年度拨付"))
    funds.add_entry(entry(fund, "2025-06-01", "expense", 19945, "主题党日活动"))
    ledger = funds.ledger(fund, 2025)
    assert ledger.opening_fen == 150000
    assert [(r.entry_date, r.balance_fen) for r in ledger.rows] == [
        (date(2025, 1, 10), 350000), (date(2025, 3, 1), 319945), (date(2025, 6, 1), 300000)]
    assert (ledger.income_fen, ledger.expense_fen, ledger.closing_fen) == (200000, 50000, 300000)
    assert funds.ledger(fund, 2024).closing_fen == 150000
    assert funds.ledger(fund, 2026).opening_fen == 300000
    assert [(b.name, b.balance_fen) for b in funds.funds()] == [("党建经费", 300000)]


def test_expense_beyond_the_balance_is_refused(funds: FundService) -> None:
    fund = funds.create_fund({"name": "服务群众专项经费", "kind": "serving_residents"})
    funds.add_entry(entry(fund, "2025-02-01", "income", 10000))
    with pytest.raises(DomainError) as exc:
        funds.add_entry(entry(fund, "2025-02-02", "expense", 10001))
    assert exc.value.code == "fund_overdraft"
    assert exc.value.params["balance_fen"] == 10000
    # An expense dated before the income that would cover it is refused too.
    with pytest.raises(DomainError):
        funds.add_entry(entry(fund, "2025-01-15", "expense", 500))
    spent = funds.add_entry(entry(fund, "2025-02-02", "expense", 10000))
    assert funds.total_balance_fen() == 0
    # Removing the income would leave the expense uncovered.
    income = funds.ledger(fund, 2025).rows[0].id
    with pytest.raises(DomainError) as exc:
        funds.delete_entry(income)
    assert exc.value.code == "fund_overdraft"
    funds.delete_entry(spent)
    funds.delete_entry(income)
    assert funds.ledger(fund, 2025).rows == []


def test_entry_fields_are_checked(funds: FundService) -> None:
    fund = funds.create_fund({"name": "党建经费"})
    with pytest.raises(ValidationError) as exc:
        funds.add_entry({"fund_id": fund, "entry_date": "2025-13-01", "direction": "gift", "amount_fen": 0})
    assert exc.value.codes() == {"entry_date": "bad_date", "direction": "bad_choice",
                                 "amount_fen": "too_small"}
    with pytest.raises(ValidationError) as exc:
        funds.add_entry(entry("no-such-fund", "2025-01-01", "income", 1))
    assert exc.value.codes() == {"fund_id": "ref_missing"}
    with pytest.raises(ValidationError) as exc:
        funds.create_fund({"name": "党建经费"})
    assert exc.value.codes() == {"name": "duplicate"}


def test_update_rechecks_the_balance(funds: FundService) -> None:
    fund = funds.create_fund({"name": "党建经费"})
    funds.add_entry(entry(fund, "2025-01-01", "income", 1000))
    spent = funds.add_entry(entry(fund, "2025-01-02", "expense", 800))
    with pytest.raises(DomainError):
        funds.update_entry(spent, entry(fund, "2025-01-02", "expense", 1200))
    old = funds.update_entry(spent, entry(fund, "2025-01-02", "expense", 900))
    assert old == {"amount_fen": 800}
    assert funds.total_balance_fen() == 100


def test_amounts_may_be_typed_in_yuan(funds: FundService) -> None:
    fund = funds.create_fund({"name": "党建经费", "opening_fen": "1,000.50"})
    funds.add_entry({"fund_id": fund, "entry_date": "2025-03-01", "direction": "expense",
                     "amount_fen": "0.5"})
    assert funds.total_balance_fen() == 100000
    with pytest.raises(ValidationError) as exc:
        funds.add_entry({"fund_id": fund, "entry_date": "2025-03-01", "direction": "income",
                         "amount_fen": "1.005"})
    assert exc.value.codes() == {"amount_fen": "bad_money"}
