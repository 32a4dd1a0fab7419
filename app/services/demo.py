"""Deterministic demo data: a realistic community of Baicheng (白城市), or a whole city of them.

The same seed gives the same records, ids included: every random choice, and every id, comes from
``random.Random(seed)``.  Only the bookkeeping columns (created/updated timestamps, clock stamps,
outbox change ids) differ between two runs.  Every record is written through
:meth:`ChangeLog.bulk_created`, so it lands in the outbox like any other change.

Scales:

``community``
    one community of about 30 compounds, 300 buildings, 40 party groups and 1,500 party members.
``city``
    102 such communities whose totals are those of the case (GLOSSARY, last section): 440 homeowner
    committees, 30 red property branches, 273 building party groups.  The first community is the
    same as the ``community`` scale's and becomes the database's current community.

The ledgers' demo data comes from the builders listed in :data:`LEDGER_BUILDERS` (today
:func:`app.services.demo_ledgers.fill` and :func:`app.services.demo_venues.fill`): each, a function
``fill(db, log, community_id, rng, scale, today=reference) -> int``, is called once per community,
inside the same transaction, right after that community's registry records are written.  ``log``
is the :class:`ChangeLog` (its ``session`` can query the registry just written), ``rng`` a
``random.Random`` of its own (so ledger data never shifts the registry data), ``scale`` the scale
name, ``today`` the reference day every demo date is laid out before; it returns the number of
records it wrote.  :data:`CITY_COMMUNITIES` tells how many communities a city run fills.
"""

from __future__ import annotations

import random
import time
import uuid
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any, TypeVar

from sqlalchemy import func, select

from app.db.database import COMMUNITY_KEY, DEMO_KEY, Database
from app.models import (
    Building,
    Community,
    Compound,
    HomeownerCommittee,
    HomeownerCommitteeMember,
    PartTimeMember,
    PartyGroup,
    PartyGroupBuilding,
    PartyMember,
    PropertyCompany,
    RedPropertyBranch,
    ResidentUnit,
    SyncedRecord,
)
from app.models.scope import live_in
from app.services import demo_ledgers, demo_livelihood, demo_venues
from app.services import demo_names as names
from app.services.errors import DomainError
from app.services.identity import make_id_number
from app.sync.changes import ChangeLog

# The ledgers' demo builders, called in this order for every community with (db, log,
# community_id, rng, scale, today=reference); each returns the number of records it wrote.
LEDGER_BUILDERS: tuple[Callable[..., int], ...] = (demo_ledgers.fill, demo_venues.fill,
                                                   demo_livelihood.fill)

SCALES = ("community", "city")
DEFAULT_SEED = 2019

CITY_COMMUNITIES = 102
CITY_HOMEOWNER_COMMITTEES = 440
CITY_RED_PROPERTY_BRANCHES = 30
CITY_BUILDING_PARTY_GROUPS = 273

Row = dict[str, Any]
Progress = Callable[[int, int, str], None]
T = TypeVar("T")

# Tables in the order they are written (parents before children).
WRITE_ORDER: tuple[type[SyncedRecord], ...] = (
    Community, PropertyCompany, Compound, Building, PartyGroup, PartyGroupBuilding, PartyMember,
    HomeownerCommittee, HomeownerCommitteeMember, RedPropertyBranch, ResidentUnit, PartTimeMember,
)


@dataclass(frozen=True)
class Quota:
    """How much one community gets."""

    compounds: int
    party_groups: int
    members: int
    homeowner_committees: int
    red_property_branches: int
    building_party_groups: int


# The first community (and the whole ``community`` scale): a well-organised one worth showing.
SHOWCASE = Quota(compounds=30, party_groups=40, members=1500, homeowner_committees=12,
                 red_property_branches=3, building_party_groups=10)


@dataclass(frozen=True)
class Site:
    """Where a community is and what it is called."""

    name: str
    code: str
    street: str
    district: str
    district_code: str
    stem: str
    existing_id: str | None = None


@dataclass
class DemoResult:
    scale: str
    seed: int
    community_ids: list[str]
    records: int
    seconds: float

    @property
    def current_community_id(self) -> str:
        return self.community_ids[0]


@dataclass
class CommunityData:
    """The rows generated for one community, by model."""

    community_id: str
    rows: dict[type[SyncedRecord], list[Row]] = field(default_factory=dict)

    def add(self, model: type[SyncedRecord], row: Row) -> Row:
        row["community_id"] = self.community_id
        self.rows.setdefault(model, []).append(row)
        return row

    def count(self) -> int:
        return sum(len(r) for r in self.rows.values())


# --- entry point -----------------------------------------------------------------------------


def fill_demo(
    db: Database,
    scale: str = "community",
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Fill the database's current community (or a new one) with demo data; ``city`` adds more.

    Refuses (``DomainError("community_not_empty")``) when the current community already has
    registry records.  ``today`` anchors all dates (default: the first day of this month, so a
    run later in the month gives the same data).
    """
    if scale not in SCALES:
        raise DomainError("unknown_scale", scale=scale)
    started = time.perf_counter()
    reference = (today or date.today()).replace(day=1)
    master = random.Random(seed)
    count = CITY_COMMUNITIES if scale == "city" else 1
    existing = _existing_site(db)
    sites = _plan_sites(master, CITY_COMMUNITIES, existing)[:count]
    quotas = _plan_quotas(master, CITY_COMMUNITIES)[:count]
    seeds = [master.getrandbits(64) for _ in range(CITY_COMMUNITIES)][:count]
    people = _People(reference)
    ids: list[str] = []
    records = 0
    for index, (site, quota, community_seed) in enumerate(zip(sites, quotas, seeds, strict=True)):
        rng = random.Random(community_seed)
        ledger_rng = random.Random(rng.getrandbits(64))
        data = _CommunityBuilder(rng, people, site, quota, reference).build()
        with db.session() as session:
            log = ChangeLog(db, session)
            for model in WRITE_ORDER:
                rows = data.rows.get(model)
                if rows:
                    records += log.bulk_created(model, rows)
            if index == 0:
                db.set_state(session, COMMUNITY_KEY, data.community_id)
                db.set_state(session, DEMO_KEY, data.community_id)
            for build in LEDGER_BUILDERS:
                records += build(db, log, data.community_id, ledger_rng, scale, today=reference)
        ids.append(data.community_id)
        if progress is not None:
            progress(index + 1, count, site.name)
    return DemoResult(scale, seed, ids, records, time.perf_counter() - started)


def _existing_site(db: Database) -> Site | None:
    """The database's current community, after checking it has no registry records yet."""
    cid = db.community_id
    if cid is None:
        return None
    with db.session() as session:
        community = session.get(Community, cid)
        if community is None:
            return None
        for model in (Compound, Building, PartyGroup, PartyMember, PropertyCompany, ResidentUnit):
            n = session.scalar(select(func.count()).select_from(model).where(live_in(model, cid)))
            if n:
                raise DomainError("community_not_empty", community=community.name)
        district_code = next((code for name, code, _s, _n in names.DISTRICTS
                              if name == community.district), names.DISTRICTS[0][1])
        stem = community.name.removesuffix("社区") or community.name
        return Site(community.name, community.code, community.street, community.district,
                    district_code, stem, existing_id=community.id)


def _plan_sites(rng: random.Random, count: int, existing: Site | None) -> list[Site]:
    """``count`` communities spread over the city's districts and streets, unique names and codes."""
    sites: list[Site] = []
    used_names = {existing.name} if existing else set()
    used_codes = {existing.code} if existing else set()
    stems = list(names.COMMUNITY_STEMS)
    rng.shuffle(stems)
    stem_pool = [(s, d) for d in names.COMMUNITY_DIRECTIONS for s in stems]
    pool_index = 0
    for district, district_code, streets, n in names.DISTRICTS:
        for i in range(n):
            street_no = i % len(streets)
            street = streets[street_no]
            seq = i // len(streets) + 1
            code = f"{district_code}{street_no + 1:03d}{seq:03d}"
            while code in used_codes:
                seq += 1
                code = f"{district_code}{street_no + 1:03d}{seq:03d}"
            used_codes.add(code)
            while True:
                stem, direction = stem_pool[pool_index % len(stem_pool)]
                pool_index += 1
                name = f"{stem}{direction}社区"
                if name not in used_names:
                    break
            used_names.add(name)
            sites.append(Site(name, code, street, district, district_code, stem))
    if existing is not None:
        sites[0] = existing
    return sites[:count]


def _plan_quotas(rng: random.Random, count: int) -> list[Quota]:
    """The showcase community first, then the rest sharing what is left of the case's totals."""
    rest = count - 1
    hc = _spread(rng, CITY_HOMEOWNER_COMMITTEES - SHOWCASE.homeowner_committees, rest)
    rpb = _spread(rng, CITY_RED_PROPERTY_BRANCHES - SHOWCASE.red_property_branches, rest)
    bpg = _spread(rng, CITY_BUILDING_PARTY_GROUPS - SHOWCASE.building_party_groups, rest)
    quotas = [SHOWCASE]
    for i in range(rest):
        quotas.append(Quota(
            compounds=rng.randint(26, 34),
            party_groups=rng.randint(36, 44),
            members=rng.randint(1350, 1650),
            homeowner_committees=hc[i],
            red_property_branches=rpb[i],
            building_party_groups=bpg[i],
        ))
    return quotas


def _spread(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` near-equal whole numbers, the larger ones placed at random."""
    base, extra = divmod(total, parts)
    lucky = set(rng.sample(range(parts), extra))
    return [base + (1 if i in lucky else 0) for i in range(parts)]


# --- people ----------------------------------------------------------------------------------


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


class _People:
    """Names, phones and ID numbers; unique across the whole run."""

    def __init__(self, reference: date) -> None:
        self.reference = reference
        self.rng = random.Random(0)
        self._surnames = [s for s, _ in names.SURNAMES]
        self._surname_cum = list(accumulate(w for _, w in names.SURNAMES))
        self._eth = [e for e, _ in names.ETHNICITIES]
        self._eth_cum = list(accumulate(w for _, w in names.ETHNICITIES))
        self._phones: set[str] = set()
        self._ids: set[str] = set()

    def surname(self) -> str:
        return self._surnames[bisect(self._surname_cum, self.rng.random() * self._surname_cum[-1])]

    def name(self, gender: str, birth_year: int) -> str:
        cohort = 0 if birth_year < 1960 else 1 if birth_year < 1985 else 2
        return self.surname() + self.rng.choice(names.GIVEN_NAMES[(gender, cohort)])

    def gender(self) -> str:
        return "male" if self.rng.random() < 0.52 else "female"

    def anyone(self, min_age: int = 30, max_age: int = 65) -> str:
        year = self.reference.year - self.rng.randint(min_age, max_age)
        return self.name(self.gender(), year)

    def ethnicity(self) -> str:
        return self._eth[bisect(self._eth_cum, self.rng.random() * self._eth_cum[-1])]

    def mobile(self) -> str:
        while True:
            phone = self.rng.choice(names.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def landline(self) -> str:
        return f"{names.AREA_CODE}-{self.rng.choice('3568')}{self.rng.randrange(10**6):06d}"

    def id_number(self, region: str, born: date, gender: str) -> str:
        odd = 1 if gender == "male" else 0
        while True:
            number = make_id_number(region, born, self.rng.randrange(500) * 2 + odd)
            if number not in self._ids:
                self._ids.add(number)
                return number


# --- one community ---------------------------------------------------------------------------

_OTHER_REGIONS = ("220102", "220202", "220702", "220303", "230103", "152201", "220822", "220881")


def _pick_unique(rng: random.Random, make: Callable[[], str], used: set[str]) -> str:
    for _ in range(200):
        value = make()
        if value not in used:
            used.add(value)
            return value
    n = 2
    base = make()
    while f"{base}{n}" in used:
        n += 1
    used.add(f"{base}{n}")
    return f"{base}{n}"


def _weighted_sample(rng: random.Random, items: Sequence[T], weights: Sequence[float], k: int) -> list[T]:
    """``k`` distinct items drawn with the given weights, in draw order."""
    pool = list(zip(items, weights, strict=True))
    chosen: list[T] = []
    while pool and len(chosen) < k:
        total = sum(w for _, w in pool)
        x = rng.random() * total
        for i, (item, w) in enumerate(pool):
            x -= w
            if x < 0 or i == len(pool) - 1:
                chosen.append(item)
                del pool[i]
                break
    return chosen


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else digits[tens] + "十") + (digits[ones] if ones else "")


@dataclass
class _CompoundInfo:
    row: Row
    kind: str
    buildings: list[Row] = field(default_factory=list)
    groups: list[Row] = field(default_factory=list)
    residents: list[Row] = field(default_factory=list)


class _CommunityBuilder:
    def __init__(self, rng: random.Random, people: _People, site: Site, quota: Quota,
                 reference: date) -> None:
        self.rng = rng
        self.people = people
        people.rng = rng
        self.site = site
        self.quota = quota
        self.ref = reference
        self.community_id = site.existing_id or self._id()
        self.data = CommunityData(self.community_id)
        self.roads = names.ROADS_CITY if site.district == "洮北区" else names.ROADS_TOWN

    def _id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange(max(1, (last - first).days + 1)))

    def _address(self) -> str:
        return f"{self.site.district}{self.rng.choice(self.roads)}{self.rng.randint(1, 999)}号"

    def build(self) -> CommunityData:
        if self.site.existing_id is None:
            self._community()
        companies = self._property_companies()
        compounds = self._compounds(companies)
        groups = self._party_groups(compounds)
        self._members(compounds, groups)
        self._leaders(compounds, groups)
        self._homeowner_committees(compounds)
        self._red_property_branches(compounds, companies)
        self._resident_units()
        return self.data

    # community, companies, compounds, buildings

    def _community(self) -> None:
        p, rng = self.people, self.rng
        born = self.ref.year - rng.randint(35, 55)
        self.data.add(Community, {
            "id": self.community_id, "code": self.site.code, "name": self.site.name,
            "street": self.site.street, "district": self.site.district, "city": names.CITY,
            "org_kind": "committee", "org_name": f"{self.site.name}党委",
            "secretary_name": p.name(p.gender(), born), "secretary_phone": p.mobile(),
            "address": self._address(),
        })

    def _property_companies(self) -> list[Row]:
        rng, p = self.rng, self.people
        used: set[str] = set()
        companies = []
        for _ in range(rng.randint(6, 9)):
            stem = _pick_unique(rng, lambda: rng.choice(names.PROPERTY_STEMS), used)
            name = (f"吉林省{stem}物业管理有限公司" if rng.random() < 0.15
                    else f"{names.CITY}{stem}物业服务有限公司")
            companies.append(self.data.add(PropertyCompany, {
                "id": self._id(), "name": name, "contact": p.anyone(30, 60),
                "phone": p.landline() if rng.random() < 0.4 else p.mobile(),
                "address": self._address(),
            }))
        return companies

    def _compounds(self, companies: list[Row]) -> list[_CompoundInfo]:
        rng = self.rng
        used: set[str] = set()
        result = []
        company_weights = [rng.uniform(0.5, 3.0) for _ in companies]
        kinds = [rng.choices(("unit", "old", "new"), (3, 4, 3))[0] for _ in range(self.quota.compounds)]
        sizes = self._building_counts(kinds)
        for kind, size in zip(kinds, sizes, strict=True):
            if kind == "unit":
                name = _pick_unique(rng, lambda: rng.choice(names.UNIT_HOUSING), used)
            else:
                name = _pick_unique(
                    rng, lambda: rng.choice(names.COMPOUND_PREFIXES) + rng.choice(names.COMPOUND_SUFFIXES),
                    used)
            has_company = rng.random() < {"unit": 0.4, "old": 0.85, "new": 1.0}[kind]
            row: Row = {"id": self._id(), "name": name, "address": self._address()}
            info = _CompoundInfo(row, kind)
            info.buildings = self._buildings(row["id"], kind, size)
            households = sum(b["households"] for b in info.buildings)
            area_per_home = {"unit": (5000, 7000), "old": (6500, 9000), "new": (8500, 13000)}[kind]
            row.update(
                households=households,
                building_count=len(info.buildings),
                area_m2=Decimal(households * rng.randint(*area_per_home)).scaleb(-2),
                property_company_id=None, fee_standard=None, fee_collection_rate=None,
                has_homeowner_committee=False, has_red_property_branch=False,
            )
            if has_company:
                fees = (("0.30", "0.35", "0.40", "0.45", "0.50") if kind != "new"
                        else ("0.80", "0.95", "1.00", "1.20", "1.35", "1.50"))
                low = {"unit": 4500, "old": 6000, "new": 8000}[kind]
                row.update(
                    property_company_id=rng.choices(companies, company_weights)[0]["id"],
                    fee_standard=Decimal(rng.choice(fees)),
                    fee_collection_rate=Decimal(rng.randint(low, 9800)).scaleb(-2),
                )
            self.data.add(Compound, row)
            for b in info.buildings:
                self.data.add(Building, b)
            result.append(info)
        return result

    def _building_counts(self, kinds: list[str]) -> list[int]:
        """Buildings per compound by kind, nudged so the community has about ten per compound."""
        rng = self.rng
        bounds = {"unit": (2, 6), "old": (5, 13), "new": (10, 24)}
        sizes = [rng.randint(*bounds[k]) for k in kinds]
        target = round(len(kinds) * rng.uniform(9.7, 10.3))
        for _ in range(10 * len(kinds) * 24):
            total = sum(sizes)
            if total == target:
                break
            i = rng.randrange(len(kinds))
            low, high = bounds[kinds[i]]
            if total < target and sizes[i] < high:
                sizes[i] += 1
            elif total > target and sizes[i] > low:
                sizes[i] -= 1
        return sizes

    def _buildings(self, compound_id: str, kind: str, count: int) -> list[Row]:
        rng = self.rng
        floor_choices = {"unit": (4, 5, 6), "old": (5, 6, 7), "new": (6, 7, 11, 11, 18, 18, 26, 33)}[kind]
        rows = []
        for number in range(1, count + 1):
            floors = rng.choice(floor_choices)
            entrances = rng.randint(1, 2) if floors > 11 else rng.randint(2, 5 if kind == "old" else 3)
            per_floor = rng.choice((2, 2, 3, 4)) if floors >= 11 else 2
            rows.append({
                "id": self._id(), "compound_id": compound_id, "number": f"{number}号楼",
                "entrances": entrances, "floors": floors, "households": entrances * floors * per_floor,
                "leader_name": "", "leader_phone": "",
            })
        return rows

    # party groups

    def _party_groups(self, compounds: list[_CompoundInfo]) -> list[Row]:
        rng = self.rng
        groups: list[Row] = []
        covered: dict[str, Row] = {}  # building id -> its building party group
        self._building_groups: list[tuple[Row, _CompoundInfo, list[Row]]] = []
        candidates = [c for c in compounds if len(c.buildings) >= 2]
        weights = [len(c.buildings) for c in candidates]
        attempts = 0
        while (len(groups) < self.quota.building_party_groups and candidates
               and attempts < 50 * self.quota.building_party_groups + 50):
            attempts += 1
            compound = rng.choices(candidates, weights)[0]
            size = rng.choices((1, 2, 3), (5, 3, 2))[0]
            start = rng.randrange(len(compound.buildings))
            run = compound.buildings[start:start + size]
            while sum(b["households"] for b in run) < 60 and len(run) < 3 and start + len(run) < len(
                    compound.buildings):
                run = compound.buildings[start:start + len(run) + 1]
            if any(b["id"] in covered for b in run):
                continue
            first, last = run[0]["number"], run[-1]["number"]
            label = first if len(run) == 1 else f"{first.removesuffix('号楼')}-{last}"
            group = self.data.add(PartyGroup, {
                "id": self._id(), "name": f"{compound.row['name']}{label}党小组", "kind": "building",
                "compound_id": compound.row["id"], "leader_name": "", "leader_phone": "",
            })
            groups.append(group)
            self._building_groups.append((group, compound, run))
            for b in run:
                covered[b["id"]] = group
                self.data.add(PartyGroupBuilding, {
                    "id": self._id(), "party_group_id": group["id"], "building_id": b["id"]})
        self._covered = covered
        self._ordinary_groups(compounds, max(1, self.quota.party_groups - len(groups)), groups)
        return groups

    def _ordinary_groups(self, compounds: list[_CompoundInfo], count: int, groups: list[Row]) -> None:
        """``count`` groups shared among compounds by households; small compounds join a neighbour's."""
        total = sum(c.row["households"] for c in compounds) or 1
        shares = [c.row["households"] * count / total for c in compounds]
        alloc = [int(s) for s in shares]
        order = sorted(range(len(compounds)), key=lambda i: shares[i] - alloc[i], reverse=True)
        for i in order[: count - sum(alloc)]:
            alloc[i] += 1
        numbered = 0
        hosts: list[int] = [i for i, a in enumerate(alloc) if a > 0]
        hosted_by: dict[int, int] = {}
        for i, a in enumerate(alloc):
            if a == 0 and hosts:
                hosted_by[i] = min(hosts, key=lambda h: (abs(h - i), h))
        for i, compound in enumerate(compounds):
            n = alloc[i]
            shared = any(h == i for h in hosted_by.values())
            for k in range(n):
                if shared:
                    numbered += 1
                    name, compound_id = f"第{_chinese_number(numbered)}党小组", None
                elif n == 1:
                    name, compound_id = f"{compound.row['name']}党小组", compound.row["id"]
                else:
                    name = f"{compound.row['name']}第{_chinese_number(k + 1)}党小组"
                    compound_id = compound.row["id"]
                group = self.data.add(PartyGroup, {
                    "id": self._id(), "name": name, "kind": "ordinary", "compound_id": compound_id,
                    "leader_name": "", "leader_phone": "",
                })
                groups.append(group)
                compound.groups.append(group)
        for i, host in hosted_by.items():
            compounds[i].groups = compounds[host].groups

    # party members

    def _members(self, compounds: list[_CompoundInfo], groups: list[Row]) -> None:
        rng, p, ref = self.rng, self.people, self.ref
        homes = [(c, b) for c in compounds for b in c.buildings]
        cum = list(accumulate(b["households"] or 1 for _, b in homes))
        employers = names.EMPLOYERS_CITY + tuple(t.format(d=self.site.district)
                                                  for t in names.EMPLOYERS_DISTRICT)
        home_region = self.site.district_code
        for _ in range(self.quota.members):
            compound, building = homes[bisect(cum, rng.random() * cum[-1])]
            gender = p.gender()
            probationary = rng.random() < 0.08
            if probationary:
                age = rng.randint(22, 45)
            else:
                cohort = rng.random()
                age = (rng.randint(23, 35) if cohort < 0.22 else rng.randint(36, 59) if cohort < 0.60
                       else min(rng.randint(60, 75) + rng.randint(0, 15) * (rng.random() < 0.4), 92))
            born = self._day_between(date(ref.year - age - 1, ref.month, 1) + timedelta(days=1),
                                     date(ref.year - age, ref.month, 1))
            if probationary:
                joined = ref - timedelta(days=rng.randint(30, 330))
            else:
                join_age = rng.randint(19, min(age - 1, 40))
                joined = add_years(born, join_age) + timedelta(days=rng.randrange(365))
                joined = min(joined, ref - timedelta(days=400))
                if joined < add_years(born, 18):
                    joined = add_years(born, 18)
            region = (home_region if rng.random() < 0.75
                      else rng.choice(names.DISTRICTS)[1] if rng.random() < 0.6
                      else rng.choice(_OTHER_REGIONS))
            in_service = age < 60 and rng.random() < 0.45
            registered = None
            if in_service:
                registered = max(ref - timedelta(days=rng.randint(30, 2200)), joined)
            group = self._covered.get(building["id"]) or rng.choice(compound.groups)
            row = self.data.add(PartyMember, {
                "id": self._id(),
                "name": p.name(gender, born.year),
                "gender": gender,
                "birth_date": born,
                "ethnicity": p.ethnicity(),
                "education": self._education(born.year),
                "join_date": joined,
                "status": "probationary" if probationary else "full",
                "full_date": add_years(joined, 1),
                "phone": p.mobile(),
                "id_number": p.id_number(region, born, gender),
                "party_group_id": group["id"],
                "compound_id": compound.row["id"],
                "building_id": building["id"],
                "in_service": in_service,
                "employer": rng.choice(employers) if in_service else "",
                "registered_on": registered,
            })
            compound.residents.append(row)
        self._fill_small_building_groups()

    def _fill_small_building_groups(self, minimum: int = 3) -> None:
        """A building party group of one or two members is not a group: move neighbours in."""
        rng = self.rng
        building_groups = {g["id"] for g, _c, _r in self._building_groups}
        for group, compound, run in self._building_groups:
            have = sum(1 for m in compound.residents if m["party_group_id"] == group["id"])
            if have >= minimum:
                continue
            donors = [m for m in compound.residents if m["party_group_id"] not in building_groups]
            for m in rng.sample(donors, min(minimum - have, len(donors))):
                m["party_group_id"] = group["id"]
                m["building_id"] = rng.choice(run)["id"]

    def _education(self, birth_year: int) -> str:
        options: tuple[str, ...]
        weights: tuple[int, ...]
        if birth_year < 1955:
            options, weights = ("小学及以下", "初中", "高中", "中专", "大学专科"), (2, 4, 3, 2, 1)
        elif birth_year < 1970:
            options, weights = ("初中", "高中", "中专", "大学专科", "大学本科"), (2, 4, 3, 3, 2)
        elif birth_year < 1985:
            options, weights = ("高中", "中专", "大学专科", "大学本科", "研究生"), (2, 2, 4, 5, 1)
        else:
            options, weights = ("大学专科", "大学本科", "研究生"), (3, 8, 2)
        return self.rng.choices(options, weights)[0]

    def _leaders(self, compounds: list[_CompoundInfo], groups: list[Row]) -> None:
        rng, p = self.rng, self.people
        by_group: dict[str, list[Row]] = {}
        by_building: dict[str, list[Row]] = {}
        for c in compounds:
            for m in c.residents:
                by_group.setdefault(m["party_group_id"], []).append(m)
                by_building.setdefault(m["building_id"], []).append(m)
        for g in groups:
            full = [m for m in by_group.get(g["id"], []) if m["status"] == "full"]
            if full:
                leader = rng.choice(full)
                g["leader_name"], g["leader_phone"] = leader["name"], leader["phone"]
            else:
                g["leader_name"], g["leader_phone"] = p.anyone(40, 65), p.mobile()
        for c in compounds:
            for b in c.buildings:
                if rng.random() < 0.05:
                    continue
                living = by_building.get(b["id"])
                if living and rng.random() < 0.6:
                    leader = rng.choice(living)
                    b["leader_name"], b["leader_phone"] = leader["name"], leader["phone"]
                else:
                    b["leader_name"], b["leader_phone"] = p.anyone(45, 70), p.mobile()

    # compound governance

    def _homeowner_committees(self, compounds: list[_CompoundInfo]) -> None:
        rng, p, ref = self.rng, self.people, self.ref
        weights = [{"unit": 1, "old": 3, "new": 6}[c.kind] for c in compounds]
        for c in _weighted_sample(rng, compounds, weights, self.quota.homeowner_committees):
            c.row["has_homeowner_committee"] = True
            founded = self._day_between(date(2012, 1, 1), ref - timedelta(days=200))
            years = rng.choice((3, 5))
            start = founded
            while add_years(start, years) < ref - timedelta(days=rng.randint(0, 120)):
                start = add_years(start, years) + timedelta(days=rng.randint(0, 60))
            committee = self.data.add(HomeownerCommittee, {
                "id": self._id(), "compound_id": c.row["id"], "founded_on": founded,
                "term_start": start, "term_end": add_years(start, years),
                "note": rng.choice(names.HC_NOTES),
            })
            size = rng.choice((5, 5, 7, 7, 9))
            roles = ["主任"] + ["副主任"] * rng.randint(1, 2)
            roles += ["委员"] * (size - len(roles))
            members = list(c.residents)
            rng.shuffle(members)
            for role in roles:
                if members and rng.random() < (0.6 if role == "主任" else 0.35):
                    m = members.pop()
                    name, phone, party = m["name"], m["phone"], True
                else:
                    name, phone, party = p.anyone(35, 70), p.mobile(), False
                self.data.add(HomeownerCommitteeMember, {
                    "id": self._id(), "committee_id": committee["id"], "name": name, "role": role,
                    "is_party_member": party, "phone": phone,
                })

    def _red_property_branches(self, compounds: list[_CompoundInfo], companies: list[Row]) -> None:
        rng, p, ref = self.rng, self.people, self.ref
        managed = [c for c in compounds if c.row["property_company_id"]]
        weights = [3 if c.row["has_homeowner_committee"] else 1 for c in managed]
        company_names = {c["id"]: c["name"] for c in companies}
        for c in _weighted_sample(rng, managed, weights, self.quota.red_property_branches):
            c.row["has_red_property_branch"] = True
            company = company_names[c.row["property_company_id"]]
            short = company.removeprefix(names.CITY).removeprefix("吉林省")
            short = short.replace("物业服务有限公司", "物业").replace("物业管理有限公司", "物业")
            self.data.add(RedPropertyBranch, {
                "id": self._id(), "name": f"{short}{c.row['name']}红色物业服务党支部",
                "property_company_id": c.row["property_company_id"], "compound_id": c.row["id"],
                "secretary_name": p.anyone(35, 60),
                "founded_on": self._day_between(date(2019, 3, 1), min(date(2021, 12, 31), ref)),
                "member_count": rng.randint(3, 9),
            })

    # resident units and the expanded committee

    def _resident_units(self) -> None:
        rng, p = self.rng, self.people
        templates = list(names.RESIDENT_UNITS)
        rng.shuffle(templates)
        used: set[str] = set()
        for template, kind, org in templates[: rng.randint(8, 14)]:
            name = template.format(d=self.site.district, s=self.site.street.removesuffix("街道"),
                                   c=self.site.stem, n=_chinese_number(rng.randint(1, 12)))
            if name in used:
                continue
            used.add(name)
            unit = self.data.add(ResidentUnit, {
                "id": self._id(), "name": name, "kind": kind, "contact": p.anyone(30, 58),
                "phone": p.landline(), "address": self._address(), "party_org_name": f"{name}{org}",
            })
            if rng.random() < 0.6:
                post = {"党委": "党委书记", "党总支": "党总支书记", "党组": "党组书记"}.get(org, "党支部书记")
                self.data.add(PartTimeMember, {
                    "id": self._id(), "name": p.anyone(38, 58), "resident_unit_id": unit["id"],
                    "post": post, "phone": p.mobile(),
                })
