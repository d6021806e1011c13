"""Schemas of pairs (结对帮扶), their plans and visits."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Text, version_field
from plugins.integrity import rules
from plugins.integrity.schemas.base import FormSchema, evidence_field, one_of


class PairSchema(FormSchema):
    kind = one_of(rules.PAIR_KINDS, "结对方式", load_default="member")
    member_id = fields.UUID(metadata={"label": "结对党员"})
    partner_name = Text(validate=validate.Length(max=80), metadata={"label": "结对支部/单位"})
    helped_kind = one_of(rules.HELPED_KINDS, "帮扶对象类型", required=True)
    helped_name = Text(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "帮扶对象"})
    helped_details = Text(validate=validate.Length(max=2000), metadata={"label": "对象情况（仅书记、纪检委员和结对党员可见）"})
    started_on = Date(metadata={"label": "结对日期"})
    goals = fields.List(Text(validate=validate.Length(min=1, max=500)), required=True,
                        metadata={"label": "帮扶目标（每行一项）"})


class PlanSchema(FormSchema):
    goals = fields.List(Text(validate=validate.Length(min=1, max=500)), required=True)
    expected_version = version_field(required=True)


class VisitSchema(FormSchema):
    on = Date(required=True, metadata={"label": "日期"})
    what = Text(required=True, validate=validate.Length(min=1, max=2000), metadata={"label": "帮扶内容"})
    hours = fields.Decimal(required=True, places=2, validate=validate.Range(min=0.01, max=24), as_string=True,
                           metadata={"label": "时长（小时）"})
    evidence = evidence_field()
    expected_version = version_field(required=True)


class ClosePairSchema(FormSchema):
    on = Date(metadata={"label": "结束日期"})
    outcome = one_of(rules.PAIR_OUTCOMES, "帮扶成效", required=True)
    summary = Text(required=True, validate=validate.Length(min=1, max=4000), metadata={"label": "帮扶总结"})
    expected_version = version_field(required=True)


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
