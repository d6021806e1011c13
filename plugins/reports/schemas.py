"""Schemas of reporting up: inputs (the API and the page forms share them) and outputs; labels in metadata."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, validate
from marshmallow import fields as mf

from core.fields import Date, Instant, Integer, Line, Text, Year
from plugins.reports import rules


def version_field(required: bool = False):
    return Integer(required=required, metadata={"label": "版本", "description": "乐观并发：客户端读取到的版本"})


class ReportFieldInSchema(Schema):
    label = Line(required=True, validate=validate.Length(min=1, max=100), metadata={"label": "栏目名称"})
    kind = Line(load_default="count", validate=validate.OneOf(list(rules.FIELD_KINDS)),
                metadata={"label": "栏目类型", "description": str(rules.FIELD_KINDS)})
    figure = Line(load_default=None, allow_none=True, validate=validate.Length(max=80),
                  metadata={"label": "绑定数据项", "description": "如 members.total、dues.collected；空为手工填写"})
    optional = mf.Boolean(load_default=False, metadata={"label": "可不填"})


class ReportFormDefineSchema(Schema):
    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "报表名称"})
    period = Line(required=True, validate=validate.Length(min=4, max=10),
                  metadata={"label": "报送期间", "description": "2026、2026-H1、2026-Q3 或 2026-05"})
    due_on = Date(required=True, metadata={"label": "截止日期"})
    notes = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "填报说明"})
    fields = mf.List(mf.Nested(ReportFieldInSchema), required=True, validate=validate.Length(min=1, max=60),
                         metadata={"label": "栏目"})
    repeat_acknowledged = mf.Boolean(load_default=False, metadata={"label": "已知悉重复"})


class ReportFormPageSchema(Schema):
    """The district's page form: the head of the form (the fields come as rows field-<n>-…, read apart)."""

    class Meta:
        unknown = EXCLUDE

    title = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "报表名称"})
    period = Line(required=True, validate=validate.Length(min=4, max=10), metadata={"label": "报送期间"})
    due_on = Date(required=True, metadata={"label": "截止日期"})
    notes = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "填报说明"})
    repeat_acknowledged = mf.Boolean(load_default=False, metadata={"label": "已知悉重复"})


class ReportCloseSchema(Schema):
    reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "原因"})
    expected_version = version_field()


class ReportValueSchema(Schema):
    action = Line(required=True, validate=validate.OneOf(["confirm", "correct", "enter"]),
                  metadata={"label": "操作", "description": "confirm 确认预填；correct 更正预填（须说明原因）；enter 填写"})
    value = Line(load_default=None, allow_none=True, validate=validate.Length(max=2000), metadata={"label": "数值"})
    reason = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "更正原因"})
    expected_version = version_field()


class ReportSubmitSchema(Schema):
    explanation = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "情况说明"})
    expected_version = version_field()


class ReportVersionSchema(Schema):
    expected_version = version_field()


class ReportYearPathSchema(Schema):
    year = Year()


class ReportFieldOutSchema(Schema):
    key = mf.String()
    label = mf.String()
    kind = mf.String()
    figure = mf.String(allow_none=True)
    figure_label = mf.String(allow_none=True)
    optional = mf.Boolean()


class ReportFormOutSchema(Schema):
    id = mf.UUID()
    title = mf.String()
    period = mf.String()
    due_on = mf.Date()
    notes = mf.String()
    closed = mf.Boolean()
    version = mf.Integer()
    fields = mf.List(mf.Nested(ReportFieldOutSchema))
    repeats = mf.List(mf.Dict())
    submitted = mf.Integer(metadata={"description": "已报送的学校数"})
    prefill_rate = mf.Float(allow_none=True, metadata={"description": "预填率（0–1）"})


class ReportOutSchema(Schema):
    id = mf.UUID()
    subject = mf.String()
    title = mf.String()
    period = mf.String()
    status = mf.String()
    fields = mf.List(mf.Nested(ReportFieldOutSchema))
    answers = mf.Dict(metadata={"description": "栏目 → {value, prefilled, state, reason}；统计报表为统计数"})
    receipt_no = mf.String(allow_none=True)
    submitted_on = mf.Date(allow_none=True)
    explanation = mf.String(allow_none=True)
    version = mf.Integer()
    opened_at = Instant()


class ReportReturnSchema(Schema):
    reason = Text(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "退回理由"})


class ReportReturnPageSchema(ReportReturnSchema):
    school = Line(required=True, validate=validate.Length(min=1, max=40), metadata={"label": "学校"})


class ReceiptOutSchema(Schema):
    id = mf.UUID()
    round = mf.Integer()
    returned_reason = mf.String(allow_none=True)
    school = mf.String()
    school_name = mf.String()
    subject = mf.String()
    title = mf.String()
    period = mf.String()
    receipt_no = mf.String()
    answers = mf.Dict()
    checks = mf.List(mf.String())
    explanation = mf.String(allow_none=True)
    field_count = mf.Integer()
    prefilled = mf.Integer()
    corrected = mf.Integer()
    submitted_on = mf.Date()
    received_at = Instant()


LABELS = {"title": "报表名称", "period": "报送期间", "due_on": "截止日期", "notes": "填报说明", "fields": "栏目",
          "repeats": "重复收取", "subject": "报表", "receipt_no": "回执号", "explanation": "情况说明",
          "before": "更正前", "after": "更正后", "reason": "原因", "key": "栏目", "checks": "校验",
          "school": "学校", "school_name": "学校名称", "report_id": "报表", "on": "报送日期",
          "repeat_acknowledged": "已知悉重复"}
