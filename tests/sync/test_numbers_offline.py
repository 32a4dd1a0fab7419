"""Two computers of one community receive appeals offline: every appeal keeps a number of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.db.database import Database
from app.models.ledgers import Appeal
from app.services.appeals import AppealService
from app.sync.enrolment import EnrolmentCode
from server.city import CityServer

from .conftest import COMMUNITY_A, Computers, enrol, round_trip


def receive(db: Database, content: str) -> str:
    return AppealService(db).receive({"channel": "visit", "resident_name": "王淑芬", "category": "help",
                                      "content": content, "received_at": "2026-03-02 09:00"})


def numbers(db: Database) -> dict[str, str]:
    with db.session() as s:
        return {content: number for content, number in s.execute(select(Appeal.content, Appeal.number))}


def test_two_computers_offline_never_hand_out_the_same_appeal_number(
        computers: Computers, city: CityServer, tmp_path: Path) -> None:
    first, second = computers.new("a1"), computers.new("a2")
    a1 = enrol(city, first, COMMUNITY_A)
    a2 = enrol(city, second, COMMUNITY_A, init=False)
    assert (first.computer_number, second.computer_number) == (1, 2)
    receive(first, "楼道灯不亮")
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)

    # Both offline the same morning.
    receive(first, "暖气不热")
    receive(second, "下水道堵塞")
    receive(second, "路灯坏了")
    round_trip(city, COMMUNITY_A["code"], [a1, a2], tmp_path)

    expected = {"楼道灯不亮": "2026-00001", "暖气不热": "2026-00002", "下水道堵塞": "2026-00002-2",
                "路灯坏了": "2026-00003-2"}
    assert numbers(first) == numbers(second) == expected
    # After the exchange the shared sequence goes on from the highest number on either computer.
    receive(first, "垃圾清运不及时")
    assert numbers(first)["垃圾清运不及时"] == "2026-00004"


def test_the_server_numbers_each_code_it_issues_for_a_community(city: CityServer) -> None:
    codes = [city.add_community(COMMUNITY_A["code"], COMMUNITY_A["name"], COMMUNITY_A["district"],
                                COMMUNITY_A["street"]) for _ in range(3)]
    assert [c.computer for c in codes] == [1, 2, 3]
    assert [EnrolmentCode.decode(c.code).computer for c in codes] == [1, 2, 3]


def test_the_server_program_says_which_computer_a_code_is_for(tmp_path: Path) -> None:
    db = str(tmp_path / "city.sqlite")
    command = [sys.executable, "-m", "server.cli", "--db", db, "add-community", COMMUNITY_A["code"],
               COMMUNITY_A["name"], "--district", COMMUNITY_A["district"], "--street", COMMUNITY_A["street"]]
    outputs = [subprocess.run(command, capture_output=True, text=True, check=True).stdout for _ in range(2)]
    assert "computer: number 1 of this community" in outputs[0]
    assert "computer: number 2 of this community" in outputs[1]
