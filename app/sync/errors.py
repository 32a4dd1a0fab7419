"""Why a package was refused: a code for programs, a sentence for people."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    "too_large": "the file is larger than {limit_mb} MB",
    "empty": "the file is empty",
    "not_a_package": "the file is not a sync package",
    "corrupt": "the file is damaged: its compressed data does not check out",
    "truncated": "the file is incomplete: it was cut off while being copied",
    "decompression_bomb": "the file would expand to more than {limit_mb} MB; "
                          "refused as a decompression bomb",
    "body_too_large": "the package declares a body of {size} for {count} changes, more than {limit}; "
                      "refused before decrypting it",
    "malformed_json": "the package is not valid JSON ({detail})",
    "schema": "the package does not follow the package format: {detail}",
    "format_too_new": "the package uses format version {version}; this program reads up to {supported}",
    "app_too_old": "the package needs Community Ledger {version} or newer; update this program",
    "unknown_signer": "the package is signed by an unknown computer (node {node}); enrol it first",
    "bad_signature": "the package signature does not match: it was altered or forged",
    "signer_mismatch": "the package names one computer as sender but carries another one's key",
    "wrong_target": "the package is addressed to {target}, not to {here}",
    "other_computer": "the package is for another computer of this community (node {nodes}); "
                      "import it on that computer",
    "own_package": "the package was made here, by this computer itself; import the package the other "
                   "side made in return",
    "not_recipient": "the package is sealed to another computer",
    "decrypt_failed": "the package cannot be decrypted: it was altered",
    "plain_not_allowed": "the package is not encrypted; packages carried on a USB drive must be",
    "checksum": "the package body does not match its SHA-256 checksum",
    "counts_mismatch": "the package header counts {header} changes but the body holds {body}",
    "table_counts_mismatch": "the package header counts {header} changes of table '{table}' but the body "
                             "holds {body}",
    "forbidden_record": "the package writes {table} record {record}, which belongs to {owner_text}; "
                        "a community writes only its own records",
    "bad_range": "the package claims changes {first} to {last} of its computer but carries {count}",
    "ack_beyond": "the package acknowledges changes up to number {claimed}, but {receiver} has issued "
                  "only {issued}",
    "not_enrolled": "this database is not enrolled with the city server; run enroll with the code first",
    "no_community": "this database has no community yet",
    "enrolment_invalid": "the enrolment code is not valid",
    "enrolment_used": "the enrolment code was already used by another computer",
    "enrolment_community": "the enrolment code is for community {code_in_code}; "
                           "this database holds {code_here}",
    "constraint": "the database refused the package ({detail})",
    "import_raced": "another import of the same package is running or finished; it was not applied twice",
    "unauthorized": "the city server does not know this computer's token; enrol it again",
    "revoked": "the city server has revoked this computer's access; ask the district office",
    "wrong_signer": "the package is signed by computer {node}, not by the computer that sent it",
    "clock_ahead": "{count} changes in the package are dated up to {latest}, more than a day after this "
                   "computer's clock ({here}); the sending computer's date or time (or this one's) is wrong. "
                   "Correct it and export again",
    "not_networked": "this database is not enrolled with a city server over the network; "
                     "run enroll with the code and --server URL first",
    "bad_server_url": "the server address {url} is not an http:// or https:// address",
    "offline": "the city server at {url} cannot be reached ({detail})",
    "server_error": "the city server at {url} answered {status} ({detail}); try again later",
    "server_refused": "the city server refused the request ({status} {error}): {detail}",
    "not_a_ledger_server": "{url} is not a Community Ledger city server ({detail})",
    "wrong_server": "the server at {url} is city server {found}, "
                    "not {expected} this computer is enrolled with",
    "clock_skew": "this computer's clock ({here}) is {minutes} minutes from the city server's ({server}); "
                  "set the date and time of this computer right and sync again",
    "keys_elsewhere": "this computer's keyring does not hold the sync keys of this ledger (the file was "
                      "copied from another computer or account); restore it from an encrypted backup made "
                      "there, or enrol it again with a new code",
    "keyring_unavailable": "the sync keys of this ledger are in the system keyring, which does not answer "
                           "now; log in to this computer's desktop and try again",
    "enrol_again": "the city server no longer accepts this computer ({reason}); "
                   "enrol it again with a new code",
}


class SyncError(Exception):
    """A package or an enrolment refused; nothing was changed."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(describe(code, params))


def describe(code: str, params: dict[str, Any]) -> str:
    template = MESSAGES.get(code, code)
    shown = dict(params)
    if "owner" in shown:
        shown["owner_text"] = ("the city" if shown["owner"] == "city"
                               else f"community {shown.get('owner_id', '')}")
    try:
        return template.format(**shown)
    except (KeyError, IndexError):
        return template
