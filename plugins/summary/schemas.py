"""Inputs (API and page forms share them) and outputs of the summary plugin."""
from __future__ import annotations

from marshmallow import Schema, fields as mf, validate

from core import fields as cf


class SummaryDraftSchema(Schema):
    year = cf.Year(required=True, metadata={"label": "年度"})


class SummaryEditSchema(Schema):
    sections = mf.Dict(keys=cf.Line(validate=validate.Length(max=40)), values=cf.Text(), required=True,
                       metadata={"label": "各部分正文"})
    overrides = mf.Dict(keys=cf.Line(validate=validate.Length(max=80)), values=cf.Line(validate=validate.Length(max=60)),
                        load_default=dict, metadata={"label": "手工修改的数据"})
    expected_version = cf.Integer(required=True, metadata={"label": "版本"})


class SummaryAdoptSchema(Schema):
    adopted_on = cf.Date(required=True, metadata={"label": "通过日期"})
    meeting_id = mf.UUID(load_default=None, allow_none=True, metadata={"label": "通过的会议"})
    expected_version = cf.Integer(required=True, metadata={"label": "版本"})


class SummaryReopenSchema(cf.InputSchema):
    reason = cf.Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "更正理由"})
    expected_version = cf.version_field(required=True)


class SummarySendSchema(cf.InputSchema):
    reason = cf.Text(load_default="", validate=validate.Length(max=500),
                     metadata={"label": "再次报送的理由", "description": "更正后再次报送时必填"})
    expected_version = cf.version_field(required=True)


class SummarySentOutSchema(Schema):
    adoption = mf.Integer()
    on = mf.String()
    route = mf.String(metadata={"description": "task：答复区委下发的总结任务；info：信息报送"})
    record_id = mf.String()
    title = mf.String()
    reason = mf.String()
    url = mf.String(allow_none=True)


class FactOutSchema(Schema):
    key = mf.String()
    section = mf.String()
    sentence = mf.String()
    value = mf.Raw()
    shown = mf.String()
    changed = mf.Boolean()
    unit = mf.String()
    url = mf.String(allow_none=True)


class SectionOutSchema(Schema):
    code = mf.String()
    title = mf.String()
    text = mf.String()
    rendered = mf.String()


class SummaryOutSchema(Schema):
    year = mf.Integer()
    version = mf.Integer()
    adopted_on = mf.Date(allow_none=True)
    meeting_id = mf.String(allow_none=True)
    adoptions = mf.Integer()
    sendable = mf.Boolean(metadata={"description": "本次通过的版本尚未报送区委"})
    sends = mf.List(mf.Nested(SummarySentOutSchema))
    sections = mf.List(mf.Nested(SectionOutSchema))
    facts = mf.List(mf.Nested(FactOutSchema))
