"""Settings, inputs and outputs of study and training hours (marshmallow); pages and the API share the inputs."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_load, validate

from core.fields import Date, Float, Integer, Line, Text, without_blanks
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
    required = fields.Integer()
    met = fields.Boolean()
    reason = fields.String(allow_none=True)


class StudyStandingsOutSchema(Schema):
    year = fields.Integer()
    items = fields.List(fields.Nested(StudyStandingOutSchema))
