"""What the disclosure plugin hands to shared pages: navigation, the home widget, alerts (due and
overdue disclosures, objections unanswered) and district figures. Read-only; plugin.py delegates here."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from core.errors import N_
from core.kernel import Kernel
from core.plugins import SummaryFact
from core.plugins import Alert, Figure, NavItem, Widget
from plugins.disclosure import models as m, queries, rules


def nav_items() -> list[NavItem]:
    return [NavItem(label="党务公开", endpoint="disclosure.index", order=48)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="党务公开情况", endpoint="disclosure_district.index", order=60)]


def _open_objections(k: Kernel, tenant: str) -> int:
    t = m.items
    with k.reading() as conn:
        return int(conn.scalar(select(func.coalesce(func.sum(t.c.objections_open), 0))
                               .where(t.c.tenant == tenant, t.c.objections_open > 0)) or 0)


def _counts(k: Kernel, tenant: str, today: date) -> dict:
    found = queries.obligations(k, tenant, today)
    counts = {s: sum(1 for o in found if o["status"] == s) for s in rules.STATUSES}
    return {**counts, "all": len(found), "obligations": found}


def home_widgets(k: Kernel, tenant: str, today: date) -> list[Widget]:
    c = _counts(k, tenant, today)
    return [Widget(title="党务公开", template="disclosure/widgets/summary.html", order=48,
                   context={"due": c["due"], "overdue": c["overdue"], "disclosed": c["disclosed"]})]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    out: list[Alert] = []
    values = {"tenant": tenant}
    for o in queries.obligations(k, tenant, today):
        entry = o["entry"]
        if o["status"] == "overdue":
            out.append(Alert("danger", rules.overdue_reason(entry.content, o["title"], o["event_date"], entry.days),
                             source="disclosure", due=o["due_by"], action="disclosure.edit",
                             endpoint="disclosure.index", values=values))
        elif o["status"] == "due":
            out.append(Alert("warning", N_("「%(title)s」（%(content)s）应在 %(by)s 前公开",
                                           title=o["title"], content=entry.content, by=o["due_by"].isoformat()),
                             source="disclosure", due=o["due_by"], action="disclosure.edit",
                             endpoint="disclosure.index", values=values))
    open_objections = _open_objections(k, tenant)
    if open_objections:
        out.append(Alert("warning", N_("党务公开收到的意见有 %(n)s 条尚未答复", n=open_objections),
                         source="disclosure", action="disclosure.edit", endpoint="disclosure.items", values=values))
    return out


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    c = _counts(k, tenant, today)
    rate = round(100 * c["disclosed"] / c["all"], 1) if c["all"] else "—"
    return [Figure("disclosure.overdue", "逾期未公开", c["overdue"], "项", status="danger" if c["overdue"] else "ok",
                   order=60),
            Figure("disclosure.due", "待公开", c["due"], "项", order=61),
            Figure("disclosure.disclosed", "近一年已公开", c["disclosed"], "项", order=62),
            Figure("disclosure.rate", "近一年公开率", rate, "%", order=63),
            Figure("disclosure.objections", "意见未答复", _open_objections(k, tenant), "条", order=64)]


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """党务公开 of the work summary: what the branch disclosed during the year (by the day of the
    disclosed fact), what the catalogue asked of it, and what of that is overdue (on the day drafted)."""
    items = [r for r in queries.list_items(k, tenant) if r.event_date.year == year and not r.withdrawn]
    asked = queries.year_obligations(k, tenant, year, k.today())
    listing, board = {"tenant": tenant}, {"tenant": tenant}
    return [SummaryFact(key="disclosure.items", section="disclosure", sentence="全年党务公开{value}{unit}",
                        value=len(items), unit="项", endpoint="disclosure.items", values=listing, order=90),
            SummaryFact(key="disclosure.obligations", section="disclosure",
                        sentence="（按公开目录应公开{value}{unit}", value=len(asked), unit="项",
                        endpoint="disclosure.index", values=board, order=91),
            SummaryFact(key="disclosure.overdue", section="disclosure", sentence="，逾期未公开{value}{unit}）。",
                        value=sum(1 for o in asked if o["status"] == "overdue"), unit="项",
                        endpoint="disclosure.index", values=board, order=92),
            SummaryFact(key="disclosure.objections", section="disclosure",
                        sentence="收到群众意见{value}{unit}。",
                        value=sum(r.objections for r in items), unit="条", endpoint="disclosure.items",
                        values=listing, order=93)]
