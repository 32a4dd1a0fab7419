"""``/api/v1/stats``: the figures of ``community-ledger-server stats --json``, for staff."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from server.api.deps import current_staff, get_city
from server.api.errors import ApiError
from server.city import CityServer
from server.staff import Staff
from server.stats import city_stats

router = APIRouter(prefix="/api/v1", tags=["stats"])


@router.get("/stats")
def stats(city: Annotated[CityServer, Depends(get_city)],
          staff: Annotated[Staff | None, Depends(current_staff)]) -> dict[str, Any]:
    """A district user sees their district only."""
    if staff is None:
        raise ApiError("login_required", 401)
    return city_stats(city, staff.scope)
