"""The web shell: tenant resolution, the per-school dispatcher, layout context, home pages, errors."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import (
    Blueprint, Flask, abort, current_app, g, redirect, render_template, request, session, url_for,
)
from flask.json.provider import DefaultJSONProvider
from flask_babel import gettext
from flask_babel import refresh as babel_refresh
from flask_login import current_user
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from core import context
from core.eventstore import DISTRICT
from core.fields import DEFAULT_MAX_LENGTH, INT_MAX, YEAR_MAX, YEAR_MIN, normalise_text, text_problem
from core.kernel import REQUEST_MEMO, STORED, Kernel, kernel
from core.permissions import ROLES, authorize, check, may_open, public, requires
from core.tenancy import queries as tenant_queries
from core.web.nav import district_nav_items, nav_items

bp = Blueprint("shell", __name__)
LANGUAGES = {"zh_CN": "中文", "en": "English"}
PUBLIC_ENDPOINTS = {"static", "api-docs.openapi_json", "shell.favicon"}
REQUEST_SCOPED = ("tenant", "is_api", "via_token", "correlation_id", "_login_user", "csrf_token",
                  REQUEST_MEMO, STORED)

# No inline script or style anywhere: behaviour lives in static/zhibu.js, looks in static/zhibu.css.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HSTS = "max-age=31536000"  # a year; sent only when cookies are secure, i.e. served over HTTPS


def is_static(endpoint: str | None) -> bool:
    """Static files (the core's, a plugin's, the favicon): the only answers a browser may keep."""
    return bool(endpoint) and (endpoint in ("static", "shell.favicon") or endpoint.endswith(".static"))


def harden(response):
    """The security headers of every answer. Every other answer is dynamic and most carry personal
    data (pages, API answers, downloads; the login page carries a session-bound CSRF token), so none
    of them may be stored by a browser or a proxy: no-store, whatever the view set."""
    response.headers.update(SECURITY_HEADERS)
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers["Strict-Transport-Security"] = HSTS
    if not is_static(request.endpoint) and not (response.status_code in (200, 304) and is_cacheable(request.endpoint)):
        response.headers["Cache-Control"] = "no-store"
    return response


def cacheable(view):
    """Declare a public view whose answers may be kept by browsers and proxies: it sets its own
    Cache-Control and ETag and shows nothing personal (a school's public disclosure board)."""
    view._zhibu_cacheable = True
    return view


def is_cacheable(endpoint: str | None) -> bool:
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return bool(getattr(view, "_zhibu_cacheable", False))


@dataclass(frozen=True)
class TenantRef:
    slug: str
    name: str
    enabled: frozenset


class BoundedIntegerConverter(IntegerConverter):
    """``<int:…>`` bounded to what an INTEGER column holds: a larger number in a path is a 404."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=INT_MAX, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class YearConverter(IntegerConverter):
    """``<year:…>``: a year from 1900 to 2100, anything else in a path is a 404."""

    def __init__(self, url_map, min=YEAR_MIN, max=YEAR_MAX):
        super().__init__(url_map, fixed_digits=4, min=min, max=max)


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, where a document nested too deep to decode is invalid JSON (400), not a crash."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError as exc:
            raise ValueError("JSON nested too deep") from exc


def int_arg(name: str, default: int | None = None, *, min: int = 1, max: int = INT_MAX) -> int | None:
    """An integer query argument (``?page=``, ``?year=``); missing, malformed or out of range gives
    ``default``, so no page fails on a hand-typed URL."""
    value = request.args.get(name, type=int)
    return value if value is not None and min <= value <= max else default


def text_arg(name: str, max_length: int = 200) -> str | None:
    """A text query argument used as a filter (``?status=``, ``?actor=``): only single-line text under
    the rule of ``core.fields.Text``, else None (PostgreSQL cannot even compare a NUL)."""
    value = request.args.get(name) or ""
    return value if value and len(value) <= max_length and text_problem(value, single_line=True) is None else None


def year_arg(default: int | None = None) -> int | None:
    """``?year=`` from 1900 to 2100, else ``default``."""
    return int_arg("year", default, min=YEAR_MIN, max=YEAR_MAX)


def tenant_blueprint(name: str, import_name: str) -> Blueprint:
    """A plugin's page blueprint, mounted under ``/t/<tenant>/<name>``."""
    return Blueprint(name, import_name, url_prefix=f"/t/<tenant>/{name}", template_folder="templates")


def install(app: Flask, k: Kernel, plugin_of_blueprint: dict[str, str]) -> None:
    """Wire tenant resolution, the dispatcher and the command context into ``app``."""

    @app.url_value_preprocessor
    def _resolve_tenant(_endpoint, values):
        if values and "tenant" in values:
            slug = values.pop("tenant")
            with k.reading() as conn:
                row = tenant_queries.get_school(conn, slug)
            if row is None:
                abort(404)
            g.tenant = TenantRef(slug=row.slug, name=row.name, enabled=frozenset(k.enabled_plugins(row.slug)))

    @app.url_defaults
    def _tenant_default(endpoint, values):
        if "tenant" not in values and g.get("tenant") is not None \
                and app.url_map.is_endpoint_expecting(endpoint, "tenant"):
            values["tenant"] = g.tenant.slug

    @app.before_request
    def _dispatch():
        g.is_api = request.path.startswith("/api/")
        g.correlation_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
        g.form_errors = {}   # this request's inputs at fault (core.commands), never a previous request's
        view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
        if view is None or request.endpoint in PUBLIC_ENDPOINTS or request.endpoint.endswith(".static"):
            return None
        plugin = plugin_of_blueprint.get(request.blueprint or "")
        tenant = g.get("tenant")
        if plugin and tenant is not None and plugin not in tenant.enabled:
            abort(404)  # the school has not enabled this plugin
        if not hasattr(view, "_zhibu_action"):
            abort(403)  # every route must declare its action: fail closed
        if view._zhibu_action is not None:
            authorize(view._zhibu_action)  # the one place where access is decided
        if g.is_api and current_user.is_authenticated and not g.get("via_token") \
                and request.method not in ("GET", "HEAD", "OPTIONS"):
            abort(401)  # API writes need a bearer token (pages use forms with CSRF)
        if current_user.is_authenticated:
            roles = sorted(current_user.district_roles
                           | (current_user.roles_in(tenant.slug) if tenant else set()))
            g._ctx_token = context._current.set(context.CommandContext(
                actor_id=str(current_user.id), actor_name=current_user.username,
                role=",".join(roles) or "user", tenant=tenant.slug if tenant else None,
                correlation_id=g.correlation_id, source="api" if g.is_api else "web",
                reason=_form_reason()))
        return None

    app.after_request(harden)

    @app.teardown_request
    def _end_context(_exc):
        token = g.pop("_ctx_token", None)
        if token is not None:
            context._current.reset(token)
        # Request-scoped values live in g. An app context can outlive one request (tests, CLI),
        # so nothing of this request may leak into the next: not the tenant, not the user.
        for name in REQUEST_SCOPED:
            g.pop(name, None)
        babel_refresh()

    @app.context_processor
    def _layout():
        tenant = g.get("tenant")
        return {"tenant": tenant, "nav": nav_items(k, tenant) if tenant else [], "district_nav": district_nav_items(k),
                "can": check, "may_open": may_open, "roles_label": ROLES, "languages": LANGUAGES,
                "current_locale": session.get("lang", "zh_CN")}


def _form_reason() -> str | None:
    """A page form's ``reason`` for the command context, only when it is text that may be stored
    (the view's own schema refuses anything else before a command runs)."""
    reason = normalise_text(request.form.get("reason") or "") if request.form else ""
    return reason if reason and text_problem(reason) is None and len(reason) <= DEFAULT_MAX_LENGTH else None


@bp.route("/")
@public
def index():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.district_roles:
        return redirect(url_for("district.home"))
    schools = sorted(current_user.school_roles)
    if len(schools) == 1:
        return redirect(url_for("shell.school_home", tenant=schools[0]))
    k = kernel()
    with k.reading() as conn:
        rows = [tenant_queries.get_school(conn, s) for s in schools]
    return render_template("shell/choose.html", schools=[r for r in rows if r])


@bp.route("/district/health")
@requires("district.health")
def health():
    """For the district administrator: projections stopped at an event, and logs not caught up."""
    k = kernel()
    states = k.projector.states([DISTRICT, *k.tenant_slugs()])
    return render_template("shell/health.html", states=states,
                           stopped=[s for s in states if s.stopped_at is not None],
                           behind=[s for s in states if s.stopped_at is None and s.lag])


@bp.route("/lang/<code>")
@public
def set_language(code: str):
    if code not in LANGUAGES:
        abort(404)
    session["lang"] = code
    target = request.referrer or url_for("shell.index")
    return redirect(target if target.startswith(request.host_url) or target.startswith("/") else "/")


@bp.route("/favicon.ico")
@public
def favicon():
    return current_app.send_static_file("favicon.ico")


@bp.route("/healthz")
@public
def healthz():
    return {"status": "ok"}


# What each error page says, and what to do next (message ids of the catalogue, translated when shown).
# Werkzeug's own English sentences are never shown.
ERROR_PAGES = {
    400: ("请求有误", "无法处理这次提交的内容。请返回上一页，检查后重试。"),
    401: ("请先登录", "打开此页面需要先登录。"),
    403: ("无权访问", "您的账号没有打开此页面的权限。如需访问，请联系本支部书记或区级管理员。"),
    404: ("页面不存在", "您要找的页面不存在，或本校尚未启用该模块。"),
    405: ("不支持的操作", "此页面不支持这种打开方式。请使用页面上的按钮和链接。"),
    409: ("记录已被修改", "记录已被他人修改，请刷新页面后重试。"),
    413: ("文件太大", "上传的内容太大，超过了允许的 %(limit)s MB。请压缩或拆分文件后重新上传。"),
    422: ("输入有误", "提交的内容有误。请返回上一页，修改后重试。"),
    429: ("请求过于频繁", "操作过于频繁，请稍后再试。"),
    500: ("服务器出错", "服务器出错了，已记录。请稍后重试。"),
}


def render_error(exc: HTTPException, description: str | None = None):
    """The error page in the user's language. A sentence of our own (a domain refusal, a view's
    ``abort(403, description=...)``) is shown as it is; Werkzeug's and Flask-WTF's defaults never."""
    code = exc.code or 500
    title, default = ERROR_PAGES.get(code, (exc.name, ""))
    if description is None:
        own = None if type(exc).__module__.startswith("flask_wtf") else vars(exc).get("description")
        if own is None and not type(exc).__module__.startswith("werkzeug"):
            own = type(exc).description  # our own exception classes (core.app)
        limit = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
        description = gettext(own) if own else gettext(default, limit=limit) if default else ""
    headers = {"Allow": ", ".join(exc.valid_methods)} if getattr(exc, "valid_methods", None) else {}
    return render_template("shell/error.html", code=code, title=gettext(title),
                           description=description), code, headers
