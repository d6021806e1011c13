"""marshmallow schemas of member development, shared by the API and the page forms."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates

from core.api import PageMetaSchema, StoredFileOutSchema
from core.errors import N_
from core.fields import Date, Float, Integer, Text, without_blanks
from plugins.development import rules


class _Blankless(Schema):
    @pre_load
    def _drop_blanks(self, data, **_):
        return without_blanks(data, drop=("csrf_token",))


def _date_string(value) -> None:
    if value and rules.parse_date(value) is None:
        raise ValidationError(N_("日期格式应为 YYYY-MM-DD"))


class DevelopmentSettingsSchema(Schema):
    """A school's own numbers (本校规则) where DOMAIN.md §1 marks a rule local or unconfirmed.

    Values that differ from the 2014 rules form a rule set in force from ``local_rules_from``;
    earlier steps stay judged by the 2014 rules.
    """

    local_rules_from = Text(load_default="", validate=_date_string,
                            metadata={"label": "本校规则生效日期", "input": "date",
                                      "description": "空为自 2014 年细则起"})
    publicity_working_days = Integer(load_default=5, validate=validate.Range(min=1, max=30),
                                     metadata={"label": "公示期（工作日）"})
    publicity_required = fields.Boolean(load_default=True, metadata={"label": "确定发展对象、接收预备党员、转正前须公示"})
    talk_within_months = Integer(load_default=1, validate=validate.Range(min=1, max=12),
                                 metadata={"label": "收到入党申请后谈话期限（月）"})
    assessment_interval_months = Integer(load_default=6, validate=validate.Range(min=1, max=12),
                                         metadata={"label": "入党积极分子考察间隔（月）"})
    activist_min_months = Integer(load_default=12, validate=validate.Range(min=12, max=36),
                                  metadata={"label": "积极分子培养期（月，不少于12）"})
    review_valid_months = Integer(load_default=12, validate=validate.Range(min=1, max=36),
                                  metadata={"label": "政治审查有效期（月）"})
    congress_after_prereview_months = Integer(load_default=1, validate=validate.Range(min=1, max=6),
                                              metadata={"label": "预审后召开支部大会期限（月）"})
    leave_block_months = Integer(load_default=3, validate=validate.Range(min=0, max=12),
                                 metadata={"label": "即将离开本单位不予办理的期限（月）"})
    conversion_vote_within_months = Integer(load_default=1, validate=validate.Range(min=1, max=3),
                                            metadata={"label": "预备期满后讨论转正期限（月）"})


class DevelopmentPersonSchema(_Blankless):
    name = Text(required=True, validate=validate.Length(min=1, max=60), metadata={"label": "姓名"})
    gender = Text(required=True, validate=validate.OneOf(list(rules.GENDERS)), metadata={"label": "性别"})
    id_number = Text(required=True, metadata={"label": "身份证号"})
    birth_date = Date(metadata={"label": "出生日期"})
    category = Text(required=True, validate=validate.OneOf(list(rules.CATEGORIES)),
                    metadata={"label": "人员类别"})
    ethnicity = Text(validate=validate.Length(max=20), metadata={"label": "民族"})
    education = Text(validate=validate.Length(max=20), metadata={"label": "学历"})
    job_post = Text(validate=validate.Length(max=60), metadata={"label": "工作岗位（班级）"})
    phone = Text(validate=validate.Regexp(r"^1\d{10}$", error=N_("手机号码应为 11 位数字")),
                 metadata={"label": "手机号码"})

    @validates("id_number")
    def _id_number(self, value, **_):
        error = rules.id_number_error(value)
        if error:
            raise ValidationError(error)


class DevelopmentCaseCreateSchema(DevelopmentPersonSchema):
    applied_on = Date(required=True, metadata={"label": "申请入党日期"})
    notes = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "备注"})


class CaseStepSchema(_Blankless):
    """One step; the counts and people some steps need are optional fields."""

    step = Integer(required=True, validate=validate.Range(min=2, max=rules.LAST_STEP),
                   metadata={"label": "步骤"})
    happened_on = Date(required=True, metadata={"label": "办理日期"})
    actor = Text(load_default="", validate=validate.Length(max=120), metadata={"label": "办理人"})
    notes = Text(load_default="", validate=validate.Length(max=4000), metadata={"label": "记录"})
    records = fields.List(Text(validate=validate.OneOf(list(rules.RECORDS))), load_default=None,
                          metadata={"label": "形成的材料"})
    late_reason = Text(load_default="", validate=validate.Length(max=500),
                       metadata={"label": "逾期或特殊原因"})
    expected_version = Integer(required=True)
    contacts = fields.List(fields.UUID(), metadata={"label": "培养联系人"})
    introducers = fields.List(fields.UUID(), metadata={"label": "入党介绍人"})
    days = Float(validate=validate.Range(min=0), metadata={"label": "培训天数"})
    hours = Float(validate=validate.Range(min=0), metadata={"label": "培训学时"})
    leaving_on = Date(metadata={"label": "预计离开本单位日期"})
    approved = fields.Boolean(load_default=True, metadata={"label": "批准"})
    entitled = Integer(validate=validate.Range(min=0), metadata={"label": "应到会有表决权的正式党员"})
    present = Integer(validate=validate.Range(min=0), metadata={"label": "实到会"})
    written_opinions = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "书面意见"})
    yes = Integer(validate=validate.Range(min=0), metadata={"label": "赞成"})
    no = Integer(validate=validate.Range(min=0), metadata={"label": "反对"})
    abstain = Integer(load_default=0, validate=validate.Range(min=0), metadata={"label": "弃权"})
    meeting_id = fields.UUID(metadata={"label": "支部党员大会（会议编号）"})

    DATA_FIELDS = ("contacts", "introducers", "days", "hours", "leaving_on", "approved", "entitled", "present",
                   "written_opinions", "yes", "no", "abstain", "meeting_id")


class ActivistAssessmentSchema(_Blankless):
    happened_on = Date(required=True, metadata={"label": "考察日期"})
    actor = Text(load_default="", validate=validate.Length(max=120))
    notes = Text(load_default="", validate=validate.Length(max=4000))
    late_reason = Text(load_default="", validate=validate.Length(max=500))
    expected_version = Integer(required=True)


class ProbationExtensionSchema(_Blankless):
    decided_on = Date(required=True, metadata={"label": "支部大会决定日期"})
    months = Integer(required=True, metadata={"label": "延长月数"})
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(required=True)


class CaseDecisionSchema(_Blankless):
    """Cancellation of probationary status or refusal: a date and a reason."""

    decided_on = Date(required=True, metadata={"label": "决定日期"})
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(required=True)


class CasePublicitySchema(_Blankless):
    kind = Text(required=True, validate=validate.OneOf(list(rules.PUBLICITY_KINDS)))
    start = Date(required=True, metadata={"label": "公示开始日期"})
    expected_version = Integer(required=True)


class PublicityObjectionSchema(_Blankless):
    kind = Text(required=True, validate=validate.OneOf(list(rules.PUBLICITY_KINDS)))
    received_on = Date(required=True)
    text = Text(required=True, validate=validate.Length(min=1, max=2000))
    expected_version = Integer(required=True)


class ObjectionResolutionSchema(_Blankless):
    kind = Text(required=True, validate=validate.OneOf(list(rules.PUBLICITY_KINDS)))
    index = Integer(required=True, validate=validate.Range(min=0))
    resolution = Text(required=True, validate=validate.Length(min=1, max=2000))
    expected_version = Integer(required=True)


class StepCorrectionSchema(_Blankless):
    step = Integer(required=True, validate=validate.Range(min=1, max=rules.LAST_STEP))
    notes = Text(validate=validate.Length(max=4000))
    actor = Text(validate=validate.Length(max=120))
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(required=True)


class DevelopmentCaseQuerySchema(Schema):
    status = Text(validate=validate.OneOf(["open", *rules.STATUSES]))
    q = Text()
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class DevelopmentRosterQuerySchema(Schema):
    as_of = Date(metadata={"description": "名册截至日期，默认今天"})


# -- output ------------------------------------------------------------------------------------
class CaseStepOutSchema(Schema):
    step = fields.Integer()
    title = fields.String()
    kind = fields.String()
    happened_on = fields.Date()
    recorded_on = fields.Date()
    due = fields.Date(allow_none=True)
    actor = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    records = fields.List(fields.String())
    data = fields.Dict()
    passed = fields.Boolean()
    late = fields.Boolean()
    late_reason = fields.String(allow_none=True)
    special_reason = fields.String(allow_none=True)
    rule_set = fields.String(allow_none=True)
    superseded = fields.Boolean()


class DevelopmentCaseOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    name = fields.String()
    gender = fields.String(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    id_number = fields.String(metadata={"description": "脱敏"}, allow_none=True)
    category = fields.String(allow_none=True)
    job_post = fields.String(allow_none=True)
    applied_on = fields.Date()
    status = fields.String()
    status_label = fields.String()
    stage = fields.Integer(allow_none=True)
    next_step = fields.Integer(allow_none=True)
    activist_on = fields.Date(allow_none=True)
    target_on = fields.Date(allow_none=True)
    joined_on = fields.Date(allow_none=True)
    probation_end = fields.Date(allow_none=True)
    extensions = fields.Integer()
    converted_on = fields.Date(allow_none=True)
    member_id = fields.UUID(allow_none=True)
    closed_on = fields.Date(allow_none=True)
    close_reason = fields.String(allow_none=True)
    late_steps = fields.Integer()
    completeness = fields.Float()
    steps = fields.List(fields.Nested(CaseStepOutSchema))
    documents = fields.List(fields.Nested(lambda: DevelopmentDocumentOutSchema()))


class DevelopmentDocumentOutSchema(StoredFileOutSchema):
    code = fields.String()
    title = fields.String()


class DevelopmentDocumentQuerySchema(Schema):
    code = Text(required=True, validate=validate.OneOf(list(rules.RECORDS)),
                metadata={"description": "材料类别（入党申请书、思想汇报、政审材料……）"})
    expected_version = Integer(load_default=None)


class DevelopmentCasePageSchema(Schema):
    items = fields.List(fields.Nested(DevelopmentCaseOutSchema))
    meta = fields.Nested(PageMetaSchema)


class DevelopmentWorkItemSchema(Schema):
    case_id = fields.UUID()
    name = Text()
    status = Text()
    step = Integer(allow_none=True)
    title = Text()
    due = Date(allow_none=True)
    earliest = Date(allow_none=True)
    overdue = fields.Boolean()
    rule = Text()


class DevelopmentRosterEntrySchema(Schema):
    case_id = fields.UUID()
    name = Text()
    gender = Text(allow_none=True)
    category = Text(allow_none=True)
    applied_on = Date()
    activist_on = Date(allow_none=True)
    target_on = Date(allow_none=True)
    joined_on = Date(allow_none=True)
    probation_end = Date(allow_none=True)


class DevelopmentRostersSchema(Schema):
    as_of = Date()
    applicant = fields.List(fields.Nested(DevelopmentRosterEntrySchema))
    activist = fields.List(fields.Nested(DevelopmentRosterEntrySchema))
    target = fields.List(fields.Nested(DevelopmentRosterEntrySchema))
    probationary = fields.List(fields.Nested(DevelopmentRosterEntrySchema))
