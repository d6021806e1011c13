"""Sign-in, one's own account and API tokens, and the district's user administration."""
from __future__ import annotations

import math
from urllib.parse import urlparse

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import current_user, login_user, logout_user
from marshmallow import ValidationError

from core.auth import queries, services, sessions, throttle
from core.auth.forms import GrantForm, LoginForm, PasswordForm, TokenForm, UserForm
from core.auth.login import remote_addr
from core.auth.services import SignInOutcome
from core.commands import flash_validation, page_command
from core.errors import N_, DomainError
from core.forms import form_input, labels_of, posted
from core.kernel import kernel
from core.messages import message_of, translated
from core.permissions import DISTRICT_ROLES, ROLES, public, requires
from core.tenancy import queries as tenancy

bp = Blueprint("auth", __name__, template_folder="templates")


def _safe_next(target: str | None) -> str:
    if target and not urlparse(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("shell.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    status = 200
    if request.method == "POST":
        status = _sign_in()
        if not isinstance(status, int):
            return status
    return render_template("auth/login.html", form=request.form), status


def _sign_in():
    """Sign in with the posted form: the redirect onwards, or the status of the refusal (flashed)."""
    schema = LoginForm()
    try:
        data = form_input(schema, drop_empty=True)
    except ValidationError as exc:
        flash_validation(exc, labels_of(schema))
        return 400
    k = kernel()
    result = services.sign_in(k, throttle.ThrottleRules.from_config(current_app.config),
                              data["username"], data["password"], remote_addr())
    if result.outcome is SignInOutcome.WAIT:
        minutes = max(1, math.ceil((result.until - k.wall_now()).total_seconds() / 60))
        flash(gettext("登录失败次数过多，请 %(minutes)s 分钟后再试；如需帮助请联系区级管理员。", minutes=minutes), "danger")
        return 429
    if result.outcome is SignInOutcome.WRONG:
        flash(gettext("用户名或密码不正确。"), "danger")
        return 401
    if result.outcome is SignInOutcome.INACTIVE:
        flash(gettext("该账号已停用，请联系区级管理员。"), "danger")
        return 403
    with k.reading() as conn:
        user = queries.load_user(conn, result.user_id)
    sessions.purge_expired(k, _limits())
    session.rotate()  # a new id at sign-in: an id planted before it is worth nothing
    login_user(user)
    return redirect(_safe_next(request.args.get("next")))


def _limits() -> sessions.Limits:
    return current_app.session_interface.limits


def _sign_out(notice: str) -> None:
    logout_user()
    session.clear()
    session.rotate()
    flash(translated(notice), "info")


@bp.route("/logout", methods=["POST"])
@requires("account.self")
def logout():
    _sign_out(N_("您已退出登录。"))
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@requires("account.self")
def account():
    k = kernel()
    issued: dict = {}

    def render(status: int = 200):
        with k.reading() as conn:
            tokens = queries.list_tokens(conn, current_user.id)
            grants = queries.list_grants(conn, current_user.id)
        return render_template("auth/account.html", form=request.form, tokens=tokens, grants=grants,
                               new_token=issued.get("token"), roles=ROLES,
                               sessions=sessions.list_of(k, current_user.id, _limits()),
                               this_session=session.public_id), status

    def issue_token() -> None:
        data = form_input(TokenForm(), drop_empty=True, prefix="t")
        issued["token"] = services.issue_token(k, current_user.username, data["label"])

    def change_password() -> str:
        data = form_input(PasswordForm(), drop_empty=True, prefix="p")
        services.change_password(k, current_user.username, data["password"], current_password=data["current"])
        session.rotate()  # every session of the account ended; this browser goes on in a new one
        return url_for("auth.account")

    if posted("t"):
        return page_command(issue_token, render, success=N_("令牌已创建。它只显示这一次，请立即复制保存。"),
                            next_url=render, labels=labels_of(TokenForm()))
    if posted("p"):
        return page_command(change_password, render, success=N_("密码已修改，其他设备上的登录已全部退出。"),
                            labels=labels_of(PasswordForm()))
    return render()


@bp.route("/account/sessions/<public_id>/end", methods=["POST"])
@requires("account.self")
def end_session(public_id: str):
    if public_id == session.public_id:
        _sign_out(N_("您已退出登录。"))
        return redirect(url_for("auth.login"))
    if sessions.end_one_of(kernel(), current_user.id, public_id):
        flash(gettext("该会话已结束。"), "success")
    else:
        flash(gettext("该会话已结束或不存在。"), "info")
    return redirect(url_for("auth.account"))


@bp.route("/account/tokens/<token_id>/revoke", methods=["POST"])
@requires("account.self")
def revoke_token(token_id: str):
    try:
        services.revoke_token(kernel(), current_user.username, token_id)
        flash(gettext("令牌已撤销。"), "success")
    except DomainError as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("auth.account"))


@bp.route("/district/users", methods=["GET", "POST"])
@requires("district.admin")
def users():
    k = kernel()

    def render(status: int = 200):
        with k.reading() as conn:
            all_users = queries.list_users(conn)
            grants = queries.list_grants(conn)
            names = {s.slug: s.name for s in tenancy.list_schools(conn)}
        by_user: dict = {}
        for grant in grants:
            by_user.setdefault(grant.user_id, []).append(grant)
        held = throttle.held_back(k, throttle.ThrottleRules.from_config(current_app.config))
        return render_template("auth/users.html", users=all_users, grants=by_user, roles=ROLES,
                               schools=[(slug, f"{name}（{slug}）") for slug, name in names.items()], school_names=names,
                               form=request.form, held=held), status

    def create_user() -> str:
        data = form_input(UserForm(), drop_empty=True, prefix="u")
        services.create_user(k, data["username"], data["display_name"], data["password"])
        flash(gettext("用户 %(name)s 已创建。", name=data["username"]), "success")
        return url_for("auth.users")

    def grant_role() -> str:
        data = form_input(GrantForm(), drop_empty=True, prefix="g")
        tenant = None if data["role"] in DISTRICT_ROLES else data["tenant"]
        services.grant_role(k, data["username"], data["role"], tenant)
        return url_for("auth.users")

    if posted("u"):
        return page_command(create_user, render, labels=labels_of(UserForm()))
    if posted("g"):
        return page_command(grant_role, render, success=N_("角色已授予。"), labels=labels_of(GrantForm()))
    return render(422 if request.method == "POST" else 200)


ACCOUNT_ACTS = {
    "deactivate": (services.deactivate_user, N_("账号 %(username)s 已停用，其登录会话和 API 令牌已全部失效。")),
    "reactivate": (services.reactivate_user, N_("账号 %(username)s 已恢复。")),
    "unlock": (services.unlock_sign_in, N_("账号 %(username)s 的登录限制已解除。")),
}


@bp.route("/district/users/<username>/<any(deactivate, reactivate, unlock):act>", methods=["POST"])
@requires("district.admin")
def account_act(username: str, act: str):
    """Deactivate, reactivate or unlock an account, with the reason given in the form."""
    command, done = ACCOUNT_ACTS[act]
    try:
        command(kernel(), username)
        flash(gettext(done, username=username), "success")
    except DomainError as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("auth.users"))


@bp.route("/district/users/revoke", methods=["POST"])
@requires("district.admin")
def revoke():
    try:
        services.revoke_role(kernel(), request.form.get("username", ""), request.form.get("role", ""),
                             request.form.get("tenant") or None)
        flash(gettext("角色已撤销。"), "success")
    except DomainError as exc:
        flash(message_of(exc), "danger")
    return redirect(url_for("auth.users"))
