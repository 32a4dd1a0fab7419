"""City-wide statistics: the app's ``stats`` keys summed, with per-district and per-community figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db.database import Database
from app.services.stats import collect_stats
from server.city import CityServer


class _Sessions:
    """What ``collect_stats`` uses of a database: short sessions on an engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session


def _sum(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts add up; rates (floats) become the mean of the communities that have one."""
    total: dict[str, Any] = {}
    rates: dict[str, list[float]] = defaultdict(list)
    for part in parts:
        for key, value in part.items():
            if isinstance(value, float):
                rates[key].append(value)
                total.setdefault(key, None)
            elif isinstance(value, int):
                total[key] = (total.get(key) or 0) + value
            else:
                total.setdefault(key, None)
    for key, values in rates.items():
        total[key] = sum(values) / len(values) if values else None
    return total


def city_stats(server: CityServer) -> dict[str, Any]:
    source = cast(Database, _Sessions(server.engine))
    overall: dict[str, Any] = dict(collect_stats(source, None))
    by_community: dict[str, Any] = {}
    by_district_parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for community_id, code, name, district in server.community_ids():
        figures = dict(collect_stats(source, community_id))
        figures["communities"] = 1
        by_community[code] = {"name": name, "district": district, **figures}
        by_district_parts[district].append(figures)
    overall["by_district"] = {d: _sum(parts) for d, parts in sorted(by_district_parts.items())}
    overall["by_community"] = by_community
    return overall
