"""Shapes of dues data for pages, the API and Excel sheets (no Flask, no I/O)."""
from __future__ import annotations

from datetime import date

from plugins.dues import rules
from plugins.dues.rules import from_fen, month_key, obligations, reports


def entry(row) -> dict:
    data = dict(row._mapping)
    data["amount"] = from_fen(row.amount_fen)
    data["voluntary"] = from_fen(row.voluntary_fen)
    data["amount_capital"] = rules.capital_amount(data["amount"])
    data["account_version"] = row.version
    data["method_label"] = rules.METHODS.get(row.method or "", "")
    return data


def base(row) -> dict:
    data = dict(row._mapping)
    data["base"] = from_fen(row.base_fen)
    data["amount"] = from_fen(row.amount_fen)
    data["category_label"] = rules.CATEGORIES.get(row.category, row.category)
    return data


def relief(row) -> dict:
    data = dict(row._mapping)
    data["amount"] = from_fen(row.amount_fen)
    data["kind_label"] = rules.RELIEF_KINDS.get(row.kind, row.kind)
    return data


def remittance(row) -> dict:
    data = dict(row._mapping)
    data["amount"] = from_fen(row.amount_fen)
    data["period_from"] = month_key(row.period_from)
    data["period_to"] = month_key(row.period_to)
    return data


def arrears(found: obligations.Arrears, level: str | None) -> dict:
    return {"member_id": found.account.member_id, "name": found.account.name,
            "months": [month_key(m) for m in found.months], "streak": found.streak,
            "amount": found.amount, "level": level, "since": found.since}


def annual(report: reports.AnnualReport, ledger: dict) -> dict:
    return {
        "year": report.year, "as_of": report.as_of, "rounding": rules.ROUNDING_NOTE,
        "due": report.due, "paid": report.paid, "unpaid": report.unpaid, "prepaid": report.prepaid,
        "collected": report.collected, "remitted": ledger["remitted"], "held": ledger["held"],
        "members": [{"member_id": r.account.member_id, "name": r.account.name, "due": r.due, "paid": r.paid,
                     "unpaid": r.unpaid, "prepaid": r.prepaid, "unpaid_months": r.unpaid_months,
                     "waived_months": r.waived_months, "unknown_months": r.unknown_months,
                     "amounts": r.amounts} for r in report.members],
        "months": [{"month": month_key(m.month), "due": m.due, "paid": m.paid, "unpaid": m.unpaid,
                    "unpaid_members": m.unpaid_members, "collected": m.collected} for m in report.months],
    }


def monthly(rows: list[tuple], month: date, collected) -> dict:
    members = []
    for account, line in rows:
        if line is None:
            continue
        members.append({"member_id": account.member_id, "name": account.name, "due": line.due,
                        "paid": line.paid.amount if line.paid else None, "status": line.status,
                        "status_label": obligations.STATUS_LABELS[line.status],
                        "receipt_no": line.paid.receipt_no if line.paid else None,
                        "paid_on": line.paid.paid_on if line.paid else None, "relief": line.relief})
    return {"month": month_key(month), "rounding": rules.ROUNDING_NOTE,
            "due": sum((m["due"] or rules.ZERO for m in members), rules.ZERO),
            "paid": sum((m["paid"] or rules.ZERO for m in members), rules.ZERO),
            "collected": collected, "members": members}


# -- Excel sheets: (title, headers, rows) ------------------------------------------------------------
def entries_sheet(rows: list[dict]):
    return ("党费交纳登记表", ["日期", "收据号", "类型", "党员", "所交月份", "金额（元）", "其中自愿多交",
                         "方式", "代缴人", "收缴人", "补录", "补交超期", "已冲正", "冲正原因"],
            [[r["dated"], r["receipt_no"], "交纳" if r["kind"] == "payment" else "冲正", r["member_name"],
              "、".join(r["months"]), r["amount"], r["voluntary"], r["method_label"], r["payer"] or "",
              r["collector"] or "", "是" if r["late"] else "", "是" if r["backpay_flag"] else "",
              "是" if r["reversed"] else "", r["reason"] or ""] for r in rows])


def arrears_sheet(rows: list[dict]):
    return ("欠交党费名单", ["党员", "未交月数", "最长连续未交（月）", "未交月份", "未交金额（元）", "提示"],
            [[r["name"], len(r["months"]), r["streak"], "、".join(r["months"]), r["amount"],
              {"danger": "连续6个月以上", "warning": "连续3个月以上"}.get(r["level"], "")] for r in rows])


def annual_sheets(data: dict):
    members = ("按党员", ["党员", "应交（元）", "已交（元）", "未交（元）", "预交（元）", "未交月数", "免交月数",
                        "未定基数月数"],
               [[r["name"], r["due"], r["paid"], r["unpaid"], r["prepaid"], r["unpaid_months"],
                 r["waived_months"], r["unknown_months"]] for r in data["members"]]
               + [["合计", data["due"], data["paid"], data["unpaid"], data["prepaid"], "", "", ""]])
    months = ("按月份", ["月份", "应交（元）", "已交（元）", "未交（元）", "未交人数", "当月实收（元）"],
              [[r["month"], r["due"], r["paid"], r["unpaid"], r["unpaid_members"], r["collected"]]
               for r in data["months"]])
    notes = ("说明", ["项目", "内容"], [["截至", data["as_of"]], ["舍入规则", data["rounding"]],
                                     ["本年实收（元）", data["collected"]], ["本年上缴（元）", data["remitted"]],
                                     ["支部结存（元）", data["held"]]])
    return [members, months, notes]


def monthly_sheet(data: dict):
    return (f"{data['month']}月报", ["党员", "应交（元）", "已交（元）", "状态", "收据号", "交纳日期"],
            [[r["name"], r["due"], r["paid"], r["status_label"], r["receipt_no"] or "", r["paid_on"]]
             for r in data["members"]])


def publication_sheet(data: dict):
    return (f"{data['year']}年党费收缴公示", ["序号", "党员", "月交纳额（元）", "应交（元）", "已交（元）", "未交（元）"],
            [[i, r["name"], " / ".join(str(a) for a in r["amounts"]), r["due"], r["paid"], r["unpaid"]]
             for i, r in enumerate(data["members"], start=1)]
            + [["", "合计", "", data["due"], data["paid"], data["unpaid"]]])


def remittances_sheet(rows: list[dict]):
    return ("党费上缴记录", ["上缴日期", "所属期间", "金额（元）", "凭证号", "上缴单位", "说明", "状态"],
            [[r["remitted_on"], f"{r['period_from']} 至 {r['period_to']}", r["amount"], r["reference"],
              r["recipient"] or "", r["note"] or "", "已冲正" if r["cancelled"] else "有效"] for r in rows])


def sheet(period, rows: list) -> dict:
    """The dues sheet of a period for the API."""
    return {"period": period.key, "first": month_key(period.first), "last": month_key(period.last),
            "rows": [{"member_id": r.account.member_id, "name": r.account.name, "category": r.category,
                      "base": r.base, "months": [month_key(m) for m in r.owed_months], "owed": r.owed,
                      "paid": r.paid, "paid_months": [month_key(m) for m in r.paid_months],
                      "unbased_months": [month_key(m) for m in r.unbased],
                      "earlier_unpaid": [month_key(m) for m in r.earlier]} for r in rows]}


def elsewhere(row) -> dict:
    """Dues paid where the member is (流入地党组织), for pages and the API."""
    return {"key": row.key, "member_id": row.member_id, "member_name": row.member_name, "months": list(row.months),
            "organisation": row.organisation, "amount": from_fen(row.amount_fen), "proof_no": row.proof_no,
            "proof_file": row.proof_file, "paid_on": row.paid_on, "note": row.note, "recorded_by": row.actor,
            "withdrawn": row.withdrawn, "withdrawn_reason": row.withdrawn_reason, "withdrawn_by": row.withdrawn_by,
            "withdrawn_at": row.withdrawn_at}
