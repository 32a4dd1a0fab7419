"""Words of the ledgers: kind titles, field labels, choices and error texts, and showing an error."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.errors import DomainError, ValidationError
from app.ui import labels
from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words, for_kind

BRAND = "community_brand"


def show_error(parent: QWidget, kind: str, exc: ValidationError | DomainError) -> None:
    """A refused action, in the user's words."""
    if isinstance(exc, ValidationError):
        text = "\n".join(labels.error_text(kind, e.code, e.params) for e in exc.errors)
    else:
        text = labels.error_text(kind, exc.code, exc.params)
    QMessageBox.warning(parent, labels.kind_title(kind), text)


_KINDS = {
    "meeting": QT_TRANSLATE_NOOP("Labels", "Meeting or activity"),
    "meeting_attendee": QT_TRANSLATE_NOOP("Labels", "Attendee"),
    "meeting_attachment": QT_TRANSLATE_NOOP("Labels", "Attachment"),
    "workday_visit": QT_TRANSLATE_NOOP("Labels", "Work-day record"),
    "organ": QT_TRANSLATE_NOOP("Labels", "Government organ"),
    "cadre": QT_TRANSLATE_NOOP("Labels", "Organ cadre"),
    "fund": QT_TRANSLATE_NOOP("Labels", "Fund"),
    "fund_entry": QT_TRANSLATE_NOOP("Labels", "Fund entry"),
    "training_record": QT_TRANSLATE_NOOP("Labels", "Training record"),
    "cobuild_item": QT_TRANSLATE_NOOP("Labels", "Co-construction item"),
    "cobuild_unit": QT_TRANSLATE_NOOP("Labels", "Unit of a co-construction item"),
    "calendar_day": QT_TRANSLATE_NOOP("Labels", "Holiday or make-up workday"),
    "community_brand": QT_TRANSLATE_NOOP("Labels", "Community brand"),
}

_FIELDS = {
    "starts_at": QT_TRANSLATE_NOOP("Labels", "Time"),
    "ends_at": QT_TRANSLATE_NOOP("Labels", "Ends at"),
    "topic": QT_TRANSLATE_NOOP("Labels", "Topic"),
    "place": QT_TRANSLATE_NOOP("Labels", "Place"),
    "host": QT_TRANSLATE_NOOP("Labels", "Host"),
    "recorder": QT_TRANSLATE_NOOP("Labels", "Recorder"),
    "agenda": QT_TRANSLATE_NOOP("Labels", "Agenda"),
    "key_points": QT_TRANSLATE_NOOP("Labels", "Key points"),
    "dissent": QT_TRANSLATE_NOOP("Labels", "Differing views"),
    "decisions": QT_TRANSLATE_NOOP("Labels", "Decisions"),
    "expected": QT_TRANSLATE_NOOP("Labels", "Expected count"),
    "present": QT_TRANSLATE_NOOP("Labels", "Present count"),
    "on_leave": QT_TRANSLATE_NOOP("Labels", "On-leave count"),
    "month": QT_TRANSLATE_NOOP("Labels", "Month"),
    "organ": QT_TRANSLATE_NOOP("Labels", "Organ"),
    "organ_id": QT_TRANSLATE_NOOP("Labels", "Organ"),
    "cadre": QT_TRANSLATE_NOOP("Labels", "Cadre"),
    "cadre_id": QT_TRANSLATE_NOOP("Labels", "Cadre"),
    "arrived_at": QT_TRANSLATE_NOOP("Labels", "Arrived"),
    "left_at": QT_TRANSLATE_NOOP("Labels", "Left"),
    "service": QT_TRANSLATE_NOOP("Labels", "What was done"),
    "party_lesson": QT_TRANSLATE_NOOP("Labels", "Party lesson given"),
    "pairing_household": QT_TRANSLATE_NOOP("Labels", "Household paired with"),
    "appeal_id": QT_TRANSLATE_NOOP("Labels", "Appeal solved"),
    "goods_fen": QT_TRANSLATE_NOOP("Labels", "Goods donated (yuan)"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "Confirmed by the community"),
    "confirmed_by": QT_TRANSLATE_NOOP("Labels", "Confirmed by"),
    "fund": QT_TRANSLATE_NOOP("Labels", "Fund"),
    "fund_id": QT_TRANSLATE_NOOP("Labels", "Fund"),
    "entry_date": QT_TRANSLATE_NOOP("Labels", "Date"),
    "voucher_no": QT_TRANSLATE_NOOP("Labels", "Voucher no."),
    "direction": QT_TRANSLATE_NOOP("Labels", "Income or expense"),
    "amount_fen": QT_TRANSLATE_NOOP("Labels", "Amount (yuan)"),
    "purpose": QT_TRANSLATE_NOOP("Labels", "Purpose"),
    "handler": QT_TRANSLATE_NOOP("Labels", "Handled by"),
    "opening_fen": QT_TRANSLATE_NOOP("Labels", "Opening balance (yuan)"),
    "balance_fen": QT_TRANSLATE_NOOP("Labels", "Balance (yuan)"),
    "person_name": QT_TRANSLATE_NOOP("Labels", "Trainee"),
    "member_id": QT_TRANSLATE_NOOP("Labels", "Party member"),
    "course": QT_TRANSLATE_NOOP("Labels", "Course"),
    "hours": QT_TRANSLATE_NOOP("Labels", "Hours"),
    "trained_on": QT_TRANSLATE_NOOP("Labels", "Date"),
    "organiser": QT_TRANSLATE_NOOP("Labels", "Organiser"),
    "list_kind": QT_TRANSLATE_NOOP("Labels", "List"),
    "year": QT_TRANSLATE_NOOP("Labels", "Year"),
    "title": QT_TRANSLATE_NOOP("Labels", "Title"),
    "detail": QT_TRANSLATE_NOOP("Labels", "Details"),
    "owner": QT_TRANSLATE_NOOP("Labels", "Responsible"),
    "due_date": QT_TRANSLATE_NOOP("Labels", "Due"),
    "unit_count": QT_TRANSLATE_NOOP("Labels", "Units involved"),
    "unit_ids": QT_TRANSLATE_NOOP("Labels", "Resident units involved"),
    "day": QT_TRANSLATE_NOOP("Labels", "Date"),
    "cadre_count": QT_TRANSLATE_NOOP("Labels", "Cadres"),
    "visit_count": QT_TRANSLATE_NOOP("Labels", "Work-day visits"),
}

# The ledgers' own words for these values (shared by every ledger list).
_CHOICES = {
    "general_meeting": QT_TRANSLATE_NOOP("Labels", "Branch general meeting"),
    "committee_meeting": QT_TRANSLATE_NOOP("Labels", "Branch committee meeting"),
    "group_meeting": QT_TRANSLATE_NOOP("Labels", "Party group meeting"),
    "party_lesson": QT_TRANSLATE_NOOP("Labels", "Party lesson"),
    "themed_day": QT_TRANSLATE_NOOP("Labels", "Themed party day"),
    "joint_meeting": QT_TRANSLATE_NOOP("Labels", "Joint meeting with resident units"),
    "work_day": QT_TRANSLATE_NOOP("Labels", "Community work day activity"),
    "training": QT_TRANSLATE_NOOP("Labels", "Training session"),
    "present": QT_TRANSLATE_NOOP("Labels", "Present"),
    "leave": QT_TRANSLATE_NOOP("Labels", "On leave"),
    "absent": QT_TRANSLATE_NOOP("Labels", "Absent"),
    "income": QT_TRANSLATE_NOOP("Labels", "Income"),
    "expense": QT_TRANSLATE_NOOP("Labels", "Expense"),
    "party_building": QT_TRANSLATE_NOOP("Labels", "Party-building funds"),
    "serving_residents": QT_TRANSLATE_NOOP("Labels", "Funds for serving residents"),
    "holiday": QT_TRANSLATE_NOOP("Labels", "Holiday"),
    "workday": QT_TRANSLATE_NOOP("Labels", "Make-up workday"),
    "needs": QT_TRANSLATE_NOOP("Labels", "Needs"),
    "resources": QT_TRANSLATE_NOOP("Labels", "Resources"),
    "projects": QT_TRANSLATE_NOOP("Labels", "Projects"),
    "responsibilities": QT_TRANSLATE_NOOP("Labels", "Responsibilities"),
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
}

# The community's brand: its own words for its fields and for the levels of recognition.
_BRAND_FIELDS = {
    "name": QT_TRANSLATE_NOOP("Labels", "Brand name"),
    "description": QT_TRANSLATE_NOOP("Labels", "What the brand is and does"),
    "founded_year": QT_TRANSLATE_NOOP("Labels", "Year begun"),
    "level": QT_TRANSLATE_NOOP("Labels", "Recognised at"),
    "recognition": QT_TRANSLATE_NOOP("Labels", "Recognition"),
    "recognised_year": QT_TRANSLATE_NOOP("Labels", "Year recognised"),
}
_BRAND_LEVELS = {
    "none": QT_TRANSLATE_NOOP("Labels", "Not yet recognised"),
    "street": QT_TRANSLATE_NOOP("Labels", "Street level"),
    "district": QT_TRANSLATE_NOOP("Labels", "District level"),
    "city": QT_TRANSLATE_NOOP("Labels", "City level"),
    "province": QT_TRANSLATE_NOOP("Labels", "Province level"),
    "national": QT_TRANSLATE_NOOP("Labels", "National level"),
}

_ERRORS = {
    "attachment_source_missing": QT_TRANSLATE_NOOP("Labels", "The file {path} cannot be found."),
    "attachment_unreadable": QT_TRANSLATE_NOOP(
        "Labels", "The file {path} cannot be read: another program may be using it. Close it and try again."),
    "fund_overdraft": QT_TRANSLATE_NOOP(
        "Labels", "Refused: this expense would take the fund's balance below zero."),
    "attachment_changed_while_copying": QT_TRANSLATE_NOOP(
        "Labels", "The file changed while it was being copied; try again."),
    "not_in_month": QT_TRANSLATE_NOOP("Labels", "This time is not in the month of the record."),
    "bad_money": QT_TRANSLATE_NOOP("Labels", "Enter an amount in yuan, such as 120.50."),
    "cannot_change": QT_TRANSLATE_NOOP("Labels", "This cannot be changed once recorded."),
    "recognised_before_founded": QT_TRANSLATE_NOOP(
        "Labels", "The brand cannot be recognised before the year it began."),
    "recognition_year_needed": QT_TRANSLATE_NOOP(
        "Labels", "Enter the year of the recognition, or choose 'Not yet recognised'."),
}

WORDS = Words(kinds=_KINDS, fields=_FIELDS, kind_fields=for_kind(BRAND, _BRAND_FIELDS), own_choices=_CHOICES,
              kind_choices=for_kind(BRAND, _BRAND_LEVELS), errors=_ERRORS)
