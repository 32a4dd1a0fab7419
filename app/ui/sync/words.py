"""What the sync screens say: reasons for a refused package, directions, counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.sync.errors import SyncError
from app.sync.report import RejectedChange
from app.ui import labels
from app.ui.tr import QT_TRANSLATE_NOOP

CTX = "Sync"

REASONS: dict[str, str] = {
    "too_large": QT_TRANSLATE_NOOP("Sync", "The file is larger than {limit_mb} MB."),
    "empty": QT_TRANSLATE_NOOP("Sync", "The file is empty."),
    "not_a_package": QT_TRANSLATE_NOOP("Sync", "The file is not a sync package."),
    "corrupt": QT_TRANSLATE_NOOP("Sync", "The file is damaged. Copy it from the other computer again."),
    "truncated": QT_TRANSLATE_NOOP(
        "Sync", "The file is incomplete: it was cut off while being copied. Copy it again and "
                "remove the USB drive safely."),
    "decompression_bomb": QT_TRANSLATE_NOOP("Sync", "The file would expand to more than {limit_mb} MB and "
                                                    "was refused for safety."),
    "body_too_large": QT_TRANSLATE_NOOP(
        "Sync", "The package declares {size} of content for {count} changes, more than such a "
                "package can hold, and was refused for safety."),
    "malformed_json": QT_TRANSLATE_NOOP("Sync", "The package content is damaged (not valid JSON)."),
    "schema": QT_TRANSLATE_NOOP("Sync", "The package does not follow the package format ({detail})."),
    "format_too_new": QT_TRANSLATE_NOOP("Sync", "The package was made by a newer version. Update this "
                                                "program first."),
    "app_too_old": QT_TRANSLATE_NOOP("Sync", "The package needs version {version} or newer of this program. "
                                             "Update it first."),
    "unknown_signer": QT_TRANSLATE_NOOP("Sync", "The package comes from a computer this one does not know. "
                                                "Only packages from the city server can be imported here."),
    "signer_mismatch": QT_TRANSLATE_NOOP("Sync", "The package carries a key that does not belong to its "
                                                 "sender. It may be forged."),
    "bad_signature": QT_TRANSLATE_NOOP("Sync", "The package was altered after it was made (its signature "
                                               "does not match)."),
    "wrong_target": QT_TRANSLATE_NOOP("Sync", "The package is for another community or computer ({target})."),
    "other_computer": QT_TRANSLATE_NOOP("Sync", "The package is for another computer of this community. "
                                                "Import it on that computer."),
    "own_package": QT_TRANSLATE_NOOP("Sync", "This package was made by this computer for the city server. "
                                             "Import the package the city server made in return."),
    "not_recipient": QT_TRANSLATE_NOOP("Sync", "The package is encrypted for another computer."),
    "decrypt_failed": QT_TRANSLATE_NOOP("Sync", "The package cannot be decrypted: it was altered."),
    "plain_not_allowed": QT_TRANSLATE_NOOP("Sync", "The package is not encrypted, so it was refused."),
    "checksum": QT_TRANSLATE_NOOP("Sync", "The package content does not match its checksum."),
    "counts_mismatch": QT_TRANSLATE_NOOP("Sync", "The package content does not match its header."),
    "table_counts_mismatch": QT_TRANSLATE_NOOP("Sync", "The package content does not match its header: "
                                                       "its changes per kind of record differ."),
    "forbidden_record": QT_TRANSLATE_NOOP("Sync", "The package writes records that belong to {owner}."),
    "bad_range": QT_TRANSLATE_NOOP("Sync", "The package claims changes {first} to {last} but carries "
                                           "{count}: it was made wrongly or forged."),
    "ack_beyond": QT_TRANSLATE_NOOP(
        "Sync", "The package confirms changes up to number {claimed}, but this computer has made only "
                "{issued}: it was made wrongly or forged."),
    "not_enrolled": QT_TRANSLATE_NOOP("Sync", "This computer is not enrolled with the city server yet. "
                                              "Enrol it with the code from the district office first."),
    "no_community": QT_TRANSLATE_NOOP("Sync", "This database has no community yet."),
    "enrolment_invalid": QT_TRANSLATE_NOOP("Sync", "The enrolment code is not valid. Check that it was "
                                                   "copied completely."),
    "enrolment_used": QT_TRANSLATE_NOOP("Sync", "The enrolment code was already used by another computer."),
    "enrolment_community": QT_TRANSLATE_NOOP("Sync", "The enrolment code is for community {code_in_code}, "
                                                     "but this database holds community {code_here}."),
    "constraint": QT_TRANSLATE_NOOP("Sync", "The database refused the package ({detail})."),
    "import_raced": QT_TRANSLATE_NOOP("Sync", "Another import of the same package is running or has "
                                              "finished; it was not applied twice."),
    "clock_ahead": QT_TRANSLATE_NOOP(
        "Sync", "{count} changes in the package are dated up to {latest}, more than a day after this "
                "computer's clock ({here}). The date or time of the computer that made the package (or of "
                "this one) is wrong: correct it, then make the package again."),
    "wrong_signer": QT_TRANSLATE_NOOP("Sync", "The package is signed by another computer ({node}) than the "
                                              "one that sent it."),
    "not_networked": QT_TRANSLATE_NOOP("Sync", "This computer is not enrolled with a city server over the "
                                               "network. Enrol it with the code and the server's address."),
    "bad_server_url": QT_TRANSLATE_NOOP("Sync", "The server address {url} is not valid: it must begin with "
                                                "http:// or https://."),
    "offline": QT_TRANSLATE_NOOP("Sync", "The city server at {url} cannot be reached ({detail}). The changes "
                                         "stay on this computer and go out when it is online again."),
    "server_error": QT_TRANSLATE_NOOP("Sync", "The city server at {url} has a problem ({status}). "
                                              "It will be tried again later."),
    "server_refused": QT_TRANSLATE_NOOP("Sync", "The city server refused the request ({status}): {detail}"),
    "not_a_ledger_server": QT_TRANSLATE_NOOP("Sync", "{url} is not a city server of this program."),
    "wrong_server": QT_TRANSLATE_NOOP("Sync", "The server at {url} is not the city server this computer is "
                                              "enrolled with."),
    "clock_skew": QT_TRANSLATE_NOOP("Sync", "This computer's clock says {here}, the city server's {server}: "
                                            "{minutes} minutes apart. Set this computer's date and time "
                                            "right, then sync again."),
    "keys_elsewhere": QT_TRANSLATE_NOOP(
        "Sync", "This computer does not hold the sync keys of this ledger: the file was copied from another "
                "computer. Restore it from an encrypted backup made there, or enrol it again with a new code "
                "from the district office."),
    "keyring_unavailable": QT_TRANSLATE_NOOP(
        "Sync", "The sync keys are kept in the system keyring, which does not answer now. Log in to the "
                "desktop again and retry."),
    "enrol_again": QT_TRANSLATE_NOOP("Sync", "The city server no longer accepts this computer. Enrol it "
                                             "again with a new code from the district office."),
}


EMPTY = QT_TRANSLATE_NOOP("Sync", "(empty)")


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


CITY = QT_TRANSLATE_NOOP("Sync", "the city")
COMMUNITY = QT_TRANSLATE_NOOP("Sync", "community {code}")


def _shown_params(params: dict[str, Any]) -> dict[str, Any]:
    """The refusal's parameters as its sentence shows them: an owner named in words."""
    shown = dict(params)
    if shown.get("owner") == "city":
        shown["owner"] = tr(CITY)
    elif shown.get("owner") == "community":
        shown["owner"] = tr(COMMUNITY).format(code=shown.get("owner_id", ""))
    return shown


def reason_text(error: SyncError) -> str:
    template = tr(REASONS.get(error.code, error.code))
    try:
        return template.format(**_shown_params(error.params))
    except (KeyError, IndexError):
        return template


REJECTED: dict[str, str] = {
    "unknown_table": QT_TRANSLATE_NOOP("Sync", "a kind of record this version does not know (update it)"),
    "unknown_field": QT_TRANSLATE_NOOP("Sync", "a field this version does not know: {field} (update it)"),
    "bad_value": QT_TRANSLATE_NOOP("Sync", "the value of {field} is not valid ({detail})"),
    "bad_stamp": QT_TRANSLATE_NOOP("Sync", "its time stamp is not valid"),
    "bad_id": QT_TRANSLATE_NOOP("Sync", "its record number is not valid"),
    "community_mismatch": QT_TRANSLATE_NOOP("Sync", "it names two different communities"),
    "missing_reference": QT_TRANSLATE_NOOP("Sync", "its {field} names a record that does not exist here"),
    "forbidden_reference": QT_TRANSLATE_NOOP("Sync", "its {field} names a record of another community"),
}

# What a field of a rejected change should have held.
EXPECTED: dict[str, str] = {
    "value": QT_TRANSLATE_NOOP("Sync", "a value is required"),
    "text": QT_TRANSLATE_NOOP("Sync", "text of at most {max} characters expected"),
    "integer": QT_TRANSLATE_NOOP("Sync", "a whole number expected"),
    "boolean": QT_TRANSLATE_NOOP("Sync", "yes or no expected"),
    "date": QT_TRANSLATE_NOOP("Sync", "a date expected"),
    "datetime": QT_TRANSLATE_NOOP("Sync", "a date and time expected"),
    "decimal": QT_TRANSLATE_NOOP("Sync", "a number with at most {scale} decimal places expected"),
}


def rejected_text(rejected: RejectedChange) -> str:
    """Why one change could not be applied, in the user's words."""
    template = REJECTED.get(rejected.reason)
    if template is None:
        return rejected.reason
    field = labels.field_label(rejected.table, rejected.field) if rejected.field else ""
    expected = EXPECTED.get(str(rejected.params.get("expected", "")))
    if "code" in rejected.params:
        # A rule the forms enforce too: worded as the form words it.
        detail = labels.error_text(rejected.table, str(rejected.params["code"]), {}).rstrip("。.")
    else:
        detail = tr(expected).format(**rejected.params) if expected else ""
    return tr(template).format(field=field, detail=detail)


def table_title(table: str) -> str:
    return labels.kind_title(table)


def format_value(value: Any) -> str:
    if value is None:
        return tr(EMPTY)
    if isinstance(value, bool):
        return labels.yes_no(value)
    return str(value)
