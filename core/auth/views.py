"""Sign-in, one's own account and API tokens, and the district's user administration."""
from __future__ import annotations

import math
from urllib.parse import urlparse

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from core.auth import queries, services, sessions, throttle
from core.auth.forms import GrantForm, LoginForm, PasswordForm, TokenForm, UserForm
from core.auth.login import remote_addr
from core.auth.services import SignInOutcome
from core.errors import DomainError
from core.kernel import kernel
from core.permissions import DISTRICT_ROLES, ROLES, public, requires

bp = Blueprint("auth", __name__, template_folder="templates")


def _safe_next(target: str | None) -> str:
    if target and not urlparse(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("shell.index")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        k = kernel()
        result = services.sign_in(k, throttle.ThrottleRules.from_config(current_app.config),
                                  form.username.data, form.password.data, remote_addr())
        if result.outcome is SignInOutcome.WAIT:
            minutes = max(1, math.ceil((result.until - k.wall_now()).total_seconds() / 60))
            flash(f"登录失败次数过多，请 {minutes} 分钟后再试；如需帮助请联系区级管理员。", "danger")
            status = 429
        elif result.outcome is SignInOutcome.WRONG:
            flash("用户名或密码不正确。", "danger")
            status = 401
        elif result.outcome is SignInOutcome.INACTIVE:
            flash("该账号已停用，请联系区级管理员。", "danger")
            status = 403
        else:
            with k.engine.connect() as conn:
                user = queries.load_user(conn, result.user_id)
            sessions.purge_expired(k, _limits())
            session.rotate()  # a new id at sign-in: an id planted before it is worth nothing
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


def _limits() -> sessions.Limits:
    return current_app.session_interface.limits


def _sign_out(notice: str) -> None:
    logout_user()
    session.clear()
    session.rotate()
    flash(notice, "info")


@bp.route("/logout", methods=["POST"])
@requires("account.self")
def logout():
    _sign_out("您已退出登录。")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@requires("account.self")
def account():
    k = kernel()
    token_form, password_form = TokenForm(prefix="t"), PasswordForm(prefix="p")
    new_token = None
    try:
        if token_form.submit_ok("t"):
            new_token = services.issue_token(k, current_user.username, token_form.label.data)
            flash("令牌已创建。它只显示这一次，请立即复制保存。", "success")
        elif password_form.submit_ok("p"):
            services.change_password(k, current_user.username, password_form.password.data,
                                     current_password=password_form.current.data)
            session.rotate()  # every session of the account ended; this browser goes on in a new one
            flash("密码已修改，其他设备上的登录已全部退出。", "success")
            return redirect(url_for("auth.account"))
    except DomainError as exc:
        flash(exc.message, "danger")
    with k.engine.connect() as conn:
        tokens = queries.list_tokens(conn, current_user.id)
        grants = queries.list_grants(conn, current_user.id)
    return render_template("auth/account.html", token_form=token_form, password_form=password_form,
                           tokens=tokens, grants=grants, new_token=new_token, roles=ROLES,
                           sessions=sessions.list_of(k, current_user.id, _limits()),
                           this_session=session.public_id)


@bp.route("/account/sessions/<public_id>/end", methods=["POST"])
@requires("account.self")
def end_session(public_id: str):
    if public_id == session.public_id:
        _sign_out("您已退出登录。")
        return redirect(url_for("auth.login"))
    if sessions.end_one_of(kernel(), current_user.id, public_id):
        flash("该会话已结束。", "success")
    else:
        flash("该会话已结束或不存在。", "info")
    return redirect(url_for("auth.account"))


@bp.route("/account/tokens/<token_id>/revoke", methods=["POST"])
@requires("account.self")
def revoke_token(token_id: str):
    try:
        services.revoke_token(kernel(), current_user.username, token_id)
        flash("令牌已撤销。", "success")
    except DomainError as exc:
        flash(exc.message, "danger")
    return redirect(url_for("auth.account"))


@bp.route("/district/users", methods=["GET", "POST"])
@requires("district.admin")
def users():
    k = kernel()
    user_form, grant_form = UserForm(prefix="u"), GrantForm(prefix="g")
    grant_form.role.choices = [(code, label) for code, label in ROLES.items()]
    slugs = k.tenant_slugs()
    grant_form.tenant.choices = [("", "（区级角色不选学校）")] + [(s, s) for s in slugs]
    status = 200
    try:
        if user_form.submit_ok("u"):
            services.create_user(k, user_form.username.data, user_form.display_name.data,
                                 user_form.password.data)
            flash(f"用户 {user_form.username.data} 已创建。", "success")
            return redirect(url_for("auth.users"))
        if grant_form.submit_ok("g"):
            tenant = None if grant_form.role.data in DISTRICT_ROLES else grant_form.tenant.data
            services.grant_role(k, grant_form.username.data, grant_form.role.data, tenant)
            flash("角色已授予。", "success")
            return redirect(url_for("auth.users"))
        if request.method == "POST":
            status = 422
    except DomainError as exc:
        flash(exc.message, "danger")
        status = 422
    with k.engine.connect() as conn:
        all_users = queries.list_users(conn)
        grants = queries.list_grants(conn)
    by_user: dict = {}
    for grant in grants:
        by_user.setdefault(grant.user_id, []).append(grant)
    held = throttle.held_back(k, throttle.ThrottleRules.from_config(current_app.config))
    return render_template("auth/users.html", users=all_users, grants=by_user, roles=ROLES,
                           user_form=user_form, grant_form=grant_form, held=held), status


ACCOUNT_ACTS = {
    "deactivate": (services.deactivate_user, "账号 {} 已停用，其登录会话和 API 令牌已全部失效。"),
    "reactivate": (services.reactivate_user, "账号 {} 已恢复。"),
    "unlock": (services.unlock_sign_in, "账号 {} 的登录限制已解除。"),
}


@bp.route("/district/users/<username>/<any(deactivate, reactivate, unlock):act>", methods=["POST"])
@requires("district.admin")
def account_act(username: str, act: str):
    """Deactivate, reactivate or unlock an account, with the reason given in the form."""
    command, done = ACCOUNT_ACTS[act]
    try:
        command(kernel(), username)
        flash(done.format(username), "success")
    except DomainError as exc:
        flash(exc.message, "danger")
    return redirect(url_for("auth.users"))


@bp.route("/district/users/revoke", methods=["POST"])
@requires("district.admin")
def revoke():
    try:
        services.revoke_role(kernel(), request.form.get("username", ""), request.form.get("role", ""),
                             request.form.get("tenant") or None)
        flash("角色已撤销。", "success")
    except DomainError as exc:
        flash(exc.message, "danger")
    return redirect(url_for("auth.users"))
