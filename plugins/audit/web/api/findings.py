"""The audit API's findings (督查发现) and their rectification: recorded, answered, closed, reopened,
extended."""
from __future__ import annotations

from uuid import UUID

from flask import abort
from flask_login import current_user

from core.eventstore import DISTRICT
from core.kernel import kernel
from core.permissions import can, require, require_object, requires
from plugins.audit import queries, rules, services
from plugins.audit.queries import scope as scopes
from plugins.audit.schemas import (
    FindingAnswerSchema, FindingCloseSchema, FindingCreateSchema, FindingExtendSchema, FindingOutSchema,
    FindingPageSchema, FindingQuerySchema, FindingReopenSchema,
)
from plugins.audit.web import api_bp as api
from plugins.audit.web.common import in_scope, scope, settings


def _finding_out(row) -> dict:
    data = dict(row._mapping)
    data["state"] = rules.finding_state(row.status, row.deadline, kernel().today())
    return data


def _visible_finding(finding_id: UUID, action: str = "audit.findings.view"):
    """A finding the caller may see (district scope, or the caller's own school); else 404/403."""
    row = queries.get_finding(kernel(), finding_id)
    if row is None:
        abort(404)
    if current_user.district_roles:
        in_scope(row.school)
    elif not can(current_user, action, row.school):
        abort(404 if not current_user.roles_in(row.school) else 403)
    return row


@api.route("/findings")
@api.arguments(FindingQuerySchema, location="query")
@api.response(200, FindingPageSchema)
@requires("audit.api")
def api_findings(args):
    """督查发现列表：区级看其范围内的学校，学校只看本校"""
    k = kernel()
    if current_user.district_roles:
        current = scope()
        schools = current
        if args.get("school"):
            require_object(scopes.may_read(current, args["school"]))
            schools = [args["school"]]
    else:
        schools = sorted(s for s in current_user.school_roles if can(current_user, "audit.findings.view", s))
        if args.get("school"):
            if args["school"] not in schools:
                abort(404)
            schools = [args["school"]]
    page = queries.list_findings_page(k, schools, args.get("state"), k.today(), args["page"], args["per_page"])
    return {"items": [_finding_out(r) for r in page.items], "meta": page.meta()}


@api.route("/findings", methods=["POST"])
@api.arguments(FindingCreateSchema)
@api.response(201, FindingOutSchema)
@requires("audit.console")
def api_record_finding(data):
    """记录督查发现（关联具体事件、整改期限）"""
    k = kernel()
    in_scope(data["school"])
    require_object(data["school"] != DISTRICT)
    require("audit.findings.record", data["school"])
    finding = services.record_finding(k, data["school"], data["title"], data["description"], data["events"],
                                      data.get("deadline"), current_user.username,
                                      settings()["default_deadline_days"])
    return _finding_out(queries.get_finding(k, finding.id))


@api.route("/findings/<uuid:finding_id>")
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_finding(finding_id: UUID):
    """一条督查发现及其整改经过"""
    return _finding_out(_visible_finding(finding_id))


@api.route("/findings/<uuid:finding_id>/answer", methods=["POST"])
@api.arguments(FindingAnswerSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_answer(data, finding_id: UUID):
    """学校反馈整改情况（证明材料请在页面上传）"""
    row = _visible_finding(finding_id)
    require("audit.findings.answer", row.school)
    services.answer_finding(kernel(), finding_id, data["notes"], [], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))


def _district_step(finding_id: UUID):
    row = _visible_finding(finding_id)
    require_object(bool(current_user.district_roles))
    require("audit.findings.record", row.school)
    return row


@api.route("/findings/<uuid:finding_id>/close", methods=["POST"])
@api.arguments(FindingCloseSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_close(data, finding_id: UUID):
    """整改通过，销号"""
    _district_step(finding_id)
    services.close_finding(kernel(), finding_id, data["note"], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))


@api.route("/findings/<uuid:finding_id>/reopen", methods=["POST"])
@api.arguments(FindingReopenSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_reopen(data, finding_id: UUID):
    """退回继续整改"""
    _district_step(finding_id)
    services.reopen_finding(kernel(), finding_id, data["reason"], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))


@api.route("/findings/<uuid:finding_id>/extend", methods=["POST"])
@api.arguments(FindingExtendSchema)
@api.response(200, FindingOutSchema)
@requires("audit.api")
def api_extend(data, finding_id: UUID):
    """延长整改期限"""
    _district_step(finding_id)
    services.extend_deadline(kernel(), finding_id, data["deadline"], data["reason"], data["expected_version"])
    return _finding_out(queries.get_finding(kernel(), finding_id))
