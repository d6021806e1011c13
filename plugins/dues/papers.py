"""The year's dues publication (党费收缴公示) as an official paper, from the same figures as its page."""
from __future__ import annotations

from datetime import date

from core.errors import N_
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


PAPERS = [Paper(code="dues.publication", title=N_("党费收缴公示（年度）"), category="dues", subject="year",
                render=publication)]
