"""Compound guarantees (小区管理包保, 五包保): a responsible leader per compound and the five tasks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.db.collation import by_pinyin
from app.models import Compound
from app.models.ledgers import CompoundGuarantee, GuaranteeTask, GuaranteeTaskKind, Organ, TaskStatus
from app.services.errors import FieldError, ValidationError
from app.services.fields import Field, Kind
from app.services.ledger_common import LedgerService, Values, validate

TASKS = tuple(t.value for t in GuaranteeTaskKind)
STATUSES = tuple(s.value for s in TaskStatus)

GUARANTEE_FIELDS = (
    Field("compound_id", Kind.REF, required=True, ref="compound"),
    Field("leader_name", required=True, max_len=50),
    Field("leader_post", max_len=100),
    Field("leader_unit", max_len=100),
    Field("organ_id", Kind.REF, ref="organ"),
    Field("since", Kind.DATE),
    Field("note", Kind.LONG_TEXT),
)


@dataclass(frozen=True)
class TaskCell:
    task_id: str
    status: str
    done_on: date | None
    note: str


@dataclass(frozen=True)
class MatrixRow:
    guarantee_id: str
    compound_id: str
    compound_name: str
    leader_name: str
    leader_post: str
    leader_unit: str
    tasks: dict[str, TaskCell]

    @property
    def done_count(self) -> int:
        return sum(1 for c in self.tasks.values() if c.status == TaskStatus.DONE.value)


@dataclass(frozen=True)
class Matrix:
    rows: list[MatrixRow]
    # task -> status -> number of compounds
    totals: dict[str, dict[str, int]]
    compounds: int
    all_done: int
    leaders: int


class GuaranteeService(LedgerService):

    def create(self, values: Values) -> str:
        """Put a compound under guarantee; its five tasks start as not started."""
        cleaned = validate(GUARANTEE_FIELDS, values)
        with self.db.session() as session:
            self.check_ref(session, Compound, cleaned["compound_id"], "compound_id")
            self.check_ref(session, Organ, cleaned.get("organ_id"), "organ_id")
            if self.count(session, CompoundGuarantee,
                          CompoundGuarantee.compound_id == cleaned["compound_id"]):
                raise ValidationError([FieldError("compound_id", "duplicate")])
            gid = self.add(session, CompoundGuarantee(**cleaned))
            for task in TASKS:
                self.add(session, GuaranteeTask(guarantee_id=gid, task=task,
                                                status=TaskStatus.NOT_STARTED.value, note=""))
            return gid

    def update(self, guarantee_id: str, values: Values) -> Values:
        cleaned = validate(GUARANTEE_FIELDS, values)
        with self.db.session() as session:
            row = self.load(session, CompoundGuarantee, guarantee_id, "compound_guarantee")
            self.check_ref(session, Organ, cleaned.get("organ_id"), "organ_id")
            if cleaned["compound_id"] != row.compound_id:
                self.check_ref(session, Compound, cleaned["compound_id"], "compound_id")
                if self.count(session, CompoundGuarantee,
                              CompoundGuarantee.compound_id == cleaned["compound_id"]):
                    raise ValidationError([FieldError("compound_id", "duplicate")])
            return self.change(session, row, cleaned)

    def delete(self, guarantee_id: str) -> None:
        with self.db.session() as session:
            row = self.load(session, CompoundGuarantee, guarantee_id, "compound_guarantee")
            log = self.log(session)
            for task in session.scalars(select(GuaranteeTask).where(
                    self.live(GuaranteeTask), GuaranteeTask.guarantee_id == guarantee_id)):
                log.deleted(task)
            log.deleted(row)

    def set_task(self, guarantee_id: str, task: str, status: str, done_on: date | None = None,
                 note: str | None = None) -> None:
        """Record a task's status; done without a date means done today."""
        errors: list[FieldError] = []
        if task not in TASKS:
            errors.append(FieldError("task", "bad_choice"))
        if status not in STATUSES:
            errors.append(FieldError("status", "bad_choice"))
        if note is not None and len(note) > 200:
            errors.append(FieldError("note", "too_long", {"max": 200}))
        if errors:
            raise ValidationError(errors)
        with self.db.session() as session:
            self.load(session, CompoundGuarantee, guarantee_id, "compound_guarantee")
            row = session.scalar(select(GuaranteeTask).where(
                self.live(GuaranteeTask), GuaranteeTask.guarantee_id == guarantee_id,
                GuaranteeTask.task == task))
            changes: Values = {"status": status,
                               "done_on": (done_on or self.today()) if status == TaskStatus.DONE.value
                               else done_on}
            if note is not None:
                changes["note"] = note
            if row is None:
                self.add(session, GuaranteeTask(guarantee_id=guarantee_id, task=task,
                                                note=note or "", status=status, done_on=changes["done_on"]))
            else:
                self.change(session, row, changes)

    def matrix(self) -> Matrix:
        """Compounds by the five tasks, with totals per task and status."""
        with self.db.session() as session:
            guarantees = session.execute(
                select(CompoundGuarantee, Compound.name)
                .outerjoin(Compound, Compound.id == CompoundGuarantee.compound_id)
                .where(self.live(CompoundGuarantee))
                .order_by(by_pinyin(Compound.name))).all()
            tasks: dict[str, dict[str, TaskCell]] = defaultdict(dict)
            for t in session.scalars(select(GuaranteeTask).where(self.live(GuaranteeTask))):
                tasks[t.guarantee_id][t.task] = TaskCell(t.id, t.status, t.done_on, t.note)
        rows: list[MatrixRow] = []
        totals = {task: dict.fromkeys(STATUSES, 0) for task in TASKS}
        for g, compound_name in guarantees:
            cells = tasks.get(g.id, {})
            for task in TASKS:
                status = cells[task].status if task in cells else TaskStatus.NOT_STARTED.value
                totals[task][status] += 1
            rows.append(MatrixRow(g.id, g.compound_id, compound_name or "", g.leader_name, g.leader_post,
                                  g.leader_unit, cells))
        leaders = len({(r.leader_name, r.leader_unit) for r in rows})
        all_done = sum(1 for r in rows if r.done_count == len(TASKS))
        return Matrix(rows, totals, len(rows), all_done, leaders)
