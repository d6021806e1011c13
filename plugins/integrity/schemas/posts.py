"""Schemas of vanguard posts (党员先锋岗) and their holders."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Text, version_field
from plugins.integrity import rules
from plugins.integrity.schemas.base import FormSchema, one_of


class PostSchema(FormSchema):
    name = Text(required=True, validate=validate.Length(min=1, max=100), metadata={"label": "岗位名称"})
    kind = one_of(rules.POST_KINDS, "岗位类型", required=True)
    duties = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "岗位职责"})
    starts_on = Date(required=True, metadata={"label": "设岗日期"})
    ends_on = Date(metadata={"label": "到期日期"})


class AssignSchema(FormSchema):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    on = Date(metadata={"label": "上岗日期"})
    expected_version = version_field(required=True)


class ReleaseSchema(FormSchema):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    on = Date(metadata={"label": "离岗日期"})
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "离岗原因"})
    expected_version = version_field(required=True)


class PostAssessSchema(FormSchema):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    period = Text(required=True, validate=validate.Length(min=1, max=40), metadata={"label": "评议期间"})
    grade = Text(required=True, metadata={"label": "等次"})
    comment = Text(validate=validate.Length(max=1000), metadata={"label": "评语"})
    expected_version = version_field(required=True)


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
