"""The rules of ID numbers and phone numbers, as the services use them (kept in :mod:`app.identity`,
where sync applies the same rules to incoming changes)."""

from __future__ import annotations

from app.identity import (
    division_code_problem,
    id_birth_date,
    id_check_char,
    id_gender,
    id_number_problem,
    make_id_number,
    mask_id_number,
    mask_phone,
    normalise_code,
    normalise_id_number,
    normalise_phone,
    phone_problem,
)

__all__ = [
    "division_code_problem", "id_birth_date", "id_check_char", "id_gender", "id_number_problem",
    "make_id_number", "mask_id_number", "mask_phone", "normalise_code", "normalise_id_number",
    "normalise_phone", "phone_problem",
]
