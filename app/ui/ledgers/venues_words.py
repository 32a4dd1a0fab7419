"""Words of the venues ledger: kinds, fields, choices and refusals."""

from __future__ import annotations

from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Words

_KINDS = {
    "venue": QT_TRANSLATE_NOOP("Labels", "Venue"),
    "venue_room": QT_TRANSLATE_NOOP("Labels", "Room of a venue"),
}

_FIELDS = {
    "setting": QT_TRANSLATE_NOOP("Labels", "Located in"),
    "opening_hours": QT_TRANSLATE_NOOP("Labels", "Opening hours"),
    "room_count": QT_TRANSLATE_NOOP("Labels", "Rooms"),
    "rooms_area_m2": QT_TRANSLATE_NOOP("Labels", "Rooms' area (m²)"),
    "venue": QT_TRANSLATE_NOOP("Labels", "Venue"),
    "venue_id": QT_TRANSLATE_NOOP("Labels", "Venue"),
    "layout": QT_TRANSLATE_NOOP("Labels", "Part of the layout"),
    "function": QT_TRANSLATE_NOOP("Labels", "Function"),
    "capacity": QT_TRANSLATE_NOOP("Labels", "Capacity (people)"),
}

_KIND_FIELDS = {
    ("venue", "name"): QT_TRANSLATE_NOOP("Labels", "Venue name"),
    ("venue", "kind"): QT_TRANSLATE_NOOP("Labels", "Type of venue"),
    ("venue", "owner"): QT_TRANSLATE_NOOP("Labels", "Owner or manager"),
    ("venue", "compound_id"): QT_TRANSLATE_NOOP("Labels", "In the compound"),
    ("venue_room", "name"): QT_TRANSLATE_NOOP("Labels", "Room name"),
    ("venue_room", "area_m2"): QT_TRANSLATE_NOOP("Labels", "Area (m²)"),
}

_KIND_CHOICES = {
    ("venue", "centre"): QT_TRANSLATE_NOOP("Labels", "Party and public service centre"),
    ("venue", "shared"): QT_TRANSLATE_NOOP("Labels", "Shared venue"),
    ("venue", "opened"): QT_TRANSLATE_NOOP("Labels", "Venue opened to residents"),
    ("venue", "office_building"): QT_TRANSLATE_NOOP("Labels", "Office building"),
    ("venue", "market"): QT_TRANSLATE_NOOP("Labels", "Market or shopping area"),
    ("venue", "compound"): QT_TRANSLATE_NOOP("Labels", "Residential compound"),
    ("venue", "other"): QT_TRANSLATE_NOOP("Labels", "Other"),
    ("venue_room", "room"): QT_TRANSLATE_NOOP("Labels", "Room"),
    ("venue_room", "hall"): QT_TRANSLATE_NOOP("Labels", "Hall"),
    ("venue_room", "supermarket"): QT_TRANSLATE_NOOP("Labels", "Supermarket"),
    ("venue_room", "station"): QT_TRANSLATE_NOOP("Labels", "Service station"),
}

_ERRORS = {
    "required_for_shared": QT_TRANSLATE_NOOP(
        "Labels", "Say where a shared venue is: an office building, a market or a compound."),
    "required_for_other_owner": QT_TRANSLATE_NOOP(
        "Labels", "Enter the unit that owns or manages this venue."),
    "compound_only_in_compound": QT_TRANSLATE_NOOP(
        "Labels", "A compound is chosen only for a venue located in a residential compound."),
    "smaller_than_rooms": QT_TRANSLATE_NOOP(
        "Labels", "Its rooms already take {rooms} m²: the floor area cannot be smaller."),
    "rooms_exceed_venue": QT_TRANSLATE_NOOP(
        "Labels", "The rooms would be larger than {venue} ({area} m²): at most {free} m² is left for "
                  "this room."),
}

WORDS = Words(kinds=_KINDS, fields=_FIELDS, kind_fields=_KIND_FIELDS, kind_choices=_KIND_CHOICES,
              errors=_ERRORS)
