"""The audit API for the district administrator: inspector assignments and the access log."""
from __future__ import annotations

from uuid import UUID

from flask import abort

from core.api import PageSchema
from core.kernel import kernel
from core.permissions import requires
from plugins.audit import queries, services
from plugins.audit.schemas import (AccessPageSchema, AssignmentCreateSchema, AssignmentOutSchema,
                                   AssignmentPageSchema, RevokeSchema)
from plugins.audit.web import api_bp as api


@api.route("/assignments")
@api.arguments(PageSchema, location="query")
@api.response(200, AssignmentPageSchema)
@requires("audit.admin")
def api_assignments(args):
    """督查任务（督查员、学校、起止日期）"""
    page = queries.list_assignments_page(kernel(), args["page"], args["per_page"])
    return {"items": [dict(r._mapping) for r in page.items], "meta": page.meta()}


@api.route("/assignments", methods=["POST"])
@api.arguments(AssignmentCreateSchema)
@api.response(201, AssignmentOutSchema)
@requires("audit.admin")
def api_create_assignment(data):
    """创建督查任务"""
    k = kernel()
    a = services.create_assignment(k, data["inspector"], data["schools"], data["starts_on"], data["ends_on"],
                                   data["note"])
    return dict(queries.get_assignment(k, a.id)._mapping)


@api.route("/assignments/<uuid:assignment_id>/revoke", methods=["POST"])
@api.arguments(RevokeSchema)
@api.response(200, AssignmentOutSchema)
@requires("audit.admin")
def api_revoke_assignment(data, assignment_id: UUID):
    """撤销督查任务"""
    k = kernel()
    if queries.get_assignment(k, assignment_id) is None:
        abort(404)
    services.revoke_assignment(k, assignment_id, data["reason"], data["expected_version"])
    return dict(queries.get_assignment(k, assignment_id)._mapping)


@api.route("/access")
@api.arguments(PageSchema, location="query")
@api.response(200, AccessPageSchema)
@requires("audit.admin")
def api_access(args):
    """督查员的查阅与导出记录"""
    page = queries.list_access_page(kernel(), args["page"], args["per_page"])
    return {"items": [dict(r._mapping) for r in page.items], "meta": page.meta()}
