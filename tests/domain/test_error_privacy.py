"""A database error never repeats the values of the statement: ID numbers and phones stay out of
messages and logs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.db.database import Database
from server.city import CityServer


def test_a_failed_statement_on_the_ledger_shows_no_values(db: Database) -> None:
    with pytest.raises(IntegrityError) as failed, db.session() as session:
        session.execute(text("INSERT INTO local_state (key, value) VALUES (:k, :v)"),
                        {"k": "node_id", "v": "13904361234"})
    message = str(failed.value)
    assert "UNIQUE" in message and "13904361234" not in message
    assert "hidden due to hide_parameters" in message


def test_a_failed_statement_on_the_city_server_shows_no_values(tmp_path: Path) -> None:
    city = CityServer(str(tmp_path / "city.sqlite"))
    try:
        with pytest.raises(IntegrityError) as failed, city.engine.begin() as conn:
            conn.execute(text("INSERT INTO server_state (key, value) VALUES (:k, :v)"),
                         {"k": "keys", "v": "220802197501010011"})
        assert "220802197501010011" not in str(failed.value)
    finally:
        city.close()
