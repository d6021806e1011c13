"""Payments made before they were entered (补录), several at once: the rows a page pastes or uploads,
read into commands (pure), and the API's schemas for the same input.

One row per payment: 姓名, 月份, 交纳日期, 交纳方式, 代缴人, 备注. 月份 is one month (2026-03), a range
(2026-01至2026-06) or a list (2026-01、2026-03). ``services.record_late_payments`` checks every row
against the rules and saves all or nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from marshmallow import Schema, fields, validate

from core.fields import Date, Line, Month
from core.table_input import parse_date, without_header
from plugins.dues import rules

COLUMNS = ["姓名", "月份", "交纳日期", "交纳方式", "代缴人", "备注"]
EXAMPLE = "张三\t2026-01至2026-06\t2026-07-10\t现金\t\t上半年党费"
METHOD_BY_LABEL = {**{label: code for code, label in rules.METHODS.items()}, **{c: c for c in rules.METHODS},
                   "转账": "transfer", "线上": "online", "代缴": "proxy"}


@dataclass
class LatePayment:
    number: int
    name: str = ""
    member_id: str | None = None
    months: list[date] = field(default_factory=list)
    paid_on: date | None = None
    method: str = ""
    payer: str = ""
    note: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def months_label(self) -> str:
        return "、".join(rules.month_key(m) for m in self.months)

    def command(self) -> dict:
        return {"number": self.number, "member_id": self.member_id, "months": self.months,
                "paid_on": self.paid_on, "method": self.method, "payer": self.payer, "note": self.note}


def months_of(text: str) -> list[date]:
    """2026-03 / 2026-01至2026-06 / 2026-01、2026-03 → the months."""
    text = text.strip().replace("年", "-").replace("月", "")
    span = re.fullmatch(r"(\d{4}-\d{1,2})\s*(?:至|到|~|～|—|--)\s*(\d{4}-\d{1,2})", text)
    if span:
        first, last = rules.parse_month(span[1]), rules.parse_month(span[2])
        if last < first or rules.months_between(first, last) > 36:
            raise ValueError(text)
        return list(rules.month_range(first, last))
    parts = [p for p in re.split(r"[、,，;；\s]+", text) if p]
    if not parts or not all(re.fullmatch(r"\d{4}-\d{1,2}", p) for p in parts):
        raise ValueError(text)
    return sorted({rules.parse_month(p) for p in parts})


def read(rows: list[list[str]], people: dict[str, list[str]]) -> list[LatePayment]:
    """``people``: a member's name → their ids."""
    out = []
    for number, cells in without_header(rows, COLUMNS[0]):
        name, months, paid_on, method, payer, note = (cells + [""] * len(COLUMNS))[:len(COLUMNS)]
        row = LatePayment(number, name=name.strip(), payer=payer, note=note)
        ids = people.get(row.name, [])
        if len(ids) == 1:
            row.member_id = ids[0]
        else:
            row.errors.append(f"「{row.name}」" + ("不在名册上" if not ids else "有重名，请在党员页面逐个登记"))
        try:
            row.months = months_of(months)
        except ValueError:
            row.errors.append(f"月份「{months}」无法识别（如 2026-03、2026-01至2026-06）")
        try:
            row.paid_on = parse_date(paid_on)
        except ValueError:
            row.errors.append(f"交纳日期「{paid_on}」无法识别（如 2026-07-10）")
        row.method = METHOD_BY_LABEL.get(method.strip(), "")
        if not row.method:
            row.errors.append(f"交纳方式「{method}」无法识别（{'、'.join(rules.METHODS.values())}）")
        out.append(row)
    return out


# -- the API ----------------------------------------------------------------------------------------
class LatePaymentSchema(Schema):
    """A payment made before it is entered, for whole months at their due amounts."""

    member_id = fields.UUID(required=True)
    months = fields.List(Month(), required=True, validate=validate.Length(min=1, max=36),
                         metadata={"description": "所交月份（YYYY-MM）"})
    paid_on = Date(required=True, metadata={"description": "交纳日期（早于今天）"})
    method = fields.String(required=True, validate=validate.OneOf(list(rules.METHODS)))
    payer = Line(load_default="", validate=validate.Length(max=60))
    note = Line(load_default="", validate=validate.Length(max=200))


class LatePaymentsSchema(Schema):
    payments = fields.List(fields.Nested(LatePaymentSchema), required=True, validate=validate.Length(min=1, max=500))


class LatePaymentOutSchema(Schema):
    member_id = fields.UUID()
    receipt_no = fields.String()
