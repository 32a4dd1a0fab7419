"""Publishing notices (通知公告) to communities: the whole city, one district or one street.

A notice is a record the city owns; each community receives only those meant for it
(:func:`server.city.received_by`).  A district user publishes for their own district only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Notice, NoticeTarget
from app.models.scope import CITY_SCOPE
from server.city import CityServer

TITLE_MAX = 200
BODY_MAX = 20_000
NAME_MAX = 100
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%f"


class NoticeError(Exception):
    """A notice that cannot be published as asked; ``code`` says why, nothing was written."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class NoticeView:
    id: str
    title: str
    body: str
    attachment_name: str
    target: str
    target_district: str
    target_street: str
    published_at: datetime
    publisher: str


def publish(server: CityServer, *, title: str, body: str, target: str, district: str = "", street: str = "",
            attachment_name: str = "", publisher: str, only_district: str | None = None,
            now: datetime | None = None) -> str:
    """Publish a notice; returns its id.  ``only_district`` restricts a district user's notices."""
    title, body, district, street = title.strip(), body.strip(), district.strip(), street.strip()
    attachment_name = attachment_name.strip()
    if not title:
        raise NoticeError("title_required")
    if len(title) > TITLE_MAX:
        raise NoticeError("title_too_long", max=TITLE_MAX)
    if len(body) > BODY_MAX:
        raise NoticeError("body_too_long", max=BODY_MAX)
    if len(attachment_name) > TITLE_MAX:
        raise NoticeError("attachment_too_long", max=TITLE_MAX)
    if target not in {t.value for t in NoticeTarget}:
        raise NoticeError("bad_target")
    if target == NoticeTarget.CITY.value:
        district = street = ""
    if target in (NoticeTarget.DISTRICT.value, NoticeTarget.STREET.value) and not district:
        raise NoticeError("district_required")
    if target == NoticeTarget.DISTRICT.value:
        street = ""
    if target == NoticeTarget.STREET.value and not street:
        raise NoticeError("street_required")
    if len(district) > NAME_MAX or len(street) > NAME_MAX:
        raise NoticeError("name_too_long", max=NAME_MAX)
    if only_district is not None and (target == NoticeTarget.CITY.value or district != only_district):
        raise NoticeError("other_district", district=only_district)
    fields = {"title": title, "body": body, "attachment_name": attachment_name, "target": target,
              "target_district": district, "target_street": street,
              "published_at": (now or datetime.now()).strftime(TIME_FORMAT), "publisher": publisher}
    return server.put_city_record(Notice.__tablename__, fields)


def recent_notices(server: CityServer, only_district: str | None = None, limit: int = 20) -> list[NoticeView]:
    """The newest notices (a district user's: those for their district and the whole city)."""
    stmt = select(Notice).where(Notice.community_id == CITY_SCOPE, Notice.deleted_at.is_(None))
    if only_district is not None:
        stmt = stmt.where(or_(Notice.target == NoticeTarget.CITY.value,
                              Notice.target_district == only_district))
    with Session(server.read_engine) as session:
        rows = session.scalars(stmt.order_by(Notice.published_at.desc()).limit(limit)).all()
        return [NoticeView(n.id, n.title, n.body, n.attachment_name, n.target, n.target_district,
                           n.target_street, n.published_at, n.publisher) for n in rows]
