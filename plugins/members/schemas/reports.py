"""Inputs and outputs of the roll on a day (two axes), the statistics and the import."""
from __future__ import annotations
from core.errors import N_

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.fields import Date, DateTime, Year


class RosterQuerySchema(Schema):
    """The roll on a day by the dates in the world (``on``), or as the system held it at a moment
    (``at``, recording time)."""

    on = Date(metadata={"description": "日期：按党籍日期（入党、转正、转入转出、党籍变化的日期）回答当天在册的党员"})
    at = DateTime(metadata={"description": "时刻（ISO 8601；无时区按北京时间）：按录入时间回答系统当时记录的名册"})

    @validates_schema
    def _one_axis(self, data, **_):
        if (data.get("on") is None) == (data.get("at") is None):
            raise ValidationError(N_("请给出日期 on（按党籍日期）或时刻 at（按录入时间）之一"), field_name="on")


class YearQuerySchema(Schema):
    year = Year(load_default=None, validate=validate.Range(min=1949, max=2100))
    on = Date(metadata={"description": "统计日期（按党籍日期）；给出时按该日统计，年度为该日所在年"})


class StatisticsOutSchema(Schema):
    year = fields.Integer()
    as_of = fields.Date()
    axis = fields.String(metadata={"description": "world：按党籍日期"})
    total = fields.Integer()
    full = fields.Integer()
    probationary = fields.Integer()
    converted = fields.Integer()
    by_gender = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_ethnicity = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_education = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_age = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_category = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer())
    added = fields.Dict(keys=fields.String(), values=fields.Integer())
    removed = fields.Dict(keys=fields.String(), values=fields.Integer())


class ImportQuerySchema(Schema):
    dry_run = fields.Boolean(load_default=False, metadata={"description": "只预览，不写入"})


class ImportRowOutSchema(Schema):
    row = fields.Integer()
    name = fields.String()
    errors = fields.List(fields.String())


class ImportOutSchema(Schema):
    imported = fields.Boolean()
    batch_id = fields.UUID(allow_none=True)
    filename = fields.String()
    rows = fields.List(fields.Nested(ImportRowOutSchema))
    file_errors = fields.List(fields.String())
    error_count = fields.Integer()
