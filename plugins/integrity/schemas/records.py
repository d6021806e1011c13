"""Schemas of volunteer service, integrity education, responsibility agreements and self-inspections."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Integer, Text, Year
from plugins.integrity import rules
from plugins.integrity.schemas.base import FormSchema, one_of


class ParticipantSchema(Schema):
    member_id = fields.UUID(required=True)
    hours = fields.Decimal(required=True, places=2, validate=validate.Range(min=0.01, max=24), as_string=True)


class VolunteerSchema(FormSchema):
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


class EducationSchema(FormSchema):
    kind = one_of(rules.EDUCATION_KINDS, "教育形式", required=True)
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


class AgreementSchema(FormSchema):
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


class InspectionSchema(FormSchema):
    kind = one_of(rules.INSPECTION_KINDS, "自查类型", required=True)
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    half = Integer(validate=validate.OneOf([1, 2]), metadata={"label": "半年（1 上半年，2 下半年）"})
    owner_kind = one_of(rules.OWNER_KINDS, "报告主体", load_default="branch")
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
