"""marshmallow schemas of heart-to-heart talks (谈心谈话): input and output."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.fields import Date, Text
from plugins.meetings.schemas import _Blankless


class TalkSchema(_Blankless):
    """Record a heart-to-heart talk (谈心谈话)."""
    held_on = Date(required=True, metadata={"label": "谈话日期"})
    first_id = fields.UUID(required=True, metadata={"label": "谈话人"})
    second_id = fields.UUID(required=True, metadata={"label": "谈话对象"})
    place = Text(load_default="", validate=validate.Length(max=200), metadata={"label": "地点"})
    content = Text(required=True, validate=validate.Length(min=1, max=4000), metadata={"label": "谈话内容"})


class TalkOutSchema(Schema):
    """``content`` is null unless the reader is one of the two people or the secretary."""
    id = fields.UUID()
    held_on = fields.Date()
    first = fields.Dict()
    second = fields.Dict()
    kind = fields.String()
    place = fields.String()
    content = fields.String(allow_none=True)
    recorded_on = fields.Date()


class TalkStartOutSchema(Schema):
    name = fields.String()
    started_on = fields.Date(metadata={"description": "到本支部日期（转入介绍信日期或入党日期）"})
    how = fields.String(metadata={"description": "transfer_in 转入 / joined 入党"})
    talked = fields.Boolean(metadata={"description": "自到本支部之日起已有谈心谈话记录"})
    expected = fields.Boolean(metadata={"description": "年底前应有谈话"})


class TalkComplianceOutSchema(Schema):
    year = fields.Integer()
    total = fields.Integer(metadata={"description": "应谈话党员人数"})
    talked = fields.Integer(metadata={"description": "本年已有谈心谈话记录的人数"})
    missing = fields.List(fields.String(), metadata={"description": "本年尚无谈心谈话记录的党员"})
    expected_missing = fields.List(fields.String(), metadata={
        "description": "其中年底前应有谈话的党员（全年在本支部，或年内到本支部满 min_months 个月）"})
    min_months = fields.Integer(metadata={"description": "年内到本支部的党员，满几个月方要求当年谈话"})
    started = fields.List(fields.Nested(TalkStartOutSchema), metadata={
        "description": "年内转入或入党的党员：自到本支部之日起计"})
