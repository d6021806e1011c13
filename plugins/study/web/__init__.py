"""Pages (``bp``) and API (``api_bp``) of study and training hours, and what they share."""
from __future__ import annotations

from flask import g
from flask_login import current_user

from core.api import tenant_api_blueprint
from core.kernel import kernel
from core.web import tenant_blueprint, year_arg
from plugins.members import public as members

bp = tenant_blueprint("study", "plugins.study")
api_bp = tenant_api_blueprint("study", "plugins.study",
                              "学习教育与学时：学习记录（按出席计入学时）、本人网络学习、年度学时与未达标党员")


def tenant() -> str:
    return g.tenant.slug


def year() -> int:
    return year_arg(kernel().today().year)


def my_member_id():
    k = kernel()
    return k.per_request(("study.me", tenant(), current_user.username),
                         lambda: members.member_for_user(k, tenant(), current_user.username))


from plugins.study.web import api, pages  # noqa: E402,F401  (the routes register on import)
