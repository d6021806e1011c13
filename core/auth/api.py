"""The district's account administration in the API: deactivate, reactivate, unlock."""
from __future__ import annotations

from flask import current_app

from core import context
from core.api import Blueprint
from core.auth import services, throttle
from core.auth.schemas import AccountActSchema, AccountStateSchema
from core.kernel import kernel
from core.permissions import requires

api = Blueprint("accounts_api", __name__, url_prefix="/api/v1/district/users",
                description="账号管理（区级管理员）：停用、恢复、解除登录限制")


def _state(k, user) -> dict:
    held = throttle.held_back(k, throttle.ThrottleRules.from_config(current_app.config))
    return {"username": user.username, "display_name": user.display_name, "active": user.active,
            "locked": user.username in held, "version": user.version}


def _act(command, username: str, data: dict) -> dict:
    k = kernel()
    with context.because(data["reason"].strip()):
        user = command(k, username, data["expected_version"])
    return _state(k, user)


@api.route("/<username>/deactivate", methods=["POST"])
@api.arguments(AccountActSchema)
@api.response(200, AccountStateSchema)
@requires("district.admin")
def deactivate(data, username):
    """停用账号：其 API 令牌吊销、登录会话全部结束。"""
    return _act(services.deactivate_user, username, data)


@api.route("/<username>/reactivate", methods=["POST"])
@api.arguments(AccountActSchema)
@api.response(200, AccountStateSchema)
@requires("district.admin")
def reactivate(data, username):
    """恢复已停用的账号。"""
    return _act(services.reactivate_user, username, data)


@api.route("/<username>/unlock", methods=["POST"])
@api.arguments(AccountActSchema)
@api.response(200, AccountStateSchema)
@requires("district.admin")
def unlock(data, username):
    """解除账号在所有地址的登录限制。"""
    return _act(services.unlock_sign_in, username, data)
