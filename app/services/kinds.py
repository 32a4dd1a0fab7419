"""Every kind of record the app lists and edits, composed in one place from the areas' own tables.

The registry's kinds (:mod:`app.services.registry_specs`), the ledgers' simple kinds
(:mod:`app.services.ledger_specs`), the ledgers written through their own services
(:mod:`app.services.ledger_lists`) and the venues (:mod:`app.services.venue_specs`).  Nothing adds
itself here when imported: a new kind goes into its area's table, and that table is listed below.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from app.services.ledger_lists import LEDGER_LISTS
from app.services.ledger_specs import LEDGER_KINDS
from app.services.registry_specs import REGISTRY_KINDS, EntitySpec
from app.services.venue_specs import VENUE_KINDS

AREAS: tuple[tuple[EntitySpec, ...], ...] = (REGISTRY_KINDS, LEDGER_LISTS, LEDGER_KINDS, VENUE_KINDS)


@cache
def record_kinds() -> Mapping[str, EntitySpec]:
    """Kind name -> its description, in the order of :data:`AREAS` (read-only)."""
    kinds: dict[str, EntitySpec] = {}
    for area in AREAS:
        for spec in area:
            if spec.kind in kinds:
                raise ValueError(f"the kind {spec.kind!r} is described twice")
            kinds[spec.kind] = spec
    return MappingProxyType(kinds)
