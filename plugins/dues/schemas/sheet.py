"""The dues sheet of a period in the API (党费收缴表): what it lists, what a save sends and answers;
and a single payment's answer with its warnings."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from core.errors import N_
from core.fields import Date, Line, Money, Month, Text
from plugins.dues import rules
from plugins.dues.rules import sheet
from plugins.dues.schemas import DuesEntryOutSchema


def a_period(text: str) -> None:
    """A month (2026-11) or a quarter (2026-Q4) of the years the ledger can hold (2000–2100)."""
    try:
        sheet.parse_period(text)
    except (ValueError, OverflowError) as exc:
        raise ValidationError(N_("应为 2000–2100 年间的月份（2026-11）或季度（2026-Q4）")) from exc


class DuesSheetQuerySchema(Schema):
    period = Text(load_default=None, allow_none=True, validate=a_period,
                  metadata={"description": "月份 2026-11 或季度 2026-Q4；默认按上缴周期取本月或本季"})


class DuesSheetRowOutSchema(Schema):
    member_id = fields.UUID()
    name = fields.String()
    category = fields.String(allow_none=True)
    base = Money(allow_none=True)
    months = fields.List(fields.String(), metadata={"description": "本期未交的月份"})
    owed = Money(metadata={"description": "本期应交未交（元）"})
    paid = Money(metadata={"description": "本期已交（元）"})
    paid_months = fields.List(fields.String())
    unbased_months = fields.List(fields.String(), metadata={"description": "尚无基数、金额未定的月份"})
    earlier_unpaid = fields.List(fields.String(), metadata={"description": "更早的未交月份（提示）"})


class DuesSheetOutSchema(Schema):
    period = fields.String()
    first = fields.String()
    last = fields.String()
    rows = fields.List(fields.Nested(DuesSheetRowOutSchema))


class DuesSheetPaymentInSchema(Schema):
    member_id = fields.UUID(required=True)
    months = fields.List(Month(), required=True, validate=validate.Length(min=1, max=12),
                         metadata={"description": "所交月份（收缴表上显示的未交月份）"})
    amount = Money(required=True, validate=validate.Range(min=0, min_inclusive=False),
                   metadata={"description": "实交金额（元）；多于应交的部分记为自愿多交"})


class DuesSheetInSchema(Schema):
    payments = fields.List(fields.Nested(DuesSheetPaymentInSchema), required=True,
                           validate=validate.Length(min=1, max=500))
    method = Text(required=True, validate=validate.OneOf(list(rules.METHODS)))
    paid_on = Date(load_default=None, allow_none=True)
    note = Line(load_default="", validate=validate.Length(max=200))


class DuesSheetReceiptOutSchema(Schema):
    member_id = fields.UUID()
    receipt_no = fields.String()
    amount = Money()
    warnings = fields.List(fields.String())


class DuesSheetSavedOutSchema(Schema):
    receipts = fields.List(fields.Nested(DuesSheetReceiptOutSchema))
    warnings = fields.List(fields.String(), metadata={"description": "提示（如更早月份尚未交纳），不阻止登记"})


class DuesPaymentOutSchema(DuesEntryOutSchema):
    warnings = fields.List(fields.String(), metadata={"description": "提示（如更早月份尚未交纳），不阻止登记"})
