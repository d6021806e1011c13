"""The integrity API (flask-smorest): commitments, posts, pairs and their logs, volunteer activities,
education records, responsibility agreements, self-inspections and ethics assessments."""
from __future__ import annotations

from uuid import UUID

from flask import abort

from core import context
from core.kernel import kernel
from core.permissions import requires
from plugins.integrity import queries, services
from plugins.integrity.schemas import (
    AgreementOutSchema, AgreementSchema, AssignSchema, ClosePairSchema, CommitmentCreateSchema,
    CommitmentOutSchema, CommitmentPageSchema, ItemConcludeSchema, EducationOutSchema, EducationSchema,
    EthicsCorrectSchema, EthicsOutSchema, EthicsSchema, EvaluateSchema, InspectionOutSchema, InspectionSchema,
    CommitmentItemSchema, PairOutSchema, PairSchema, PlanSchema, PostAssessSchema, PostOutSchema, PostSchema,
    ProgressSchema, ReleaseSchema, SendBackSchema, VersionSchema, VisitOutSchema, VisitSchema, VolunteerOutSchema,
    VolunteerSchema, YearQuerySchema,
)
from plugins.integrity.views import api
from plugins.integrity.views.common import found, hours, may_log_visit, may_see_helped, present_pair, tenant
from plugins.integrity.views.pages import send_evidence


def _year(args) -> int:
    return args.get("year") or kernel().today().year


# -- commitments -------------------------------------------------------------------------------------
def _commitment(commitment_id: UUID) -> dict:
    k = kernel()
    row = found(queries.get_commitment(k, tenant(), commitment_id))
    return {**row._mapping, "items": [dict(i._mapping) for i in queries.list_items(k, tenant(), commitment_id)],
            "progress": [dict(p._mapping) for p in queries.list_progress(k, tenant(), commitment_id)]}


@api.route("/commitments")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, CommitmentPageSchema)
@requires("integrity.view")
def api_commitments(args):
    """承诺书列表（按年度，分页）"""
    page = queries.list_commitments_page(kernel(), tenant(), _year(args), args.get("status"), args["page"],
                                         args["per_page"])
    return {"items": [dict(r._mapping) for r in page.items], "meta": page.meta()}


@api.route("/commitments", methods=["POST"])
@api.arguments(CommitmentCreateSchema)
@api.response(201, CommitmentOutSchema)
@requires("integrity.edit")
def api_commitment_create(data):
    """建立党员（或支部）的年度承诺书"""
    letter = services.write_commitment(kernel(), tenant(), data["year"], data["owner_kind"], data.get("member_id"))
    return _commitment(letter.id)


@api.route("/commitments/<uuid:commitment_id>")
@api.response(200, CommitmentOutSchema)
@requires("integrity.view")
def api_commitment(commitment_id: UUID):
    """承诺书详情：承诺事项、审核状态、践诺进展、评诺结果"""
    return _commitment(commitment_id)


def _evidence(data: dict) -> list[dict]:
    """Files sent as base64 in the JSON, stored like page uploads (type allow-list, size limit)."""
    return services.store_evidence(kernel(), [(f["content"], f["name"]) for f in data.get("evidence", ())])


def _on_commitment(commitment_id: UUID, command, data) -> dict:
    found(queries.get_commitment(kernel(), tenant(), commitment_id))
    version = data.pop("expected_version")
    command(data, version)
    return _commitment(commitment_id)


@api.route("/commitments/<uuid:commitment_id>/items", methods=["POST"])
@api.arguments(CommitmentItemSchema)
@api.response(201, CommitmentOutSchema)
@requires("integrity.edit")
def api_item_add(data, commitment_id: UUID):
    """提交承诺事项（学习、工作、自律、服务），待支部审核"""
    return _on_commitment(commitment_id, lambda d, v: services.add_commitment_item(
        kernel(), tenant(), commitment_id, d["area"], d["content"], d["measure"], d["deadline"], v), data)


@api.route("/commitments/<uuid:commitment_id>/items/<item_id>/accept", methods=["POST"])
@api.arguments(VersionSchema)
@api.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_item_accept(data, commitment_id: UUID, item_id: str):
    """审核通过承诺事项"""
    return _on_commitment(commitment_id, lambda d, v: services.accept_item(
        kernel(), tenant(), commitment_id, item_id, v), data)


@api.route("/commitments/<uuid:commitment_id>/items/<item_id>/send-back", methods=["POST"])
@api.arguments(SendBackSchema)
@api.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_item_send_back(data, commitment_id: UUID, item_id: str):
    """退回承诺事项（须说明理由）"""
    return _on_commitment(commitment_id, lambda d, v: services.send_back_item(
        kernel(), tenant(), commitment_id, item_id, d["reason"], v), data)


@api.route("/commitments/<uuid:commitment_id>/items/<item_id>/revise", methods=["POST"])
@api.arguments(CommitmentItemSchema)
@api.response(200, CommitmentOutSchema)
@requires("integrity.edit")
def api_item_revise(data, commitment_id: UUID, item_id: str):
    """修改被退回的承诺事项并重新提交"""
    return _on_commitment(commitment_id, lambda d, v: services.revise_item(
        kernel(), tenant(), commitment_id, item_id, d["area"], d["content"], d["measure"], d["deadline"], v), data)


@api.route("/commitments/<uuid:commitment_id>/items/<item_id>/progress", methods=["POST"])
@api.arguments(ProgressSchema)
@api.response(201, CommitmentOutSchema)
@requires("integrity.edit")
def api_item_progress(data, commitment_id: UUID, item_id: str):
    """记录践诺进展（超过时限的进展会被标记）"""
    return _on_commitment(commitment_id, lambda d, v: services.log_progress(
        kernel(), tenant(), commitment_id, item_id, d["on"], d["text"], _evidence(d), v), data)


@api.route("/commitments/<uuid:commitment_id>/items/<item_id>/conclude", methods=["POST"])
@api.arguments(ItemConcludeSchema)
@api.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_item_conclude(data, commitment_id: UUID, item_id: str):
    """评定承诺事项兑现情况（未兑现且未说明原因的会被标记）"""
    return _on_commitment(commitment_id, lambda d, v: services.conclude_item(
        kernel(), tenant(), commitment_id, item_id, d["outcome"], d.get("cause"), v), data)


@api.route("/commitments/<uuid:commitment_id>/evaluate", methods=["POST"])
@api.arguments(EvaluateSchema)
@api.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_commitment_evaluate(data, commitment_id: UUID):
    """年终评诺：个人自评、党员互评、群众评议加权计算"""
    return _on_commitment(commitment_id, lambda d, v: services.evaluate_commitment(
        kernel(), tenant(), commitment_id, d.get("self_score"), d["member_scores"], d["public_scores"], v), data)


@api.route("/commitments/<uuid:commitment_id>/publish", methods=["POST"])
@api.arguments(VersionSchema)
@api.response(200, CommitmentOutSchema)
@requires("integrity.review")
def api_commitment_publish(data, commitment_id: UUID):
    """公布评诺结果"""
    return _on_commitment(commitment_id, lambda d, v: services.publish_result(kernel(), tenant(), commitment_id, v),
                          data)


# -- posts -------------------------------------------------------------------------------------------
def _post(post_id: UUID) -> dict:
    k = kernel()
    row = found(queries.get_post(k, tenant(), post_id))
    return {**row._mapping, "holders": [dict(h._mapping) for h in queries.list_holders(k, tenant(), post_id, False)]}


@api.route("/posts")
@api.response(200, PostOutSchema(many=True))
@requires("integrity.view")
def api_posts():
    """岗位列表（设岗定责、党员先锋岗）及在岗党员"""
    return [_post(p.id) for p in queries.list_posts(kernel(), tenant())]


@api.route("/posts", methods=["POST"])
@api.arguments(PostSchema)
@api.response(201, PostOutSchema)
@requires("integrity.edit")
def api_post_create(data):
    """设立岗位"""
    post = services.define_post(kernel(), tenant(), data["name"], data["kind"], data["duties"], data["starts_on"],
                                data.get("ends_on"))
    return _post(post.id)


@api.route("/posts/<uuid:post_id>")
@api.response(200, PostOutSchema)
@requires("integrity.view")
def api_post(post_id: UUID):
    """岗位详情"""
    return _post(post_id)


def _on_post(post_id: UUID, command, data) -> dict:
    found(queries.get_post(kernel(), tenant(), post_id))
    version = data.pop("expected_version")
    command(data, version)
    return _post(post_id)


@api.route("/posts/<uuid:post_id>/holders", methods=["POST"])
@api.arguments(AssignSchema)
@api.response(200, PostOutSchema)
@requires("integrity.edit")
def api_post_assign(data, post_id: UUID):
    """安排党员上岗"""
    return _on_post(post_id, lambda d, v: services.assign_post(kernel(), tenant(), post_id, d["member_id"],
                                                               d.get("on"), v), data)


@api.route("/posts/<uuid:post_id>/release", methods=["POST"])
@api.arguments(ReleaseSchema)
@api.response(200, PostOutSchema)
@requires("integrity.edit")
def api_post_release(data, post_id: UUID):
    """党员离岗"""
    return _on_post(post_id, lambda d, v: services.release_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["reason"], d.get("on"), v), data)


@api.route("/posts/<uuid:post_id>/assessments", methods=["POST"])
@api.arguments(PostAssessSchema)
@api.response(200, PostOutSchema)
@requires("integrity.edit")
def api_post_assess(data, post_id: UUID):
    """岗位履职评议"""
    return _on_post(post_id, lambda d, v: services.assess_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["period"], d["grade"], d.get("comment", ""), v), data)


# -- pairs -------------------------------------------------------------------------------------------
def _pair(pair_id: UUID) -> dict:
    return present_pair(found(queries.get_pair(kernel(), tenant(), pair_id)))


@api.route("/pairs")
@api.response(200, PairOutSchema(many=True))
@requires("integrity.view")
def api_pairs():
    """结对帮扶列表（帮扶对象的姓名仅书记、纪检委员和结对党员可见，其他人看到缩写）"""
    return [present_pair(p) for p in queries.list_pairs(kernel(), tenant())]


@api.route("/pairs", methods=["POST"])
@api.arguments(PairSchema)
@api.response(201, PairOutSchema)
@requires("integrity.edit")
def api_pair_create(data):
    """建立结对帮扶（党员↔个人/家庭，或支部↔单位）"""
    pair = services.form_pair(kernel(), tenant(), data["kind"], data["helped_kind"], data["helped_name"],
                              data["goals"], data.get("member_id"), data.get("helped_details", ""),
                              data.get("started_on"), data.get("partner_name"))
    return _pair(pair.id)


@api.route("/pairs/<uuid:pair_id>")
@api.response(200, PairOutSchema)
@requires("integrity.view")
def api_pair(pair_id: UUID):
    """结对帮扶详情"""
    return _pair(pair_id)


def _on_pair(pair_id: UUID, command, data, allowed=None) -> dict:
    row = found(queries.get_pair(kernel(), tenant(), pair_id))
    if allowed is not None and not allowed(row):
        abort(403)
    version = data.pop("expected_version")
    command(data, version)
    return _pair(pair_id)


@api.route("/pairs/<uuid:pair_id>/visits")
@api.response(200, VisitOutSchema(many=True))
@requires("integrity.view")
def api_pair_visits(pair_id: UUID):
    """帮扶记录（日期、内容、时长、证明材料）"""
    row = found(queries.get_pair(kernel(), tenant(), pair_id))
    return [{**v._mapping, "hours": hours(v.hours_x100),
             "evidence": v.evidence if may_see_helped(row) else []}
            for v in queries.list_visits(kernel(), tenant(), pair_id)]


@api.route("/pairs/<uuid:pair_id>/visits", methods=["POST"])
@api.arguments(VisitSchema)
@api.response(201, PairOutSchema)
@requires("integrity.view")
def api_pair_visit(data, pair_id: UUID):
    """记录一次帮扶（已结束的结对不能再记录）"""
    return _on_pair(pair_id, lambda d, v: services.log_visit(kernel(), tenant(), pair_id, d["on"], d["what"],
                                                             d["hours"], _evidence(d), v), data, allowed=may_log_visit)


@api.route("/pairs/<uuid:pair_id>/plan", methods=["POST"])
@api.arguments(PlanSchema)
@api.response(200, PairOutSchema)
@requires("integrity.edit")
def api_pair_plan(data, pair_id: UUID):
    """修改帮扶计划（目标）"""
    return _on_pair(pair_id, lambda d, v: services.revise_pair_plan(kernel(), tenant(), pair_id, d["goals"], v), data)


@api.route("/pairs/<uuid:pair_id>/close", methods=["POST"])
@api.arguments(ClosePairSchema)
@api.response(200, PairOutSchema)
@requires("integrity.edit")
def api_pair_close(data, pair_id: UUID):
    """结束结对帮扶（成效与总结）"""
    return _on_pair(pair_id, lambda d, v: services.close_pair(kernel(), tenant(), pair_id, d["outcome"],
                                                              d["summary"], d.get("on"), v), data)


# -- volunteer service, education, responsibility ------------------------------------------------------
def _volunteer(row) -> dict:
    return {**row._mapping, "hours": hours(row.hours_x100)}


@api.route("/volunteer")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, VolunteerOutSchema(many=True))
@requires("integrity.view")
def api_volunteer(args):
    """志愿服务活动（按年度）"""
    page = queries.list_volunteer_page(kernel(), tenant(), _year(args), args["page"], args["per_page"])
    return [_volunteer(r) for r in page.items]


@api.route("/volunteer", methods=["POST"])
@api.arguments(VolunteerSchema)
@api.response(201, VolunteerOutSchema)
@requires("integrity.edit")
def api_volunteer_create(data):
    """登记志愿服务活动（参加党员及各自时长）"""
    activity = services.record_volunteer(kernel(), tenant(), data["title"], data["on"], data["place"],
                                         data["participants"])
    return _volunteer(queries.get_volunteer(kernel(), tenant(), activity.id))


@api.route("/education")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, EducationOutSchema(many=True))
@requires("integrity.view")
def api_education(args):
    """廉政教育活动及出勤（按年度）"""
    return [dict(r._mapping) for r in
            queries.list_education_page(kernel(), tenant(), _year(args), args["page"], args["per_page"]).items]


@api.route("/education", methods=["POST"])
@api.arguments(EducationSchema)
@api.response(201, EducationOutSchema)
@requires("integrity.edit")
def api_education_create(data):
    """登记廉政教育活动（警示教育、党纪学习、廉政党课）"""
    session = services.record_education(kernel(), tenant(), data["kind"], data["title"], data["on"],
                                        data["attendee_ids"], data["absentee_ids"], data.get("speaker", ""),
                                        data.get("content", ""))
    return dict(queries.get_education(kernel(), tenant(), session.id)._mapping)


@api.route("/agreements")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, AgreementOutSchema(many=True))
@requires("integrity.view")
def api_agreements(args):
    """党风廉政建设责任书（按年度）"""
    return [dict(r._mapping) for r in queries.list_agreements(kernel(), tenant(), _year(args))]


@api.route("/agreements", methods=["POST"])
@api.arguments(AgreementSchema)
@api.response(201, AgreementOutSchema)
@requires("integrity.edit")
def api_agreement_create(data):
    """登记责任书签订（一岗双责）"""
    agreement = services.sign_agreement(kernel(), tenant(), data["year"], data["member_id"], data["post"],
                                        data["duties"], data["counterpart"], data.get("signed_on"))
    return next(dict(r._mapping) for r in queries.list_agreements(kernel(), tenant(), data["year"])
                if r.id == agreement.id)


@api.route("/inspections")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, InspectionOutSchema(many=True))
@requires("integrity.view")
def api_inspections(args):
    """廉政自查报告（半年、年度）"""
    return [dict(r._mapping) for r in queries.list_inspections(kernel(), tenant(), _year(args))]


@api.route("/inspections", methods=["POST"])
@api.arguments(InspectionSchema)
@api.response(201, InspectionOutSchema)
@requires("integrity.edit")
def api_inspection_create(data):
    """提交廉政自查报告"""
    report = services.file_inspection(kernel(), tenant(), data["kind"], data["year"], data["content"],
                                      data.get("half"), data["owner_kind"], data.get("member_id"),
                                      data.get("problems", ""), data.get("measures", ""))
    return dict(queries.get_inspection(kernel(), tenant(), report.id)._mapping)


# -- ethics ------------------------------------------------------------------------------------------
@api.route("/ethics")
@api.arguments(YearQuerySchema, location="query")
@api.response(200, EthicsOutSchema(many=True))
@requires("integrity.ethics")
def api_ethics(args):
    """师德考核结果（按年度；含一票否决）"""
    return [dict(r._mapping) for r in queries.list_ethics(kernel(), tenant(), _year(args))]


@api.route("/ethics", methods=["POST"])
@api.arguments(EthicsSchema)
@api.response(201, EthicsOutSchema)
@requires("integrity.ethics_edit")
def api_ethics_create(data):
    """登记教师党员年度师德考核"""
    assessment = services.assess_ethics(kernel(), tenant(), data["year"], data["member_id"], data["grade"],
                                        data["violation"], data.get("veto_reason"))
    return dict(queries.get_ethics(kernel(), tenant(), assessment.id)._mapping)


@api.route("/ethics/<uuid:assessment_id>", methods=["PATCH"])
@api.arguments(EthicsCorrectSchema)
@api.response(200, EthicsOutSchema)
@requires("integrity.ethics_edit")
def api_ethics_correct(data, assessment_id: UUID):
    """更正师德考核结果（须说明原因；版本不符返回 409）"""
    found(queries.get_ethics(kernel(), tenant(), assessment_id))
    context.set_reason(data["reason"])
    services.correct_ethics(kernel(), tenant(), assessment_id, data["grade"], data["violation"],
                            data.get("veto_reason"), data["expected_version"])
    return dict(queries.get_ethics(kernel(), tenant(), assessment_id)._mapping)


@api.route("/files/<sha256>")
@api.response(200, description="证明材料文件本身")
@requires("integrity.view")
def api_file(sha256: str):
    """下载证明材料（帮扶记录的材料只给能看到被帮扶人的人）"""
    return send_evidence(sha256)
