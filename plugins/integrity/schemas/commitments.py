"""marshmallow schemas of integrity building, shared by the API and the page forms."""
from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping

from marshmallow import Schema, fields, pre_load, validate

from core.api import PageMetaSchema
from core.fields import Date, Integer, Text, Year
from plugins.integrity import rules

LIST_FIELDS = ("member_scores", "public_scores", "goals", "attendee_ids", "absentee_ids", "member_ids")


class _Form(Schema):
    """Blank form values are absent; list fields also accept one text (comma- or line-separated)."""

    @pre_load
    def _clean(self, data, **_):
        if not isinstance(data, Mapping):
            return data  # for the schema to refuse
        out = {}
        for key, value in data.items():
            if key == "csrf_token" or value in ("", None):
                continue
            if key in LIST_FIELDS and isinstance(value, str):
                sep = r"[\r\n]+" if key == "goals" else r"[,，、;；\s]+"
                value = [v.strip() for v in re.split(sep, value) if v.strip()]
            out[key] = value
        return out


def _version():
    return Integer(required=True, metadata={"description": "乐观并发：客户端读取到的版本"})


def _one_of(choices: dict, label: str, **kwargs):
    return Text(validate=validate.OneOf(list(choices)), metadata={"label": label, "description": str(choices)},
                **kwargs)


class Base64(fields.Field):
    """File content sent in JSON as base64 (the pages send files as multipart instead)."""

    default_error_messages = {"invalid": "不是有效的 base64 编码"}

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return base64.b64decode(value, validate=True)
        except (TypeError, ValueError, binascii.Error) as exc:
            raise self.make_error("invalid") from exc


class EvidenceFileSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "文件名"})
    content = Base64(required=True, metadata={"description": "文件内容（base64）", "type": "string",
                                              "format": "byte"})


def _evidence():
    return fields.List(fields.Nested(EvidenceFileSchema), load_default=list, validate=validate.Length(max=10),
                       metadata={"description": "证明材料（API：文件名与 base64 内容；页面以表单上传）"})


# -- commitments ---------------------------------------------------------------------------------
class YearQuerySchema(Schema):
    year = Year(validate=validate.Range(min=2000, max=2100))
    status = Text()
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class CommitmentCreateSchema(_Form):
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    owner_kind = _one_of(rules.OWNER_KINDS, "承诺主体", load_default="member")
    member_id = fields.UUID(metadata={"label": "党员"})


class CommitmentItemSchema(_Form):
    area = _one_of(rules.AREAS, "领域", required=True)
    content = Text(required=True, validate=validate.Length(min=1, max=1000), metadata={"label": "承诺内容"})
    measure = Text(required=True, validate=validate.Length(min=1, max=1000), metadata={"label": "衡量标准"})
    deadline = Date(required=True, metadata={"label": "完成时限"})
    expected_version = _version()


class SendBackSchema(_Form):
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "退回理由"})
    expected_version = _version()


class VersionSchema(_Form):
    expected_version = _version()


class ProgressSchema(_Form):
    on = Date(required=True, metadata={"label": "进展日期"})
    text = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "进展情况"})
    evidence = _evidence()
    expected_version = _version()


class ItemConcludeSchema(_Form):
    outcome = _one_of(rules.OUTCOMES, "兑现情况", required=True)
    cause = Text(validate=validate.Length(max=500), metadata={"label": "未兑现原因"})
    expected_version = _version()


class EvaluateSchema(_Form):
    self_score = fields.Decimal(validate=validate.Range(min=0, max=100), as_string=True,
                                metadata={"label": "个人自评分"})
    member_scores = fields.List(fields.Decimal(validate=validate.Range(min=0, max=100), as_string=True),
                                load_default=list, metadata={"label": "党员互评分"})
    public_scores = fields.List(fields.Decimal(validate=validate.Range(min=0, max=100), as_string=True),
                                load_default=list, metadata={"label": "群众评议分"})
    expected_version = _version()


class CommitmentItemOutSchema(Schema):
    item_id = fields.String()
    area = fields.String()
    content = fields.String()
    measure = fields.String()
    deadline = fields.Date()
    status = fields.String()
    return_reason = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    cause = fields.String(allow_none=True)
    missed_without_cause = fields.Boolean()
    progress_count = fields.Integer()
    after_deadline_count = fields.Integer()


class ProgressOutSchema(Schema):
    item_id = fields.String()
    on = fields.Date()
    text = fields.String()
    evidence = fields.List(fields.Dict())
    after_deadline = fields.Boolean()
    late = fields.Boolean()


class CommitmentOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    year = fields.Integer()
    owner_kind = fields.String()
    member_id = fields.UUID(allow_none=True)
    owner_name = fields.String()
    status = fields.String()
    items_total = fields.Integer()
    items_accepted = fields.Integer()
    missed_without_cause = fields.Integer()
    total = fields.String(allow_none=True)
    rating = fields.String(allow_none=True)
    evaluation = fields.Dict(allow_none=True)
    published_on = fields.Date(allow_none=True)
    items = fields.List(fields.Nested(CommitmentItemOutSchema))
    progress = fields.List(fields.Nested(ProgressOutSchema))


class CommitmentSummarySchema(CommitmentOutSchema):
    class Meta:
        exclude = ("items", "progress")


class CommitmentPageSchema(Schema):
    items = fields.List(fields.Nested(CommitmentSummarySchema))
    meta = fields.Nested(PageMetaSchema)


# -- posts ---------------------------------------------------------------------------------------
class PostSchema(_Form):
    name = Text(required=True, validate=validate.Length(min=1, max=100), metadata={"label": "岗位名称"})
    kind = _one_of(rules.POST_KINDS, "岗位类型", required=True)
    duties = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "岗位职责"})
    starts_on = Date(required=True, metadata={"label": "设岗日期"})
    ends_on = Date(metadata={"label": "到期日期"})


class AssignSchema(_Form):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    on = Date(metadata={"label": "上岗日期"})
    expected_version = _version()


class ReleaseSchema(_Form):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    on = Date(metadata={"label": "离岗日期"})
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "离岗原因"})
    expected_version = _version()


class PostAssessSchema(_Form):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    period = Text(required=True, validate=validate.Length(min=1, max=40), metadata={"label": "评议期间"})
    grade = Text(required=True, metadata={"label": "等次"})
    comment = Text(validate=validate.Length(max=1000), metadata={"label": "评语"})
    expected_version = _version()


class HolderOutSchema(Schema):
    member_id = fields.UUID()
    member_name = fields.String()
    assigned_on = fields.Date()
    released_on = fields.Date(allow_none=True)


class PostOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    name = fields.String()
    kind = fields.String()
    duties = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    holders = fields.List(fields.Nested(HolderOutSchema))


# -- pairs ---------------------------------------------------------------------------------------
class PairSchema(_Form):
    kind = _one_of(rules.PAIR_KINDS, "结对方式", load_default="member")
    member_id = fields.UUID(metadata={"label": "结对党员"})
    partner_name = Text(validate=validate.Length(max=80), metadata={"label": "结对支部/单位"})
    helped_kind = _one_of(rules.HELPED_KINDS, "帮扶对象类型", required=True)
    helped_name = Text(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "帮扶对象"})
    helped_details = Text(validate=validate.Length(max=2000), metadata={"label": "对象情况（仅书记、纪检委员和结对党员可见）"})
    started_on = Date(metadata={"label": "结对日期"})
    goals = fields.List(Text(validate=validate.Length(min=1, max=500)), required=True,
                        metadata={"label": "帮扶目标（每行一项）"})


class PlanSchema(_Form):
    goals = fields.List(Text(validate=validate.Length(min=1, max=500)), required=True)
    expected_version = _version()


class VisitSchema(_Form):
    on = Date(required=True, metadata={"label": "日期"})
    what = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "帮扶内容"})
    hours = fields.Decimal(required=True, places=2, validate=validate.Range(min=0.01, max=24), as_string=True,
                           metadata={"label": "时长（小时）"})
    evidence = _evidence()
    expected_version = _version()


class ClosePairSchema(_Form):
    on = Date(metadata={"label": "结束日期"})
    outcome = _one_of(rules.PAIR_OUTCOMES, "帮扶成效", required=True)
    summary = Text(required=True, validate=validate.Length(min=1, max=4000), metadata={"label": "帮扶总结"})
    expected_version = _version()


class VisitOutSchema(Schema):
    on = fields.Date()
    what = fields.String()
    hours = fields.String()
    evidence = fields.List(fields.Dict())
    late = fields.Boolean()


class PairOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    kind = fields.String()
    member_id = fields.UUID(allow_none=True)
    member_name = fields.String()
    helped_kind = fields.String()
    helped_name = fields.String(metadata={"description": "仅书记、纪检委员和结对党员看到全名；其他人看到姓氏缩写"})
    helped_details = fields.String(allow_none=True)
    started_on = fields.Date()
    goals = fields.List(fields.String())
    closed_on = fields.Date(allow_none=True)
    outcome = fields.String(allow_none=True)
    summary = fields.String(allow_none=True)
    visits = fields.Integer()
    hours = fields.String()


# -- volunteer service, education, responsibility -------------------------------------------------
class ParticipantSchema(Schema):
    member_id = fields.UUID(required=True)
    hours = fields.Decimal(required=True, places=2, validate=validate.Range(min=0.01, max=24), as_string=True)


class VolunteerSchema(_Form):
    title = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "活动名称"})
    on = Date(required=True, metadata={"label": "日期"})
    place = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "地点"})
    participants = fields.List(fields.Nested(ParticipantSchema), required=True,
                               validate=validate.Length(min=1), metadata={"label": "参加党员及时长"})


class VolunteerOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    title = fields.String()
    on = fields.Date()
    place = fields.String()
    participants = fields.List(fields.Dict())
    hours = fields.String()
    late = fields.Boolean()


class EducationSchema(_Form):
    kind = _one_of(rules.EDUCATION_KINDS, "教育形式", required=True)
    title = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "主题"})
    on = Date(required=True, metadata={"label": "日期"})
    speaker = Text(validate=validate.Length(max=80), metadata={"label": "主讲人"})
    content = Text(validate=validate.Length(max=4000), metadata={"label": "内容摘要"})
    attendee_ids = fields.List(fields.UUID(), required=True, validate=validate.Length(min=1),
                               metadata={"label": "出席党员"})
    absentee_ids = fields.List(fields.UUID(), load_default=list, metadata={"label": "缺席党员"})


class EducationOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    kind = fields.String()
    title = fields.String()
    on = fields.Date()
    speaker = fields.String(allow_none=True)
    content = fields.String(allow_none=True)
    attendees = fields.List(fields.Dict())
    absentees = fields.List(fields.Dict())
    late = fields.Boolean()


class AgreementSchema(_Form):
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    member_id = fields.UUID(required=True, metadata={"label": "签订人"})
    post = Text(required=True, validate=validate.Length(min=1, max=100), metadata={"label": "岗位"})
    duties = Text(required=True, validate=validate.Length(min=1, max=4000), metadata={"label": "廉政责任（一岗双责）"})
    counterpart = Text(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "签订方"})
    signed_on = Date(metadata={"label": "签订日期"})


class AgreementOutSchema(Schema):
    id = fields.UUID()
    year = fields.Integer()
    member_id = fields.UUID()
    member_name = fields.String()
    post = fields.String()
    duties = fields.String()
    counterpart = fields.String()
    signed_on = fields.Date()


class InspectionSchema(_Form):
    kind = _one_of(rules.INSPECTION_KINDS, "自查类型", required=True)
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    half = Integer(validate=validate.OneOf([1, 2]), metadata={"label": "半年（1 上半年，2 下半年）"})
    owner_kind = _one_of(rules.OWNER_KINDS, "报告主体", load_default="branch")
    member_id = fields.UUID(metadata={"label": "报告人"})
    content = Text(required=True, validate=validate.Length(min=1, max=8000), metadata={"label": "自查情况"})
    problems = Text(validate=validate.Length(max=4000), metadata={"label": "存在问题"})
    measures = Text(validate=validate.Length(max=4000), metadata={"label": "整改措施"})


class InspectionOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    kind = fields.String()
    period = fields.String()
    owner_kind = fields.String()
    owner_name = fields.String()
    content = fields.String()
    problems = fields.String(allow_none=True)
    measures = fields.String(allow_none=True)
    filed_on = fields.Date()
    evidence = fields.List(fields.Dict())


# -- ethics --------------------------------------------------------------------------------------
class EthicsSchema(_Form):
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    member_id = fields.UUID(required=True, metadata={"label": "教师党员"})
    grade = Text(required=True, metadata={"label": "考核等次"})
    violation = fields.Boolean(load_default=False, metadata={"label": "查实师德失范行为（一票否决）"})
    veto_reason = Text(validate=validate.Length(max=500), metadata={"label": "否决事由"})


class EthicsCorrectSchema(_Form):
    grade = Text(required=True, metadata={"label": "考核等次"})
    violation = fields.Boolean(load_default=False)
    veto_reason = Text(validate=validate.Length(max=500))
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "更正原因"})
    expected_version = _version()


class EthicsOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    year = fields.Integer()
    member_id = fields.UUID()
    member_name = fields.String()
    grade = fields.String()
    veto = fields.Boolean()
    veto_reason = fields.String(allow_none=True)
    assessed_on = fields.Date()


class PledgeSchema(_Form):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    kind = _one_of(rules.PLEDGE_KINDS, "承诺书", required=True)
    signed_on = Date(metadata={"label": "签订日期"})
    term = Text(validate=validate.Length(max=40), metadata={"label": "学期（默认按签订日期）"})
