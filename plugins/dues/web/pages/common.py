"""What the dues pages share: the year a page shows, posted form values, validation messages by
field label, and Excel downloads named after the school."""
from __future__ import annotations

from flask import g, request
from marshmallow import ValidationError

from core.commands import flash_validation as core_flash_validation
from core.excel import xlsx_response
from core.kernel import kernel
from core.web import year_arg

LABELS = {"member_id": "党员", "year": "年度", "from_month": "起始月份", "to_month": "结束月份",
          "category": "收入类别", "base": "月基数", "kind": "减免方式", "amount": "金额", "reason": "原因",
          "approver": "审批组织或审批人", "approved_on": "批准日期", "months": "月份", "method": "交纳方式",
          "paid_on": "交纳日期", "payer": "代缴人", "voluntary": "自愿多交", "period_from": "起始月份",
          "period_to": "结束月份", "remitted_on": "上缴日期", "reference": "凭证号", "note": "说明"}


def year_shown() -> int:
    """The year asked for (``?year=``), else this year."""
    return year_arg() or kernel().today().year


def form_values(exclude=("csrf_token",)) -> dict:
    """The posted form as a schema's input: blanks dropped, ``months`` kept as a list."""
    data = {}
    for key in request.form:
        if key in exclude:
            continue
        values = [v for v in request.form.getlist(key) if v != ""]
        if key == "months":
            data[key] = values
        elif values:
            data[key] = values[0]
    return data


def flash_validation(exc: ValidationError) -> None:
    core_flash_validation(exc, LABELS)


def xlsx(name: str, sheets):
    return xlsx_response(f"{g.tenant.name}{name}.xlsx", sheets)
