"""Schemas of activity funds (党建经费) and the activity room (党员活动室)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Line, Money, Text
from plugins.plans.schemas.base import PlansFileOutSchema, InputSchema, files_field, version_field


class BudgetSchema(InputSchema):
    expected_version = version_field(required=False)


class SpendingSchema(InputSchema):
    on = Date(required=True, metadata={"label": "支出日期"})
    amount = Money(required=True, validate=validate.Range(min=0.01), metadata={"label": "金额（元）"})
    purpose = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "支出事由"})
    meeting_id = fields.UUID(metadata={"label": "用于的会议"})
    activity = Line(validate=validate.Length(max=300), metadata={"label": "用于的活动"})
    receipts = files_field("票据")
    expected_version = version_field(required=False)


class WithdrawSchema(InputSchema):
    reason = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "撤销原因"})
    expected_version = version_field(required=True)


class SpendingOutSchema(Schema):
    entry_id = fields.String()
    on = fields.Date()
    amount = Money()
    purpose = fields.String()
    meeting_id = fields.UUID(allow_none=True)
    meeting_title = fields.String(allow_none=True)
    activity = fields.String(allow_none=True)
    receipts = fields.List(fields.Nested(PlansFileOutSchema))
    withdrawn = fields.Boolean()
    withdraw_reason = fields.String(allow_none=True)
    source_kind = fields.String(allow_none=True, metadata={
        "description": "由其他模块的记录登记时，该记录的类型（care.visit 慰问记录）：只能在该记录中更正费用，不能在此撤销"})
    source_id = fields.UUID(allow_none=True, metadata={"description": "登记这笔支出的记录"})


class StatementOutSchema(Schema):
    year = fields.Integer()
    version = fields.Integer(allow_none=True)
    members = fields.Integer(allow_none=True)
    per_member = Money(allow_none=True)
    minimum = Money(allow_none=True)
    rule_from = fields.Date(allow_none=True)
    budget = Money(allow_none=True)
    spent = Money()
    left = Money(allow_none=True)
    spendings = fields.List(fields.Nested(SpendingOutSchema))


class RoomCheckSchema(InputSchema):
    element = Line(required=True, validate=validate.Length(min=1, max=100), metadata={"label": "检查项目"})
    on = Date(required=True, metadata={"label": "检查日期"})
    present = fields.Boolean(load_default=False, metadata={"label": "齐全、符合要求"})
    note = Text(validate=validate.Length(max=2000), metadata={"label": "情况说明"})
    photos = files_field("照片")


class RoomCheckOutSchema(Schema):
    on = fields.Date()
    present = fields.Boolean()
    note = fields.String()
    photos = fields.List(fields.Nested(PlansFileOutSchema))


class RoomElementOutSchema(Schema):
    element = fields.String()
    last_checked = fields.Date(allow_none=True)
    present = fields.Boolean(allow_none=True)
    problem = fields.String(allow_none=True, metadata={"description": "需要注意的原因（从未检查、今年未检查、缺失）"})
    checks = fields.List(fields.Nested(RoomCheckOutSchema))
