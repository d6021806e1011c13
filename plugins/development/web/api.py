"""The API of member development (``development_api``): thin, delegating to services and queries."""
from __future__ import annotations

from uuid import UUID

from flask import g

from core.api import FileUploadSchema
from core.kernel import kernel
from core.permissions import requires
from plugins.development import present, queries, services
from plugins.development.schemas import (
    ActivistAssessmentSchema, CaseDecisionSchema, CasePublicitySchema, CaseStepSchema, DevelopmentCaseCreateSchema,
    DevelopmentCaseOutSchema, DevelopmentCasePageSchema, DevelopmentCaseQuerySchema, DevelopmentDocumentQuerySchema,
    DevelopmentRosterQuerySchema, DevelopmentRostersSchema, DevelopmentWorkItemSchema, ProbationExtensionSchema,
    PublicityObjectionSchema,
)
from plugins.development.schemas.late_entries import LATE_FIELDS, LateCaseOutSchema, LateCasesSchema
from plugins.development.web import COMMANDS, api_bp, case_or_404, send_document, shown


@api_bp.route("/cases")
@api_bp.arguments(DevelopmentCaseQuerySchema, location="query")
@api_bp.response(200, DevelopmentCasePageSchema)
@requires("development.view")
def api_list(criteria):
    """发展党员档案列表（分页；status=open 为进行中）"""
    page = queries.list_cases_page(kernel(), g.tenant.slug, **criteria)
    return {"items": [shown(r) for r in page.items], "meta": page.meta()}


@api_bp.route("/cases", methods=["POST"])
@api_bp.arguments(DevelopmentCaseCreateSchema)
@api_bp.response(201, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_create(data):
    """建立发展党员档案（第1步：递交入党申请书）"""
    k = kernel()
    applied_on, notes = data.pop("applied_on"), data.pop("notes")
    case = services.open_case(k, g.tenant.slug, data, applied_on, notes=notes)
    return shown(queries.get_case(k, g.tenant.slug, case.id), with_steps=True)


@api_bp.route("/cases/<uuid:case_id>")
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.view")
def api_get(case_id: UUID):
    """发展党员档案详情（含已办理的步骤）"""
    return shown(case_or_404(case_id), with_steps=True)


def _api_command(name: str, case_id: UUID, data: dict):
    case_or_404(case_id)
    COMMANDS[name][1](case_id, data)
    return shown(queries.get_case(kernel(), g.tenant.slug, case_id), with_steps=True)


@api_bp.route("/cases/<uuid:case_id>/steps", methods=["POST"])
@api_bp.arguments(CaseStepSchema)
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_step(data, case_id: UUID):
    """记录一个步骤（按顺序；逾期须说明原因；版本不符返回 409）"""
    return _api_command("step", case_id, data)


@api_bp.route("/cases/<uuid:case_id>/assessments", methods=["POST"])
@api_bp.arguments(ActivistAssessmentSchema)
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_assessment(data, case_id: UUID):
    """记录对入党积极分子的定期考察（每6个月）"""
    return _api_command("assessment", case_id, data)


@api_bp.route("/cases/<uuid:case_id>/extension", methods=["POST"])
@api_bp.arguments(ProbationExtensionSchema)
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_extend(data, case_id: UUID):
    """延长预备期（6至12个月，只能一次）"""
    return _api_command("extend", case_id, data)


@api_bp.route("/cases/<uuid:case_id>/cancellation", methods=["POST"])
@api_bp.arguments(CaseDecisionSchema)
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_cancel(data, case_id: UUID):
    """取消预备党员资格"""
    return _api_command("cancel", case_id, data)


@api_bp.route("/cases/<uuid:case_id>/refusal", methods=["POST"])
@api_bp.arguments(CaseDecisionSchema)
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_refuse(data, case_id: UUID):
    """不予发展（接收为预备党员之前的任一步骤）"""
    return _api_command("refuse", case_id, data)


@api_bp.route("/cases/<uuid:case_id>/publicity", methods=["POST"])
@api_bp.arguments(CasePublicitySchema)
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_publicity(data, case_id: UUID):
    """开始公示（发展对象、拟接收预备党员、拟转正）"""
    return _api_command("publicity", case_id, data)


@api_bp.route("/cases/<uuid:case_id>/documents", methods=["POST"])
@api_bp.arguments(DevelopmentDocumentQuerySchema, location="query")
@api_bp.arguments(FileUploadSchema, location="files")
@api_bp.response(201, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_upload(args, files, case_id: UUID):
    """上传档案材料（multipart 的 file 字段；材料类别 code 与版本 expected_version 在查询参数）"""
    case_or_404(case_id)
    upload = files["file"]
    services.attach_document(kernel(), g.tenant.slug, case_id, args["code"], upload.read(), upload.filename or "",
                             expected_version=args["expected_version"])
    return shown(queries.get_case(kernel(), g.tenant.slug, case_id), with_steps=True)


@api_bp.route("/cases/<uuid:case_id>/documents/<sha256>")
@api_bp.response(200, description="材料文件本身")
@requires("development.view")
def api_download(case_id: UUID, sha256: str):
    """下载档案材料"""
    return send_document(case_id, sha256)


@api_bp.route("/cases/<uuid:case_id>/objections", methods=["POST"])
@api_bp.arguments(PublicityObjectionSchema)
@api_bp.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_objection(data, case_id: UUID):
    """记录公示期间收到的意见"""
    return _api_command("objection", case_id, data)


@api_bp.route("/worklist")
@api_bp.response(200, DevelopmentWorkItemSchema(many=True))
@requires("development.view")
def api_worklist():
    """工作清单：每个进行中档案的下一步骤与期限（逾期在前）"""
    k = kernel()
    return queries.worklist(k, g.tenant.slug, k.today(), services.rule_book(k, g.tenant.slug))


@api_bp.route("/rosters")
@api_bp.arguments(DevelopmentRosterQuerySchema, location="query")
@api_bp.response(200, DevelopmentRostersSchema)
@requires("development.view")
def api_rosters(args):
    """入党申请人、入党积极分子、发展对象、预备党员名册"""
    k = kernel()
    as_of = args.get("as_of") or k.today()
    return present.rosters(as_of, queries.roster(k, g.tenant.slug, as_of))


# -- cases already under way, entered late (补录) ------------------------------------------------
@api_bp.route("/late-entries", methods=["POST"])
@api_bp.arguments(LateCasesSchema)
@api_bp.response(201, LateCaseOutSchema(many=True))
@requires("development.edit")
def late_entries_api(data):
    """补录已在进行中的发展党员档案（多份，全部成功或全部不写入），各步骤标明办理日期与登记日期。"""
    k = kernel()
    rows = []
    for number, c in enumerate(data["cases"], start=1):
        extra = {key: c.pop(key) for key in LATE_FIELDS}
        votes = {step: extra[key] for step, key in ((15, "admission_vote"), (23, "conversion_vote")) if extra[key]}
        rows.append({"number": number, "person": c, "contacts": [str(i) for i in extra["contacts"]],
                     "introducers": [str(i) for i in extra["introducers"]],
                     "training": {"days": extra["training_days"], "hours": extra["training_hours"]},
                     "publicity": {p["kind"]: {"start": p["start"], "end": p["end"]} for p in extra["publicity"]},
                     "leaving_on": extra["leaving_on"], "votes": votes,
                     "dates": {s["step"]: s["happened_on"] for s in extra["steps"]},
                     "late_reason": extra["late_reason"], "notes": extra["notes"]})
    built = services.open_late_cases(k, g.tenant.slug, rows)
    today = k.today()
    return [present.late_case(c, today) for c in built], 201
