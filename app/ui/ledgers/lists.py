"""共建清单 and 培训: the co-construction lists with the resident units involved, and training records."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.db.database import Database
from app.services.coconstruction import ITEM_FIELDS, CoConstructionService
from app.services.fields import Field, Kind
from app.services.ledger_common import Values
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import ServiceSource
from app.ui.views.record_list import RecordListView

COBUILD_FIELDS = (*ITEM_FIELDS, Field("unit_ids", Kind.MULTI_REF, ref="resident_unit"))


def cobuild_page(controller: RecordController, db: Database,
                 parent: QWidget | None = None) -> RecordListView:
    service = CoConstructionService(db)

    def split(values: Values) -> tuple[Values, list[str]]:
        rest = {k: v for k, v in values.items() if k != "unit_ids"}
        return rest, list(values.get("unit_ids") or [])

    def get(item_id: str) -> Values:
        values = controller.service.get("cobuild_item", item_id)
        values["unit_ids"] = list(service.get(item_id).unit_ids)
        return values

    def create(values: Values) -> str:
        rest, units = split(values)
        return service.create(rest, units)

    def update(item_id: str, values: Values) -> None:
        rest, units = split(values)
        service.update(item_id, rest, units)

    source = ServiceSource(controller, "cobuild_item", COBUILD_FIELDS, get=get, create=create,
                           update=update, delete=service.delete)
    return RecordListView(controller, "cobuild_item", parent, source=source)


def training_page(controller: RecordController, db: Database,
                  parent: QWidget | None = None) -> RecordListView:
    return RecordListView(controller, "training_record", parent)


def brand_page(controller: RecordController, db: Database,
               parent: QWidget | None = None) -> RecordListView:
    return RecordListView(controller, "community_brand", parent)
