"""Papers of assessment: the democratic evaluation of members' results (民主评议党员结果: the ballot's
totals per member, never who voted what, and the published grades) and the Five Goods self-assessment."""
from __future__ import annotations

from core.errors import N_, NotFoundError
from core.papers import OfficialDocument, Paper, header_of, log_position
from plugins.assessment import queries, rules

COLUMNS = ["序号", "姓名", *(f"测评{word}（票）" for word in rules.GRADES.values()), "评定等次"]


def evaluation_results(k, tenant: str, year) -> object:
    year = int(year)
    found = queries.get_round(k, tenant, year)
    if found is None or found.status != "published":
        raise NotFoundError(N_("本年度民主评议结果尚未公布"))
    as_of = log_position(k, tenant)
    people = queries.list_round_members(k, tenant, found.id)
    graded = [p for p in people if p.grade]
    doc = OfficialDocument(header_of(k, tenant), f"{year}年度民主评议党员结果")
    doc.heading(1, "基本情况")
    doc.fields([("评议开始日期", found.opened_on), ("正式党员人数", found.full_count),
                ("预备党员人数", found.probationary_count), ("参加测评人数", found.ballots),
                ("结果公布日期", found.published_on)])
    doc.heading(1, "评定等次汇总")
    doc.table(["等次", "人数"], [(word, sum(1 for p in graded if p.grade == code)) for code, word in rules.GRADES.items()])
    doc.heading(1, "党员测评与评定情况")
    doc.table(COLUMNS, [(n, p.name, *((p.rating or {}).get(code, 0) for code in rules.GRADES),
                         rules.GRADES.get(p.grade) if p.grade else "预备党员不评定等次")
                        for n, p in enumerate(people, start=1)])
    doc.signature(found.published_on)
    return doc.file([("evaluation", found.id)], as_of, day=found.published_on,
                    filename=f"{year}_evaluation_results.docx")


def _score(value):
    """3.0 → "3", 1.5 → "1.5"; None stays None (shown as "无")."""
    return None if value is None else format(float(value), "g")


def self_assessment(k, tenant: str, year) -> object:
    """The branch's Five Goods self-assessment (五好党支部自评表): every item's points, what the records
    measured, the branch's own score and remark, and the total."""
    year = int(year)
    row = queries.get_assessment(k, tenant, year)
    if row is None:
        raise NotFoundError("assessment")
    as_of = log_position(k, tenant)
    doc = OfficialDocument(header_of(k, tenant), f"{year}年度五好党支部自评表", landscape=True)
    doc.subtitle(row.title)
    for criterion in row.criteria:
        doc.heading(1, f"{criterion['title']}（{criterion.get('points', '')}分）")
        lines = []
        for item in criterion["items"]:
            evidence, own = row.evidence.get(item["code"]) or {}, row.self_scores.get(item["code"]) or {}
            lines.append((item["code"], item["title"], _score(item["points"]), evidence.get("summary"),
                          _score(evidence.get("score")), _score(own.get("score")), own.get("comment")))
        doc.table(["编号", "考核要点", "分值", "记录反映的情况", "系统预填", "自评得分", "自评说明"], lines)
    doc.heading(1, "自评总分与总体评价")
    doc.fields([("自评总分", _score(row.self_total)), ("总体评价", row.self_comment)])
    doc.signature(k.today() if year >= k.today().year else None)
    return doc.file([("assessment", row.id)], as_of, filename=f"{year}_five_goods_self_assessment.docx")


PAPERS = [Paper(code="assessment.evaluation", title=N_("民主评议党员结果"), category="evaluation", subject="year",
                render=evaluation_results),
          Paper(code="assessment.self_assessment", title=N_("五好党支部自评表"), category="evaluation",
                subject="year", render=self_assessment)]
