"""Roles and the one permission function that decides every access.

Plugins declare their actions and the roles allowed them (hook ``zhibu_permissions``); views
declare the action they perform with ``@requires``. ``can`` is the only place that decides.
"""
from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, url_for
from flask_login import current_user
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

# role code → Chinese label
ROLES: dict[str, str] = {
    "district_admin": "区级管理员",
    "inspector": "督查员",
    "secretary": "支部书记",
    "deputy": "副书记",
    "org": "组织委员",
    "publicity": "宣传委员",
    "discipline": "纪检委员",
    "committee": "支部委员",
    "member": "党员",
    "viewer": "只读查看",
}
DISTRICT_ROLES = frozenset({"district_admin", "inspector"})
SCHOOL_ROLES = frozenset(ROLES) - DISTRICT_ROLES

# Groups plugins combine when they declare their actions.
COMMITTEE = frozenset({"secretary", "deputy", "org", "publicity", "discipline", "committee"})
SCHOOL_PEOPLE = COMMITTEE | {"member", "viewer"}
READERS = frozenset({"viewer", "inspector", "district_admin"})  # read-only across what they may see
EVERYONE = SCHOOL_PEOPLE | DISTRICT_ROLES
AUTHENTICATED = "authenticated"  # pseudo-role: any signed-in user, for actions on one's own account


def can(user, action: str, tenant: str | None = None) -> bool:
    """Whether ``user`` may perform ``action`` (in school ``tenant``, or district-wide)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    allowed = current_app.extensions["zhibu"].permissions.get(action)
    if allowed is None:
        return False  # undeclared actions are refused: fail closed
    if AUTHENTICATED in allowed:
        return True
    roles = set(user.district_roles)
    if tenant is not None:
        roles |= user.roles_in(tenant)
        if "inspector" in roles and not inspector_may_see(user, tenant):
            roles.discard("inspector")
    return bool(roles & allowed)


def can_in_every_school(user, action: str) -> bool:
    """Whether ``user`` may perform ``action`` in every school by a district role alone (an inspector's
    role counts only inside an assignment: ask ``can`` school by school then)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    allowed = current_app.extensions["zhibu"].permissions.get(action) or ()
    return AUTHENTICATED in allowed or bool((set(user.district_roles) - {"inspector"}) & set(allowed))


def schools_visible(user, action: str, slugs: list[str]) -> list[str]:
    """The schools among ``slugs`` where ``user`` may perform ``action``: all of them for a district
    role that holds it everywhere, else school by school (an inspector: those of their assignment)."""
    if can_in_every_school(user, action):
        return list(slugs)
    return [slug for slug in slugs if can(user, action, slug)]


def inspector_may_see(user, tenant: str) -> bool:
    """An inspector sees a school only inside an assignment (schools and date range).

    The audit plugin answers through ``zhibu_inspector_scope``; with no answer, no access.
    """
    k = current_app.extensions["zhibu"]
    return bool(k.district_hooks.zhibu_inspector_scope(user=user, tenant=tenant, today=k.today()))


def requires(action: str) -> Callable:
    """Declare the action a view performs.

    The dispatcher (core.web) authorises the declared action before anything of the view runs,
    argument parsing included; a view without a declaration is refused.
    """
    def decorate(view: Callable) -> Callable:
        view._zhibu_action = action
        return view
    return decorate


def public(view: Callable) -> Callable:
    """Declare a view open to anyone (login page, language switch, health check)."""
    view._zhibu_action = None
    return view


def authorize(action: str) -> None:
    tenant = g.get("tenant")
    if not current_user.is_authenticated:
        if g.get("is_api"):
            abort(401)
        abort(redirect(url_for("auth.login", next=request.full_path)))
    if not can(current_user, action, tenant.slug if tenant else None):
        abort(403)


def require(action: str, tenant: str | None) -> None:
    """The same decision as ``@requires``, inside a view, where the action depends on the input (the
    period of an evaluation, a POST on a page anyone may read): 403 unless the user may do it there."""
    if not can(current_user, action, tenant):
        abort(403)


def require_object(allowed: bool) -> None:
    """The one object-level check: after ``@requires`` let the user in, whether they may open this
    record (a pair they are in, a log in their inspection scope, a talk they took part in) is decided
    by the plugin's own rule, and a refusal is answered here, the same way everywhere (403)."""
    if not allowed:
        abort(403)


def check(action: str) -> bool:
    """For templates: may the current user do this here?"""
    tenant = g.get("tenant")
    return _can_here(action, tenant.slug if tenant else None)


def _can_here(action: str, tenant: str | None) -> bool:
    """``can`` for the current user, remembered for the request (a page asks about its navigation,
    its links and its buttons, the same actions many times)."""
    user = current_user._get_current_object()
    return current_app.extensions["zhibu"].per_request(("can", id(user), action, tenant),
                                                       lambda: can(user, action, tenant))


def may_use(endpoint: str | None, tenant: str | None) -> bool:
    """Whether the current user may open the view behind ``endpoint`` (the action it declares)."""
    view = current_app.view_functions.get(endpoint or "")
    action = getattr(view, "_zhibu_action", False)
    if action is None:
        return True   # a public view
    return bool(action) and _can_here(action, tenant)


def may_open(url: str | None) -> bool:
    """Whether the current user may open a link of this app (a page shows only links that open)."""
    if not url:
        return True
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return True   # not ours to judge
    adapter = current_app.url_map.bind("localhost")
    try:
        try:
            endpoint, values = adapter.match(parts.path, method="GET")
        except RequestRedirect as moved:   # "/t/x/dues" → "/t/x/dues/"
            endpoint, values = adapter.match(urlsplit(moved.new_url).path, method="GET")
    except HTTPException:
        return False
    return may_use(endpoint, values.get("tenant"))


def shown(item, tenant: str | None) -> bool:
    """Whether a widget or an alert may be shown to the current user: the action it declares (what it
    names about people is for those who hold it) and, for an alert, the page it links to.

    A page of many alerts asks the same question again and again (hundreds of arrears alerts lead to
    the same page of the same school): the answer is remembered for the request, by what it depends
    on — the action, and the endpoint with its school (or, for a link given as a URL, the URL)."""
    return current_app.extensions["zhibu"].per_request(shown_key(item, tenant), lambda: _shown(item, tenant))


def shown_key(item, tenant: str | None) -> tuple:
    """What ``shown``'s answer for ``item`` depends on: items of one key are shown to the same users."""
    action = getattr(item, "action", None)
    endpoint = getattr(item, "endpoint", None)
    if endpoint:
        values = getattr(item, "values", None) or {}
        return ("shown", action, tenant, endpoint, values.get("tenant", tenant))
    return ("shown", action, tenant, None, getattr(item, "url", None))


def _shown(item, tenant: str | None) -> bool:
    action = getattr(item, "action", None)
    if action is not None and not can(current_user, action, tenant):
        return False
    endpoint = getattr(item, "endpoint", None)
    if endpoint:
        values = getattr(item, "values", None) or {}
        return endpoint in current_app.view_functions and may_use(endpoint, values.get("tenant", tenant))
    return may_open(getattr(item, "url", None))
