"""Schemas of care: settings, inputs (pages and API), outputs."""
from __future__ import annotations

from marshmallow import Schema, fields, pre_load, validate

from core.fields import Date, Integer, Line, Money, Text, without_blanks
from plugins.care import rules


class CareSettingsSchema(Schema):
    hardship_kinds = Line(load_default="、".join(rules.HARDSHIP_KINDS), validate=validate.Length(min=1, max=500),
                          metadata={"label": "困难类型", "description": "用顿号（、）分隔，例如：生活困难、因病致困"})
    funds_required = fields.Boolean(load_default=False, metadata={
        "label": "慰问费用必须计入党组织活动经费",
        "description": "启用「年度计划与经费」模块时，有金额的慰问总是计入当年党建经费；勾选后，未启用该模块时不能登记有金额的慰问"})


def _version():
    return Integer(load_default=None, allow_none=True, metadata={"label": "版本",
                                                                 "description": "乐观并发：读取到的版本"})


class _Form(Schema):
    @pre_load
    def _blanks(self, data, **_):
        return without_blanks(data)


class HardshipSchema(_Form):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    kind = Line(required=True, validate=validate.Length(min=1, max=40), metadata={"label": "困难类型"})
    since = Date(required=True, metadata={"label": "困难开始日期"})
    situation = Text(load_default="", validate=validate.Length(max=2000), metadata={"label": "困难情况"})


class HardshipHelpSchema(_Form):
    what = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "帮扶内容"})
    on = Date(required=True, metadata={"label": "帮扶日期"})
    cost = Money(load_default=0, validate=validate.Range(min=0), metadata={"label": "金额（元）"})
    by = Line(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "帮扶人"})
    expected_version = _version()


class HardshipCloseSchema(_Form):
    on = Date(required=True, metadata={"label": "结束日期"})
    reason = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "结束原因"})
    expected_version = _version()


class CareVisitSchema(_Form):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    on = Date(required=True, metadata={"label": "慰问日期"})
    by = Line(required=True, validate=validate.Length(min=1, max=80), metadata={"label": "慰问人"})
    what = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "慰问内容"})
    cost = Money(load_default=0, validate=validate.Range(min=0), metadata={"label": "金额（元）"})
    occasion = Line(load_default="", validate=validate.Length(max=200), metadata={"label": "慰问事由"})
    funds_note = Line(load_default="", validate=validate.Length(max=500),
                      metadata={"label": "经费列支说明", "description": "在哪项活动经费中列支"})


class CareVisitCostSchema(_Form):
    cost = Money(required=True, validate=validate.Range(min=0), metadata={"label": "更正后金额（元）"})
    reason = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "更正原因"})
    expected_version = _version()


class AwaySchema(_Form):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    kind = Line(required=True, validate=validate.OneOf(list(rules.AWAY_KINDS)), metadata={"label": "类型"})
    place = Line(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "外出地点"})
    since = Date(required=True, metadata={"label": "外出日期"})
    keep_in_touch = Line(required=True, validate=validate.Length(min=1, max=500), metadata={"label": "联系方式"})
    certificate_no = Line(load_default="", validate=validate.Length(max=60), metadata={"label": "流动党员活动证号"})


class AwayContactSchema(_Form):
    on = Date(required=True, metadata={"label": "联系日期"})
    means = Line(required=True, validate=validate.OneOf(list(rules.CONTACT_MEANS)), metadata={"label": "联系方式"})
    note = Line(load_default="", validate=validate.Length(max=500), metadata={"label": "联系情况"})
    expected_version = _version()


class AwayReturnSchema(_Form):
    on = Date(required=True, metadata={"label": "返回日期"})
    note = Line(load_default="", validate=validate.Length(max=500), metadata={"label": "说明"})
    expected_version = _version()


# -- outputs -------------------------------------------------------------------------------------
class HardshipHelpOutSchema(Schema):
    on = fields.Date()
    what = fields.String()
    cost = Money()
    by = fields.String()


class HardshipOutSchema(Schema):
    id = fields.UUID()
    member_id = fields.UUID()
    member_name = fields.String()
    kind = fields.String()
    since = fields.Date()
    situation = fields.String()
    help_count = fields.Integer()
    help_cost = Money()
    closed_on = fields.Date(allow_none=True)
    close_reason = fields.String(allow_none=True)
    version = fields.Integer()
    help = fields.List(fields.Nested(HardshipHelpOutSchema))


class CareVisitOutSchema(Schema):
    id = fields.UUID()
    member_id = fields.UUID()
    member_name = fields.String()
    on = fields.Date()
    by = fields.String()
    what = fields.String()
    cost = Money()
    occasion = fields.String()
    funds_note = fields.String()
    version = fields.Integer(allow_none=True)


class AwayContactOutSchema(Schema):
    on = fields.Date()
    means = fields.String()
    note = fields.String()


class AwayOutSchema(Schema):
    id = fields.UUID()
    member_id = fields.UUID()
    member_name = fields.String()
    kind = fields.String()
    place = fields.String()
    since = fields.Date()
    keep_in_touch = fields.String()
    certificate_no = fields.String()
    last_contact = fields.Date()
    contact_due = fields.Date()
    overdue = fields.Boolean()
    returned_on = fields.Date(allow_none=True)
    version = fields.Integer()
    contacts = fields.List(fields.Nested(AwayContactOutSchema))


class BirthdayOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    joined_on = fields.Date()
    anniversary = fields.Date()
    years = fields.Integer()
    party_years = fields.Integer(allow_none=True)


class MedalOutSchema(Schema):
    school = fields.String()
    member_id = fields.UUID()
    name = fields.String()
    converted_on = fields.Date()
    party_years = fields.Integer()
    new = fields.Boolean()


class CareMonthArgsSchema(Schema):
    year = Integer(load_default=None, validate=validate.Range(min=1900, max=2100), metadata={"label": "年"})
    month = Integer(load_default=None, validate=validate.Range(min=1, max=12), metadata={"label": "月"})


class CareYearArgsSchema(Schema):
    year = Integer(load_default=None, validate=validate.Range(min=1900, max=2100), metadata={"label": "年"})
