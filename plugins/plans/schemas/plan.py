"""Schemas of the annual work plan (年度党建工作计划): input and output."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Instant, Integer, Line, Text, Year
from plugins.plans.schemas.base import PlansFileOutSchema, InputSchema, files_field, version_field


class PlanCreateSchema(InputSchema):
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    title = Line(validate=validate.Length(max=200), metadata={"label": "计划名称"})


class ItemSchema(InputSchema):
    what = Line(required=True, validate=validate.Length(min=1, max=300), metadata={"label": "工作事项"})
    measure = Line(validate=validate.Length(max=300), metadata={"label": "衡量标准"})
    target = Integer(validate=validate.Range(min=1, max=1000), metadata={"label": "数量"})
    owner = Line(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "责任人"})
    due_on = Date(required=True, metadata={"label": "完成时限"})
    link = Line(validate=validate.Length(max=60), metadata={"label": "关联记录"})
    reason = Line(validate=validate.Length(max=500), metadata={"label": "修改理由"})
    expected_version = version_field(required=True)


class RemoveSchema(InputSchema):
    expected_version = version_field(required=True)


class AdoptSchema(InputSchema):
    meeting_id = fields.UUID(required=True, metadata={"label": "支委会会议"})
    resolution_id = fields.UUID(metadata={"label": "决议"})
    expected_version = version_field(required=True)


class ReviewSchema(InputSchema):
    half = Integer(required=True, validate=validate.OneOf([1, 2]), metadata={"label": "半年"})
    meeting_id = fields.UUID(required=True, metadata={"label": "党建工作专题会议"})
    summary = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "检查情况"})
    expected_version = version_field(required=True)


class PlanReportSchema(InputSchema):
    on = Date(required=True, metadata={"label": "报告日期"})
    text = Text(required=True, validate=validate.Length(min=1, max=5000), metadata={"label": "完成情况"})
    done = Integer(validate=validate.Range(min=0, max=100000), metadata={"label": "已完成数量"})
    complete = fields.Boolean(load_default=False, metadata={"label": "已全部完成"})
    evidence = files_field("证明材料")
    expected_version = version_field(required=True)


class PlanReportOutSchema(Schema):
    on = fields.Date()
    text = fields.String()
    done = fields.Integer(allow_none=True)
    complete = fields.Boolean()
    evidence = fields.List(fields.Nested(PlansFileOutSchema))
    actor = fields.String(allow_none=True)
    recorded_at = Instant()


class ItemOutSchema(Schema):
    item_id = fields.String()
    what = fields.String()
    measure = fields.String(allow_none=True)
    target = fields.Integer(allow_none=True)
    owner = fields.String()
    due_on = fields.Date()
    link = fields.String(allow_none=True)
    done = fields.Integer()
    status = fields.String(metadata={"description": "done 已完成, late 逾期, in_progress 进行中, not_started 未开始"})
    counted = fields.Boolean(metadata={"description": "进度按关联记录统计（否则由负责人报告）"})
    reports = fields.List(fields.Nested(PlanReportOutSchema))


class ReviewOutSchema(Schema):
    half = fields.Integer()
    meeting_id = fields.UUID()
    meeting_title = fields.String()
    held_on = fields.Date()
    summary = fields.String()


class PlanOutSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    year = fields.Integer()
    title = fields.String()
    status = fields.String()
    adopted_meeting_id = fields.UUID(allow_none=True)
    adopted_meeting_title = fields.String(allow_none=True)
    adopted_on = fields.Date(allow_none=True)
    resolution_id = fields.UUID(allow_none=True)
    as_of = fields.Date()
    items = fields.List(fields.Nested(ItemOutSchema))
    reviews = fields.List(fields.Nested(ReviewOutSchema))
