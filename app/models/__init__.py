"""SQLAlchemy entities.  Importing this package registers every table on ``Base.metadata``."""

from app.models.base import Base, SyncedRecord, new_id
from app.models.ledgers import LEDGER_MODELS
from app.models.livelihood import LIVELIHOOD_MODELS
from app.models.local import LocalState, OutboxEntry
from app.models.notices import Notice, NoticeRead, NoticeTarget
from app.models.registry import (
    Building,
    Community,
    Compound,
    Gender,
    HomeownerCommittee,
    HomeownerCommitteeMember,
    MemberStatus,
    OrgKind,
    PartTimeMember,
    PartyGroup,
    PartyGroupBuilding,
    PartyGroupKind,
    PartyMember,
    PropertyCompany,
    RedPropertyBranch,
    ResidentUnit,
    ResidentUnitKind,
)
from app.models.sync import SyncConflict, SyncFieldStamp, SyncPackage
from app.models.venues import VENUE_MODELS

SYNCED_MODELS: tuple[type[SyncedRecord], ...] = (
    Community,
    PartTimeMember,
    PropertyCompany,
    Compound,
    Building,
    PartyGroup,
    PartyGroupBuilding,
    PartyMember,
    HomeownerCommittee,
    HomeownerCommitteeMember,
    RedPropertyBranch,
    ResidentUnit,
    *LEDGER_MODELS,
    Notice,
    *VENUE_MODELS,
    *LIVELIHOOD_MODELS,
)

__all__ = [
    "SYNCED_MODELS",
    "Base",
    "Building",
    "Community",
    "Compound",
    "Gender",
    "HomeownerCommittee",
    "HomeownerCommitteeMember",
    "LocalState",
    "MemberStatus",
    "Notice",
    "NoticeRead",
    "NoticeTarget",
    "OrgKind",
    "OutboxEntry",
    "PartTimeMember",
    "PartyGroup",
    "PartyGroupBuilding",
    "PartyGroupKind",
    "PartyMember",
    "PropertyCompany",
    "RedPropertyBranch",
    "ResidentUnit",
    "ResidentUnitKind",
    "SyncConflict",
    "SyncFieldStamp",
    "SyncPackage",
    "SyncedRecord",
    "new_id",
]
