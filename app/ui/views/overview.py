"""社区概况: the community, its party organisation, its brand and the registry's counts."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.brands import community_brands
from app.services.identity import mask_phone
from app.ui import labels
from app.ui.controllers.records import RecordController
from app.ui.dialogs.record_form import RecordFormDialog

# The counts shown, in order: (key of RegistryService.counts(), kind whose title labels it).
COUNTED = (
    ("compound", "compound"),
    ("building", "building"),
    ("party_group", "party_group"),
    ("building_party_group", None),
    ("party_member", "party_member"),
    ("homeowner_committee", "homeowner_committee"),
    ("property_company", "property_company"),
    ("red_property_branch", "red_property_branch"),
    ("resident_unit", "resident_unit"),
    ("part_time_member", "part_time_member"),
)


class OverviewPage(QWidget):
    """The home view of the registry."""

    def __init__(self, controller: RecordController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.show_sensitive = False

        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel(self)

        info = QGroupBox(self.tr("Community and its Party organisation"), self)
        self.info_form = QFormLayout(info)
        self.info_values: dict[str, QLabel] = {}
        for name in ("code", "org_kind", "org_name", "secretary_name", "secretary_phone", "address"):
            value = QLabel(info)
            value.setObjectName(f"info_{name}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info_values[name] = value
            self.info_form.addRow(labels.field_label("community", name), value)
        self.edit_button = QPushButton(self.tr("Edit community details…"), info)
        self.edit_button.clicked.connect(self.edit_community)
        button_row = QHBoxLayout()
        button_row.addWidget(self.edit_button)
        button_row.addStretch(1)
        self.info_form.addRow("", button_row)

        counts = QGroupBox(self.tr("Registry at a glance"), self)
        grid = QGridLayout(counts)
        self.count_values: dict[str, QLabel] = {}
        for i, (key, kind) in enumerate(COUNTED):
            box = QFrame(counts)
            box.setFrameShape(QFrame.Shape.StyledPanel)
            box_layout = QVBoxLayout(box)
            number = QLabel("0", box)
            number.setObjectName(f"count_{key}")
            number_font = number.font()
            number_font.setPointSize(number_font.pointSize() + 10)
            number_font.setBold(True)
            number.setFont(number_font)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(labels.kind_title(kind) if kind else self.tr("Building party groups"), box)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            box_layout.addWidget(number)
            box_layout.addWidget(caption)
            grid.addWidget(box, i // 5, i % 5)
            self.count_values[key] = number

        self.brands_box = QGroupBox(self.tr("Community brand (one brand, one feature)"), self)
        self.brands_text = QLabel(self.brands_box)
        self.brands_text.setObjectName("brands")
        self.brands_text.setWordWrap(True)
        self.brands_text.setTextFormat(Qt.TextFormat.RichText)
        self.brands_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.brands_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.brands_box).addWidget(self.brands_text)

        top = QHBoxLayout()
        top.addWidget(info, 1)
        top.addWidget(self.brands_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addSpacing(8)
        layout.addLayout(top)
        layout.addWidget(counts)
        layout.addStretch(1)
        controller.changed.connect(lambda _kind: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        svc = self.controller.service
        values = svc.get("community", svc.community_id)
        self.heading.setText(values["name"])
        places = (values["city"], values["district"], values["street"])
        self.subheading.setText(" · ".join(v for v in places if v))
        for name, label in self.info_values.items():
            value = values.get(name) or ""
            if name == "org_kind":
                value = labels.choice_label(value)
            elif name == "secretary_phone" and not self.show_sensitive:
                value = mask_phone(value)
            label.setText(str(value) if value else "—")
        for key, count in svc.counts().items():
            if key in self.count_values:
                self.count_values[key].setText(str(count))
        self.brands_text.setText(self._brands_html())

    def _brands_html(self) -> str:
        svc = self.controller.service
        brands = community_brands(svc.db, svc.community_id)
        if not brands:
            return html.escape(self.tr("No brand recorded yet: add it under Work ledgers, Community brand."))
        parts = []
        for brand in brands:
            facts = [self.tr("since {year}").format(year=brand.founded_year),
                     labels.choice_label(brand.level, "community_brand")]
            if brand.recognised and brand.recognised_year:
                facts.append(self.tr("recognised in {year}").format(year=brand.recognised_year))
            if brand.recognition:
                facts.append(brand.recognition)
            lines = [self.tr("{name} ({facts})").format(
                name=f"<b>{html.escape(brand.name)}</b>", facts=html.escape(self.tr(", ").join(facts)))]
            if brand.description:
                lines.append(html.escape(brand.description))
            parts.append("<br>".join(lines))
        return "<p>" + "</p><p>".join(parts) + "</p>"

    def set_show_sensitive(self, show: bool) -> None:
        self.show_sensitive = show
        self.refresh()

    def edit_community(self) -> None:
        svc = self.controller.service
        cid = svc.community_id
        dialog = RecordFormDialog(svc, "community", lambda v: self.controller.update("community", cid, v),
                                  svc.get("community", cid), self)
        dialog.exec()
