"""Schemas of teacher ethics (师德师风): assessments, corrections, pledges."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Text, Year, version_field
from plugins.integrity import rules
from plugins.integrity.schemas.base import FormSchema, one_of


class EthicsSchema(FormSchema):
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    member_id = fields.UUID(required=True, metadata={"label": "教师党员"})
    grade = Text(required=True, metadata={"label": "考核等次"})
    violation = fields.Boolean(load_default=False, metadata={"label": "查实师德失范行为（一票否决）"})
    veto_reason = Text(validate=validate.Length(max=500), metadata={"label": "否决事由"})


class EthicsCorrectSchema(FormSchema):
    grade = Text(required=True, metadata={"label": "考核等次"})
    violation = fields.Boolean(load_default=False)
    veto_reason = Text(validate=validate.Length(max=500))
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "更正原因"})
    expected_version = version_field(required=True)


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


class PledgeSchema(FormSchema):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    kind = one_of(rules.PLEDGE_KINDS, "承诺书", required=True)
    signed_on = Date(metadata={"label": "签订日期"})
    term = Text(validate=validate.Length(max=40), metadata={"label": "学期（默认按签订日期）"})
