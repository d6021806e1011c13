"""What the dues pages (and API) share: the year a page shows, posted form values, validation messages by
field label, Excel downloads named after the school, and what a sheet, an import and an early payment
say in the reader's language (gettext: the pure modules give codes and values, these make sentences)."""
from __future__ import annotations

from datetime import date

from flask import g, request
from flask_babel import gettext
from marshmallow import ValidationError

from core.commands import flash_validation as core_flash_validation
from core.excel import xlsx_response
from core.kernel import kernel
from core.web import year_arg
from plugins.dues import rules

LABELS = {"member_id": "党员", "year": "年度", "from_month": "起始月份", "to_month": "结束月份",
          "category": "收入类别", "base": "月基数", "kind": "减免方式", "amount": "金额", "reason": "原因",
          "approver": "审批组织或审批人", "approved_on": "批准日期", "months": "月份", "method": "交纳方式",
          "paid_on": "交纳日期", "payer": "代缴人", "voluntary": "自愿多交", "period_from": "起始月份",
          "period_to": "结束月份", "remitted_on": "上缴日期", "reference": "凭证号", "note": "说明"}


def year_shown() -> int:
    """The year asked for (``?year=``), else this year."""
    return year_arg() or kernel().today().year


def form_values(exclude=("csrf_token", "_form")) -> dict:
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

def months_text(months: list[date]) -> str:
    return "、".join(rules.month_key(m) for m in months)


def earlier_unpaid(months: list[date]) -> str:
    """The warning for a payment made while earlier months are unpaid (a warning, not a refusal)."""
    return gettext("更早的月份尚未交纳：%(months)s（可一并补交）", months=months_text(months))


def problem(code: str, values: dict) -> str:
    """One row of an import: what is wrong with it, or what to look at."""
    texts = {
        "unknown_name": lambda v: gettext("「%(name)s」不在应交党费的党员名单上", **v),
        "ambiguous_name": lambda v: gettext("「%(name)s」有 %(n)s 人重名，请改用工号/ID 列", **v),
        "unknown_id": lambda v: gettext("工号/ID「%(id)s」找不到党员", **v),
        "other_name": lambda v: gettext("表中姓名「%(name)s」与该 ID 的党员「%(member)s」不同", **v),
        "bad_amount": lambda v: gettext("金额「%(text)s」无法识别（应为大于零的金额，最多两位小数）", **v),
        "bad_date": lambda v: gettext("日期「%(text)s」无法识别（如 2026-11-10）", **v),
        "bad_months": lambda v: gettext("月份「%(text)s」无法识别（如 2026-11、2026-10至2026-12）", **v),
        "twice": lambda v: gettext("%(name)s 在表中出现多次", **v),
        "nothing_owed": lambda v: gettext("%(period)s 没有未交的月份（已交清或尚未定基数）", **v),
        "month_paid": lambda v: gettext("%(month)s 已交纳（收据 %(receipt)s）", **v),
        "month_waived": lambda v: gettext("%(month)s 已批准免交", **v),
        "month_no_base": lambda v: gettext("%(month)s 尚未登记党费基数", **v),
        "month_before_start": lambda v: gettext("%(month)s 不在该党员的应交期间内", **v),
        "amount_short": lambda v: gettext("金额 ¥%(amount)s 少于应交 ¥%(owed)s：党费按月足额交纳", **v),
        "amount_differs": lambda v: gettext("金额 ¥%(amount)s 与应交 ¥%(owed)s 不同，多出的 ¥%(extra)s 记为自愿多交", **v),
        "earlier_unpaid": lambda v: gettext("更早的月份尚未交纳：%(months)s（可一并补交）", **v),
    }
    say = texts.get(code)
    return say(values) if say else code


def rows_in_words(rows: list) -> list:
    """Imported rows with their problems and warnings as sentences (in place; returned for chaining)."""
    for row in rows:
        row.errors = [problem(*e) if isinstance(e, tuple) else e for e in row.errors]
        row.warnings = [problem(*w) if isinstance(w, tuple) else w for w in row.warnings]
    return rows
