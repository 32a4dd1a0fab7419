"""The staff web page: ``/login``, ``/`` (the figures, silent communities, overdue appeals, secretary
projects by progress, notices) and publishing a notice.  Server-rendered, Chinese, plain forms.

Every figure comes from :mod:`server.stats`, as ``stats --json`` does; the templates only format.
"""

from __future__ import annotations

import hmac
import secrets
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.templating import Jinja2Templates

from app.models import NoticeTarget
from app.services.stats import LABELS
from server.api.deps import SESSION_USER, current_staff, get_city, get_settings
from server.city import CityServer
from server.models import EnrolledCommunity
from server.notices import NoticeError, publish, recent_notices
from server.settings import ServerSettings
from server.staff import Staff, authenticate
from server.stats import PROGRESS, city_stats, unsynced_communities

router = APIRouter(include_in_schema=False)
CSRF = "csrf"
TEMPLATES = Path(__file__).with_name("templates")

# The columns of the tables by district, street and community.
COLUMNS = ("communities", "compounds", "party_members", "building_party_groups", "secretary_projects",
           "secretary_projects_done", "appeals_received", "appeals_resolved", "appeals_overdue",
           "appeal_satisfaction_rate", "workday_cadre_visits", "training_attendances")
PROGRESS_WORDS = {"claimed": "已认领", "in_progress": "推进中", "overdue": "已超期", "done": "已交账",
                  "closed": "已结项"}
TARGET_WORDS = {NoticeTarget.CITY.value: "全市", NoticeTarget.DISTRICT.value: "本区（县）全部社区",
                NoticeTarget.STREET.value: "某街道的社区"}
ROLE_WORDS = {"city": "市级", "district": "区级"}
NOTICE_ERRORS = {
    "title_required": "请填写通知标题。",
    "title_too_long": "标题最多 {max} 个字。",
    "body_too_long": "正文最多 {max} 个字。",
    "attachment_too_long": "附件名称最多 {max} 个字。",
    "bad_target": "请选择发布范围。",
    "district_required": "请选择区（县）。",
    "street_required": "请填写街道名称。",
    "name_too_long": "区（县）、街道名称最多 {max} 个字。",
    "other_district": "区级账号只能向本区（{district}）发布通知。",
}


@cache
def templates() -> Jinja2Templates:
    found = Jinja2Templates(directory=TEMPLATES)
    found.env.filters["figure"] = figure
    return found


def figure(value: Any, key: str = "") -> str:
    """A figure for people: rates in percent, counts as they are, a dash for none."""
    if value is None:
        return "—"
    if isinstance(value, float) or key.endswith("_rate"):
        return f"{float(value) * 100:.1f}%"
    return str(value)


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF] = token
    return token


def csrf_ok(request: Request, sent: str) -> bool:
    kept = request.session.get(CSRF)
    return isinstance(kept, str) and hmac.compare_digest(kept.encode(), sent.encode())


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    response = templates().TemplateResponse(request, name, {"csrf_token": csrf_token(request), **context},
                                            status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _expired(request: Request) -> HTMLResponse:
    return _page(request, "message.html", {"title": "页面已过期",
                                          "text": "页面已过期或来源不明，请返回重新操作。"}, 403)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html", {"error": None, "username": ""})


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, city: Annotated[CityServer, Depends(get_city)],
                username: Annotated[str, Form(max_length=50)] = "",
                password: Annotated[str, Form(max_length=200)] = "",
                csrf_token_sent: Annotated[str, Form(alias="csrf_token")] = "") -> Response:
    if not csrf_ok(request, csrf_token_sent):
        return _expired(request)
    staff = await run_in_threadpool(authenticate, city, username.strip(), password)
    if staff is None:
        return _page(request, "login.html", {"error": "用户名或密码不正确。", "username": username}, 400)
    # A new session for the user, with a new CSRF token.
    request.session.clear()
    request.session[SESSION_USER] = staff.username
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token_sent: Annotated[str, Form(alias="csrf_token")] = "") -> Response:
    if not csrf_ok(request, csrf_token_sent):
        return _expired(request)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def _districts(city: CityServer, staff: Staff) -> list[str]:
    if staff.scope is not None:
        return [staff.scope]
    with Session(city.read_engine) as session:
        return [d for d in session.scalars(select(EnrolledCommunity.district).distinct()
                                           .order_by(EnrolledCommunity.district)) if d]


def _dashboard(request: Request, city: CityServer, settings: ServerSettings, staff: Staff, days: int,
               form: dict[str, str] | None = None, error: str | None = None,
               status: int = 200) -> HTMLResponse:
    figures = city_stats(city, staff.scope)
    communities = figures["by_community"]
    overdue = sorted(((code, c) for code, c in communities.items() if c.get("appeals_overdue")),
                     key=lambda item: (-int(item[1]["appeals_overdue"]), item[0]))
    context = {
        "staff": staff, "role_word": ROLE_WORDS.get(staff.role, staff.role),
        "figures": figures, "overall": [(k, LABELS[k], figures.get(k)) for k in LABELS if k in figures],
        "columns": [(k, LABELS[k]) for k in COLUMNS], "overdue": overdue,
        "progress_keys": [(p, PROGRESS_WORDS[p]) for p in PROGRESS],
        "progress": figures["projects_by_progress"],
        "days": days, "silent": unsynced_communities(city, days, staff.scope),
        "notices": recent_notices(city, staff.scope), "districts": _districts(city, staff),
        "targets": [(t, w) for t, w in TARGET_WORDS.items()
                    if staff.scope is None or t != NoticeTarget.CITY.value],
        "target_words": TARGET_WORDS,
        "form": form or {}, "error": error, "published": request.query_params.get("published") == "1",
    }
    return _page(request, "index.html", context, status)


def _days(request: Request, settings: ServerSettings) -> int:
    raw = request.query_params.get("days", "")
    return max(1, min(int(raw), 3650)) if raw.isdigit() else settings.stale_days


@router.get("/", response_class=HTMLResponse)
def index(request: Request, city: Annotated[CityServer, Depends(get_city)],
          settings: Annotated[ServerSettings, Depends(get_settings)],
          staff: Annotated[Staff | None, Depends(current_staff)]) -> Response:
    if staff is None:
        return RedirectResponse("/login", status_code=303)
    return _dashboard(request, city, settings, staff, _days(request, settings))


@router.post("/notices", response_class=HTMLResponse)
def publish_notice(request: Request, city: Annotated[CityServer, Depends(get_city)],
                   settings: Annotated[ServerSettings, Depends(get_settings)],
                   staff: Annotated[Staff | None, Depends(current_staff)],
                   title: Annotated[str, Form(max_length=1000)] = "",
                   body: Annotated[str, Form(max_length=100_000)] = "",
                   attachment_name: Annotated[str, Form(max_length=1000)] = "",
                   target: Annotated[str, Form(max_length=20)] = "",
                   district: Annotated[str, Form(max_length=200)] = "",
                   street: Annotated[str, Form(max_length=200)] = "",
                   csrf_token_sent: Annotated[str, Form(alias="csrf_token")] = "") -> Response:
    if staff is None:
        return RedirectResponse("/login", status_code=303)
    if not csrf_ok(request, csrf_token_sent):
        return _expired(request)
    form = {"title": title, "body": body, "attachment_name": attachment_name, "target": target,
            "district": district, "street": street}
    try:
        publish(city, title=title, body=body, attachment_name=attachment_name, target=target,
                district=district if staff.scope is None else (district or staff.scope), street=street,
                publisher=staff.username, only_district=staff.scope)
    except NoticeError as exc:
        text = NOTICE_ERRORS.get(exc.code, exc.code).format(**exc.params)
        return _dashboard(request, city, settings, staff, settings.stale_days, form, text, 400)
    return RedirectResponse("/?published=1#notices", status_code=303)


LIVELIHOOD_ERRORS = {
    "city_only": "民生实事由市级账号发布，区级账号只能查看。",
    "bad_year": "年度应为 {min} 至 {max} 之间的整数。",
    "bad_number": "序号应为 {min} 至 {max} 之间的整数。",
    "title_required": "请填写民生实事名称。",
    "title_too_long": "名称最多 {max} 个字。",
    "text_too_long": "内容最多 {max} 个字。",
    "unit_too_long": "牵头单位最多 {max} 个字。",
    "number_taken": "{year}年已有序号为 {number} 的民生实事。",
    "not_found": "这项民生实事不存在或已撤回。",
}


def _livelihood_page(request: Request, city: CityServer, staff: Staff, year: int,
                     form: dict[str, str] | None = None, error: str | None = None,
                     status: int = 200) -> HTMLResponse:
    from server.livelihood import projects

    editing = None
    edit_id = request.query_params.get("edit", "")
    listed = projects(city, year)
    if form is None and edit_id:
        editing = next((p for p in listed if p.id == edit_id), None)
        if editing is not None:
            form = {"id": editing.id, "year": str(editing.year), "number": str(editing.number),
                    "title": editing.title, "description": editing.description,
                    "lead_unit": editing.lead_unit}
    if form is None:
        form = {"year": str(year), "number": str(len(listed) + 1)}
    context = {"staff": staff, "role_word": ROLE_WORDS.get(staff.role, staff.role), "year": year,
               "projects": listed, "form": form, "error": error, "can_write": staff.scope is None,
               "done": request.query_params.get("done", "")}
    return _page(request, "livelihood.html", context, status)


def _year(raw: str) -> int:
    from datetime import date

    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2200 else date.today().year


@router.get("/livelihood", response_class=HTMLResponse)
def livelihood(request: Request, city: Annotated[CityServer, Depends(get_city)],
               staff: Annotated[Staff | None, Depends(current_staff)]) -> Response:
    if staff is None:
        return RedirectResponse("/login", status_code=303)
    return _livelihood_page(request, city, staff, _year(request.query_params.get("year", "")))


@router.post("/livelihood", response_class=HTMLResponse)
def publish_livelihood(request: Request, city: Annotated[CityServer, Depends(get_city)],
                       staff: Annotated[Staff | None, Depends(current_staff)],
                       year: Annotated[str, Form(max_length=20)] = "",
                       number: Annotated[str, Form(max_length=20)] = "",
                       title: Annotated[str, Form(max_length=1000)] = "",
                       description: Annotated[str, Form(max_length=50_000)] = "",
                       lead_unit: Annotated[str, Form(max_length=1000)] = "",
                       project_id: Annotated[str, Form(alias="id", max_length=40)] = "",
                       csrf_token_sent: Annotated[str, Form(alias="csrf_token")] = "") -> Response:
    from server.livelihood import LivelihoodError, publish

    if staff is None:
        return RedirectResponse("/login", status_code=303)
    if not csrf_ok(request, csrf_token_sent):
        return _expired(request)
    form = {"id": project_id, "year": year, "number": number, "title": title, "description": description,
            "lead_unit": lead_unit}
    try:
        publish(city, year=year, number=number, title=title, description=description, lead_unit=lead_unit,
                publisher=staff.username, project_id=project_id or None, city_staff=staff.scope is None)
    except LivelihoodError as exc:
        text = LIVELIHOOD_ERRORS.get(exc.code, exc.code).format(**exc.params)
        return _livelihood_page(request, city, staff, _year(year), form, text, 400)
    return RedirectResponse(f"/livelihood?year={int(year)}&done={'changed' if project_id else 'published'}",
                            status_code=303)


@router.post("/livelihood/{project_id}/withdraw", response_class=HTMLResponse)
def withdraw_livelihood(request: Request, project_id: str, city: Annotated[CityServer, Depends(get_city)],
                        staff: Annotated[Staff | None, Depends(current_staff)],
                        year: Annotated[str, Form(max_length=20)] = "",
                        csrf_token_sent: Annotated[str, Form(alias="csrf_token")] = "") -> Response:
    from server.livelihood import LivelihoodError, withdraw

    if staff is None:
        return RedirectResponse("/login", status_code=303)
    if not csrf_ok(request, csrf_token_sent):
        return _expired(request)
    try:
        withdraw(city, project_id, city_staff=staff.scope is None)
    except LivelihoodError as exc:
        text = LIVELIHOOD_ERRORS.get(exc.code, exc.code).format(**exc.params)
        return _livelihood_page(request, city, staff, _year(year), None, text, 400)
    return RedirectResponse(f"/livelihood?year={_year(year)}&done=withdrawn", status_code=303)
