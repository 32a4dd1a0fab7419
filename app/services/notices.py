"""Notices (通知公告) received from the city server, and which of them were read on this computer.

Notices are written by the city server only (records the city owns); this computer lists those
it received and keeps its own 已读 marks (``notice_read``, never synced).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.db.database import Database
from app.models import Notice, NoticeRead
from app.models.scope import CITY_SCOPE, live_in


@dataclass(frozen=True)
class NoticeItem:
    id: str
    title: str
    body: str
    attachment_name: str
    target: str
    target_district: str
    target_street: str
    published_at: datetime
    publisher: str
    read: bool


class NoticeService:
    def __init__(self, db: Database, now: Callable[[], datetime] = datetime.now) -> None:
        self.db = db
        self._now = now

    def notices(self, limit: int | None = None) -> list[NoticeItem]:
        """The notices received, newest first, each with whether it was read here."""
        with self.db.session() as session:
            rows = session.execute(
                select(Notice, NoticeRead.notice_id).outerjoin(NoticeRead, NoticeRead.notice_id == Notice.id)
                .where(live_in(Notice, CITY_SCOPE)).order_by(Notice.published_at.desc(), Notice.id)
                .limit(limit)).all()
            return [NoticeItem(n.id, n.title, n.body, n.attachment_name, n.target, n.target_district,
                               n.target_street, n.published_at, n.publisher, read is not None)
                    for n, read in rows]

    def unread_count(self) -> int:
        with self.db.session() as session:
            return int(session.scalar(
                select(func.count()).select_from(Notice)
                .outerjoin(NoticeRead, NoticeRead.notice_id == Notice.id)
                .where(live_in(Notice, CITY_SCOPE), NoticeRead.notice_id.is_(None))) or 0)

    def mark_read(self, notice_ids: list[str]) -> int:
        """Mark notices read on this computer; returns how many were not read before."""
        with self.db.session() as session:
            known = set(session.scalars(select(Notice.id).where(live_in(Notice, CITY_SCOPE),
                                                                Notice.id.in_(notice_ids))))
            done = set(session.scalars(select(NoticeRead.notice_id).where(NoticeRead.notice_id.in_(known))))
            now = self._now()
            for notice_id in sorted(known - done):
                session.add(NoticeRead(notice_id=notice_id, read_at=now))
            return len(known - done)

    def mark_all_read(self) -> int:
        return self.mark_read([n.id for n in self.notices() if not n.read])
