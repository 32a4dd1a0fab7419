"""阵地: the community's venues and the rooms of its centre, with the centre's layout and area."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.db.database import Database
from app.models.venues import VenueKind
from app.services.fields import Field
from app.services.venues import LARGE_CENTRE_M2, STANDARD_LAYOUT, VenueService, VenueView
from app.ui.controllers.records import RecordController
from app.ui.controllers.sources import ServiceSource
from app.ui.views.record_list import RecordListView


class VenuesPage(QWidget):
    """Venues on one tab, their rooms on the other; above both, how each centre measures up."""

    def __init__(self, controller: RecordController, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = VenueService(db)
        venues = ServiceSource(
            controller, "venue", self._fields("venue"), get=self.service.get_venue,
            create=self.service.create_venue, update=self.service.update_venue,
            delete=self.service.delete_venue)
        rooms = ServiceSource(
            controller, "venue_room", self._fields("venue_room"), get=self.service.get_room,
            create=self.service.add_room, update=self.service.update_room, delete=self.service.delete_room,
            defaults=self._room_defaults)
        self.summary = QLabel(self)
        self.summary.setObjectName("venue_summary")
        self.summary.setWordWrap(True)
        self.venues = RecordListView(controller, "venue", self, source=venues)
        self.rooms = RecordListView(controller, "venue_room", self, source=rooms)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.venues, self.tr("Venues"))
        self.tabs.addTab(self.rooms, self.tr("Rooms"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        controller.changed.connect(self._on_changed)
        self.refresh_summary()

    def _fields(self, kind: str) -> tuple[Field, ...]:
        return self.controller.service.spec(kind).fields

    def _room_defaults(self) -> dict[str, object]:
        """A new room goes into the venue selected on the first tab, else the first centre."""
        chosen = self.venues.current_id()
        if chosen:
            return {"venue_id": chosen}
        centres = [v for v in self.service.venues() if v.kind == VenueKind.CENTRE.value]
        return {"venue_id": centres[0].id} if centres else {}

    def _on_changed(self, kind: str) -> None:
        if kind in ("venue", "venue_room", "compound"):
            self.refresh_summary()
            if kind == "venue":
                self.rooms.refresh()
                self.rooms.reload_filter_options()

    def refresh_summary(self) -> None:
        views = self.service.venues()
        lines = [self._centre_line(v) for v in views if v.kind == VenueKind.CENTRE.value]
        if not lines:
            lines.append(self.tr("No party and public service centre entered yet."))
        shared = sum(1 for v in views if v.kind == VenueKind.SHARED.value)
        opened = sum(1 for v in views if v.kind == VenueKind.OPENED.value)
        lines.append(self.tr("Shared venues: {shared} · venues opened to residents: {opened} · "
                             "{area} m² in all").format(
            shared=shared, opened=opened, area=f"{sum(v.area_m2 for v in views):,}"))
        self.summary.setText("\n".join(lines))

    def _centre_line(self, centre: VenueView) -> str:
        counts = centre.layout_counts()
        wanted = STANDARD_LAYOUT
        parts = self.tr("rooms {room}/{rooms}, halls {hall}/{halls}, supermarket {market}/{markets}, "
                        "station {station}/{stations}").format(
            room=counts["room"], rooms=wanted["room"], hall=counts["hall"], halls=wanted["hall"],
            market=counts["supermarket"], markets=wanted["supermarket"], station=counts["station"],
            stations=wanted["station"])
        if centre.large:
            verdict = self.tr("reaches {mark} m²").format(mark=f"{LARGE_CENTRE_M2:,}")
        else:
            verdict = self.tr("{short} m² short of {mark} m²").format(
                short=f"{LARGE_CENTRE_M2 - centre.area_m2:,}", mark=f"{LARGE_CENTRE_M2:,}")
        return self.tr("{name}: floor area {area} m² ({verdict}), rooms {rooms} m²; layout {parts}").format(
            name=centre.name, area=f"{centre.area_m2:,}", verdict=verdict, rooms=f"{centre.rooms_area_m2:,}",
            parts=parts)

    def open_record(self, venue_id: str) -> None:
        self.tabs.setCurrentWidget(self.venues)
        self.venues.select_record(venue_id)

    def set_show_sensitive(self, show: bool) -> None:
        self.venues.set_show_sensitive(show)
        self.rooms.set_show_sensitive(show)
