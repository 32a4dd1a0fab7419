"""Demo month approvals (上报与审核): the six months before the demo's reference month handed up,
the older ones approved by the street's Party working committee, the newest waiting, now and then
one returned with a comment.  Written after the ledgers, so the ledgers of the approved months exist
before those months lock."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from app.db.database import Database
from app.models import Community
from app.models.approval import MonthState, MonthSubmission, submission_id
from app.sync.changes import ChangeLog

MONTHS_BACK = 6
RETURN_COMMENTS = ("缺少主题党日活动照片，请补齐后重新上报。", "经费支出凭证号不全，请核对后重新上报。",
                   "社区工作日机关干部签到未确认，请补正。")


def _month_back(reference: date, months: int) -> date:
    index = reference.year * 12 + reference.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def fill(db: Database, log: ChangeLog, community_id: str, rng: random.Random, scale: str,
         today: date | None = None) -> int:
    """Write one community's submitted months; returns the number of records written."""
    reference = (today or date.today()).replace(day=1)
    community = log.session.get(Community, community_id)
    approver = f"{community.street}党工委" if community is not None and community.street else "街道党工委"
    rows = []
    for back in range(MONTHS_BACK, 0, -1):
        first = _month_back(reference, back)
        submitted = datetime(reference.year, reference.month, 1) - timedelta(days=30 * back - 3)
        if back == 1:
            state, comment, by, at = MonthState.SUBMITTED.value, "", "", None
        elif back == 2 and rng.random() < 0.15:
            state, comment, by, at = (MonthState.RETURNED.value, rng.choice(RETURN_COMMENTS), approver,
                                      submitted + timedelta(days=2))
        else:
            state, comment, by, at = MonthState.APPROVED.value, "", approver, submitted + timedelta(days=3)
        month = first.strftime("%Y-%m")
        rows.append({"id": submission_id(community_id, month), "community_id": community_id, "month": month,
                     "state": state, "note": "", "submitted_by": "社区党委书记", "submitted_at": submitted,
                     "comment": comment, "decided_by": by, "decided_at": at})
    return log.bulk_created(MonthSubmission, rows)
