"""Schemas of the district's pages and API: the budget rule versions, the room checklist across schools."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Instant, Integer, Line, Money
from plugins.plans.schemas.base import InputSchema


class BudgetRuleSchema(InputSchema):
    effective_from = Date(required=True, metadata={"label": "执行日期"})
    per_member = Money(required=True, validate=validate.Range(min=0, max=10000000),
                       metadata={"label": "每名党员每年（元）"})
    minimum = Money(required=True, validate=validate.Range(min=0, max=10000000),
                    metadata={"label": "每个支部每年不少于（元）"})
    note = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "依据或说明"})


class BudgetRuleOutSchema(Schema):
    effective_from = fields.Date()
    per_member = Money()
    minimum = Money()
    note = fields.String()
    source = fields.String(metadata={"description": "district 区里增加的版本；default 系统默认"})
    in_force = fields.Boolean(metadata={"description": "今天执行的版本"})
    actor = fields.String(allow_none=True)
    recorded_at = Instant(allow_none=True)


class PageQuerySchema(Schema):
    page = Integer(load_default=1, validate=validate.Range(min=1, max=100000))


class RoomElementStateSchema(Schema):
    element = fields.String()
    last_checked = fields.Date(allow_none=True)
    present = fields.Boolean(allow_none=True)
    problem = fields.String(allow_none=True)


class RoomSchoolOutSchema(Schema):
    school = fields.String()
    name = fields.String()
    enabled = fields.Boolean(metadata={"description": "学校是否启用了本功能（未启用的学校没有检查项目）"})
    problems = fields.Integer(metadata={"description": "需要注意的项目数"})
    elements = fields.List(fields.Nested(RoomElementStateSchema))


class RoomPageOutSchema(Schema):
    page = fields.Integer()
    pages = fields.Integer()
    total = fields.Integer()
    schools = fields.List(fields.Nested(RoomSchoolOutSchema))
