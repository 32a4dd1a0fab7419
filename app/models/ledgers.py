"""The ledgers of the work: meetings, secretary projects, appeals, guarantees, work days,
co-construction lists, funds and training, and the community's brand.

Every table is a synced record; references between them are logical ids (strings) that the
services check, never database foreign keys.  Money is kept in fen as an integer.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.identity import PHONE, value_rule
from app.models.base import Base, ScaledDecimal, SyncedRecord, person_names, refers_to

# --- choices ---------------------------------------------------------------------------


class MeetingKind(StrEnum):
    GENERAL_MEETING = "general_meeting"
    COMMITTEE_MEETING = "committee_meeting"
    GROUP_MEETING = "group_meeting"
    PARTY_LESSON = "party_lesson"
    THEMED_DAY = "themed_day"
    JOINT_MEETING = "joint_meeting"
    WORK_DAY = "work_day"
    TRAINING = "training"
    OTHER = "other"


class AttendeeKind(StrEnum):
    MEMBER = "member"
    CADRE = "cadre"
    UNIT_REP = "unit_rep"
    PART_TIME_MEMBER = "part_time_member"
    TYPED = "typed"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LEAVE = "leave"
    ABSENT = "absent"


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    SCAN = "scan"


class SecretaryLevel(StrEnum):
    COMMUNITY = "community"
    PARTY_GROUP = "party_group"
    RESIDENT_UNIT = "resident_unit"


class ProjectStatus(StrEnum):
    """Stored statuses; ``overdue`` is derived from milestones and never stored."""

    CLAIMED = "claimed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"


class MilestoneStage(StrEnum):
    OPEN = "open"
    MIDYEAR = "midyear"
    DELIVERY = "delivery"
    OTHER = "other"


class EvaluationMethod(StrEnum):
    DISPATCH_REVIEW = "dispatch_review"
    ON_SITE_CHECK = "on_site_check"
    INTERVIEW = "interview"


class AppealChannel(StrEnum):
    HOTLINE = "hotline"
    APP = "app"
    VISIT = "visit"
    GRID_WORKER = "grid_worker"
    OTHER = "other"


class AppealCategory(StrEnum):
    CONSULTATION = "consultation"
    HELP = "help"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"


class AppealUrgency(StrEnum):
    NORMAL = "normal"
    EMERGENCY = "emergency"


class AppealState(StrEnum):
    RECEIVED = "received"
    DISPATCHED = "dispatched"
    RETURNED = "returned"
    HANDLING = "handling"
    CLOSED = "closed"
    VISITED = "visited"
    ARCHIVED = "archived"


class AssigneeKind(StrEnum):
    PARTY_GROUP = "party_group"
    RESIDENT_UNIT = "resident_unit"
    PROPERTY_COMPANY = "property_company"
    DEPARTMENT = "department"


class VisitResult(StrEnum):
    SATISFIED = "satisfied"
    MOSTLY = "mostly"
    DISSATISFIED = "dissatisfied"


class CalendarDayKind(StrEnum):
    HOLIDAY = "holiday"
    WORKDAY = "workday"


class GuaranteeTaskKind(StrEnum):
    COMMITTEE = "committee"
    PROPERTY_COMPANY = "property_company"
    FEE_STANDARD = "fee_standard"
    FEE_COLLECTION = "fee_collection"
    ROUTINE_OPERATION = "routine_operation"


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class CoBuildList(StrEnum):
    NEEDS = "needs"
    RESOURCES = "resources"
    PROJECTS = "projects"
    RESPONSIBILITIES = "responsibilities"


class CoBuildStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"


class FundKind(StrEnum):
    PARTY_BUILDING = "party_building"
    SERVING_RESIDENTS = "serving_residents"
    OTHER = "other"


class FundDirection(StrEnum):
    INCOME = "income"
    EXPENSE = "expense"


# --- meetings --------------------------------------------------------------------------


class Meeting(SyncedRecord, Base):
    """A meeting or activity (三会一课, themed party day, joint meeting, ...) and its minutes."""

    __tablename__ = "meeting"

    kind: Mapped[str] = mapped_column(String(30), index=True)
    topic: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime | None] = mapped_column(default=None)
    place: Mapped[str] = mapped_column(String(100), default="")
    host: Mapped[str] = mapped_column(String(50), default="", info=person_names())
    recorder: Mapped[str] = mapped_column(String(50), default="", info=person_names())
    party_group_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True,
                                                       info=refers_to("party_group"))
    agenda: Mapped[str] = mapped_column(Text, default="")
    key_points: Mapped[str] = mapped_column(Text, default="")
    dissent: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")


class MeetingAttendee(SyncedRecord, Base):
    """One expected attendee of a meeting and how they attended (own row, so sign-ins merge)."""

    __tablename__ = "meeting_attendee"

    meeting_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("meeting"))
    person_kind: Mapped[str] = mapped_column(String(20), default=AttendeeKind.TYPED.value)
    member_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("party_member"))
    cadre_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("cadre"))
    resident_unit_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                         info=refers_to("resident_unit"))
    part_time_member_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                            info=refers_to("part_time_member"))
    name: Mapped[str] = mapped_column(String(50), info=person_names())
    org: Mapped[str] = mapped_column(String(100), default="")
    post: Mapped[str] = mapped_column(String(50), default="")
    status: Mapped[str] = mapped_column(String(10), default=AttendanceStatus.ABSENT.value)
    leave_reason: Mapped[str] = mapped_column(String(200), default="")
    signed_at: Mapped[datetime | None] = mapped_column(default=None)
    sort_order: Mapped[int] = mapped_column(default=0)


class MeetingAttachment(SyncedRecord, Base):
    """A photo or scanned sign-in sheet, stored in the data folder under its content hash."""

    __tablename__ = "meeting_attachment"

    meeting_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("meeting"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10), default=AttachmentKind.PHOTO.value)
    note: Mapped[str] = mapped_column(String(200), default="")


# --- secretary projects ----------------------------------------------------------------


class SecretaryProject(SyncedRecord, Base):
    __tablename__ = "secretary_project"

    year: Mapped[int] = mapped_column(index=True)
    level: Mapped[str] = mapped_column(String(20), default=SecretaryLevel.COMMUNITY.value)
    secretary_name: Mapped[str] = mapped_column(String(50), info=person_names())
    party_group_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                       info=refers_to("party_group"))
    resident_unit_id: Mapped[str | None] = mapped_column(String(36), default=None,
                                                         info=refers_to("resident_unit"))
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    team: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default=ProjectStatus.CLAIMED.value)
    outcome: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")


class ProjectMilestone(SyncedRecord, Base):
    __tablename__ = "project_milestone"

    project_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("secretary_project"))
    stage: Mapped[str] = mapped_column(String(20), default=MilestoneStage.OTHER.value)
    title: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date] = mapped_column(index=True)
    done_on: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)


class ProjectEvaluation(SyncedRecord, Base):
    __tablename__ = "project_evaluation"

    project_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("secretary_project"))
    method: Mapped[str] = mapped_column(String(20))
    evaluated_on: Mapped[date] = mapped_column()
    notes: Mapped[str] = mapped_column(Text, default="")
    # Residents' satisfaction in percent, to 0.1 %.
    satisfaction: Mapped[Decimal | None] = mapped_column(ScaledDecimal(1), default=None)
    evaluator: Mapped[str] = mapped_column(String(50), default="")


# --- appeals ---------------------------------------------------------------------------


class Appeal(SyncedRecord, Base):
    """A resident's appeal and where it stands in the workflow (the trail is in AppealEvent)."""

    __tablename__ = "appeal"

    number: Mapped[str] = mapped_column(String(30), index=True)
    channel: Mapped[str] = mapped_column(String(20), default=AppealChannel.HOTLINE.value)
    received_at: Mapped[datetime] = mapped_column(index=True)
    resident_name: Mapped[str] = mapped_column(String(50), default="", info=person_names())
    resident_phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))
    address: Mapped[str] = mapped_column(String(200), default="")
    compound_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True,
                                                    info=refers_to("compound"))
    building_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("building"))
    category: Mapped[str] = mapped_column(String(20))
    urgency: Mapped[str] = mapped_column(String(20), default=AppealUrgency.NORMAL.value)
    content: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default=AppealState.RECEIVED.value, index=True)
    assignee_kind: Mapped[str | None] = mapped_column(String(20), default=None)
    assignee_id: Mapped[str | None] = mapped_column(String(36), default=None)
    assignee_name: Mapped[str] = mapped_column(String(100), default="")
    dispatched_at: Mapped[datetime | None] = mapped_column(default=None)
    deadline: Mapped[date | None] = mapped_column(default=None, index=True)
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)
    return_reason: Mapped[str] = mapped_column(String(200), default="")
    extension_until: Mapped[date | None] = mapped_column(default=None)
    extension_reason: Mapped[str] = mapped_column(String(200), default="")
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_on_time: Mapped[bool | None] = mapped_column(default=None)
    reply: Mapped[str] = mapped_column(Text, default="")
    visit_result: Mapped[str | None] = mapped_column(String(20), default=None)
    visited_at: Mapped[datetime | None] = mapped_column(default=None)
    archived_at: Mapped[datetime | None] = mapped_column(default=None)
    reminder_count: Mapped[int] = mapped_column(default=0)
    escalated_at: Mapped[datetime | None] = mapped_column(default=None)
    reopen_count: Mapped[int] = mapped_column(default=0)


class AppealEvent(SyncedRecord, Base):
    """One step of an appeal's workflow; rows are only ever added."""

    __tablename__ = "appeal_event"

    appeal_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("appeal"))
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(50), default="")
    step: Mapped[str] = mapped_column(String(30))
    state_after: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class CalendarDay(SyncedRecord, Base):
    """An exception to the Monday-to-Friday week: a holiday, or a make-up working day (调休)."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(50), default="")


class LedgerSetting(SyncedRecord, Base):
    """A setting of the ledgers (appeal deadlines, escalation), one row per key."""

    __tablename__ = "ledger_setting"

    key: Mapped[str] = mapped_column(String(60), index=True)
    value: Mapped[str] = mapped_column(String(200))


# --- compound guarantees ---------------------------------------------------------------


class CompoundGuarantee(SyncedRecord, Base):
    __tablename__ = "compound_guarantee"

    compound_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("compound"))
    leader_name: Mapped[str] = mapped_column(String(50), info=person_names())
    leader_post: Mapped[str] = mapped_column(String(100), default="")
    leader_unit: Mapped[str] = mapped_column(String(100), default="")
    organ_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("organ"))
    since: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class GuaranteeTask(SyncedRecord, Base):
    """One of the five guarantee tasks of a compound (own row, so edits merge independently)."""

    __tablename__ = "guarantee_task"

    guarantee_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("compound_guarantee"))
    task: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.NOT_STARTED.value)
    done_on: Mapped[date | None] = mapped_column(default=None)
    note: Mapped[str] = mapped_column(String(200), default="")


# --- community work day ----------------------------------------------------------------


class Organ(SyncedRecord, Base):
    """A government organ whose cadres come on the community work day (city-owned data)."""

    __tablename__ = "organ"

    name: Mapped[str] = mapped_column(String(100), index=True)
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))
    address: Mapped[str] = mapped_column(String(200), default="")


class Cadre(SyncedRecord, Base):
    __tablename__ = "cadre"

    organ_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("organ"))
    name: Mapped[str] = mapped_column(String(50), index=True, info=person_names())
    post: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(20), default="", info=value_rule(PHONE))
    is_party_member: Mapped[bool] = mapped_column(default=True)


class WorkdayVisit(SyncedRecord, Base):
    """One cadre's attendance on one month's community work day and what it produced."""

    __tablename__ = "workday_visit"

    month: Mapped[str] = mapped_column(String(7), index=True)
    organ_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("organ"))
    cadre_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("cadre"))
    arrived_at: Mapped[datetime | None] = mapped_column(default=None)
    left_at: Mapped[datetime | None] = mapped_column(default=None)
    service: Mapped[str] = mapped_column(String(200), default="")
    party_lesson: Mapped[bool] = mapped_column(default=False)
    pairing_household: Mapped[str] = mapped_column(String(100), default="")
    appeal_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("appeal"))
    goods_fen: Mapped[int] = mapped_column(default=0)
    confirmed: Mapped[bool] = mapped_column(default=False)
    confirmed_by: Mapped[str] = mapped_column(String(50), default="")


# --- co-construction lists -------------------------------------------------------------


class CoBuildItem(SyncedRecord, Base):
    """An entry of one of the four co-construction lists."""

    __tablename__ = "cobuild_item"

    list_kind: Mapped[str] = mapped_column(String(20), index=True)
    year: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=CoBuildStatus.OPEN.value)
    owner: Mapped[str] = mapped_column(String(50), default="")
    due_date: Mapped[date | None] = mapped_column(default=None)


class CoBuildUnit(SyncedRecord, Base):
    """A resident unit involved in a co-construction list entry."""

    __tablename__ = "cobuild_unit"

    item_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("cobuild_item"))
    resident_unit_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("resident_unit"))


# --- funds and training ----------------------------------------------------------------


class Fund(SyncedRecord, Base):
    __tablename__ = "fund"

    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(30), default=FundKind.PARTY_BUILDING.value)
    opening_fen: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(String(200), default="")


class FundEntry(SyncedRecord, Base):
    __tablename__ = "fund_entry"

    fund_id: Mapped[str] = mapped_column(String(36), index=True, info=refers_to("fund"))
    entry_date: Mapped[date] = mapped_column(index=True)
    voucher_no: Mapped[str] = mapped_column(String(30), default="")
    direction: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column()
    purpose: Mapped[str] = mapped_column(String(200), default="")
    handler: Mapped[str] = mapped_column(String(50), default="")


class TrainingRecord(SyncedRecord, Base):
    """One person's attendance of one training course."""

    __tablename__ = "training_record"

    person_name: Mapped[str] = mapped_column(String(50), index=True, info=person_names())
    member_id: Mapped[str | None] = mapped_column(String(36), default=None, info=refers_to("party_member"))
    post: Mapped[str] = mapped_column(String(100), default="")
    course: Mapped[str] = mapped_column(String(200))
    hours: Mapped[Decimal] = mapped_column(ScaledDecimal(1))
    trained_on: Mapped[date] = mapped_column(index=True)
    organiser: Mapped[str] = mapped_column(String(100), default="")
    place: Mapped[str] = mapped_column(String(100), default="")


# --- the community's brand ---------------------------------------------------------------


class BrandLevel(StrEnum):
    """Who has recognised a community's brand (一区一品一特色), from none yet to the nation."""

    NONE = "none"
    STREET = "street"
    DISTRICT = "district"
    CITY = "city"
    PROVINCE = "province"
    NATIONAL = "national"


class CommunityBrand(SyncedRecord, Base):
    """The community's brand (一区一品一特色): what it is called and does, since when, who recognised it."""

    __tablename__ = "community_brand"

    name: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(Text, default="")
    founded_year: Mapped[int] = mapped_column()
    level: Mapped[str] = mapped_column(String(20), default=BrandLevel.NONE.value)
    recognition: Mapped[str] = mapped_column(String(200), default="")
    recognised_year: Mapped[int | None] = mapped_column(default=None)


# --- report and appraisal --------------------------------------------------------------


class AppraisalSection(SyncedRecord, Base):
    """What the secretary writes for one year's report-and-appraisal material (述职评议考核),
    beside the figures the ledgers give; one live row per community and year."""

    __tablename__ = "appraisal_section"

    year: Mapped[int] = mapped_column(index=True)
    body: Mapped[str] = mapped_column(Text, default="")


LEDGER_MODELS: tuple[type[SyncedRecord], ...] = (
    Meeting,
    MeetingAttendee,
    MeetingAttachment,
    SecretaryProject,
    ProjectMilestone,
    ProjectEvaluation,
    Appeal,
    AppealEvent,
    CalendarDay,
    LedgerSetting,
    CompoundGuarantee,
    GuaranteeTask,
    Organ,
    Cadre,
    WorkdayVisit,
    CoBuildItem,
    CoBuildUnit,
    Fund,
    FundEntry,
    TrainingRecord,
    CommunityBrand,
    AppraisalSection,
)
