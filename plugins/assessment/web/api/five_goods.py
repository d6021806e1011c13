"""The API of the Five Goods assessment: indicator sets (district) and a school's assessments and scores."""
from __future__ import annotations

from flask import abort

from core import context
from core.api import FileUploadSchema
from core.kernel import kernel
from core.permissions import requires
from plugins.assessment import queries, services
from plugins.assessment.schemas import (
    AssessmentAttachmentOutSchema, AssessmentAttachmentQuerySchema, AssessmentCommentSchema,
    AssessmentOutSchema, AssessmentPublishSchema, AssessmentReasonSchema,
    AssessmentScoreSchema, AssessmentSelfScoreSchema, AssessmentVersionedSchema, AssessmentYearSchema,
    IndicatorSetCreateSchema, IndicatorSetOutSchema, IndicatorSetReviseSchema, SelfAssessmentSheetSchema,
    SelfAssessmentSubmitSchema,
)
from plugins.assessment.web import api_bp, district_api_bp, school, send_evidence


def _assessment(year: int):
    row = queries.get_assessment(kernel(), school(), year)
    if row is None:
        abort(404)
    return row


# -- district: indicator sets -----------------------------------------------------------------------
@district_api_bp.route("/sets")
@district_api_bp.response(200, IndicatorSetOutSchema(many=True))
@requires("assessment.district_view")
def api_sets():
    """各年度考核指标体系"""
    return queries.list_sets(kernel())


@district_api_bp.route("/sets", methods=["POST"])
@district_api_bp.arguments(IndicatorSetCreateSchema)
@district_api_bp.response(201, IndicatorSetOutSchema)
@requires("assessment.district_admin")
def api_create_set(data):
    """创建某年度指标体系（默认采用 K-12 评分参考标准，或复制某年度，或自定义）"""
    k = kernel()
    services.create_indicator_set(k, data["year"], data["title"], data["criteria"], data["grade_bands"],
                                  data["copy_from"])
    return queries.get_set(k, data["year"])


@district_api_bp.route("/sets/<year:year>")
@district_api_bp.response(200, IndicatorSetOutSchema)
@requires("assessment.district_view")
def api_set(year: int):
    """某年度指标体系（当前版本）"""
    row = queries.get_set(kernel(), year)
    if row is None:
        abort(404)
    return row


@district_api_bp.route("/sets/<year:year>", methods=["PUT"])
@district_api_bp.arguments(IndicatorSetReviseSchema)
@district_api_bp.response(200, IndicatorSetOutSchema)
@requires("assessment.district_admin")
def api_revise_set(data, year: int):
    """修订指标体系（产生新版本；须提供 expected_version 和原因）"""
    k = kernel()
    if queries.get_set(k, year) is None:
        abort(404)
    context.set_reason(data["reason"])
    services.revise_indicator_set(k, year, data["title"], data["criteria"], data["grade_bands"], data["reason"],
                                  data["expected_version"])
    return queries.get_set(k, year)


# -- assessments --------------------------------------------------------------------------------------
@api_bp.route("/assessments")
@api_bp.response(200, AssessmentOutSchema(many=True))
@requires("assessment.view")
def api_assessments():
    """本校各年度五好支部考核"""
    return queries.list_assessments(kernel(), school())


@api_bp.route("/assessments", methods=["POST"])
@api_bp.arguments(AssessmentYearSchema)
@api_bp.response(201, AssessmentOutSchema)
@requires("assessment.self_assess")
def api_open_assessment(data):
    """开始某年度考核（按该年度指标体系，自动预填可取数的要点）"""
    services.open_assessment(kernel(), school(), data["year"])
    return _assessment(data["year"])


@api_bp.route("/assessments/<year:year>")
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.view")
def api_assessment(year: int):
    """某年度考核：要点、预填分（含数据依据事件）、自评分、考核得分、等次"""
    return _assessment(year)


def _command(year: int, fn):
    _assessment(year)
    fn()
    return _assessment(year)


@api_bp.route("/assessments/<year:year>/files")
@api_bp.response(200, AssessmentAttachmentOutSchema(many=True))
@requires("assessment.view")
def api_files(year: int):
    """佐证材料清单"""
    return queries.list_attachments(kernel(), school(), _assessment(year).id)


@api_bp.route("/assessments/<year:year>/files", methods=["POST"])
@api_bp.arguments(AssessmentAttachmentQuerySchema, location="query")
@api_bp.arguments(FileUploadSchema, location="files")
@api_bp.response(201, AssessmentAttachmentOutSchema(many=True))
@requires("assessment.self_assess")
def api_upload(args, files, year: int):
    """上传佐证材料（multipart 的 file 字段；要点 item 与说明 note 在查询参数）"""
    row = _assessment(year)
    upload = files["file"]
    services.attach_evidence(kernel(), school(), year, upload.read(), upload.filename or "", args["item"],
                             args["note"])
    return queries.list_attachments(kernel(), school(), row.id)


@api_bp.route("/assessments/<year:year>/files/<sha256>")
@api_bp.response(200, description="佐证材料文件本身")
@requires("assessment.view")
def api_download(year: int, sha256: str):
    """下载佐证材料"""
    return send_evidence(year, sha256)


@api_bp.route("/assessments/<year:year>/evidence", methods=["POST"])
@api_bp.arguments(AssessmentVersionedSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.self_assess")
def api_refresh_evidence(data, year: int):
    """按各模块最新记录重新预填"""
    return _command(year, lambda: services.refresh_evidence(kernel(), school(), year, data["expected_version"]))


@api_bp.route("/assessments/<year:year>/self-scores", methods=["POST"])
@api_bp.arguments(AssessmentSelfScoreSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.self_assess")
def api_self_score(data, year: int):
    """支部自评某要点"""
    return _command(year, lambda: services.self_score(kernel(), school(), year, data["item"], data["score"],
                                                      data["comment"], data["expected_version"]))


@api_bp.route("/assessments/<year:year>/self-assessment", methods=["PUT"])
@api_bp.arguments(SelfAssessmentSheetSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.self_assess")
def api_self_assessment(data, year: int):
    """支部自评整表一次写入：保存草稿，或 submit=true 时逐项检查后提交（所有问题按要点一次列出）"""
    scores = {row["item"]: (row["score"], row["comment"]) for row in data["scores"]}
    return _command(year, lambda: services.save_self_assessment(kernel(), school(), year, scores, data["comment"],
                                                                data["submit"], data["expected_version"]))


@api_bp.route("/assessments/<year:year>/submit", methods=["POST"])
@api_bp.arguments(SelfAssessmentSubmitSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.self_assess")
def api_submit(data, year: int):
    """提交自评"""
    return _command(year, lambda: services.submit_self_assessment(kernel(), school(), year, data["comment"],
                                                                  data["expected_version"]))


@api_bp.route("/assessments/<year:year>/scores", methods=["POST"])
@api_bp.arguments(AssessmentScoreSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.score")
def api_score(data, year: int):
    """区级评分某要点（与预填分不同须说明理由）"""
    context.set_reason(data["reason"])
    return _command(year, lambda: services.score_item(kernel(), school(), year, data["item"], data["score"],
                                                      data["reason"], data["expected_version"]))


@api_bp.route("/assessments/<year:year>/comments", methods=["POST"])
@api_bp.arguments(AssessmentCommentSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.score")
def api_comment(data, year: int):
    """考核评语"""
    return _command(year, lambda: services.comment(kernel(), school(), year, data["text"]))


@api_bp.route("/assessments/<year:year>/publish", methods=["POST"])
@api_bp.arguments(AssessmentPublishSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.score")
def api_publish(data, year: int):
    """公布考核结果（等次按分数线；另定等次须说明理由）"""
    return _command(year, lambda: services.publish(kernel(), school(), year, data["grade"], data["reason"],
                                                   data["expected_version"]))


@api_bp.route("/assessments/<year:year>/reassess", methods=["POST"])
@api_bp.arguments(AssessmentReasonSchema)
@api_bp.response(200, AssessmentOutSchema)
@requires("assessment.score")
def api_reassess(data, year: int):
    """发起复核（已公布的得分只能经复核更改）"""
    context.set_reason(data["reason"])
    return _command(year, lambda: services.reassess(kernel(), school(), year, data["reason"],
                                                    data["expected_version"]))
