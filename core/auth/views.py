"""Sign-in, one's own account and API tokens, and the district's user administration."""
from __future__ import annotations

from urllib.parse import urlparse

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.security import check_password_hash

from core.auth import queries, services
from core.auth.forms import GrantForm, LoginForm, PasswordForm, TokenForm, UserForm
from core.auth.login import clear_failures, is_throttled, record_failure, remote_addr
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
        username = form.username.data.strip().lower()
        cfg = current_app.config
        if is_throttled(k, username, remote_addr(), cfg["ZHIBU_LOGIN_MAX_FAILURES"],
                        cfg["ZHIBU_LOGIN_WINDOW_SECONDS"]):
            minutes = cfg["ZHIBU_LOGIN_WINDOW_SECONDS"] // 60
            flash(f"登录失败次数过多，请 {minutes} 分钟后再试。", "danger")
            return render_template("auth/login.html", form=form), 429
        with k.engine.connect() as conn:
            row = queries.get_user_row(conn, username)
            user = queries.load_user(conn, row.id) if row else None
        if row is None or not check_password_hash(row.password_hash, form.password.data):
            record_failure(k, username, remote_addr())
            flash("用户名或密码不正确。", "danger")
            status = 401
        elif not user.is_active:
            flash("该账号已停用，请联系区级管理员。", "danger")
            status = 403
        else:
            clear_failures(k, username)
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@requires("account.self")
def logout():
    logout_user()
    flash("您已退出登录。", "info")
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
            services.change_password(k, current_user.username, password_form.password.data)
            flash("密码已修改。", "success")
            return redirect(url_for("auth.account"))
    except DomainError as exc:
        flash(exc.message, "danger")
    with k.engine.connect() as conn:
        tokens = queries.list_tokens(conn, current_user.id)
        grants = queries.list_grants(conn, current_user.id)
    return render_template("auth/account.html", token_form=token_form, password_form=password_form,
                           tokens=tokens, grants=grants, new_token=new_token, roles=ROLES)


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
    return render_template("auth/users.html", users=all_users, grants=by_user, roles=ROLES,
                           user_form=user_form, grant_form=grant_form), status


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
