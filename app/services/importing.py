"""Importing records from the workbooks secretaries keep.

:func:`plan_import` reads a sheet, finds its header and checks every row with the services' own
validation (:meth:`RegistryService.validate`), names of party groups, compounds and buildings
resolved to records, and duplicates found against the database and earlier rows of the file (by
ID number, or by name and birth date). :func:`apply_import` then writes the valid rows in one
transaction through :meth:`RegistryService.create_in` / :meth:`~RegistryService.update_in`, so
each write goes through the change log (it syncs, and the journal can undo it). A row that is
already in the database with the same values changes nothing, so importing a file twice is the
same as importing it once. :func:`write_error_workbook` gives back the refused rows with a reason.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.atomic import atomic_write
from app.db.database import Database
from app.models import (
    Building,
    Compound,
    HomeownerCommittee,
    PartyGroup,
    PropertyCompany,
    ResidentUnit,
)
from app.models.ledgers import Appeal, Organ
from app.models.local import LocalState
from app.models.scope import live_in, seen_by
from app.progress import Progress
from app.services.appeals import IMPORT_FIELDS, AppealService, validate_imported
from app.services.errors import DomainError, FieldError, ValidationError
from app.services.fields import Field, Kind, clean
from app.services.import_layout import (
    ColumnMap,
    Layout,
    date_input,
    datetime_input,
    find_layout,
    is_blank,
    is_totals,
    signature,
    text_input,
)
from app.services.registry import RegistryService
from app.services.spreadsheet import Cell, Sheet
from app.sync.changes import ChangeLog

Values = dict[str, Any]

# Columns naming another record: column -> (its kind, the field it fills).
REFS = {"party_group": ("party_group", "party_group_id"),
        "compound": ("compound", "compound_id"),
        "building": ("building", "building_id"),
        "organ": ("organ", "organ_id"),
        "committee": ("homeowner_committee", "committee_id"),
        "resident_unit": ("resident_unit", "resident_unit_id"),
        "property_company": ("property_company", "property_company_id")}
# Columns found by name only (never created by an import).
_NAMED = ("organ", "committee", "resident_unit", "property_company")

# The words people type for stored choices.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "gender": {"男": "male", "男性": "male", "女": "female", "女性": "female"},
    "status": {"正式党员": "full", "正式": "full", "党员": "full",
               "预备党员": "probationary", "预备": "probationary"},
    "kind": {"党小组": "ordinary", "普通党小组": "ordinary", "楼栋党小组": "building",
             "企业": "enterprise", "学校": "school", "医院": "hospital", "机关": "organ",
             "事业单位": "organ", "社会组织": "social", "其他": "other"},
    "role": {"主任": "主任", "业委会主任": "主任", "副主任": "副主任", "委员": "委员"},
    "channel": {"12345": "hotline", "12345热线": "hotline", "热线": "hotline", "热线电话": "hotline",
                "电话": "hotline", "来电": "hotline", "市民热线": "hotline", "app": "app", "APP": "app",
                "网络": "app", "网上": "app", "微信": "app", "小程序": "app", "网络平台": "app",
                "来访": "visit", "上门": "visit", "走访": "visit", "现场": "visit", "来信来访": "visit",
                "网格员": "grid_worker", "网格": "grid_worker", "网格上报": "grid_worker", "其他": "other",
                "其它": "other"},
    "category": {"咨询": "consultation", "咨询类": "consultation", "求助": "help", "求助类": "help",
                 "投诉": "complaint", "投诉类": "complaint", "建议": "suggestion", "建议类": "suggestion",
                 "意见建议": "suggestion"},
    "urgency": {"一般": "normal", "普通": "normal", "否": "normal", "紧急": "emergency", "加急": "emergency",
                "特急": "emergency", "是": "emergency"},
    "visit_result": {"满意": "satisfied", "非常满意": "satisfied", "基本满意": "mostly", "较满意": "mostly",
                     "比较满意": "mostly", "不满意": "dissatisfied"},
}


@dataclass(frozen=True)
class ImportKind:
    """What one kind of record is imported from: its columns and the headers that name them."""

    kind: str
    aliases: dict[str, tuple[str, ...]]
    # Keys telling that two rows are the same record, tried in order.
    identity: Callable[[Values], list[tuple[Any, ...]]]
    key_fields: tuple[str, ...]  # the fields the keys are made of
    creatable: tuple[str, ...] = ()  # referenced kinds that --create-missing may create
    # The field whose cell a duplicate of an earlier row is told on, by the identity key it matched.
    duplicate_field: Callable[[tuple[Any, ...]], str] = lambda _key: "name"


def _member_identity(v: Values) -> list[tuple[Any, ...]]:
    keys: list[tuple[Any, ...]] = []
    if v.get("id_number"):
        keys.append(("id", v["id_number"]))
    if v.get("name") and v.get("birth_date"):
        keys.append(("name_birth", v["name"], v["birth_date"]))
    return keys


def _appeal_identity(v: Values) -> list[tuple[Any, ...]]:
    """An appeal is its number, or who said what when (the day it was received)."""
    keys: list[tuple[Any, ...]] = []
    if v.get("number"):
        keys.append(("number", v["number"]))
    received = v.get("received_at")
    if isinstance(received, datetime) and v.get("content"):
        keys.append(("who_what", received, v.get("resident_name") or "", v["content"]))
    return keys


def _by(*names: str) -> tuple[Callable[[Values], list[tuple[Any, ...]]], tuple[str, ...]]:
    def identity(v: Values) -> list[tuple[Any, ...]]:
        values = tuple(v.get(n) for n in names)
        return [values] if all(values) else []
    return identity, names


IMPORT_KINDS: dict[str, ImportKind] = {k.kind: k for k in (
    ImportKind("party_member", {
        "name": ("姓名", "党员姓名", "名字"),
        "gender": ("性别",),
        "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "出生时间"),
        "ethnicity": ("民族",),
        "education": ("学历", "文化程度", "最高学历"),
        "join_date": ("入党时间", "入党日期", "入党年月"),
        "status": ("党员类别", "类别", "党籍状态", "人员类别"),
        "full_date": ("转正时间", "转正日期"),
        "phone": ("联系电话", "手机号", "手机号码", "电话", "联系方式", "手机"),
        "id_number": ("身份证号", "公民身份号码", "身份证号码", "身份证"),
        "party_group": ("所在党小组", "党小组", "党小组名称"),
        "compound": ("小区", "所在小区", "居住小区"),
        "building": ("楼栋", "楼号", "楼栋号", "所在楼栋"),
        "in_service": ("在职党员", "是否在职"),
        "employer": ("工作单位", "单位"),
        "registered_on": ("报到时间", "报到日期", "登记日期"),
    }, _member_identity, ("id_number", "name", "birth_date"),
       creatable=("party_group", "compound", "building"),
       duplicate_field=lambda key: "id_number" if key[0] == "id" else "name"),
    ImportKind("compound", {
        "name": ("小区名称", "小区", "小区名"),
        "address": ("地址", "小区地址"),
        "households": ("户数", "总户数"),
        "building_count": ("楼栋数", "楼数"),
        "area_m2": ("面积", "建筑面积", "占地面积"),
        "fee_standard": ("物业费标准", "物业费标准(元/㎡·月)", "物业费"),
        "fee_collection_rate": ("收缴率", "收缴率(%)", "物业费收缴率"),
        "has_homeowner_committee": ("业委会", "是否成立业委会"),
        "has_red_property_branch": ("红色物业",),
    }, *_by("name")),
    ImportKind("building", {
        "compound": ("小区", "所在小区", "小区名称"),
        "building": ("楼号", "楼栋", "楼栋号"),
        "entrances": ("单元数",),
        "floors": ("层数", "楼层数"),
        "households": ("户数",),
        "leader_name": ("楼栋长", "楼长"),
        "leader_phone": ("楼栋长电话", "楼长电话", "联系电话"),
    }, *_by("compound_id", "number"), creatable=("compound",)),
    ImportKind("party_group", {
        "name": ("党小组名称", "党小组", "名称"),
        "kind": ("类型",),
        "compound": ("所在小区", "小区"),
        "leader_name": ("组长", "党小组长"),
        "leader_phone": ("组长电话", "联系电话"),
    }, *_by("name"), creatable=("compound",)),
    ImportKind("resident_unit", {
        "name": ("单位名称", "名称", "驻区单位"),
        "kind": ("单位类型", "类型"),
        "contact": ("联系人",),
        "phone": ("联系电话", "电话"),
        "address": ("地址", "单位地址"),
        "party_org_name": ("党组织名称", "党组织"),
    }, *_by("name")),
    ImportKind("property_company", {
        "name": ("公司名称", "物业公司", "物业公司名称", "名称"),
        "contact": ("联系人", "负责人"),
        "phone": ("联系电话", "电话"),
        "address": ("地址", "公司地址"),
    }, *_by("name")),
    ImportKind("homeowner_committee", {
        "compound": ("小区", "所在小区", "小区名称"),
        "founded_on": ("成立日期", "成立时间"),
        "term_start": ("本届任期开始", "任期开始", "换届时间"),
        "term_end": ("本届任期届满", "任期届满", "任期结束"),
        "note": ("备注",),
    }, *_by("compound_id"), creatable=("compound",)),
    ImportKind("homeowner_committee_member", {
        "committee": ("小区", "所在小区", "业委会", "小区名称"),
        "name": ("姓名",),
        "role": ("职务",),
        "is_party_member": ("党员", "是否党员"),
        "phone": ("联系电话", "电话", "手机号"),
    }, *_by("committee_id", "name")),
    ImportKind("organ", {
        "name": ("单位名称", "机关名称", "部门", "名称"),
        "contact": ("联系人",),
        "phone": ("联系电话", "电话"),
        "address": ("地址",),
    }, *_by("name")),
    ImportKind("cadre", {
        "organ": ("所在单位", "单位", "机关", "单位名称"),
        "name": ("姓名",),
        "post": ("职务",),
        "phone": ("联系电话", "电话", "手机号"),
        "is_party_member": ("党员", "是否党员"),
    }, *_by("organ_id", "name")),
    ImportKind("training_record", {
        "person_name": ("姓名",),
        "post": ("职务",),
        "course": ("培训内容", "培训课程", "课程"),
        "hours": ("学时",),
        "trained_on": ("培训日期", "培训时间", "日期"),
        "organiser": ("组织单位", "主办单位"),
        "place": ("地点", "培训地点"),
    }, *_by("person_name", "course", "trained_on")),
    ImportKind("appeal", {
        "number": ("编号", "诉求编号", "工单号", "工单编号"),
        "received_at": ("受理时间", "受理日期", "登记时间", "登记日期", "接收时间", "来电时间",
                        "反映时间", "日期", "时间"),
        "channel": ("来源", "诉求来源", "渠道", "受理渠道", "反映渠道", "来源渠道"),
        "resident_name": ("诉求人", "反映人", "来电人", "姓名", "居民姓名", "群众姓名", "联系人"),
        "resident_phone": ("联系电话", "电话", "手机号", "手机号码", "联系方式"),
        "address": ("地址", "住址", "居住地址", "诉求地址", "门牌号"),
        "compound": ("小区", "所在小区", "小区名称"),
        "building": ("楼栋", "楼号", "楼栋号"),
        "category": ("诉求类别", "诉求类型", "类别", "类型", "问题类别"),
        "urgency": ("紧急程度", "缓急程度", "是否紧急"),
        "content": ("诉求内容", "反映内容", "反映问题", "问题描述", "内容", "诉求事项"),
        "assignee_name": ("承办单位", "办理单位", "责任单位", "承办人", "交办单位", "派发单位"),
        "deadline": ("办理期限", "办结时限", "截止日期", "期限"),
        "reply": ("办理结果", "处理结果", "答复内容", "办理情况", "答复", "处理情况"),
        "closed_at": ("办结时间", "办结日期", "完成时间", "处理时间"),
        "visit_result": ("回访结果", "满意度", "回访满意度", "群众评价", "是否满意"),
        "visited_at": ("回访时间", "回访日期"),
    }, _appeal_identity, ("number", "received_at", "resident_name", "content"),
       creatable=("compound", "building"),
       duplicate_field=lambda key: "number" if key[0] == "number" else "content"),
    ImportKind("part_time_member", {
        "name": ("姓名",),
        "resident_unit": ("所在单位", "单位"),
        "post": ("职务",),
        "phone": ("联系电话", "电话"),
    }, *_by("name")),
)}


def import_kind(kind: str) -> ImportKind:
    try:
        return IMPORT_KINDS[kind]
    except KeyError:
        raise DomainError("unknown_kind", kind=kind) from None


class RowState(StrEnum):
    NEW = "new"
    UPDATE = "update"  # a duplicate whose values differ from the record's
    SAME = "same"  # a duplicate with the record's values already
    ERROR = "error"


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet program numbers it
    column: str  # the header of the column, or the field where no column holds it
    field: str
    code: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)


@dataclass
class PlannedRow:
    row: int
    cells: list[Cell]
    state: RowState
    values: Values = dataclass_field(default_factory=dict)
    existing_id: str | None = None
    errors: list[RowError] = dataclass_field(default_factory=list)


@dataclass
class ImportPlan:
    kind: str
    sheet: Sheet
    layout: Layout
    rows: list[PlannedRow]
    # kind -> names the rows refer to that the database lacks (created when asked)
    missing: dict[str, set[str]]
    create_missing: bool
    ignored: list[int] = dataclass_field(default_factory=list)  # totals lines, by row number

    def count(self, state: RowState) -> int:
        return sum(1 for r in self.rows if r.state is state)

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowError] = dataclass_field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"imported": self.imported, "updated": self.updated, "skipped": self.skipped,
                "errors": [{"row": e.row, "column": e.column, "reason": e.code} for e in self.errors]}


# --- looking records up by name --------------------------------------------------------


def _name_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().replace(" ", "")


def _building_key(text: str) -> str:
    """'3号楼', '3栋', '3号' and '3' are one building."""
    return re.sub(r"(号楼|号|栋|幢|楼)$", "", _name_key(text))


class _Lookups:
    """Names of the community's party groups, compounds and buildings, and rows to be created."""

    def __init__(self, db: Database, community_id: str) -> None:
        with db.session() as session:
            self.groups = {_name_key(n): i for i, n in session.execute(
                select(PartyGroup.id, PartyGroup.name).where(live_in(PartyGroup, community_id)))}
            self.compounds = {_name_key(n): i for i, n in session.execute(
                select(Compound.id, Compound.name).where(live_in(Compound, community_id)))}
            self.buildings: dict[tuple[str, str], str] = {}
            self.buildings_by_number: dict[str, list[str]] = {}
            for i, cid, number in session.execute(
                    select(Building.id, Building.compound_id, Building.number)
                    .where(live_in(Building, community_id))):
                self.buildings[(cid, _building_key(number))] = i
                self.buildings_by_number.setdefault(_building_key(number), []).append(i)
            self.named: dict[str, dict[str, str]] = {
                "organ": {_name_key(n): i for i, n in session.execute(
                    select(Organ.id, Organ.name).where(seen_by(Organ, community_id)))},
                "committee": {_name_key(n): i for i, n in session.execute(
                    select(HomeownerCommittee.id, Compound.name)
                    .join(Compound, Compound.id == HomeownerCommittee.compound_id)
                    .where(live_in(HomeownerCommittee, community_id)))},
                "resident_unit": {_name_key(n): i for i, n in session.execute(
                    select(ResidentUnit.id, ResidentUnit.name).where(live_in(ResidentUnit, community_id)))},
                "property_company": {_name_key(n): i for i, n in session.execute(
                    select(PropertyCompany.id, PropertyCompany.name)
                    .where(live_in(PropertyCompany, community_id)))},
            }

    def group(self, name: str) -> str | None:
        return self.groups.get(_name_key(name))

    def compound(self, name: str) -> str | None:
        return self.compounds.get(_name_key(name))


class _Target:
    """Where the rows of one kind are checked and written: the registry's records by default."""

    kept_when_blank: tuple[str, ...] = ()  # fields a blank cell leaves as the record has them

    def __init__(self, db: Database, kind: str) -> None:
        self.kind = kind
        self.registry = RegistryService(db)
        entity = self.registry.writable_spec(kind)
        self.model: Any = entity.model
        self.fields: tuple[Field, ...] = tuple(entity.fields)
        self.community_id = self.registry.community_id

    def validate(self, values: Values) -> Values:
        return self.registry.validate(self.kind, values)

    def key_fields(self, names: tuple[str, ...]) -> list[Field]:
        return [f for f in self.fields if f.name in names]

    def create_many(self, session: Session, log: ChangeLog, rows: list[Values]) -> None:
        """Rows the plan validated (``PlannedRow.values``), references to created records resolved."""
        self.registry.bulk_create_in(session, log, self.kind, rows, validated=True)

    def update(self, session: Session, log: ChangeLog, record_id: str, values: Values) -> None:
        self.registry.update_in(session, log, self.kind, record_id, values)


class _AppealTarget(_Target):
    """Appeals: checked as a workbook tells them (:func:`validate_imported`), written by the
    appeal service, which places each in the state its columns tell. An appeal numbered by the
    ledger keeps its number when the sheet gives none."""

    kept_when_blank = ("number",)

    def __init__(self, db: Database, kind: str) -> None:
        self.kind = kind
        self.registry = RegistryService(db)
        self.appeals = AppealService(db)
        self.model = Appeal
        self.fields = IMPORT_FIELDS
        self.community_id = self.appeals.community_id

    def validate(self, values: Values) -> Values:
        return validate_imported(values)

    def create_many(self, session: Session, log: ChangeLog, rows: list[Values]) -> None:
        self.appeals.import_many_in(session, log, rows)

    def update(self, session: Session, log: ChangeLog, record_id: str, values: Values) -> None:
        self.appeals.update_imported_in(session, log, record_id, values)


def _target(db: Database, kind: str) -> _Target:
    return _AppealTarget(db, kind) if kind == "appeal" else _Target(db, kind)


def placeholder(kind: str, name: str) -> str:
    """The id a row carries for a record that --create-missing will create."""
    return f"new:{kind}:{name}"


# --- planning ------------------------------------------------------------------------


def _input(kind_fields: dict[str, Kind], name: str, cell: Cell) -> Any:
    fkind = kind_fields.get(name)
    if fkind is Kind.DATE:
        return date_input(cell)
    if fkind is Kind.DATETIME:
        return datetime_input(cell)
    value = text_input(cell)
    if value is None:
        return None
    if fkind is Kind.CHOICE and name in CHOICE_WORDS:
        return CHOICE_WORDS[name].get(unicodedata.normalize("NFKC", value).strip(), value)
    if fkind in (Kind.INT, Kind.DECIMAL) and isinstance(cell, float):
        return repr(cell) if not cell.is_integer() else str(int(cell))
    if fkind is Kind.DECIMAL and isinstance(value, str):
        return value.rstrip("%").strip()
    return value


def mapping_key(kind: str, headers: Iterable[str]) -> str:
    digest = hashlib.sha1(signature(list(headers)).encode()).hexdigest()[:16]
    return f"import_map:{kind}:{digest}"


def remembered_mapping(db: Database, kind: str, headers: list[str]) -> dict[int, str] | None:
    """The column mapping the user last chose for a workbook of this layout, if any."""
    with db.session() as session:
        state = session.get(LocalState, mapping_key(kind, headers))
        if state is None:
            return None
        return {int(k): v for k, v in json.loads(state.value).items()}


def remember_mapping(db: Database, kind: str, headers: list[str], fields: dict[int, str]) -> None:
    with db.session() as session:
        key = mapping_key(kind, headers)
        value = json.dumps({str(k): v for k, v in sorted(fields.items())}, ensure_ascii=False)
        state = session.get(LocalState, key)
        if state is None:
            session.add(LocalState(key=key, value=value))
        else:
            state.value = value


def sheet_layout(db: Database, kind: str, sheet: Sheet) -> Layout:
    """The header and mapping of ``sheet``, with the mapping remembered for its layout if any."""
    spec = import_kind(kind)
    layout = find_layout(sheet, spec.aliases)
    if layout is None:
        raise DomainError("no_header", kind=kind)
    remembered = remembered_mapping(db, kind, layout.columns.headers)
    if remembered is not None:
        layout.columns = ColumnMap(remembered, layout.columns.headers)
        layout.mapped_fields = list(remembered.values())
    return layout


def plan_import(db: Database, kind: str, sheet: Sheet, *, layout: Layout | None = None,
                create_missing: bool = False,
                progress: Progress | None = None) -> ImportPlan:
    """Check every row of ``sheet`` as an import of ``kind`` would write it; nothing is written."""
    spec = import_kind(kind)
    target = _target(db, kind)
    layout = layout or sheet_layout(db, kind, sheet)
    mapped = layout.columns.fields
    headers = layout.columns.headers
    field_kinds = {f.name: f.kind for f in target.fields}
    lookups = _Lookups(db, target.community_id)
    existing = _existing(db, target, spec)
    seen: dict[tuple[Any, ...], int] = {}
    missing: dict[str, set[str]] = {}
    plan = ImportPlan(kind, sheet, layout, [], missing, create_missing)
    data = sheet.rows[layout.data_start:]
    # Rows after the last filled one are trailing blanks; a totals line ends nothing by itself.
    for offset, cells in enumerate(data):
        number = sheet.row_number(layout.data_start + offset)
        if progress is not None and offset % 500 == 0:
            progress.progress(offset, len(data))
            progress.check()
        if is_blank(cells):
            continue
        if is_totals(cells):
            plan.ignored.append(number)
            continue
        plan.rows.append(_plan_row(kind, spec, target, mapped, headers, field_kinds, lookups, cells, number,
                                   create_missing, missing, existing, seen))
    return plan


def _column(headers: list[str], mapped: dict[int, str], name: str) -> str:
    for col, fname in mapped.items():
        if fname == name:
            return headers[col] or name
    return name


def _plan_row(kind: str, spec: ImportKind, target: _Target, mapped: dict[int, str],
              headers: list[str], field_kinds: dict[str, Kind], lookups: _Lookups, cells: list[Cell],
              number: int, create_missing: bool, missing: dict[str, set[str]],
              existing: tuple[dict[tuple[Any, ...], str], dict[str, Values]],
              seen: dict[tuple[Any, ...], int]) -> PlannedRow:
    """One row checked: its references resolved, matched with a record it repeats, validated.

    A row repeating a record is checked with the record's values under its own, so a sheet that
    lacks a column (转正时间 of a probationary member) still updates the record it names.
    """
    raw: Values = {}
    names: dict[str, str] = {}
    for col, name in mapped.items():
        cell = cells[col] if col < len(cells) else None
        if name in REFS:
            text = text_input(cell)
            if text:
                names[name] = text
        else:
            raw[name] = _input(field_kinds, name, cell)
    row = PlannedRow(number, cells, RowState.NEW)

    def error(fname: str, code: str, params: dict[str, Any]) -> None:
        column = _column(headers, mapped, _ref_column(fname))
        row.errors.append(RowError(number, column, fname, code, params))

    unresolved = _resolve(kind, spec, names, raw, lookups, create_missing, missing)
    for fname, code, params in unresolved:
        error(fname, code, params)
    said = {fname for fname, _code, _params in unresolved}
    given = {k: v for k, v in raw.items() if v is not None and not (v == "" and k in target.kept_when_blank)}
    known = _cleaned_fields(target.key_fields(spec.key_fields), given)
    keys = spec.identity(known)
    for key in keys:
        if key in seen:
            error(spec.duplicate_field(key), "duplicate_in_file", {"row": seen[key]})
            row.state = RowState.ERROR
            return row
    for key in keys:
        seen[key] = number
    by_key, records = existing
    record_id = next((by_key[k] for k in keys if k in by_key), None)
    current = records.get(record_id, {}) if record_id else {}
    try:
        row.values = target.validate({**current, **given})
    except ValidationError as exc:
        for e in exc.errors:
            if _ref_column(e.field) not in said:
                error(e.field, e.code, e.params)
    if row.errors:
        row.state = RowState.ERROR
    elif record_id is not None:
        row.existing_id = record_id
        changed = any(not _same(row.values.get(k), current.get(k)) for k in row.values)
        row.state = RowState.UPDATE if changed else RowState.SAME
    return row


def _same(a: Any, b: Any) -> bool:
    empty: tuple[Any, ...] = (None, "", False, [])
    return a == b or (a in empty and b in empty)


def _cleaned_fields(fields: Iterable[Any], given: Values) -> Values:
    """The fields of ``given`` that are valid on their own (to tell which record a row repeats)."""
    out: Values = {}
    for f in fields:
        if f.name in given:
            value, problem = clean(f, given[f.name])
            if problem is None:
                out[f.name] = value
    return out


def _ref_column(field_name: str) -> str:
    for column, (_kind, fname) in REFS.items():
        if fname == field_name:
            return column
    return "building" if field_name == "number" else field_name


def _resolve(kind: str, spec: ImportKind, names: dict[str, str], raw: Values, lookups: _Lookups,
             create_missing: bool, missing: dict[str, set[str]]) -> list[tuple[str, str, dict[str, Any]]]:
    """Fill the *_id fields from the names in the row; say which names are unknown."""
    errors: list[tuple[str, str, dict[str, Any]]] = []

    def unknown(ref_kind: str, name: str, column: str) -> str | None:
        if create_missing and ref_kind in spec.creatable:
            missing.setdefault(ref_kind, set()).add(name)
            return placeholder(ref_kind, name)
        errors.append((column, "ref_not_found", {"name": name}))
        return None

    for column in _NAMED:
        if column in names:
            named = lookups.named[column].get(_name_key(names[column]))
            if named is None:
                errors.append((column, "ref_not_found", {"name": names[column]}))
            raw[REFS[column][1]] = named
    compound_id: str | None = None
    if "compound" in names:
        compound_id = lookups.compound(names["compound"]) or unknown("compound", names["compound"],
                                                                     "compound")
        raw["compound_id"] = compound_id
    if "party_group" in names:
        raw["party_group_id"] = (lookups.group(names["party_group"])
                                 or unknown("party_group", names["party_group"], "party_group"))
    if "building" in names:
        number = names["building"]
        if kind == "building":
            raw["number"] = number
        elif compound_id is not None and not compound_id.startswith("new:"):
            building = lookups.buildings.get((compound_id, _building_key(number)))
            raw["building_id"] = building or unknown("building", f"{names['compound']}\t{number}",
                                                     "building")
        elif compound_id is not None:
            raw["building_id"] = unknown("building", f"{names['compound']}\t{number}", "building")
        else:
            same_number = lookups.buildings_by_number.get(_building_key(number), [])
            if len(same_number) == 1:
                raw["building_id"] = same_number[0]
            else:
                errors.append(("building", "building_needs_compound" if same_number else "ref_not_found",
                               {"name": number}))
    return errors


def _existing(db: Database, target: _Target, spec: ImportKind
              ) -> tuple[dict[tuple[Any, ...], str], dict[str, Values]]:
    model = target.model
    names = [f.name for f in target.fields if f.kind is not Kind.MULTI_REF]
    by_key: dict[tuple[Any, ...], str] = {}
    records: dict[str, Values] = {}
    with db.session() as session:
        for obj in session.scalars(select(model).where(live_in(model, target.community_id))):
            values = {n: getattr(obj, n) for n in names}
            records[obj.id] = values
            for key in spec.identity(values):
                by_key.setdefault(key, obj.id)
    return by_key, records


# --- applying ------------------------------------------------------------------------


def apply_import(db: Database, plan: ImportPlan, *, update: bool = False, dry_run: bool = False,
                 progress: Progress | None = None) -> ImportResult:
    """Write the plan's valid rows in one transaction; duplicates are updated only when asked."""
    result = ImportResult(dry_run=dry_run)
    result.errors = plan.errors
    todo = [r for r in plan.rows if r.state is RowState.NEW or (update and r.state is RowState.UPDATE)]
    result.skipped = sum(1 for r in plan.rows if r.state is RowState.SAME
                         or (not update and r.state is RowState.UPDATE))
    if dry_run:
        result.imported = sum(1 for r in todo if r.state is RowState.NEW)
        result.updated = len(todo) - result.imported
        return result
    target = _target(db, plan.kind)
    svc = target.registry
    refused: list[RowError] = []
    mapped, headers = plan.layout.columns.fields, plan.layout.columns.headers

    def resolved(row: PlannedRow) -> Values:
        if not created:
            return row.values
        return {k: created.get(v, v) if isinstance(v, str) else v for k, v in row.values.items()}

    with db.session() as session:
        log = ChangeLog(db, session)
        created = _create_missing(svc, session, log, plan)
        new = [r for r in todo if r.state is RowState.NEW]
        if progress is not None:
            progress.progress(0, len(todo))
            progress.check()
        # The new rows in one go: checked by the service as one create would be, then inserted
        # with the change log's bulk insert (each row gets its outbox entry).
        target.create_many(session, log, [resolved(r) for r in new])
        result.imported = len(new)
        for n, row in enumerate(r for r in todo if r.state is RowState.UPDATE):
            if progress is not None and n % 200 == 0:
                progress.progress(len(new) + n, len(todo))
                progress.check()
            assert row.existing_id is not None
            try:
                target.update(session, log, row.existing_id, resolved(row))
                result.updated += 1
            except ValidationError as exc:
                row.state = RowState.ERROR
                for e in exc.errors:
                    err = RowError(row.row, _column(headers, mapped, _ref_column(e.field)), e.field,
                                   e.code, e.params)
                    row.errors.append(err)
                    refused.append(err)
        if progress is not None:
            progress.committing()
    result.errors = result.errors + refused
    return result


def _create_missing(svc: RegistryService, session: Any, log: ChangeLog, plan: ImportPlan) -> dict[str, str]:
    """Create the compounds, party groups and buildings the rows name; placeholder -> new id."""
    created: dict[str, str] = {}
    if not plan.create_missing:
        return created
    for name in sorted(plan.missing.get("compound", ())):
        created[placeholder("compound", name)] = svc.create_in(session, log, "compound", {"name": name})
    for name in sorted(plan.missing.get("party_group", ())):
        created[placeholder("party_group", name)] = svc.create_in(
            session, log, "party_group", {"name": name, "kind": "ordinary"})
    for name in sorted(plan.missing.get("building", ())):
        compound_name, number = name.split("\t", 1)
        compound_id = created.get(placeholder("compound", compound_name))
        if compound_id is None:
            compound_id = session.scalar(select(Compound.id).where(
                live_in(Compound, svc.community_id), Compound.name == compound_name))
        if compound_id is None:
            raise ValidationError([FieldError("compound_id", "ref_missing")])
        created[placeholder("building", name)] = svc.create_in(
            session, log, "building", {"compound_id": compound_id, "number": number})
    return created


# --- the refused rows, for fixing in Excel ---------------------------------------------


def write_error_workbook(plan: ImportPlan, path: Path, describe: Callable[[RowError], str],
                         reason_header: str = "错误原因") -> int:
    """Write the header and the refused rows of ``plan`` with a reason column; return the rows."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(plan.sheet.name[:31] or "Sheet1")
    headers = plan.layout.columns.headers
    ws.append([*headers, reason_header, "原行号"])
    count = 0
    for row in plan.rows:
        if not row.errors:
            continue
        cells = [*row.cells, *[None] * (len(headers) - len(row.cells))][:len(headers)]
        reason = "；".join(describe(e) for e in row.errors)
        ws.append([_writable(c) for c in cells] + [reason, row.row])
        count += 1
    atomic_write(path, write=lambda tmp: wb.save(str(tmp)), private=True)
    return count


def _writable(cell: Cell) -> Any:
    if isinstance(cell, str) and cell.isdigit() and len(cell) > 11:
        return cell  # text stays text: an ID number must not become 1.1E+17
    return cell
