"""The year's dues publication (党费收缴公示) as an official paper, from the same figures as its page."""
from __future__ import annotations

from datetime import date

from core.errors import N_, NotFoundError
from core.papers import OfficialDocument, Paper, chinese_date, header_of, log_position
from plugins.dues import present, queries


def publication(k, tenant: str, year) -> object:
    year = int(year)
    day = min(k.today(), date(year, 12, 31))
    as_of = log_position(k, tenant)
    data = present.annual(queries.annual(k, tenant, year, k.today()), queries.ledger(k, tenant, year))
    data["year"] = year
    title, columns, rows = present.publication_sheet(data)
    doc = OfficialDocument(header_of(k, tenant), title)
    doc.subtitle(f"（统计截至{chinese_date(data['as_of'])}）")
    doc.heading(1, "收缴总体情况")
    doc.fields([("应交党费（元）", data["due"]), ("已交党费（元）", data["paid"]), ("未交党费（元）", data["unpaid"]),
                ("预交党费（元）", data["prepaid"]), ("本年实收（元）", data["collected"]),
                ("已上缴（元）", data["remitted"]), ("结存（元）", data["held"])])
    doc.heading(1, "党员交纳明细")
    doc.table(columns, rows[:-1] + [[value if value != "" else "—" for value in rows[-1]]])   # 合计
    doc.paragraph("以上情况如有疑问，请向支部组织委员反映。")
    doc.signature(day)
    return doc.file([("dues", f"{year}:{m['member_id']}") for m in data["members"]], as_of, day=day,
                    filename=f"{year}_dues_publication.docx")


def months_text(months: list[str]) -> str:
    """["2026-01", "2026-02", "2026-03", "2026-05"] → "2026年1月至3月、2026年5月" (runs of months joined)."""
    keys = sorted({(int(m[:4]), int(m[5:7])) for m in months})
    runs: list[list[tuple[int, int]]] = []
    for y, m in keys:
        if runs and (runs[-1][-1][0] * 12 + runs[-1][-1][1]) + 1 == y * 12 + m:
            runs[-1].append((y, m))
        else:
            runs.append([(y, m)])
    def run_text(run):
        (y1, m1), (y2, m2) = run[0], run[-1]
        if len(run) == 1:
            return f"{y1}年{m1}月"
        return f"{y1}年{m1}月至{m2}月" if y1 == y2 else f"{y1}年{m1}月至{y2}年{m2}月"
    return "、".join(run_text(r) for r in runs) or "无"


def receipt(k, tenant: str, receipt_no) -> object:
    """One payment's receipt (党费收据): who paid, for which months, how much, when, to whom."""
    row = queries.get_payment(k, tenant, str(receipt_no))
    if row is None:
        raise NotFoundError(N_("没有这张党费收据"))
    entry = present.entry(row)
    as_of = log_position(k, tenant)
    header = header_of(k, tenant)
    doc = OfficialDocument(header, "党费收据")
    doc.subtitle(f"收据号：{row.receipt_no}")
    doc.fields([("单位", header.school), ("党员姓名", row.member_name), ("交纳月份", months_text(row.months)),
                ("金额（元）", f"{entry['amount']:.2f}"), ("金额（大写）", entry["amount_capital"]),
                ("其中自愿多交（元）", f"{entry['voluntary']:.2f}" if row.voluntary_fen else None),
                ("交纳方式", entry["method_label"] or None), ("交款人", row.payer or row.member_name),
                ("收款日期", chinese_date(row.dated)), ("收款人", row.collector)])
    if row.reversed:
        reversal = queries.get_reversal(k, tenant, row.receipt_no)
        doc.paragraph(f"本收据已于{chinese_date(reversal.dated if reversal else None)}冲正作废"
                      f"（原因：{(reversal.reason if reversal else None) or '无'}）。")
    doc.signature(row.dated, signer=header.branch)
    return doc.file([("dues_payment", row.receipt_no)], as_of, day=row.dated,
                    filename=f"{row.receipt_no}_dues_receipt.docx")


def receipt_choices(k, tenant: str) -> list[tuple[str, str]]:
    return [(r.receipt_no, f"{r.receipt_no} {r.member_name or ''} {r.dated.isoformat()} "
             f"¥{present.entry(r)['amount']:.2f}{'（已冲正）' if r.reversed else ''}")
            for r in queries.recent_payments(k, tenant)]


PAPERS = [Paper(code="dues.publication", title=N_("党费收缴公示（年度）"), category="dues", subject="year",
                render=publication),
          Paper(code="dues.receipt", title=N_("党费收据"), category="dues", subject="receipt",
                render=receipt, choices=receipt_choices)]
