"""The registry use cases: create, edit, delete and list the community's records."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.collation import by_pinyin
from app.db.database import DEMO_KEY, Database
from app.models import Building, PartyGroupBuilding, SyncedRecord, new_id
from app.models.registry import Community, PartyGroup, PartyGroupKind
from app.models.scope import CITY_SCOPE, live_in, seen_by
from app.services import journal
from app.services.errors import DomainError, FieldError, NotFoundError, ValidationError
from app.services.fields import Kind, clean
from app.services.kinds import record_kinds
from app.services.listing import ListQuery
from app.services.registry_specs import EntitySpec
from app.sync.changes import ChangeLog

Values = dict[str, Any]


@dataclass(frozen=True)
class CommunityInfo:
    id: str
    code: str
    name: str
    street: str
    district: str
    city: str
    demo: bool = False  # made up by ``demo`` to try the app on


# The usual name of a community's Party organisation, by its kind.
ORG_NAME_PATTERNS = {"committee": "中共{name}委员会", "general_branch": "中共{name}总支部委员会",
                     "branch": "中共{name}支部委员会"}


def suggested_org_name(community_name: str, org_kind: str) -> str:
    """中共幸福社区委员会 for 幸福社区 with a committee; empty without a community name."""
    if not community_name:
        return ""
    return ORG_NAME_PATTERNS.get(org_kind, ORG_NAME_PATTERNS["committee"]).format(name=community_name)


class RegistryService:
    """Reads and writes the registry of the database's current community."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the community --------------------------------------------------------------

    @property
    def community_id(self) -> str:
        cid = self.db.community_id
        if cid is None:
            raise DomainError("no_community")
        return cid

    def has_community(self) -> bool:
        return self.db.community_id is not None

    def create_community(self, values: Values) -> str:
        """Create a community and make it the current one of this database."""
        spec = record_kinds()["community"]
        cleaned = self._validate(spec, values, None)
        with self.db.session() as session:
            existing = session.scalar(
                select(Community).where(Community.code == cleaned["code"], Community.deleted_at.is_(None))
            )
            if existing is not None:
                raise ValidationError([FieldError("code", "duplicate")])
            community = Community(**cleaned)
            community.id = new_id()
            community.community_id = community.id
            ChangeLog(self.db, session).created(community)
            self.db.set_community(session, community.id)
            return community.id

    def use_community(self, community_id: str) -> None:
        with self.db.session() as session:
            if session.get(Community, community_id) is None:
                raise NotFoundError("community", community_id)
            self.db.set_community(session, community_id)

    def community(self) -> CommunityInfo:
        with self.db.session() as session:
            c = session.get(Community, self.community_id)
            if c is None:
                raise NotFoundError("community", self.community_id)
            info = CommunityInfo(c.id, c.code, c.name, c.street, c.district, c.city)
        if self.db.get_state(DEMO_KEY) == info.id:
            info = replace(info, demo=True)
        return info

    # --- generic records ------------------------------------------------------------

    @staticmethod
    def spec(kind: str) -> EntitySpec:
        try:
            return record_kinds()[kind]
        except KeyError:
            raise DomainError("unknown_kind", kind=kind) from None

    def get(self, kind: str, record_id: str, extra: tuple[str, ...] = ()) -> Values:
        """The record's field values (and the ``extra`` columns asked for)."""
        spec = self.spec(kind)
        with self.db.session() as session:
            obj = self._load(session, spec, record_id)
            names = [f.name for f in spec.fields if f.kind is not Kind.MULTI_REF and hasattr(obj, f.name)]
            values = {name: getattr(obj, name) for name in [*names, *extra]}
            if kind == "party_group":
                values["building_ids"] = self._group_buildings(session, record_id)
            values["id"] = obj.id
            return values

    def writable_spec(self, kind: str) -> EntitySpec:
        spec = self.spec(kind)
        if not spec.writable:
            raise DomainError("read_only_kind", kind=kind)
        return spec

    def create(self, kind: str, values: Values) -> str:
        with self.db.session() as session:
            return self.create_in(session, ChangeLog(self.db, session), kind, values)

    def create_in(self, session: Session, log: ChangeLog, kind: str, values: Values) -> str:
        """:meth:`create` inside the caller's transaction (an import writes many in one)."""
        spec = self.writable_spec(kind)
        cleaned = self._validate(spec, values, None)
        self._check_refs(session, spec, cleaned)
        self._check_unique(session, spec, cleaned, None)
        building_ids = cleaned.pop("building_ids", None)
        obj = spec.model(**cleaned)
        obj.community_id = self.community_id
        log.created(obj)
        if building_ids is not None:
            self._set_group_buildings(session, log, obj.id, building_ids)
        return obj.id

    def bulk_create_in(self, session: Session, log: ChangeLog, kind: str, rows: list[Values],
                       *, validated: bool = False) -> list[str]:
        """Many new records of ``kind`` in the caller's transaction (imports), each checked as
        :meth:`create` checks one, the references and uniqueness looked up once for all rows.

        ``validated`` rows are the output of :meth:`validate` (an import's plan checked each row
        once already); the database's rules, references and unique keys are checked here all the
        same, since the ledger may have changed between the plan and the write.
        """
        spec = self.writable_spec(kind)
        if any(f.kind is Kind.MULTI_REF for f in spec.fields):
            return [self.create_in(session, log, kind, values) for values in rows]
        cleaned = rows if validated else [self._validate(spec, values, None) for values in rows]
        for f in spec.fields:
            if f.kind is Kind.REF:
                wanted = {v[f.name] for v in cleaned if v.get(f.name)}
                if wanted - self._live_ids(session, f.ref or "", wanted):
                    raise ValidationError([FieldError(f.name, "ref_missing")])
        if kind == "party_member":
            pairs = {(v["building_id"], v["compound_id"]) for v in cleaned
                     if v.get("building_id") and v.get("compound_id")}
            stmt = select(Building.id, Building.compound_id).where(Building.id.in_({b for b, _c in pairs}))
            compound_of = {r[0]: r[1] for r in session.execute(stmt)}
            if any(compound_of.get(b) != c for b, c in pairs):
                raise ValidationError([FieldError("building_id", "building_not_in_compound")])
        if spec.unique:
            model: Any = spec.model
            keys = [tuple(v.get(k) for k in spec.unique) for v in cleaned]
            keys = [k for k in keys if all(k)]
            taken = {tuple(r) for r in session.execute(
                select(*(getattr(model, k) for k in spec.unique)).where(live_in(model, self.community_id)))}
            if len(set(keys)) != len(keys) or taken.intersection(keys):
                raise ValidationError([FieldError(spec.unique[-1], "duplicate")])
        ids = [new_id() for _ in cleaned]
        community_id = self.community_id
        log.bulk_created(spec.model, ({**v, "id": i, "community_id": community_id}
                                      for v, i in zip(cleaned, ids, strict=True)))
        journal.note_created(spec.model, ids)
        return ids

    def update(self, kind: str, record_id: str, values: Values) -> Values:
        """Apply ``values`` (a full form) and return the old values of what changed."""
        with self.db.session() as session:
            return self.update_in(session, ChangeLog(self.db, session), kind, record_id, values)

    def update_in(self, session: Session, log: ChangeLog, kind: str, record_id: str,
                  values: Values) -> Values:
        """:meth:`update` inside the caller's transaction."""
        spec = self.writable_spec(kind)
        obj = self._load(session, spec, record_id, writing=True)
        cleaned = self._validate(spec, values, record_id)
        self._check_refs(session, spec, cleaned)
        self._check_unique(session, spec, cleaned, record_id)
        building_ids = cleaned.pop("building_ids", None)
        changed = {k: v for k, v in cleaned.items() if getattr(obj, k) != v}
        old = {k: getattr(obj, k) for k in changed}
        log.updated(obj, changed)
        if building_ids is not None:
            before = self._group_buildings(session, record_id)
            if set(before) != set(building_ids):
                old["building_ids"] = before
                self._set_group_buildings(session, log, record_id, building_ids)
        return old

    def validate(self, kind: str, values: Values) -> Values:
        """The checked values of a new record of ``kind`` (no database rules), or ValidationError."""
        return self._validate(self.writable_spec(kind), values, None)

    def delete(self, kind: str, record_id: str) -> None:
        spec = self.writable_spec(kind)
        with self.db.session() as session:
            obj = self._load(session, spec, record_id, writing=True)
            for dep in spec.dependents:
                col = getattr(dep.model, dep.column)
                count = session.scalar(
                    select(func.count()).where(col == record_id, dep.model.deleted_at.is_(None))
                )
                if count:
                    raise DomainError("has_dependents", kind=dep.kind, count=count)
            log = ChangeLog(self.db, session)
            if kind == "party_group":
                self._set_group_buildings(session, log, record_id, [])
            log.deleted(obj)

    def restore(self, kind: str, record_id: str) -> None:
        """Bring back a deleted record (undo of a delete or of a create)."""
        spec = self.spec(kind)
        with self.db.session() as session:
            obj = session.get(spec.model, record_id)
            if obj is None or obj.community_id != self.community_id:
                raise NotFoundError(kind, record_id)
            if obj.deleted_at is None:
                return
            values = {f.name: getattr(obj, f.name) for f in spec.fields if f.kind is not Kind.MULTI_REF}
            self._check_unique(session, spec, values, record_id)
            ChangeLog(self.db, session).restored(obj)

    def _visible(self, spec: EntitySpec) -> Any:
        """The WHERE clause of the live records of ``spec`` this community sees."""
        if spec.city_shared:
            return seen_by(spec.model, self.community_id)
        return live_in(spec.model, self.community_id)

    def list_query(self, kind: str) -> ListQuery:
        spec = self.spec(kind)
        model = spec.model

        def base(stmt: Any) -> Any:
            # The community is read at each query: enrolment gives it the id the city knows it by.
            return spec.joins(stmt).where(self._visible(spec))

        columns = spec.columns()
        label = [i for i, c in enumerate(columns) if c.key == spec.label_field]
        return ListQuery(self.db.engine, columns, base, model.id, spec.filters(), then=label)

    def options(self, kind: str, **where: Any) -> list[tuple[str, str]]:
        """(id, label) pairs of live records of ``kind``, for pickers, names in pinyin order."""
        spec = self.spec(kind)
        model: Any = spec.model
        if kind == "homeowner_committee":
            from app.models import Compound

            stmt = select(model.id, Compound.name).join(Compound, Compound.id == model.compound_id)
            label = Compound.name
        elif kind == "building":
            from app.models import Compound

            stmt = select(model.id, Compound.name + " " + model.number).join(
                Compound, Compound.id == model.compound_id)
            label = Compound.name
        else:
            label = getattr(model, spec.label_field)
            stmt = select(model.id, label)
        stmt = stmt.where(self._visible(spec))
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        codes = {c.key for c in spec.columns() if c.code}
        order = [label if spec.label_field in codes else by_pinyin(label)]
        if kind == "building":
            order.append(by_pinyin(model.number))
        with self.db.session() as session:
            return [(r[0], r[1]) for r in session.execute(stmt.order_by(*order, model.id))]

    def counts(self) -> dict[str, int]:
        """Live records per kind in the current community."""
        result: dict[str, int] = {}
        with self.db.session() as session:
            for kind, spec in record_kinds().items():
                if kind == "community":
                    continue
                model = spec.model
                result[kind] = session.scalar(
                    select(func.count()).select_from(model).where(live_in(model, self.community_id))) or 0
            result["building_party_group"] = session.scalar(
                select(func.count()).select_from(PartyGroup).where(
                    live_in(PartyGroup, self.community_id), PartyGroup.kind == PartyGroupKind.BUILDING.value)
            ) or 0
        return result

    # --- helpers --------------------------------------------------------------------

    def _load(self, session: Session, spec: EntitySpec, record_id: str, writing: bool = False) -> Any:
        obj = session.get(spec.model, record_id)
        if obj is not None and spec.city_shared and obj.community_id == CITY_SCOPE and obj.deleted_at is None:
            if writing:
                raise DomainError("city_owned", kind=spec.kind)
            return obj
        if obj is None or obj.deleted_at is not None or obj.community_id != self._scope(spec, obj):
            raise NotFoundError(spec.kind, record_id)
        return obj

    def _scope(self, spec: EntitySpec, obj: SyncedRecord) -> str:
        return self.community_id if spec.kind != "community" else obj.id

    def _validate(self, spec: EntitySpec, values: Values, record_id: str | None) -> Values:
        cleaned: Values = {}
        errors: list[FieldError] = []
        for f in spec.fields:
            raw = values.get(f.name, f.default)
            value, error = clean(f, raw)
            if error:
                errors.append(error)
            else:
                cleaned[f.name] = value
        if not errors and spec.check:
            errors.extend(spec.check(cleaned))
        if errors:
            raise ValidationError(errors)
        return cleaned

    def _check_refs(self, session: Session, spec: EntitySpec, values: Values) -> None:
        errors: list[FieldError] = []
        for f in spec.fields:
            if (f.kind is Kind.REF and values.get(f.name)
                    and not self._live(session, f.ref or "", values[f.name])):
                errors.append(FieldError(f.name, "ref_missing"))
            if f.kind is Kind.MULTI_REF:
                missing = [v for v in values.get(f.name) or [] if not self._live(session, f.ref or "", v)]
                if missing:
                    errors.append(FieldError(f.name, "ref_missing"))
        building_id, compound_id = values.get("building_id"), values.get("compound_id")
        if spec.kind == "party_member" and building_id and compound_id and not errors:
            building = session.get(Building, building_id)
            if building is not None and building.compound_id != compound_id:
                errors.append(FieldError("building_id", "building_not_in_compound"))
        if errors:
            raise ValidationError(errors)

    def _live_ids(self, session: Session, kind: str, record_ids: set[str]) -> set[str]:
        spec = record_kinds()[kind]
        model: Any = spec.model
        scope = seen_by(model, self.community_id) if spec.city_shared else live_in(model, self.community_id)
        found: set[str] = set()
        ids = sorted(record_ids)
        for start in range(0, len(ids), 500):
            found.update(session.scalars(select(model.id).where(scope, model.id.in_(ids[start:start + 500]))))
        return found

    def _live(self, session: Session, kind: str, record_id: str) -> bool:
        spec = record_kinds()[kind]
        obj: Any = session.get(spec.model, record_id)
        scopes = (self.community_id, CITY_SCOPE) if spec.city_shared else (self.community_id,)
        return obj is not None and obj.deleted_at is None and obj.community_id in scopes

    def _check_unique(
        self, session: Session, spec: EntitySpec, values: Values, record_id: str | None
    ) -> None:
        if not spec.unique or any(not values.get(k) for k in spec.unique):
            return
        model: Any = spec.model
        stmt = select(func.count()).select_from(model).where(live_in(model, self.community_id))
        for key in spec.unique:
            stmt = stmt.where(getattr(model, key) == values[key])
        if record_id is not None:
            stmt = stmt.where(model.id != record_id)
        if session.scalar(stmt):
            raise ValidationError([FieldError(spec.unique[-1], "duplicate")])

    def _group_buildings(self, session: Session, group_id: str) -> list[str]:
        return list(session.scalars(
            select(PartyGroupBuilding.building_id).where(
                PartyGroupBuilding.party_group_id == group_id, PartyGroupBuilding.deleted_at.is_(None))
            .order_by(PartyGroupBuilding.building_id)
        ))

    def _set_group_buildings(self, session: Session, log: ChangeLog, group_id: str,
                             building_ids: list[str]) -> None:
        wanted = set(building_ids)
        links = session.scalars(
            select(PartyGroupBuilding).where(PartyGroupBuilding.party_group_id == group_id)
        ).all()
        present: set[str] = set()
        for link in links:
            live = link.deleted_at is None
            if link.building_id in wanted:
                present.add(link.building_id)
                if not live:
                    log.restored(link)
            elif live:
                log.deleted(link)
        for building_id in sorted(wanted - present):
            link = PartyGroupBuilding(party_group_id=group_id, building_id=building_id)
            link.community_id = self.community_id
            log.created(link)
