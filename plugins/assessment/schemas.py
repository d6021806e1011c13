"""marshmallow schemas of the assessment plugin (API and page forms), and its settings."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.api import StoredFileOutSchema
from core.errors import N_
from core.fields import Date, Float, Integer, Line, Text, Year
from plugins.assessment import rules

YEAR = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})


class AssessmentSettings(Schema):
    """A school's settings (unconfirmed or local rules, DOMAIN.md §4)."""

    excellent_cap_numerator = Integer(load_default=1, validate=validate.Range(min=0, max=10),
                                      metadata={"label": "优秀比例上限（分子）"})
    excellent_cap_denominator = Integer(load_default=3, validate=validate.Range(min=1, max=10),
                                        metadata={"label": "优秀比例上限（分母）：正式党员数×分子÷分母，向下取整"})
    correction_months = Integer(load_default=6, validate=validate.Range(min=1, max=24),
                                metadata={"label": "限期改正默认期限（月，各地不一）"})
    self_check_grace_days = Integer(load_default=15, validate=validate.Range(min=0, max=90),
                                    metadata={"label": "自查、初评、总评在期末后可提交的天数"})
    reminder_days = Integer(load_default=14, validate=validate.Range(min=0, max=60),
                            metadata={"label": "截止前多少天开始提醒"})

    @validates_schema
    def _share(self, data, **_):
        if data.get("excellent_cap_numerator", 1) > data.get("excellent_cap_denominator", 3):
            raise ValidationError(N_("优秀比例不能超过 100%"), field_name="excellent_cap_numerator")


# -- indicator sets ---------------------------------------------------------------------------------
class IndicatorItemSchema(Schema):
    code = Text(required=True, validate=validate.Length(min=1, max=20), metadata={"label": "编号"})
    title = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "考核要点"})
    points = Float(required=True, validate=validate.Range(min=0.1, max=100), metadata={"label": "分值"})
    guidance = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "评分说明"})
    source = Text(load_default=None, allow_none=True,
                  validate=validate.OneOf(list(rules.EVIDENCE_SOURCES)), metadata={"label": "数据来源"})
    confirmed = fields.Boolean(load_default=True)


class IndicatorCriterionSchema(Schema):
    code = Text(required=True, validate=validate.Length(min=1, max=20))
    title = Text(required=True, validate=validate.Length(min=1, max=100))
    points = Float(required=True, validate=validate.Range(min=0.1, max=100))
    items = fields.List(fields.Nested(IndicatorItemSchema), required=True, validate=validate.Length(min=1))


class GradeBandSchema(Schema):
    grade = Text(required=True, validate=validate.Length(min=1, max=20))
    min = Float(required=True, validate=validate.Range(min=0, max=1000))


class IndicatorSetCreateSchema(Schema):
    year = YEAR
    title = Text(load_default=None, validate=validate.Length(max=200))
    copy_from = Integer(load_default=None, metadata={"label": "复制某年度的指标体系"})
    criteria = fields.List(fields.Nested(IndicatorCriterionSchema), load_default=None)
    grade_bands = fields.List(fields.Nested(GradeBandSchema), load_default=None)


class IndicatorSetReviseSchema(Schema):
    title = Text(required=True, validate=validate.Length(min=1, max=200))
    criteria = fields.List(fields.Nested(IndicatorCriterionSchema), required=True)
    grade_bands = fields.List(fields.Nested(GradeBandSchema), required=True)
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(required=True)


class IndicatorSetOutSchema(Schema):
    id = fields.UUID()
    year = fields.Integer()
    title = fields.String()
    version = fields.Integer()
    based_on = fields.String(allow_none=True)
    criteria = fields.List(fields.Nested(IndicatorCriterionSchema))
    grade_bands = fields.List(fields.Nested(GradeBandSchema))


# -- assessments ---------------------------------------------------------------------------------
class AssessmentYearSchema(Schema):
    year = YEAR


class AssessmentVersionedSchema(Schema):
    expected_version = Integer(required=True, metadata={"description": "乐观并发：客户端读取到的版本"})


class AssessmentSelfScoreSchema(AssessmentVersionedSchema):
    item = Text(required=True, metadata={"label": "考核要点"})
    score = Float(required=True, validate=validate.Range(min=0, max=100), metadata={"label": "得分"})
    comment = Text(load_default="", validate=validate.Length(max=1000), metadata={"label": "自评说明"})


class AssessmentScoreSchema(AssessmentVersionedSchema):
    item = Text(required=True, metadata={"label": "考核要点"})
    score = Float(required=True, validate=validate.Range(min=0, max=100), metadata={"label": "得分"})
    reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "理由"})


class SelfAssessmentSubmitSchema(AssessmentVersionedSchema):
    comment = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "自评总结"})


class SelfAssessmentRowSchema(Schema):
    item = Line(required=True, validate=validate.Length(min=1, max=20), metadata={"label": "考核要点"})
    score = Float(load_default=None, allow_none=True, validate=validate.Range(min=0, max=100),
                  metadata={"label": "得分", "description": "空：此要点保持原样（提交时须已自评）"})
    comment = Text(load_default="", validate=validate.Length(max=1000), metadata={"label": "自评说明"})


class SelfAssessmentSheetSchema(AssessmentVersionedSchema):
    """The whole self-assessment in one write: a draft (保存草稿), or with ``submit`` checked and submitted."""
    scores = fields.List(fields.Nested(SelfAssessmentRowSchema), required=True, validate=validate.Length(max=500))
    comment = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "自评总结"})
    submit = fields.Boolean(load_default=False, metadata={"description": "true：校验全部要点并提交自评"})


class SelfAssessmentFormSchema(AssessmentVersionedSchema):
    """The sheet page's one form: the items' codes, scores (as typed) and comments, in the same order."""
    item = fields.List(Line(validate=validate.Length(max=20)), load_default=list)
    score = fields.List(Line(validate=validate.Length(max=20)), load_default=list, metadata={"label": "自评分"})
    comment = fields.List(Text(validate=validate.Length(max=1000)), load_default=list, metadata={"label": "说明"})
    summary = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "自评总结"})
    action = Line(load_default="draft", validate=validate.OneOf(["draft", "submit"]))


class AssessmentReasonSchema(AssessmentVersionedSchema):
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "原因"})


class AssessmentCommentSchema(Schema):
    text = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "评语"})


class AssessmentPublishSchema(AssessmentVersionedSchema):
    grade = Text(load_default=None, validate=validate.Length(max=20), metadata={"label": "等次"})
    reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "理由"})


class AssessmentOutSchema(Schema):
    id = fields.UUID()
    year = fields.Integer()
    status = fields.String()
    version = fields.Integer()
    set_version = fields.Integer()
    title = fields.String()
    criteria = fields.List(fields.Dict())
    grade_bands = fields.List(fields.Dict())
    evidence = fields.Dict()
    self_scores = fields.Dict()
    scores = fields.Dict()
    self_comment = fields.String(allow_none=True)
    self_total = fields.Float(allow_none=True)
    by_criterion = fields.Dict(allow_none=True)
    total = fields.Float(allow_none=True)
    grade = fields.String(allow_none=True)
    publications = fields.Integer()


class AssessmentAttachmentOutSchema(StoredFileOutSchema):
    item = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class AssessmentAttachmentQuerySchema(Schema):
    item = Text(load_default=None, validate=validate.Length(max=40),
                metadata={"description": "考核要点代码（可不填：整体佐证）"})
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "说明"})


# -- democratic evaluation -------------------------------------------------------------------------
class EvaluationSelfAssessmentSchema(Schema):
    text = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "个人自评"})


class EvaluationBallotSchema(Schema):
    choices = fields.Dict(keys=Text(), values=Text(validate=validate.OneOf(list(rules.GRADES))),
                          required=True, metadata={"description": "被评党员 id → 等次（excellent/qualified/basic/unqualified）"})


class EvaluationGradeSchema(AssessmentVersionedSchema):
    member_id = fields.UUID(required=True)
    grade = Text(required=True, validate=validate.OneOf(list(rules.GRADES)), metadata={"label": "等次"})
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "说明"})


class EvaluationRoundMemberOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    status = fields.String()
    self_assessed = fields.Boolean()
    rating = fields.Dict(allow_none=True)
    grade = fields.String(allow_none=True)


class EvaluationRoundOutSchema(Schema):
    """A round as the API shows it: totals only, never an individual ballot or who voted what."""

    id = fields.UUID()
    year = fields.Integer()
    status = fields.String()
    version = fields.Integer()
    full_count = fields.Integer()
    probationary_count = fields.Integer()
    excellent_cap = fields.Integer()
    ballots = fields.Integer()
    counts = fields.Dict(allow_none=True)
    published_on = fields.Date(allow_none=True)
    members = fields.List(fields.Nested(EvaluationRoundMemberOutSchema))


# -- handling tracks and self-checks ------------------------------------------------------------------
class HandlingTrackCreateSchema(Schema):
    year = YEAR
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    measure = Text(required=True, validate=validate.OneOf(list(rules.MEASURES)), metadata={"label": "处置方式"})
    facts = Text(required=True, validate=validate.Length(min=1, max=3000), metadata={"label": "核实的事实"})
    reason = Text(required=True, validate=validate.Length(min=1, max=1000), metadata={"label": "处置理由"})
    proposed_on = Date(load_default=None, metadata={"label": "支委会提出日期"})
    deadline = Date(load_default=None, metadata={"label": "改正期限"})
    already_disciplined = fields.Boolean(load_default=False, metadata={"label": "已因同一问题受党纪处分"})


class HandlingPreReviewSchema(AssessmentVersionedSchema):
    reviewed_on = Date(required=True, metadata={"label": "预审日期"})
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "预审意见"})


class CongressVoteSchema(AssessmentVersionedSchema):
    held_on = Date(required=True, metadata={"label": "大会日期"})
    entitled = Integer(required=True, validate=validate.Range(min=1), metadata={"label": "应到人数"})
    present = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "实到人数"})
    written_opinions = Integer(load_default=0, validate=validate.Range(min=0),
                               metadata={"label": "会前书面意见（缺席）"})
    yes = Integer(required=True, validate=validate.Range(min=0), metadata={"label": "赞成"})
    no = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "反对"})
    abstain = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "弃权"})


class HandlingApproveSchema(AssessmentVersionedSchema):
    approved_on = Date(required=True, metadata={"label": "批准日期"})
    approver = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "批准机关"})
    document = Text(load_default="", validate=validate.Length(max=200), metadata={"label": "文号"})


class HandlingConcludeSchema(AssessmentVersionedSchema):
    outcome = Text(required=True, validate=validate.OneOf(
        sorted({o for v in rules.OUTCOMES.values() for o in v})), metadata={"label": "办结结果"})
    concluded_on = Date(required=True, metadata={"label": "办结日期"})
    reason = Text(required=True, validate=validate.Length(min=1, max=1000), metadata={"label": "办结情况"})


class HandlingTrackOutSchema(Schema):
    id = fields.UUID()
    member_id = fields.UUID()
    member_name = fields.String()
    year = fields.Integer()
    measure = fields.String()
    status = fields.String()
    facts = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    proposed_on = fields.Date()
    deadline = fields.Date(allow_none=True)
    pre_reviewed_on = fields.Date(allow_none=True)
    vote = fields.Dict(allow_none=True)
    approved_on = fields.Date(allow_none=True)
    approver = fields.String(allow_none=True)
    document = fields.String(allow_none=True)
    outcome = fields.String(allow_none=True)
    concluded_on = fields.Date(allow_none=True)
    version = fields.Integer()


class AssessmentSelfCheckSchema(Schema):
    year = YEAR
    period = Text(required=True, validate=validate.OneOf(list(rules.PERIODS)), metadata={"label": "周期"})
    text = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "自查内容"})
