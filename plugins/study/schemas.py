"""Settings, inputs and outputs of study and training hours (marshmallow); pages and the API share the inputs."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_load, validate

from core.fields import Date, Float, InputSchema, Integer, Line, Text, version_field, without_blanks
from plugins.study import rules


class StudySettingsSchema(Schema):
    regular_hours = Integer(load_default=0, validate=validate.Range(min=0, max=200), metadata={
        "label": "每年应完成学时（在职党员）", "description": "0 表示按规定（每年不少于 32 学时）"})
    retiree_hours = Integer(load_default=0, validate=validate.Range(min=0, max=200), metadata={
        "label": "每年应完成学时（离退休党员）", "description": "0 表示按规定（16 学时）"})
    alert_month = Integer(load_default=9, validate=validate.Range(min=1, max=12), metadata={
        "label": "从几月起提醒学时不足"})


class _Input(Schema):
    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data, drop=("csrf_token", "_form"))


class StudySessionSchema(_Input):
    kind = Line(required=True, validate=validate.OneOf([k for k in rules.KINDS if k != "online"]),
                metadata={"label": "学习类型", "choices": {k: v for k, v in rules.KINDS.items() if k != "online"}})
    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "学习内容"})
    held_on = Date(required=True, metadata={"label": "日期"})
    hours = Float(required=True, validate=validate.Range(min=0.5, max=100), metadata={"label": "学时"})
    meeting_id = fields.UUID(load_default=None, allow_none=True, metadata={
        "label": "关联会议", "description": "党课、主题党日：学时按会议出席记录计入"})
    attendees = fields.List(fields.UUID(), load_default=list, validate=validate.Length(max=1000),
                            metadata={"label": "参加党员"})
    evidence = Text(load_default="", validate=validate.Length(max=5000), metadata={"label": "说明"})


class StudyQuizAnswerSchema(Schema):
    question = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "测验题目"})
    answer = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "本人答案"})


class StudyCourseSchema(_Input):
    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "课程名称"})
    held_on = Date(required=True, metadata={"label": "完成日期"})
    hours = Float(required=True, validate=validate.Range(min=0.5, max=50), metadata={"label": "学时"})
    evidence = Text(load_default="", validate=validate.Length(max=5000), metadata={
        "label": "学习心得或测验答案"})
    quiz = fields.List(fields.Nested(StudyQuizAnswerSchema), load_default=list, validate=validate.Length(max=20),
                       metadata={"label": "测验", "description": "题目与本人的答案，由书记审阅"})


class StudyWithdrawSchema(_Input):
    reason = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "撤销原因"})
    expected_version = Integer(load_default=None, allow_none=True, metadata={"label": "版本"})


class StudyMarkSchema(_Input):
    accepted = fields.Boolean(required=True, metadata={"label": "佐证是否合格"})
    comment = Line(load_default="", validate=validate.Length(max=500), metadata={"label": "审阅意见"})
    expected_version = Integer(load_default=None, allow_none=True, metadata={"label": "版本"})


class StudyYearArgsSchema(Schema):
    year = Integer(load_default=None, allow_none=True, validate=validate.Range(min=1900, max=2100))


class StudySessionOutSchema(Schema):
    id = fields.UUID()
    kind = fields.String()
    kind_name = fields.String()
    title = fields.String()
    held_on = fields.Date()
    hours = fields.Float()
    meeting_id = fields.UUID(allow_none=True)
    member_id = fields.UUID(allow_none=True)
    evidence = fields.String()
    quiz = fields.List(fields.Dict())
    status = fields.String()
    accepted = fields.Boolean(allow_none=True)
    comment = fields.String(allow_none=True)
    version = fields.Integer()


class StudySessionsOutSchema(Schema):
    year = fields.Integer()
    items = fields.List(fields.Nested(StudySessionOutSchema))


class StudyStandingOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    category = fields.String(allow_none=True)
    hours = fields.Float()
    elsewhere_hours = fields.Float(metadata={"description": "其中在流入地参加的学时"})
    required = fields.Integer()
    met = fields.Boolean()
    reason = fields.String(allow_none=True)


class StudyStandingsOutSchema(Schema):
    year = fields.Integer()
    items = fields.List(fields.Nested(StudyStandingOutSchema))


class StudyElsewhereSchema(InputSchema):
    """A session a member away took part in where they are (流入地党组织 or online)."""
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "学习内容"})
    organiser = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "组织学习的党组织"})
    held_on = Date(required=True, metadata={"label": "日期"})
    hours = Float(required=True, validate=validate.Range(min=0.5, max=100), metadata={"label": "学时"})
    category = Line(required=True, validate=validate.OneOf(list(rules.ELSEWHERE_CATEGORIES)),
                    metadata={"label": "学习类型", "choices": rules.ELSEWHERE_CATEGORIES})
    proof = Line(load_default="", validate=validate.Length(max=500), metadata={"label": "证明（签章、证书编号等）"})


class StudyElsewhereOutSchema(Schema):
    id = fields.UUID()
    member_id = fields.UUID()
    member_name = fields.String()
    title = fields.String()
    organiser = fields.String()
    held_on = fields.Date()
    hours = fields.Float()
    category = fields.String()
    category_name = fields.String()
    proof = fields.String()
    active = fields.Boolean()
    version = fields.Integer()


class StudyElsewhereListOutSchema(Schema):
    year = fields.Integer()
    items = fields.List(fields.Nested(StudyElsewhereOutSchema))


class StudyQuestionSchema(Schema):
    # the counts (2–8 options, a right answer among them) are the domain's rule, said per question
    text = Line(load_default="", validate=validate.Length(max=500), metadata={"label": "题目"})
    options = fields.List(Line(validate=validate.Length(max=200)), load_default=list,
                          validate=validate.Length(max=8), metadata={"label": "选项"})
    answers = fields.List(fields.Integer(validate=validate.Range(min=0, max=7)), load_default=list,
                          validate=validate.Length(max=8),
                          metadata={"label": "正确答案", "description": "正确选项的序号（从 0 起）；多个即多选题"})


class StudyQuizSchema(InputSchema):
    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "测验名称"})
    questions = fields.List(fields.Nested(StudyQuestionSchema), load_default=list, validate=validate.Length(max=20),
                            metadata={"label": "题目"})
    expected_version = version_field()


class StudyQuizTakeSchema(InputSchema):
    answers = fields.List(fields.List(fields.Integer(validate=validate.Range(min=0, max=7))), required=True,
                          validate=validate.Length(min=1, max=20),
                          metadata={"label": "答案", "description": "每道题选中的选项序号（从 0 起）"})


class StudyQuizOutSchema(Schema):
    id = fields.UUID()
    session_id = fields.UUID()
    title = fields.String()
    questions = fields.List(fields.Dict())
    taken = fields.Integer()
    version = fields.Integer()


class StudyQuizResultOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    answers = fields.List(fields.List(fields.Integer()))
    right = fields.Integer()
    total = fields.Integer()


class StudyQuizResultsOutSchema(Schema):
    quiz = fields.Nested(StudyQuizOutSchema)
    items = fields.List(fields.Nested(StudyQuizResultOutSchema))


class StudyRequirementSchema(InputSchema):
    effective_from = Date(required=True, metadata={"label": "执行日期", "description": "自该日所在年度的下一个 1 月 1 日起适用（1 月 1 日则当年适用）"})
    regular = Integer(required=True, validate=validate.Range(min=1, max=200), metadata={"label": "在职党员每年应完成学时"})
    retiree = Integer(required=True, validate=validate.Range(min=1, max=200), metadata={"label": "离退休党员每年应完成学时"})
    note = Line(load_default="", validate=validate.Length(max=500), metadata={"label": "依据"})
    expected_version = version_field()


class StudyRequirementOutSchema(Schema):
    effective_from = fields.Date()
    regular = fields.Integer()
    retiree = fields.Integer()
    note = fields.String()


class StudyRequirementsOutSchema(Schema):
    version = fields.Integer()
    items = fields.List(fields.Nested(StudyRequirementOutSchema))
