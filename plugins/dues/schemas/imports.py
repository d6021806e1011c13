"""A month's (or quarter's) payments imported from the payroll or bank sheet (工资代扣/银行流水导入):
the rows read into payments (pure), each with its problems and warnings as codes with values; the
pages say them in words. ``services.record_sheet`` saves all rows or none.

Columns, found by the header row: 姓名 or 工号/ID (the member's id in Zhibu), 金额, 日期 (optional:
the day paid, else the day on the page), 月份 (optional: else every unpaid month of the period).
Without a header the columns are 姓名, 金额, 日期, 月份 in that order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from core.table_input import parse_date
from plugins.dues import rules
from plugins.dues.rules import ZERO, obligations, sheet
from plugins.dues.schemas.late_payments import months_of

COLUMNS = ["姓名", "工号/ID", "金额", "日期", "月份"]
EXAMPLE = "姓名\t金额\t日期\n张三\t45.50\t2026-11-10"
HEADERS = {"姓名": "name", "名字": "name", "党员": "name", "工号": "id", "id": "id", "编号": "id",
           "工号/id": "id", "金额": "amount", "实缴金额": "amount", "扣款金额": "amount", "日期": "paid_on",
           "交纳日期": "paid_on", "扣款日期": "paid_on", "月份": "months", "所属月份": "months"}
POSITIONAL = ["name", "amount", "paid_on", "months"]


@dataclass
class ImportedPayment:
    number: int
    name: str = ""
    member_id: str | None = None
    member_name: str = ""
    months: list[date] = field(default_factory=list)
    amount: Decimal | None = None
    owed: Decimal | None = None
    paid_on: date | None = None
    errors: list[tuple[str, dict]] = field(default_factory=list)     # (code, values): nothing is saved
    warnings: list[tuple[str, dict]] = field(default_factory=list)   # (code, values): saved, but look

    @property
    def months_label(self) -> str:
        return "、".join(rules.month_key(m) for m in self.months)

    def command(self) -> dict:
        return {"key": f"第 {self.number} 行", "member_id": self.member_id, "months": self.months,
                "amount": self.amount, "paid_on": self.paid_on}


def layout(rows: list[list[str]]) -> tuple[dict[str, int], int]:
    """(field → column index, first data row): from the header row when there is one."""
    if rows:
        found = {HEADERS[c.strip().lower()]: i for i, c in reversed(list(enumerate(rows[0])))
                 if c.strip().lower() in HEADERS}
        if "amount" in found:
            return found, 1
    return {name: i for i, name in enumerate(POSITIONAL)}, 0


def _money(text: str) -> Decimal:
    value = Decimal(text.replace(",", "").replace("¥", "").replace("￥", "").replace("元", "").strip())
    if not value.is_finite() or value <= 0 or value != rules.to_fen(value):
        raise ValueError(text)
    return value


def read(rows: list[list[str]], people: dict[str, list[str]], accounts: dict[str, obligations.Account],
         period: sheet.Period) -> list[ImportedPayment]:
    """``people``: a name → the member ids of that name; ``accounts``: member id → their dues."""
    columns, start = layout(rows)
    out, seen = [], set()
    for index, cells in enumerate(rows[start:], start=start + 1):
        cell = {name: (cells[i] if i < len(cells) else "").strip() for name, i in columns.items()}
        row = ImportedPayment(index, name=cell.get("name") or cell.get("id", ""))
        _match(row, cell, people, accounts)
        try:
            row.amount = _money(cell.get("amount", ""))
        except (ValueError, InvalidOperation):
            row.errors.append(("bad_amount", {"text": cell.get("amount", "")}))
        if cell.get("paid_on"):
            try:
                row.paid_on = parse_date(cell["paid_on"])
            except ValueError:
                row.errors.append(("bad_date", {"text": cell["paid_on"]}))
        account = accounts.get(row.member_id or "")
        if account is not None:
            if row.member_id in seen:
                row.errors.append(("twice", {"name": row.member_name}))
            seen.add(row.member_id)
            _owed(row, cell.get("months", ""), account, period)
        out.append(row)
    return out


def _match(row: ImportedPayment, cell: dict, people: dict[str, list[str]], accounts: dict) -> None:
    given_id, name = cell.get("id", ""), cell.get("name", "")
    if given_id:
        if given_id.lower() in accounts:
            row.member_id = given_id.lower()
        else:
            row.errors.append(("unknown_id", {"id": given_id}))
            return
    else:
        ids = [i for i in people.get(name, []) if i in accounts]
        if not name or not ids:
            row.errors.append(("unknown_name", {"name": name}))
            return
        if len(ids) > 1:
            row.errors.append(("ambiguous_name", {"name": name, "n": len(ids)}))
            return
        row.member_id = ids[0]
    row.member_name = accounts[row.member_id].name
    if name and given_id and name != row.member_name:
        row.warnings.append(("other_name", {"name": name, "member": row.member_name}))


def _owed(row: ImportedPayment, months_text: str, account: obligations.Account, period: sheet.Period) -> None:
    lines = {line.month: line for line in obligations.lines(account, account.first_month,
                                                            rules.add_months(period.last, 24))}
    if months_text:
        try:
            row.months = months_of(months_text)
        except ValueError:
            row.errors.append(("bad_months", {"text": months_text}))
            return
    else:
        row.months = [m for m in period.months if m in lines and lines[m].status == "unpaid"]
        if not row.months:
            row.errors.append(("nothing_owed", {"period": period.key}))
            return
    for month in row.months:
        line = lines.get(month)
        status = line.status if line else "before_start"
        if status != "unpaid":
            row.errors.append((f"month_{status}", {"month": rules.month_key(month),
                                                   "receipt": line.paid.receipt_no if line and line.paid else ""}))
    if row.errors:
        return
    row.owed = sum((lines[m].due for m in row.months), ZERO)
    if row.amount is not None and row.amount < row.owed:
        row.errors.append(("amount_short", {"amount": row.amount, "owed": row.owed}))
    elif row.amount is not None and row.amount > row.owed:
        row.warnings.append(("amount_differs", {"amount": row.amount, "owed": row.owed,
                                                "extra": row.amount - row.owed}))
    earlier = sheet.earlier_unpaid(account, row.months)
    if earlier:
        row.warnings.append(("earlier_unpaid", {"months": "、".join(rules.month_key(m) for m in earlier)}))
