"""What the integrity plugin contributes to shared pages: navigation, widgets, alerts, district figures,
member flags and Five Goods evidence. Read-only; plugin.py delegates here."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.kernel import Kernel
from core.errors import N_
from core.plugins import ReportPeriod, SummaryFact, summary_facts_from
from core.plugins import (
    Alert, Disclosable, Evidence, Figure, Flag, MyItem, MySection, NavItem, Phrase, ReportFigure, Widget,
)
from plugins.integrity import queries, rules
from plugins.members import public as members


def _url(tenant: str, path: str = "") -> str:
    return f"/t/{tenant}/integrity/{path}"


def nav_items() -> list[NavItem]:
    return [NavItem(label="廉洁与承诺", endpoint="integrity.index", order=50),
            NavItem(label="承诺公示栏", endpoint="integrity.board", order=51),
            NavItem(label="师德师风", endpoint="integrity.ethics", order=52)]


def home_widgets(k: Kernel, tenant: str, today: date, username: str) -> list[Widget]:
    """The branch's figures, and the signed-in member's own latest ethics result (only theirs)."""
    me = members.member_for_user(k, tenant, username)
    own = queries.ethics_of(k, tenant, me, _ethics_year(k, tenant, today)) if me is not None else None
    return [Widget(title="廉洁与承诺", template="integrity/widgets/summary.html",
                   context={"o": queries.overview(k, tenant, today.year), "url": _url(tenant), "own_ethics": own},
                   order=50)]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    out = []
    config = queries.get_settings(k, tenant)
    pending = queries.list_pending_review(k, tenant)
    if pending:
        out.append(Alert("info", f"有 {len(pending)} 项公开承诺待支部审核", source="integrity", action="integrity.review",
                         endpoint="integrity.commitments", values={"tenant": tenant, "year": today.year}))
    due = queries.items_due(k, tenant, today, config["deadline_warning_days"])
    overdue = [i for i in due if i.deadline < today]
    soon = [i for i in due if i.deadline >= today]
    if overdue:
        out.append(Alert("danger", f"{len(overdue)} 项公开承诺已过完成时限，尚未评定兑现情况",
                         source="integrity", due=overdue[0].deadline, action="integrity.edit",
                         endpoint="integrity.commitments", values={"tenant": tenant, "year": today.year}))
    if soon:
        out.append(Alert("warning", f"{len(soon)} 项公开承诺将在 {config['deadline_warning_days']} 天内到期",
                         source="integrity", due=soon[0].deadline,
                         endpoint="integrity.board", values={"tenant": tenant, "year": today.year}))
    for item in queries.list_missed_without_cause(k, tenant, today.year):
        out.append(Alert("danger", f"{item.owner_name}的承诺「{item.content[:20]}」无故未兑现",
                         source="integrity", action="integrity.edit",
                         endpoint="integrity.commitment", values={"tenant": tenant, "commitment_id": item.commitment_id}))
    for row in queries.list_ethics(k, tenant, _ethics_year(k, tenant, today)):
        if row.veto:
            out.append(Alert("warning", f"{row.member_name} {row.year} 年度师德考核一票否决",
                             source="integrity", action="integrity.ethics",
                             endpoint="integrity.ethics", values={"tenant": tenant, "year": row.year}))
    return out


def _ethics_year(k: Kernel, tenant: str, today: date) -> int:
    """The latest year with ethics results (assessments are made at year end)."""
    return next((y for y in queries.ethics_years(k, tenant) if y <= today.year), today.year)


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    o = queries.overview(k, tenant, today.year)
    ethics_year = _ethics_year(k, tenant, today)
    vetoes = sum(1 for r in queries.list_ethics(k, tenant, ethics_year) if r.veto)
    concluded = sum(o["outcomes"].values())
    rate = rules.fulfilment_ratio([key for key, n in o["outcomes"].items() for _ in range(n)])
    return [
        Figure("integrity.items_accepted", "承诺事项（已通过）", o["items_accepted"], "项", order=50),
        Figure("integrity.fulfilment_rate", "承诺兑现率", f"{rate * 100:.0f}" if concluded else "—", "%",
               status="ok" if not concluded or rate >= 0.8 else "warning", order=51),
        Figure("integrity.missed_without_cause", "无故未兑现", o["missed_without_cause"], "项",
               status="danger" if o["missed_without_cause"] else "ok", order=52),
        Figure("integrity.volunteer_hours", "志愿服务时长", f"{o['volunteer_hours']:g}", "小时", order=53),
        Figure("integrity.pairs_active", "在帮结对", o["pairs_active"], "对", order=54),
        Figure("integrity.ethics_vetoes", f"师德一票否决（{ethics_year}）", vetoes, "人",
               status="danger" if vetoes else "ok", order=55),
    ]


def member_flags(k: Kernel, tenant: str, member_id, year: int) -> list[Flag]:
    member_id = UUID(str(member_id))
    flags = []
    ethics = queries.ethics_of(k, tenant, member_id, year)
    if ethics is not None and ethics.veto:
        flags.append(Flag(code="integrity.ethics_veto", severity="danger",
                          label=f"{year} 年度师德考核一票否决：{ethics.veto_reason or ethics.grade}"))
    missed = queries.member_missed_without_cause(k, tenant, member_id, year)
    if missed:
        flags.append(Flag(code="integrity.commitment_missed", label=f"{year} 年度有 {missed} 项承诺无故未兑现"))
    return flags


def assessment_evidence(k: Kernel, tenant: str, year: int) -> list[Evidence]:
    return [_commitments_evidence(k, tenant, year), _ethics_evidence(k, tenant, year)]


def _commitments_evidence(k: Kernel, tenant: str, year: int) -> Evidence:
    letters, outcomes = queries.evidence_commitments(k, tenant, year)
    values = [o.outcome for o in outcomes]
    ratio = rules.fulfilment_ratio(values)
    fulfilled = values.count("fulfilled")
    summary = (f"{year} 年公布评诺结果 {len(letters)} 份，评定承诺事项 {len(values)} 项，已兑现 {fulfilled} 项"
               + (f"，无故未兑现 {sum(l.missed_without_cause for l in letters)} 项" if letters else ""))
    return Evidence(
        item="integrity.commitments", score_ratio=ratio, summary=summary,
        figures={"letters": len(letters), "items": len(values), "fulfilled": fulfilled,
                 "partial": values.count("partial"), "missed": values.count("missed"),
                 "missed_without_cause": sum(l.missed_without_cause for l in letters)},
        links=[{"label": f"{l.owner_name}：{l.total} 分「{l.rating}」", "url": _url(tenant, f"commitments/{l.id}"),
                "events": [{"id": str(l.id), "version": l.published_version}]} for l in letters])


def _ethics_evidence(k: Kernel, tenant: str, year: int) -> Evidence:
    rows = queries.list_ethics(k, tenant, year)
    teachers = [mv for mv in members.list_members(k, tenant) if mv.category == "teacher"]
    vetoes = [r for r in rows if r.veto]
    veto_grades = rules.ethics_veto_grades(queries.get_settings(k, tenant))
    passed = [r for r in rows if not r.veto and r.grade not in veto_grades]
    base = max(len(teachers), len(rows))
    ratio = 0.0 if vetoes or not base else round(len(passed) / base, 4)
    summary = (f"{year} 年度教师党员 {len(teachers)} 人，已考核 {len(rows)} 人"
               + (f"，一票否决 {len(vetoes)} 人" if vetoes else "，无一票否决"))
    return Evidence(
        item="integrity.ethics", score_ratio=ratio, summary=summary,
        figures={"teachers": len(teachers), "assessed": len(rows), "vetoes": len(vetoes), "passed": len(passed)},
        links=[{"label": f"{r.member_name}：{r.grade}" + ("（一票否决）" if r.veto else ""),
                "url": _url(tenant, f"ethics?year={year}"), "events": [{"id": str(r.id), "version": r.version}]}
               for r in rows])


def my_sections(k: Kernel, tenant: str, member_id: UUID, today: date) -> list[MySection]:
    """A member's own commitments of the year and how each stands ("我的承诺"), and their latest
    teacher-ethics result (师德考核), only theirs."""
    items = []
    for row in queries.member_items(k, tenant, member_id, today.year):
        if row.outcome:
            status, level = rules.OUTCOMES.get(row.outcome, row.outcome), \
                "ok" if row.outcome == "fulfilled" else "warning"
        else:
            status, level = rules.ITEM_STATUSES.get(row.status, row.status), \
                "danger" if row.status == "returned" else "info"
        details = [("领域", Phrase(rules.AREAS.get(row.area, row.area))), ("完成时限", row.deadline.isoformat()),
                   ("进展", Phrase("%(n)s 次", {"n": row.progress_count}))]
        if row.last_progress_on:
            details.append(("最近进展", row.last_progress_on.isoformat()))
        items.append(MyItem(title=row.content, details=details, status=status, level=level,
                            url=_url(tenant, f"commitments/{row.commitment_id}")))
    ethics = queries.ethics_of(k, tenant, member_id, _ethics_year(k, tenant, today))
    figures = [("师德考核", f"{ethics.year} {ethics.grade}", "danger" if ethics.veto else "ok")] if ethics else []
    return [MySection(key="integrity", title="我的承诺", order=40, items=items, figures=figures,
                      empty="本年度尚无您的承诺事项", link_label="承诺公示栏",
                      endpoint="integrity.board", values={"tenant": tenant, "year": today.year})]


def disclosable(k: Kernel, tenant: str, since: date, until: date) -> list[Disclosable]:
    """The commitment board (党员公开承诺) of each year whose first commitment was published from
    ``since`` to ``until``: who promised what, as the board shows it."""
    out = []
    for year in range(since.year, until.year + 1):
        published = [c.published_on for c in queries.list_commitments(k, tenant, year) if c.published_on]
        if not published or not since <= min(published) <= until:
            continue
        items = queries.list_board_items(k, tenant, year)
        out.append(Disclosable(kind="integrity.commitments", key=f"integrity.commitments:{year}",
                               title=f"{year}年度党员公开承诺", event_date=min(published),
                               text=f"{year}年度公开承诺 {len({i.owner_name for i in items})} 人、{len(items)} 项。",
                               columns=("承诺人", "承诺事项", "完成时限"),
                               rows=tuple((i.owner_name, i.content, i.deadline.isoformat()) for i in items),
                               endpoint="integrity.board", values={"tenant": tenant}))
    return out


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    """Commitments (承诺) of the period's year: made, and those whose items were all fulfilled."""
    rows = queries.list_commitments(k, tenant, period.last.year)
    return [ReportFigure("integrity.commitments", N_("党员承诺（年度）"), len(rows), "项", 60),
            ReportFigure("integrity.commitments.fulfilled", N_("承诺全部践诺（年度）"),
                         sum(bool(r.items_total) and r.items_fulfilled >= r.items_total for r in rows), "项", 61)]


SUMMARY_SENTENCES = {
    "integrity.commitments": ("integrity", "党员作出公开承诺{value}{unit}。"),
    "integrity.commitments.fulfilled": ("integrity", "其中全部践诺{value}{unit}。"),
}


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """The year's figures for the work summary (年度党建工作总结), each with its sentence and source."""
    values = {"tenant": tenant, "year": year} if "integrity.index" in ("plans.plan", "dues.publication") else {"tenant": tenant}
    return summary_facts_from(report_figures(k, tenant, ReportPeriod.parse(str(year))), SUMMARY_SENTENCES,
                              "integrity.index", values)
