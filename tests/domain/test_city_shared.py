"""Organs and cadres the city hands out are seen by every community and changed by none."""

from __future__ import annotations

import pytest

from app.models.ledgers import Organ
from app.models.scope import CITY_SCOPE
from app.services.errors import DomainError
from app.services.registry import RegistryService
from app.sync.changes import ChangeLog


def test_city_organs_are_listed_picked_and_read_only(registry: RegistryService) -> None:
    with registry.db.session() as session:
        organ = Organ(name="白城市民政局")
        organ.community_id = CITY_SCOPE
        ChangeLog(registry.db, session).created(organ)
        city_organ = organ.id
    own = registry.create("organ", {"name": "洮北区税务局"})
    query = registry.list_query("organ")
    assert query.count() == 2
    assert {label for _id, label in registry.options("organ")} == {"白城市民政局", "洮北区税务局"}
    cadre = registry.create("cadre", {"organ_id": city_organ, "name": "李明"})
    assert registry.get("cadre", cadre)["organ_id"] == city_organ
    assert registry.get("organ", city_organ)["name"] == "白城市民政局"
    with pytest.raises(DomainError) as refused:
        registry.update("organ", city_organ, {"name": "改名"})
    assert refused.value.code == "city_owned"
    with pytest.raises(DomainError):
        registry.delete("organ", city_organ)
    registry.update("organ", own, {"name": "洮北区税务局明仁分局"})
