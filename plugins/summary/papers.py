"""The adopted summary as an official paper (GB/T 9704 DOCX): each section's text with its figures,
then an appendix table of every figure with its source; filed by the archive."""
from __future__ import annotations

from core.errors import N_, NotFoundError
from core.papers import OfficialDocument, Paper, header_of, log_position
from plugins.summary import queries, rules


def annual_summary(k, tenant: str, year) -> object:
    year = int(year)
    row = queries.get_summary(k, tenant, year)
    if row is None or row.adopted_on is None:
        raise NotFoundError("adopted summary")
    as_of = log_position(k, tenant)
    facts = {f["key"]: f for f in row.facts}
    doc = OfficialDocument(header_of(k, tenant), f"{year}年度党建工作总结")
    for code, title in rules.SECTIONS.items():
        doc.heading(1, title)
        for para in (p for p in rules.plain(row.sections.get(code, ""), facts, row.overrides).split("\n") if p.strip()):
            doc.paragraph(para.strip())
    doc.heading(1, "附：总结中的数据及来源")
    doc.table(["数据", "文中数值", "记录数值", "来源"],
              [(f["key"], rules.shown(f, row.overrides), f["value"], f.get("url") or f["endpoint"]) for f in row.facts])
    doc.signature(row.adopted_on)
    return doc.file([("summary", row.id)], as_of, day=row.adopted_on, filename=f"{year}_work_summary.docx")


PAPERS = [Paper(code="summary.annual", title=N_("年度党建工作总结"), category="own", subject="year",
                render=annual_summary)]
