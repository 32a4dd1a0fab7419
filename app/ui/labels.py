"""Words the UI shows for record kinds, fields, choices and error codes.

Source strings are English and marked with ``QT_TRANSLATE_NOOP`` so ``lupdate`` collects
them; they are translated when shown.  The registry's words are here; each ledger area brings its
own (:class:`app.ui.vocabulary.Words`), and :func:`tables` composes them all, in the order of
:data:`AREAS`.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.ui.tr import QT_TRANSLATE_NOOP
from app.ui.vocabulary import Tables, Words, compose

CTX = "Labels"

_KINDS: dict[str, str] = {
    "community": QT_TRANSLATE_NOOP("Labels", "Community"),
    "part_time_member": QT_TRANSLATE_NOOP("Labels", "Part-time committee member"),
    "property_company": QT_TRANSLATE_NOOP("Labels", "Property company"),
    "compound": QT_TRANSLATE_NOOP("Labels", "Compound"),
    "building": QT_TRANSLATE_NOOP("Labels", "Building"),
    "party_group": QT_TRANSLATE_NOOP("Labels", "Party group"),
    "party_group_building": QT_TRANSLATE_NOOP("Labels", "Building a party group covers"),
    "party_member": QT_TRANSLATE_NOOP("Labels", "Party member"),
    "homeowner_committee": QT_TRANSLATE_NOOP("Labels", "Homeowner committee"),
    "homeowner_committee_member": QT_TRANSLATE_NOOP("Labels", "Homeowner committee member"),
    "red_property_branch": QT_TRANSLATE_NOOP("Labels", "Red property branch"),
    "resident_unit": QT_TRANSLATE_NOOP("Labels", "Resident unit"),
}

# Field labels shared by several kinds; a kind may override one in _KIND_FIELDS.
_FIELDS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("Labels", "Name"),
    "address": QT_TRANSLATE_NOOP("Labels", "Address"),
    "households": QT_TRANSLATE_NOOP("Labels", "Households"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "contact": QT_TRANSLATE_NOOP("Labels", "Contact person"),
    "compound": QT_TRANSLATE_NOOP("Labels", "Compound"),
    "compound_id": QT_TRANSLATE_NOOP("Labels", "Compound"),
    "building": QT_TRANSLATE_NOOP("Labels", "Building"),
    "building_id": QT_TRANSLATE_NOOP("Labels", "Building"),
    "building_ids": QT_TRANSLATE_NOOP("Labels", "Buildings covered"),
    "buildings": QT_TRANSLATE_NOOP("Labels", "Buildings covered"),
    "party_group": QT_TRANSLATE_NOOP("Labels", "Party group"),
    "party_group_id": QT_TRANSLATE_NOOP("Labels", "Party group"),
    "property_company": QT_TRANSLATE_NOOP("Labels", "Property company"),
    "property_company_id": QT_TRANSLATE_NOOP("Labels", "Property company"),
    "resident_unit": QT_TRANSLATE_NOOP("Labels", "Resident unit"),
    "resident_unit_id": QT_TRANSLATE_NOOP("Labels", "Resident unit"),
    "committee_id": QT_TRANSLATE_NOOP("Labels", "Homeowner committee"),
    "kind": QT_TRANSLATE_NOOP("Labels", "Type"),
    "leader_name": QT_TRANSLATE_NOOP("Labels", "Leader"),
    "leader_phone": QT_TRANSLATE_NOOP("Labels", "Leader's phone"),
    "member_count": QT_TRANSLATE_NOOP("Labels", "Members"),
    "founded_on": QT_TRANSLATE_NOOP("Labels", "Founded on"),
    "secretary_name": QT_TRANSLATE_NOOP("Labels", "Secretary"),
    "secretary_phone": QT_TRANSLATE_NOOP("Labels", "Secretary's phone"),
    "post": QT_TRANSLATE_NOOP("Labels", "Post"),
    "note": QT_TRANSLATE_NOOP("Labels", "Note"),
    "code": QT_TRANSLATE_NOOP("Labels", "Community code"),
    "street": QT_TRANSLATE_NOOP("Labels", "Street"),
    "district": QT_TRANSLATE_NOOP("Labels", "District"),
    "city": QT_TRANSLATE_NOOP("Labels", "City"),
    "org_kind": QT_TRANSLATE_NOOP("Labels", "Party organisation"),
    "org_name": QT_TRANSLATE_NOOP("Labels", "Name of the party organisation"),
    "building_count": QT_TRANSLATE_NOOP("Labels", "Buildings"),
    "area_m2": QT_TRANSLATE_NOOP("Labels", "Floor area (m²)"),
    "fee_standard": QT_TRANSLATE_NOOP("Labels", "Property fee (yuan/m²/month)"),
    "fee_collection_rate": QT_TRANSLATE_NOOP("Labels", "Fee collection rate (%)"),
    "has_homeowner_committee": QT_TRANSLATE_NOOP("Labels", "Homeowner committee set up"),
    "has_red_property_branch": QT_TRANSLATE_NOOP("Labels", "Red property branch set up"),
    "number": QT_TRANSLATE_NOOP("Labels", "Building number"),
    "entrances": QT_TRANSLATE_NOOP("Labels", "Entrances"),
    "floors": QT_TRANSLATE_NOOP("Labels", "Floors"),
    "gender": QT_TRANSLATE_NOOP("Labels", "Gender"),
    "birth_date": QT_TRANSLATE_NOOP("Labels", "Date of birth"),
    "ethnicity": QT_TRANSLATE_NOOP("Labels", "Ethnicity"),
    "education": QT_TRANSLATE_NOOP("Labels", "Education"),
    "join_date": QT_TRANSLATE_NOOP("Labels", "Joined the Party"),
    "status": QT_TRANSLATE_NOOP("Labels", "Membership"),
    "full_date": QT_TRANSLATE_NOOP("Labels", "Becomes full member on"),
    "id_number": QT_TRANSLATE_NOOP("Labels", "ID number"),
    "in_service": QT_TRANSLATE_NOOP("Labels", "In-service registration"),
    "employer": QT_TRANSLATE_NOOP("Labels", "Employer"),
    "registered_on": QT_TRANSLATE_NOOP("Labels", "Registered on"),
    "term_start": QT_TRANSLATE_NOOP("Labels", "Term starts"),
    "term_end": QT_TRANSLATE_NOOP("Labels", "Term ends"),
    "party_member_count": QT_TRANSLATE_NOOP("Labels", "Party members among them"),
    "role": QT_TRANSLATE_NOOP("Labels", "Role"),
    "is_party_member": QT_TRANSLATE_NOOP("Labels", "Party member"),
    "compound_count": QT_TRANSLATE_NOOP("Labels", "Compounds served"),
    "party_org_name": QT_TRANSLATE_NOOP("Labels", "Its party organisation"),
}

_KIND_FIELDS: dict[tuple[str, str], str] = {
    ("party_member", "name"): QT_TRANSLATE_NOOP("Labels", "Full name"),
    ("part_time_member", "name"): QT_TRANSLATE_NOOP("Labels", "Full name"),
    ("homeowner_committee_member", "name"): QT_TRANSLATE_NOOP("Labels", "Full name"),
    ("compound", "name"): QT_TRANSLATE_NOOP("Labels", "Compound name"),
    ("resident_unit", "name"): QT_TRANSLATE_NOOP("Labels", "Unit name"),
    ("property_company", "name"): QT_TRANSLATE_NOOP("Labels", "Company name"),
    ("community", "name"): QT_TRANSLATE_NOOP("Labels", "Community name"),
    ("party_group", "name"): QT_TRANSLATE_NOOP("Labels", "Group name"),
    ("red_property_branch", "name"): QT_TRANSLATE_NOOP("Labels", "Branch name"),
    ("party_group", "kind"): QT_TRANSLATE_NOOP("Labels", "Group type"),
    ("resident_unit", "kind"): QT_TRANSLATE_NOOP("Labels", "Unit type"),
}

_CHOICES: dict[str, str] = {
    "committee": QT_TRANSLATE_NOOP("Labels", "Community Party committee"),
    "general_branch": QT_TRANSLATE_NOOP("Labels", "General Party branch"),
    "branch": QT_TRANSLATE_NOOP("Labels", "Party branch"),
    "male": QT_TRANSLATE_NOOP("Labels", "Male"),
    "female": QT_TRANSLATE_NOOP("Labels", "Female"),
    "full": QT_TRANSLATE_NOOP("Labels", "Full member"),
    "probationary": QT_TRANSLATE_NOOP("Labels", "Probationary member"),
    "ordinary": QT_TRANSLATE_NOOP("Labels", "Party group"),
    "building": QT_TRANSLATE_NOOP("Labels", "Building party group"),
    "enterprise": QT_TRANSLATE_NOOP("Labels", "Enterprise"),
    "school": QT_TRANSLATE_NOOP("Labels", "School"),
    "hospital": QT_TRANSLATE_NOOP("Labels", "Hospital"),
    "organ": QT_TRANSLATE_NOOP("Labels", "Government organ"),
    "social": QT_TRANSLATE_NOOP("Labels", "Social organisation"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}

_ERRORS: dict[str, str] = {
    "required": QT_TRANSLATE_NOOP("Labels", "This field is required."),
    "too_long": QT_TRANSLATE_NOOP("Labels", "Too long: at most {max} characters."),
    "not_integer": QT_TRANSLATE_NOOP("Labels", "Enter a whole number, such as 12."),
    "not_number": QT_TRANSLATE_NOOP("Labels", "Enter a number, such as 0.35."),
    "too_many_decimals": QT_TRANSLATE_NOOP("Labels", "At most {scale} digits after the decimal point."),
    "too_small": QT_TRANSLATE_NOOP("Labels", "Must be at least {min}."),
    "too_large": QT_TRANSLATE_NOOP("Labels", "Must be at most {max}."),
    "bad_date": QT_TRANSLATE_NOOP("Labels", "Enter a date such as 2024-03-05."),
    "bad_datetime": QT_TRANSLATE_NOOP("Labels", "Enter a date and time such as 2024-03-05 14:30."),
    "read_only_kind": QT_TRANSLATE_NOOP("Labels", "These records are changed through their own ledger."),
    "date_out_of_range": QT_TRANSLATE_NOOP("Labels", "The year must be between 1900 and 2100."),
    "in_future": QT_TRANSLATE_NOOP("Labels", "This date is in the future."),
    "date_order": QT_TRANSLATE_NOOP("Labels", "Must be later than {after}."),
    "bad_choice": QT_TRANSLATE_NOOP("Labels", "Choose one of the listed values."),
    "phone_format": QT_TRANSLATE_NOOP(
        "Labels", "Not a phone number: use 11 digits for a mobile or 0436-1234567 for a landline."),
    "id_format": QT_TRANSLATE_NOOP(
        "Labels", "An ID number has 18 characters: 17 digits and a final digit or X."),
    "division_code": QT_TRANSLATE_NOOP(
        "Labels", "A community code is the 12-digit administrative division code, or the 9 digits of "
                  "its street (such as 220802001)."),
    "id_birth": QT_TRANSLATE_NOOP("Labels", "The date of birth inside the ID number is not a real date."),
    "id_checksum": QT_TRANSLATE_NOOP(
        "Labels", "The check digit does not match: a digit of the ID number is wrong."),
    "id_birth_mismatch": QT_TRANSLATE_NOOP(
        "Labels", "The ID number does not match the date of birth."),
    "id_gender_mismatch": QT_TRANSLATE_NOOP("Labels", "The ID number does not match the gender."),
    "join_too_young": QT_TRANSLATE_NOOP("Labels", "A member must be at least 18 when joining the Party."),
    "required_for_probationary": QT_TRANSLATE_NOOP(
        "Labels", "Enter the date a probationary member becomes a full member."),
    "required_for_in_service": QT_TRANSLATE_NOOP(
        "Labels", "Enter the employer of an in-service member."),
    "building_group_needs_buildings": QT_TRANSLATE_NOOP(
        "Labels", "A building party group covers at least one building."),
    "building_not_in_compound": QT_TRANSLATE_NOOP(
        "Labels", "This building is not in the chosen compound."),
    "ref_missing": QT_TRANSLATE_NOOP("Labels", "The chosen record no longer exists."),
    "duplicate": QT_TRANSLATE_NOOP("Labels", "A record with this value already exists."),
    "has_dependents": QT_TRANSLATE_NOOP(
        "Labels", "It cannot be deleted: {count} record(s) of \u201c{kind}\u201d still refer to it."),
    "not_found": QT_TRANSLATE_NOOP("Labels", "The record no longer exists."),
    "no_community": QT_TRANSLATE_NOOP("Labels", "This database has no community yet."),
    "file_unreadable": QT_TRANSLATE_NOOP("Labels", "This file cannot be read as a workbook or a CSV file."),
    "no_such_sheet": QT_TRANSLATE_NOOP("Labels", "The workbook has no sheet named \u201c{sheet}\u201d."),
    "no_header": QT_TRANSLATE_NOOP("Labels", "No header row with known column names was found."),
    "ref_not_found": QT_TRANSLATE_NOOP("Labels", "\u201c{name}\u201d is not in the ledger."),
    "duplicate_in_file": QT_TRANSLATE_NOOP("Labels", "The same record as row {row} of this file."),
    "building_needs_compound": QT_TRANSLATE_NOOP(
        "Labels", "Several compounds have building {name}: fill in the compound too."),
    "city_owned": QT_TRANSLATE_NOOP(
        "Labels", "This record is kept by the city and comes with sync; it cannot be changed here."),
}

YES = QT_TRANSLATE_NOOP("Labels", "Yes")
NO = QT_TRANSLATE_NOOP("Labels", "No")
NONE = QT_TRANSLATE_NOOP("Labels", "(none)")


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


BASE = Words(kinds=_KINDS, fields=_FIELDS, kind_fields=_KIND_FIELDS, choices=_CHOICES, errors=_ERRORS)


@cache
def tables() -> Tables:
    """Every area's words, composed once: the registry's, then the ledgers' areas in order."""
    from app.ui.ledgers import (
        appeals_words,
        guarantees_words,
        livelihood_words,
        notices_words,
        projects_labels,
        venues_words,
        words,
    )

    return compose((BASE, words.WORDS, appeals_words.WORDS, projects_labels.WORDS, guarantees_words.WORDS,
                    notices_words.WORDS, venues_words.WORDS, livelihood_words.WORDS))


def kind_title(kind: str) -> str:
    return tr(tables().kinds.get(kind, kind))


def field_label(kind: str, name: str) -> str:
    words = tables()
    text = words.kind_fields.get((kind, name)) or words.fields.get(name) or name
    return tr(text)


def choice_label(value: str, kind: str | None = None) -> str:
    """The word for a stored choice; ``kind`` picks a kind's own word where it has one."""
    words = tables()
    if kind is not None and (kind, value) in words.kind_choices:
        return tr(words.kind_choices[(kind, value)])
    return tr(words.choices[value]) if value in words.choices else value


def yes_no(value: bool) -> str:
    return tr(YES) if value else tr(NO)


def error_text(kind: str, code: str, params: dict[str, Any]) -> str:
    template = tr(tables().errors.get(code, code))
    shown = dict(params)
    if "after" in shown:
        shown["after"] = field_label(kind, str(shown["after"]))
    if "kind" in shown:
        shown["kind"] = kind_title(str(shown["kind"]))
    try:
        return template.format(**shown)
    except (KeyError, IndexError):
        return template
