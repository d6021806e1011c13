"""marshmallow schemas of party dues: the school's settings, API input and output, page forms.

Late payments entered in bulk (pasted rows and their API input) are in ``late_payments``.
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.api import PageMetaSchema
from core.errors import N_
from core.fields import Base64, Date, InputSchema, Instant, Integer, Money, Month, Text, Year, version_field
from plugins.dues import rules


class DuesSettingsSchema(Schema):
    """Local and unconfirmed rules of DOMAIN.md §2.2, set per school."""

    ledger_start = Month(load_default="2026-01",
                         metadata={"label": "建账月份（YYYY-MM，此前党费在原纸质账中）"})
    quarterly = fields.Boolean(load_default=False, metadata={"label": "经支部同意按季度交纳"})
    prepay_limit_months = Integer(load_default=6, validate=validate.Range(min=0, max=24),
                                  metadata={"label": "最多可预交月数"})
    backpay_flag_months = Integer(load_default=6, validate=validate.Range(min=1, max=60),
                                  metadata={"label": "补交超过几个月时标记提示"})
    warning_months = Integer(load_default=3, validate=validate.Range(min=1, max=12),
                             metadata={"label": "连续未交几个月时预警"})
    alert_months = Integer(load_default=6, validate=validate.Range(min=1, max=12),
                           metadata={"label": "连续未交几个月时警示（党章第九条）"})
    higher_committee = Text(load_default="上级党委", metadata={"label": "党费上缴单位"})
    remit_period = Text(load_default="quarterly", validate=validate.OneOf(["monthly", "quarterly"]),
                        metadata={"label": "上缴周期", "choices": {"monthly": "按月", "quarterly": "按季"}})

    @validates_schema(skip_on_field_errors=False)
    def _thresholds(self, data, **_):
        warning, alert = data.get("warning_months"), data.get("alert_months")
        if warning is not None and alert is not None and alert <= warning:
            raise ValidationError(N_(
                "党章第九条警示应在预警之后：警示月数（%(alert)s）须大于预警月数（%(warning)s）",
                alert=alert, warning=warning), field_name="alert_months")


class DuesBaseInSchema(Schema):
    member_id = fields.UUID(required=True, metadata={"label": "党员"})
    year = Year(required=True, validate=validate.Range(min=2000, max=2100), metadata={"label": "年度"})
    from_month = Integer(load_default=1, validate=validate.Range(min=1, max=12),
                         metadata={"label": "自几月起"})
    category = Text(required=True, validate=validate.OneOf(list(rules.CATEGORIES)),
                    metadata={"label": "收入类别"})
    base = Money(load_default=0, validate=validate.Range(min=0), metadata={"label": "月基数（元）"})
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "说明"})
    expected_version = Integer(load_default=None, allow_none=True)


class DuesReliefInSchema(Schema):
    member_id = fields.UUID(required=True)
    year = Year(required=True, validate=validate.Range(min=2000, max=2100))
    from_month = Integer(required=True, validate=validate.Range(min=1, max=12))
    to_month = Integer(required=True, validate=validate.Range(min=1, max=12))
    kind = Text(required=True, validate=validate.OneOf(list(rules.RELIEF_KINDS)))
    amount = Money(load_default=None, allow_none=True, validate=validate.Range(min=0))
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    approver = Text(required=True, validate=validate.Length(min=1, max=120))
    approved_on = Date(load_default=None, allow_none=True)
    expected_version = Integer(load_default=None, allow_none=True)


class DuesPaymentInSchema(Schema):
    member_id = fields.UUID(required=True)
    months = fields.List(Month(), required=True, validate=validate.Length(min=1, max=36))
    method = Text(required=True, validate=validate.OneOf(list(rules.METHODS)))
    paid_on = Date(load_default=None, allow_none=True)
    payer = Text(load_default="", validate=validate.Length(max=60))
    voluntary = Money(load_default=0, validate=validate.Range(min=0))
    note = Text(load_default="", validate=validate.Length(max=500))
    expected_version = Integer(load_default=None, allow_none=True)


class DuesProofFileSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "文件名"})
    content = Base64(required=True, metadata={"description": "文件内容（base64）", "type": "string", "format": "byte"})


class DuesElsewhereInSchema(InputSchema):
    """Dues a member away paid where they are (流入地党组织), recorded by the home branch."""
    member_id = fields.UUID(required=True)
    months = fields.List(Month(), required=True, validate=validate.Length(min=1, max=36),
                         metadata={"label": "在外地交纳的月份"})
    organisation = Text(required=True, validate=validate.Length(min=1, max=200), metadata={"label": "收取党组织"})
    amount = Money(required=True, validate=validate.Range(min=0, min_inclusive=False), metadata={"label": "金额（元）"})
    proof_no = Text(required=True, validate=validate.Length(min=1, max=100), metadata={"label": "收据或凭证号"})
    paid_on = Date(load_default=None, allow_none=True, metadata={"label": "交纳日期"})
    proof_file = fields.Nested(DuesProofFileSchema, load_default=None, allow_none=True,
                               metadata={"label": "凭证文件", "description": "可不填；页面以文件上传"})
    note = Text(load_default="", validate=validate.Length(max=500), metadata={"label": "说明"})
    expected_version = version_field()


class DuesElsewhereOutSchema(Schema):
    key = fields.String()
    member_id = fields.UUID()
    member_name = fields.String()
    months = fields.List(fields.String())
    organisation = fields.String()
    amount = fields.Decimal(as_string=True)
    proof_no = fields.String()
    proof_file = fields.Dict(allow_none=True)
    paid_on = fields.Date()
    note = fields.String()
    recorded_by = fields.String(allow_none=True)
    withdrawn = fields.Boolean(metadata={"description": "已撤销（登记有误，月份恢复为未交）"})
    withdrawn_reason = fields.String(allow_none=True)
    withdrawn_by = fields.String(allow_none=True)
    withdrawn_at = Instant(allow_none=True)


class DuesReversalInSchema(Schema):
    """A reason, and the version the caller saw: reversing a payment, withdrawing dues paid elsewhere."""
    reason = Text(required=True, validate=validate.Length(min=1, max=500))
    expected_version = Integer(load_default=None, allow_none=True)


class DuesRemittanceInSchema(Schema):
    period_from = Month(required=True)
    period_to = Month(required=True)
    amount = Money(required=True, validate=validate.Range(min=0, min_inclusive=False))
    remitted_on = Date(required=True)
    reference = Text(required=True, validate=validate.Length(min=1, max=120))
    recipient = Text(load_default="", validate=validate.Length(max=120))
    note = Text(load_default="", validate=validate.Length(max=500))


class DuesYearQuerySchema(Schema):
    year = Year(load_default=None, allow_none=True, validate=validate.Range(min=2000, max=2100))


class DuesEntryQuerySchema(DuesYearQuerySchema):
    member_id = fields.UUID(load_default=None, allow_none=True)
    page = Integer(load_default=1, validate=validate.Range(min=1))
    per_page = Integer(load_default=50, validate=validate.Range(min=1, max=500))


class DuesMonthQuerySchema(Schema):
    month = Month(load_default=None, allow_none=True)


# -- output ------------------------------------------------------------------------------------------
class DuesBaseOutSchema(Schema):
    member_id = fields.UUID()
    year = fields.Integer()
    from_month = fields.Integer()
    category = fields.String()
    base = Money()
    amount = Money(metadata={"description": "该月起的月交纳额（元，四舍五入到分）"})
    note = fields.String(allow_none=True)
    before = fields.Dict(allow_none=True)
    version = fields.Integer()


class DuesAccountOutSchema(Schema):
    member_id = fields.UUID()
    account_version = fields.Integer()
    receipt_no = fields.String()


class DuesEntryOutSchema(Schema):
    kind = fields.String(metadata={"description": "payment 交纳 / reversal 冲正"})
    receipt_no = fields.String()
    member_id = fields.UUID()
    member_name = fields.String(allow_none=True)
    months = fields.List(fields.String())
    amount = Money()
    voluntary = Money()
    method = fields.String(allow_none=True)
    payer = fields.String(allow_none=True)
    dated = fields.Date()
    collector = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    late = fields.Boolean()
    backpay_flag = fields.Boolean()
    reversed = fields.Boolean()
    account_version = fields.Integer()


class DuesEntryPageSchema(Schema):
    items = fields.List(fields.Nested(DuesEntryOutSchema))
    meta = fields.Nested(PageMetaSchema)


class DuesArrearsOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    months = fields.List(fields.String())
    streak = fields.Integer(metadata={"description": "最长连续未交月数"})
    amount = Money()
    level = fields.String(allow_none=True, metadata={"description": "warning 3 个月 / danger 6 个月"})


class DuesMemberYearOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    due = Money()
    paid = Money()
    unpaid = Money()
    prepaid = Money()
    unpaid_months = fields.Integer()
    waived_months = fields.Integer()
    unknown_months = fields.Integer()


class DuesMonthTotalOutSchema(Schema):
    month = fields.String()
    due = Money()
    paid = Money()
    unpaid = Money()
    unpaid_members = fields.Integer()
    collected = Money()


class DuesAnnualReportOutSchema(Schema):
    year = fields.Integer()
    as_of = fields.Date()
    rounding = fields.String()
    due = Money()
    paid = Money()
    unpaid = Money()
    prepaid = Money()
    collected = Money()
    remitted = Money()
    held = Money()
    members = fields.List(fields.Nested(DuesMemberYearOutSchema))
    months = fields.List(fields.Nested(DuesMonthTotalOutSchema))


class DuesMonthLineOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    due = Money(allow_none=True)
    paid = Money(allow_none=True)
    status = fields.String()
    receipt_no = fields.String(allow_none=True)
    paid_on = fields.Date(allow_none=True)


class DuesMonthlyReportOutSchema(Schema):
    month = fields.String()
    rounding = fields.String()
    due = Money()
    paid = Money()
    collected = Money()
    members = fields.List(fields.Nested(DuesMonthLineOutSchema))


class DuesRemittanceOutSchema(Schema):
    id = fields.UUID()
    period_from = fields.String()
    period_to = fields.String()
    amount = Money()
    remitted_on = fields.Date()
    reference = fields.String()
    recipient = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    cancelled = fields.Boolean()
    version = fields.Integer()
