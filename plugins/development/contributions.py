"""What development contributes to shared pages: the home widget, alerts, district figures, rosters,
Five Goods evidence."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from core.errors import N_
from core.kernel import Kernel
from core.clock import local_day
from core.plugins import ReportPeriod, SummaryFact, summary_facts_from
from core.plugins import (
    Alert, Disclosable, Evidence, Figure, MyItem, MySection, Phrase, ReportFigure, RosterSection, Widget,
)
from plugins.development import present, public, queries, rules, services
from core.tenancy.queries import records_from


def _url(tenant: str, case_id) -> str:
    return f"/t/{tenant}/development/{case_id}"


def _why(item) -> str:
    return f"期限 {item.due.isoformat()}" + (f"，{item.rule}" if item.rule else "")


def home_widgets(k: Kernel, tenant: str, today: date) -> list[Widget]:
    """The work list: the next steps of open cases and their deadlines (names applicants: ``development.view``)."""
    items = queries.worklist(k, tenant, today, services.rule_book(k, tenant))
    return [Widget(title="发展党员工作清单", template="development/widgets/worklist.html",
                   context={"development_items": items[:8], "development_total": len(items)}, order=40,
                   action="development.view")]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    """Deadlines from the school's start in Zhibu on: a step due before it is a late entry to make
    (the step may well be done on paper), not an overdue alert."""
    start = records_from(k, tenant) or date.min
    out = []
    for item in queries.worklist(k, tenant, today, services.rule_book(k, tenant)):
        if item.due and item.due < start:
            out.append(Alert("info", f"发展党员：{item.name} {item.title} 的期限（{item.due.isoformat()}）早于本校"
                                     f"在本系统记录的起始日期 {start.isoformat()}，如已完成请补录该步骤",
                             None, "development", item.due, action="development.view",
                             endpoint="development.detail", values={"tenant": tenant, "case_id": item.case_id}))
        elif item.overdue:
            out.append(Alert("danger", f"发展党员：{item.name} {item.title} 已逾期（{_why(item)}）",
                             None, "development", item.due, action="development.view",
                             endpoint="development.detail", values={"tenant": tenant, "case_id": item.case_id}))
        elif item.due and item.due <= today + timedelta(days=7):
            out.append(Alert("warning", f"发展党员：{item.name} {item.title} 即将到期（{_why(item)}）",
                             None, "development", item.due, action="development.view",
                             endpoint="development.detail", values={"tenant": tenant, "case_id": item.case_id}))
    return out


def figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    start = records_from(k, tenant) or date.min
    items = queries.worklist(k, tenant, today, services.rule_book(k, tenant))
    open_cases = len(queries.list_cases(k, tenant, "open"))
    overdue = len({i.case_id for i in items if i.overdue and i.due >= start})
    return [Figure("development.open", "发展党员进行中", open_cases, "人", order=40),
            Figure("development.overdue", "发展党员逾期事项", overdue, "人",
                   "danger" if overdue else "ok", order=41)]


def roster_sections(k: Kernel, tenant: str, as_of: date) -> list[RosterSection]:
    """``as_of``: a day of the world (an instant is taken as its local day)."""
    data = queries.roster(k, tenant, local_day(as_of))
    return [RosterSection(key=f"development.{kind}", title=title, columns=present.ROSTER_COLUMNS,
                          rows=[present.roster_row(r) for r in data[kind]], action="development.view")
            for kind, title in queries.ROSTER_KINDS.items()]


def _link(tenant: str, label: str, case_id, versions: list[int]) -> dict:
    return {"label": label, "url": _url(tenant, case_id),
            "events": [{"id": str(case_id), "version": v} for v in versions]}


def evidence(k: Kernel, tenant: str, year: int) -> list[Evidence]:
    """``development.quality``: deadline-bound steps of the year done on time (guards cannot be
    bypassed, so every recorded step respected them); ``development.conversion_on_time``."""
    out = []
    rows = queries.year_steps(k, tenant, year)
    if rows:
        on_time = [r for r in rows if not r.late]
        by_case: dict = {}
        for r in rows:
            by_case.setdefault(r.case_id, []).append(r)
        names = {c.id: c.name for c in queries.list_cases(k, tenant)}
        out.append(Evidence(
            item="development.quality", score_ratio=len(on_time) / len(rows),
            summary=f"{year}年有期限要求的发展步骤 {len(rows)} 项，按时完成 {len(on_time)} 项，逾期 {len(rows) - len(on_time)} 项",
            figures={"steps": len(rows), "on_time": len(on_time), "late": len(rows) - len(on_time)},
            links=[_link(tenant, names.get(cid, str(cid)), cid, [r.version for r in items])
                   for cid, items in by_case.items()]))
    today = k.today()
    conv = [c for c in queries.conversions(k, tenant, year)
            if c.converted_on or c.probation_end + timedelta(days=31) < today]
    if conv:
        good = [c for c in conv if c.converted_on and c.on_time]
        out.append(Evidence(
            item="development.conversion_on_time", score_ratio=len(good) / len(conv),
            summary=f"{year}年应转正预备党员 {len(conv)} 名，按期转正 {len(good)} 名",
            figures={"due": len(conv), "on_time": len(good)},
            links=[_link(tenant, c.name, c.id, _versions(k, tenant, c.id, ("admitted", "converted", "extended")))
                   for c in conv]))
    return out


def _versions(k: Kernel, tenant: str, case_id, kinds: tuple) -> list[int]:
    return [h.version for h in queries.case_history(k, tenant, case_id) if h.kind in kinds]


def my_sections(k: Kernel, tenant: str, member_id: UUID, today: date) -> list[MySection]:
    """The member's own development case ("我的发展材料"), if they were admitted through one: its
    status, the steps done with their dates and what comes next."""
    row = queries.case_of_member(k, tenant, member_id)
    if row is None:
        return []
    items = [MyItem(title=Phrase("第%(n)s步 %(title)s", {"n": n, "title": Phrase(rules.STEPS[n].title)}),
                    details=[("日期", on)], status="已完成", level="ok")
             for n, on in sorted(((int(n), on) for n, on in row.dates.items()), key=lambda step: step[0])
             if n in rules.STEPS]
    for nxt in queries.work_items(row, today, services.rule_book(k, tenant)):
        items.append(MyItem(title=nxt.title, details=[("期限", nxt.due.isoformat())] if nxt.due else [],
                            status="已逾期" if nxt.overdue else "待办", level="danger" if nxt.overdue else "info"))
    figures = [("当前状态", Phrase(rules.STATUSES.get(row.status, row.status)), ""),
               ("申请日期", row.applied_on.isoformat(), "")]
    if row.probation_end:
        figures.append(("预备期满", row.probation_end.isoformat(), ""))
    return [MySection(key="development", title="我的发展材料", order=50, figures=figures, items=items)]


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    """People in training for membership at the period's last day (入党积极分子、发展对象) and those
    admitted during it, by the dates of their cases."""
    f = public.figures(k, tenant, period.first, period.last)
    return [ReportFigure("development.applicants", N_("入党申请人（期末）"), f["applicants"], "人", 30),
            ReportFigure("development.activists", N_("入党积极分子（期末）"), f["activists"], "人", 31),
            ReportFigure("development.targets", N_("发展对象（期末）"), f["targets"], "人", 32),
            ReportFigure("development.trainees", N_("培养对象合计（积极分子+发展对象）"),
                         f["activists"] + f["targets"], "人", 33),
            ReportFigure("development.admitted", N_("接收预备党员（期内）"), f["admitted"], "人", 34)]


def disclosable(k: Kernel, tenant: str, since: date, until: date) -> list[Disclosable]:
    """Each publicity window (公示) of development begun from ``since`` to ``until``: the person's name
    and the window are what a publicity publishes, nothing else of the case."""
    return [Disclosable(kind="development.publicity", key=f"development.publicity:{r.case_id}:{r.kind}:{r.start}",
                        title=f"{rules.PUBLICITY_KINDS.get(r.kind, r.kind)}：{r.name}", event_date=r.start,
                        text=f"{r.name}同志拟列入{rules.PUBLICITY_KINDS.get(r.kind, r.kind)}，公示期 {r.start} 至 {r.end}"
                             f"（{r.working_days} 个工作日）。公示期间如有意见，请向党支部反映。",
                        endpoint="development.detail", values={"tenant": tenant, "case_id": r.case_id})
            for r in queries.publicity_windows(k, tenant, since, until)]


SUMMARY_SENTENCES = {
    "development.applicants": ("development", "年底有入党申请人{value}{unit}。"),
    "development.activists": ("development", "入党积极分子{value}{unit}。"),
    "development.targets": ("development", "发展对象{value}{unit}。"),
}


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """The year's figures for the work summary (年度党建工作总结), each with its sentence and source."""
    values = {"tenant": tenant, "year": year} if "development.index" in ("plans.plan", "dues.publication") else {"tenant": tenant}
    return summary_facts_from(report_figures(k, tenant, ReportPeriod.parse(str(year))), SUMMARY_SENTENCES,
                              "development.index", values)
