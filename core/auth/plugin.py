"""Accounts as a default plugin: its projection, actions, pages and CLI."""
from core.auth import api, cli, projections, views
from core.auth.domain import User
from core.hookspecs import hookimpl
from core.permissions import AUTHENTICATED, ROLES
from core.plugins import FieldLabels, NavItem


@hookimpl
def zhibu_permissions():
    return {"account.self": {AUTHENTICATED}, "district.admin": {"district_admin"}}


@hookimpl
def zhibu_projections():
    return [projections.AccountsProjection()]


@hookimpl
def zhibu_blueprints():
    return [views.bp, api.api]


@hookimpl
def zhibu_cli_commands():
    return [cli.user, cli.token]


@hookimpl
def zhibu_event_classes():
    return [User]


@hookimpl
def zhibu_describe_event(event, locale):
    """Account events in one sentence (never the password or token hashes)."""
    if not isinstance(event, User.Event):
        return None
    where = lambda tenant: f"（{tenant}）" if tenant else "（区级）"  # noqa: E731
    sentences = {
        User.Registered: lambda e: f"创建用户 {e.username}（{e.display_name}）",
        User.PasswordChanged: lambda e: "修改登录密码",
        User.RoleGranted: lambda e: f"授予角色「{ROLES.get(e.role, e.role)}」{where(e.tenant)}",
        User.RoleRevoked: lambda e: f"撤销角色「{ROLES.get(e.role, e.role)}」{where(e.tenant)}",
        User.TokenIssued: lambda e: f"签发 API 令牌「{e.label}」",
        User.TokenRevoked: lambda e: f"吊销 API 令牌 {e.token_id}",
        User.Deactivated: lambda e: "停用账号",
        User.Reactivated: lambda e: "恢复账号",
        User.SignInLocked: lambda e: f"登录受限：地址 {e.address} 连续 {e.failures} 次密码错误，"
                                     f"须等待 {max(1, e.wait_seconds // 60)} 分钟",
        User.SignInUnlocked: lambda e: "解除登录限制",
    }
    sentence = sentences.get(type(event))
    return sentence(event) if sentence else None


@hookimpl
def zhibu_event_names():
    return {"User.Registered": "用户·创建", "User.PasswordChanged": "用户·修改密码", "User.RoleGranted": "用户·授予角色",
            "User.RoleRevoked": "用户·撤销角色", "User.TokenIssued": "用户·签发令牌", "User.TokenRevoked": "用户·吊销令牌",
            "User.Deactivated": "用户·停用", "User.Reactivated": "用户·恢复", "User.SignInLocked": "用户·登录受限",
            "User.SignInUnlocked": "用户·解除登录限制"}


@hookimpl
def zhibu_field_labels():
    return FieldLabels(labels={"username": "用户名", "display_name": "姓名", "role": "角色", "tenant": "学校",
                               "token_id": "令牌", "label": "名称", "address": "地址", "failures": "失败次数",
                               "wait_seconds": "等待秒数"},
                       choices={"role": ROLES})


@hookimpl
def zhibu_district_nav_items(k, user):
    return [NavItem(label="用户管理", endpoint="auth.users", order=90)]
