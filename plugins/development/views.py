"""Pages and API of member development: thin, delegating to services and queries."""
from __future__ import annotations

from uuid import UUID

from flask import abort, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from core import context
from core.api import FileUploadSchema, tenant_api_blueprint
from core.errors import ConflictError, DomainError
from core.excel import xlsx_response
from core.files import send_stored
from core.forms import form_int, form_text
from core.kernel import kernel
from core.masking import mask_id_number
from core.permissions import check, requires
from core.web import tenant_blueprint
from plugins.development import describe, queries, rules, services
from plugins.development.schemas import (
    ActivistAssessmentSchema, DevelopmentCaseCreateSchema, DevelopmentCaseOutSchema, DevelopmentCasePageSchema, DevelopmentCaseQuerySchema, StepCorrectionSchema,
    CaseDecisionSchema, ProbationExtensionSchema, PublicityObjectionSchema, CasePublicitySchema, ObjectionResolutionSchema, DevelopmentRostersSchema,
    DevelopmentRosterQuerySchema, CaseStepSchema, DevelopmentWorkItemSchema, DevelopmentDocumentQuerySchema,
)
from plugins.members import public as members

bp = tenant_blueprint("development", __name__)
api = tenant_api_blueprint("development", __name__, "发展党员：档案、25个步骤、工作清单、名册")

LIST_FIELDS = ("records", "contacts", "introducers")


def present(row, with_steps: bool = False) -> dict:
    k = kernel()
    data = dict(row._mapping)
    data["id_number"] = mask_id_number(data.get("id_number"))
    data["status_label"] = rules.STATUSES.get(row.status, row.status)
    data["stage"] = rules.stage_of(row.next_step) if row.next_step else None
    data["completeness"] = round(queries.completeness(k, g.tenant.slug, row).ratio, 3)
    if with_steps:
        hidden = () if check("development.pairing") else ("contacts",)   # who cultivates whom
        data["steps"] = [{**dict(s._mapping), "title": rules.STEPS[s.step].title,
                          "data": {f: v for f, v in (s.data or {}).items() if f not in hidden}}
                         for s in queries.case_steps(k, g.tenant.slug, row.id)]
        data["documents"] = [{**dict(d._mapping), "title": rules.RECORDS.get(d.code, d.code)}
                             for d in queries.case_documents(k, g.tenant.slug, row.id)]
    return data


def _case(case_id: UUID):
    row = queries.get_case(kernel(), g.tenant.slug, case_id)
    if row is None:
        abort(404)
    return row


def _form() -> dict:
    """The posted form as a dict: list fields as lists, the rest as single values."""
    out = {}
    for key, values in request.form.to_dict(flat=False).items():
        if key == "csrf_token":
            continue
        out[key] = [v for v in values if v] if key in LIST_FIELDS else values[-1]
    return out


def _flash_errors(exc: ValidationError, schema) -> None:
    for field, messages in exc.messages.items():
        label = schema.fields[field].metadata.get("label", field) if field in schema.fields else field
        for message in messages if isinstance(messages, list) else [messages]:
            flash(f"{label}：{message}", "danger")


def _step_data(data: dict) -> dict:
    return {f: data.pop(f) for f in CaseStepSchema.DATA_FIELDS if f in data}


# -- commands shared by pages and API ---------------------------------------------------------
def _do_step(case_id, data):
    data = dict(data)
    version = data.pop("expected_version")
    extra = _step_data(data)
    return services.record_step(kernel(), g.tenant.slug, case_id, data["step"], data["happened_on"],
                                actor=data.get("actor", ""), notes=data.get("notes", ""),
                                records=data.get("records"), late_reason=data.get("late_reason", ""),
                                data=extra, expected_version=version)


def _do_assessment(case_id, d):
    return services.record_assessment(kernel(), g.tenant.slug, case_id, d["happened_on"], d.get("actor", ""),
                                      d.get("notes", ""), d.get("late_reason", ""), d["expected_version"])


def _do_extend(case_id, d):
    context.set_reason(d["reason"])
    return services.extend_probation(kernel(), g.tenant.slug, case_id, d["decided_on"], d["months"],
                                     d["reason"], d["expected_version"])


def _do_cancel(case_id, d):
    context.set_reason(d["reason"])
    return services.cancel_probation(kernel(), g.tenant.slug, case_id, d["decided_on"], d["reason"],
                                     d["expected_version"])


def _do_refuse(case_id, d):
    context.set_reason(d["reason"])
    return services.refuse(kernel(), g.tenant.slug, case_id, d["decided_on"], d["reason"], d["expected_version"])


def _do_publicity(case_id, d):
    return services.open_publicity(kernel(), g.tenant.slug, case_id, d["kind"], d["start"], d["expected_version"])


def _do_objection(case_id, d):
    return services.record_objection(kernel(), g.tenant.slug, case_id, d["kind"], d["received_on"], d["text"],
                                     d["expected_version"])


def _do_resolve(case_id, d):
    return services.resolve_objection(kernel(), g.tenant.slug, case_id, d["kind"], d["index"], d["resolution"],
                                      d["expected_version"])


def _do_correct(case_id, d):
    context.set_reason(d["reason"])
    return services.correct_step(kernel(), g.tenant.slug, case_id, d["step"], d["reason"], d.get("notes"),
                                 d.get("actor"), d["expected_version"])


COMMANDS = {
    "step": (CaseStepSchema, _do_step, "步骤已记录。"),
    "assessment": (ActivistAssessmentSchema, _do_assessment, "考察已记录。"),
    "extend": (ProbationExtensionSchema, _do_extend, "已延长预备期。"),
    "cancel": (CaseDecisionSchema, _do_cancel, "已取消预备党员资格。"),
    "refuse": (CaseDecisionSchema, _do_refuse, "已记录不予发展的决定。"),
    "publicity": (CasePublicitySchema, _do_publicity, "公示已开始。"),
    "objection": (PublicityObjectionSchema, _do_objection, "意见已记录。"),
    "resolve": (ObjectionResolutionSchema, _do_resolve, "核查处理结果已记录。"),
    "correct": (StepCorrectionSchema, _do_correct, "更正已记录。"),
}


# -- pages ------------------------------------------------------------------------------------
@bp.route("/")
@requires("development.view")
def index():
    k = kernel()
    try:
        criteria = DevelopmentCaseQuerySchema().load(request.args.to_dict())
    except ValidationError:
        criteria = DevelopmentCaseQuerySchema().load({})
    page = queries.list_cases_page(k, g.tenant.slug, **criteria)
    counts = queries.status_counts(k, g.tenant.slug)
    return render_template("development/index.html", page=page, rows=[present(r) for r in page.items],
                           criteria=criteria, statuses=rules.STATUSES, counts=counts, steps=rules.STEPS,
                           chart=[(rules.STATUSES[s], n) for s, n in counts.items()])


@bp.route("/export.xlsx")
@requires("development.view")
def export():
    rows = queries.list_cases(kernel(), g.tenant.slug)
    headers = ["姓名", "性别", "人员类别", "工作岗位", "申请入党日期", "当前状态", "下一步骤", "确定积极分子日期",
               "确定发展对象日期", "入党日期", "预备期满", "转正日期", "逾期步骤数"]
    body = [[r.name, rules.GENDERS.get(r.gender, ""), rules.CATEGORIES.get(r.category, ""), r.job_post or "",
             r.applied_on, rules.STATUSES.get(r.status), rules.STEPS[r.next_step].title if r.next_step else "",
             r.activist_on, r.target_on, r.joined_on, r.probation_end, r.converted_on, r.late_steps] for r in rows]
    return xlsx_response(f"发展党员档案-{g.tenant.name}.xlsx", [("发展党员档案", headers, body)])


@bp.route("/new", methods=["GET", "POST"])
@requires("development.edit")
def new():
    values, status = {}, 200
    if request.method == "POST":
        values = _form()
        schema = DevelopmentCaseCreateSchema()
        try:
            data = schema.load(values)
            applied_on, notes = data.pop("applied_on"), data.pop("notes")
            case = services.open_case(kernel(), g.tenant.slug, data, applied_on, notes=notes)
            flash(f"已为 {data['name']} 建立发展党员档案。", "success")
            return redirect(url_for("development.detail", case_id=case.id))
        except ValidationError as exc:
            _flash_errors(exc, schema)
            status = 422
        except DomainError as exc:
            flash(exc.message, "danger")
            status = 422
    return render_template("development/form.html", values=values, genders=rules.GENDERS,
                           categories=rules.CATEGORIES), status


def render_detail(row, status: int = 200, values: dict | None = None):
    k = kernel()
    book = services.rule_book(k, g.tenant.slug)
    today = k.today()
    done = {s.step: s for s in queries.case_steps(k, g.tenant.slug, row.id)
            if s.kind == "step" and s.passed and not s.superseded}
    docs = queries.case_documents(k, g.tenant.slug, row.id)
    return render_template(
        "development/detail.html", c=present(row), row=row, steps=rules.STEPS, stages=rules.STAGES, done=done,
        all_steps=queries.case_steps(k, g.tenant.slug, row.id), work=queries.work_items(row, today, book)
        if row.next_step else [], completeness=queries.completeness(k, g.tenant.slug, row),
        documents=docs, records=rules.RECORDS, publicity=queries.case_publicity(k, g.tenant.slug, row.id),
        publicity_kinds=rules.PUBLICITY_KINDS,
        history=describe.case_history(queries.case_history(k, g.tenant.slug, row.id), check("development.pairing")),
        full_members=members.full_members(k, g.tenant.slug), rule_set=book.on(today), today=today,
        values=values or {}, vote_steps=rules.VOTE_STEPS), status


@bp.route("/<uuid:case_id>")
@requires("development.view")
def detail(case_id: UUID):
    return render_detail(_case(case_id))


@bp.route("/<uuid:case_id>/<any(step, assessment, extend, cancel, refuse, publicity, objection, resolve, correct):command>",
          methods=["POST"])
@requires("development.edit")
def command(case_id: UUID, command: str):
    row = _case(case_id)
    schema_cls, action, done = COMMANDS[command]
    schema = schema_cls()
    values = _form()
    try:
        action(case_id, schema.load(values))
        flash(done, "success")
        return redirect(url_for("development.detail", case_id=case_id))
    except ValidationError as exc:
        _flash_errors(exc, schema)
        return render_detail(row, 422, values)
    except ConflictError as exc:
        flash(exc.message, "danger")
        return render_detail(row, 409, values)
    except DomainError as exc:
        flash(exc.message, "danger")
        return render_detail(queries.get_case(kernel(), g.tenant.slug, case_id), 422, values)


@bp.route("/<uuid:case_id>/documents", methods=["POST"])
@requires("development.edit")
def upload(case_id: UUID):
    row = _case(case_id)
    upload_file = request.files.get("file")
    try:
        services.attach_document(kernel(), g.tenant.slug, case_id,
                                 form_text("code", label="材料", single_line=True),
                                 upload_file.read() if upload_file else b"",
                                 upload_file.filename if upload_file else "",
                                 expected_version=form_int("expected_version", row.version))
        flash("材料已上传。", "success")
        return redirect(url_for("development.detail", case_id=case_id))
    except ConflictError as exc:
        flash(exc.message, "danger")
        return render_detail(row, 409)
    except DomainError as exc:
        flash(exc.message, "danger")
        return render_detail(row, 422)


@bp.route("/<uuid:case_id>/documents/<sha256>")
@requires("development.view")
def download(case_id: UUID, sha256: str):
    return _send_document(case_id, sha256)


def _send_document(case_id: UUID, sha256: str):
    _case(case_id)
    doc = queries.document_by_hash(kernel(), g.tenant.slug, case_id, sha256)
    if doc is None:
        abort(404)
    return send_stored(kernel(), sha256, doc.name, doc.content_type)


@bp.route("/worklist")
@requires("development.view")
def worklist():
    k = kernel()
    items = queries.worklist(k, g.tenant.slug, k.today(), services.rule_book(k, g.tenant.slug))
    if request.args.get("format") == "xlsx":
        rows = [[i.name, i.status_label, i.title, i.due, i.earliest, "逾期" if i.overdue else "", i.rule]
                for i in items]
        return xlsx_response(f"发展党员工作清单-{g.tenant.name}.xlsx", [
            ("工作清单", ["姓名", "当前状态", "待办事项", "期限", "最早可办日期", "逾期", "依据"], rows)])
    return render_template("development/worklist.html", items=items, today=k.today())


@bp.route("/rosters")
@requires("development.view")
def rosters():
    k = kernel()
    try:
        as_of = DevelopmentRosterQuerySchema().load(request.args.to_dict()).get("as_of") or k.today()
    except ValidationError:
        as_of = k.today()
    data = queries.roster(k, g.tenant.slug, as_of)
    if request.args.get("format") == "xlsx":
        return xlsx_response(f"发展党员名册-{g.tenant.name}-{as_of.isoformat()}.xlsx", [
            (title, queries.ROSTER_COLUMNS, [queries.roster_row(r) for r in data[kind]])
            for kind, title in queries.ROSTER_KINDS.items()])
    return render_template("development/rosters.html", data=data, kinds=queries.ROSTER_KINDS, as_of=as_of,
                           columns=queries.ROSTER_COLUMNS, row_of=queries.roster_row,
                           chart=[(title, len(data[kind])) for kind, title in queries.ROSTER_KINDS.items()])


# -- API --------------------------------------------------------------------------------------
@api.route("/cases")
@api.arguments(DevelopmentCaseQuerySchema, location="query")
@api.response(200, DevelopmentCasePageSchema)
@requires("development.view")
def api_list(criteria):
    """发展党员档案列表（分页；status=open 为进行中）"""
    page = queries.list_cases_page(kernel(), g.tenant.slug, **criteria)
    return {"items": [present(r) for r in page.items], "meta": page.meta()}


@api.route("/cases", methods=["POST"])
@api.arguments(DevelopmentCaseCreateSchema)
@api.response(201, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_create(data):
    """建立发展党员档案（第1步：递交入党申请书）"""
    k = kernel()
    applied_on, notes = data.pop("applied_on"), data.pop("notes")
    case = services.open_case(k, g.tenant.slug, data, applied_on, notes=notes)
    return present(queries.get_case(k, g.tenant.slug, case.id), with_steps=True)


@api.route("/cases/<uuid:case_id>")
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.view")
def api_get(case_id: UUID):
    """发展党员档案详情（含已办理的步骤）"""
    return present(_case(case_id), with_steps=True)


def _api_command(name: str, case_id: UUID, data: dict):
    _case(case_id)
    COMMANDS[name][1](case_id, data)
    return present(queries.get_case(kernel(), g.tenant.slug, case_id), with_steps=True)


@api.route("/cases/<uuid:case_id>/steps", methods=["POST"])
@api.arguments(CaseStepSchema)
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_step(data, case_id: UUID):
    """记录一个步骤（按顺序；逾期须说明原因；版本不符返回 409）"""
    return _api_command("step", case_id, data)


@api.route("/cases/<uuid:case_id>/assessments", methods=["POST"])
@api.arguments(ActivistAssessmentSchema)
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_assessment(data, case_id: UUID):
    """记录对入党积极分子的定期考察（每6个月）"""
    return _api_command("assessment", case_id, data)


@api.route("/cases/<uuid:case_id>/extension", methods=["POST"])
@api.arguments(ProbationExtensionSchema)
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_extend(data, case_id: UUID):
    """延长预备期（6至12个月，只能一次）"""
    return _api_command("extend", case_id, data)


@api.route("/cases/<uuid:case_id>/cancellation", methods=["POST"])
@api.arguments(CaseDecisionSchema)
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_cancel(data, case_id: UUID):
    """取消预备党员资格"""
    return _api_command("cancel", case_id, data)


@api.route("/cases/<uuid:case_id>/refusal", methods=["POST"])
@api.arguments(CaseDecisionSchema)
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_refuse(data, case_id: UUID):
    """不予发展（接收为预备党员之前的任一步骤）"""
    return _api_command("refuse", case_id, data)


@api.route("/cases/<uuid:case_id>/publicity", methods=["POST"])
@api.arguments(CasePublicitySchema)
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_publicity(data, case_id: UUID):
    """开始公示（发展对象、拟接收预备党员、拟转正）"""
    return _api_command("publicity", case_id, data)


@api.route("/cases/<uuid:case_id>/documents", methods=["POST"])
@api.arguments(DevelopmentDocumentQuerySchema, location="query")
@api.arguments(FileUploadSchema, location="files")
@api.response(201, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_upload(args, files, case_id: UUID):
    """上传档案材料（multipart 的 file 字段；材料类别 code 与版本 expected_version 在查询参数）"""
    _case(case_id)
    upload = files["file"]
    services.attach_document(kernel(), g.tenant.slug, case_id, args["code"], upload.read(), upload.filename or "",
                             expected_version=args["expected_version"])
    return present(queries.get_case(kernel(), g.tenant.slug, case_id), with_steps=True)


@api.route("/cases/<uuid:case_id>/documents/<sha256>")
@api.response(200, description="材料文件本身")
@requires("development.view")
def api_download(case_id: UUID, sha256: str):
    """下载档案材料"""
    return _send_document(case_id, sha256)


@api.route("/cases/<uuid:case_id>/objections", methods=["POST"])
@api.arguments(PublicityObjectionSchema)
@api.response(200, DevelopmentCaseOutSchema)
@requires("development.edit")
def api_objection(data, case_id: UUID):
    """记录公示期间收到的意见"""
    return _api_command("objection", case_id, data)


@api.route("/worklist")
@api.response(200, DevelopmentWorkItemSchema(many=True))
@requires("development.view")
def api_worklist():
    """工作清单：每个进行中档案的下一步骤与期限（逾期在前）"""
    k = kernel()
    return queries.worklist(k, g.tenant.slug, k.today(), services.rule_book(k, g.tenant.slug))


@api.route("/rosters")
@api.arguments(DevelopmentRosterQuerySchema, location="query")
@api.response(200, DevelopmentRostersSchema)
@requires("development.view")
def api_rosters(args):
    """入党申请人、入党积极分子、发展对象、预备党员名册"""
    k = kernel()
    as_of = args.get("as_of") or k.today()
    data = queries.roster(k, g.tenant.slug, as_of)
    return {"as_of": as_of, **{kind: [{**dict(r._mapping), "case_id": r.id} for r in rows]
                               for kind, rows in data.items()}}
