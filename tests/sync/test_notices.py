"""Notices (通知公告) reach only the communities they are meant for, in USB return packages as in
pulls; 已读 stays on each computer; a notice that cannot be published changes nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.services.notices import NoticeService
from server.city import CityServer
from server.models import ServerChange
from server.notices import NoticeError, publish

from .conftest import COMMUNITY_A, COMMUNITY_B, Computers, enrol, round_trip
from .http_server import BIN

COMMUNITY_C = {"code": "220881001", "name": "团结社区", "street": "团结街道", "district": "洮南市",
               "city": "白城市", "org_kind": "committee"}


def test_each_community_receives_the_notices_meant_for_it(
        city: CityServer, computers: Computers, tmp_path: Path, server_url: str) -> None:
    a, b, c = computers.new("a"), computers.new("b"), computers.new("c")
    services = {"a": enrol(city, a, COMMUNITY_A), "b": enrol(city, b, COMMUNITY_B),
                "c": enrol(city, c, COMMUNITY_C)}
    for svc, community in zip(services.values(), (COMMUNITY_A, COMMUNITY_B, COMMUNITY_C), strict=True):
        round_trip(city, community["code"], [svc], tmp_path)
    publish(city, title="全市通知", body="全市各社区", target="city", publisher="市委组织部")
    publish(city, title="洮北区通知", body="", target="district", district="洮北区",
            publisher="洮北区委组织部")
    publish(city, title="明仁街道通知", body="", target="street", district="洮北区", street="明仁街道",
            publisher="明仁街道党工委")
    result = subprocess.run([str(BIN / "community-ledger-server"), "--db", server_url, "publish-notice",
                             "洮南市通知", "--text", "洮南市各社区", "--district", "洮南市",
                             "--attachment", "名单.xlsx"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr

    for svc, community in zip(services.values(), (COMMUNITY_A, COMMUNITY_B, COMMUNITY_C), strict=True):
        round_trip(city, community["code"], [svc], tmp_path)
    titles = {name: [n.title for n in NoticeService(db).notices()]
              for name, db in (("a", a), ("b", b), ("c", c))}
    assert sorted(titles["a"]) == sorted(["全市通知", "洮北区通知", "明仁街道通知"])
    assert sorted(titles["b"]) == sorted(["全市通知", "洮北区通知"])
    assert sorted(titles["c"]) == sorted(["全市通知", "洮南市通知"])
    notice = next(n for n in NoticeService(c).notices() if n.title == "洮南市通知")
    assert (notice.body, notice.attachment_name, notice.target_district) == (
        "洮南市各社区", "名单.xlsx", "洮南市")

    # 已读 is kept on this computer only: nothing to send, nothing on the other computers.
    notices = NoticeService(a)
    assert notices.unread_count() == 3
    pending = services["a"].pending_count()
    assert notices.mark_read([titles_id(notices, "洮北区通知")]) == 1
    assert notices.mark_read([titles_id(notices, "洮北区通知")]) == 0
    assert notices.unread_count() == 2 and services["a"].pending_count() == pending
    assert NoticeService(b).unread_count() == 2
    assert notices.mark_all_read() == 2 and notices.unread_count() == 0


def titles_id(service: NoticeService, title: str) -> str:
    return next(n.id for n in service.notices() if n.title == title)


@pytest.mark.parametrize(("fields", "code"), [
    ({"title": "  ", "target": "city"}, "title_required"),
    ({"title": "通知", "target": "province"}, "bad_target"),
    ({"title": "通知", "target": "district"}, "district_required"),
    ({"title": "通知", "target": "street", "district": "洮北区"}, "street_required"),
    ({"title": "通知", "target": "city", "only_district": "洮北区"}, "other_district"),
    ({"title": "通知", "target": "district", "district": "洮南市", "only_district": "洮北区"},
     "other_district"),
    ({"title": "长" * 201, "target": "city"}, "title_too_long"),
])
def test_a_notice_that_cannot_be_published_changes_nothing(
        city: CityServer, fields: dict[str, str], code: str) -> None:
    def changes() -> int:
        with city.session() as session:
            return int(session.scalar(select(func.count()).select_from(ServerChange)) or 0)

    before = changes()
    with pytest.raises(NoticeError) as refused:
        publish(city, body="", publisher="测试", **fields)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert changes() == before
