"""What the tasks plugin hands to shared pages: navigation, the home widget, alerts (due soon, late,
returned, reminded — each saying why) and the district figures (one column per active task)."""
from __future__ import annotations

from datetime import date

from core.errors import N_
from core.kernel import Kernel
from core.plugins import SummaryFact
from core.plugins import Alert, Figure, NavItem, ReportFigure, Widget
from plugins.tasks import queries, rules


def nav_items() -> list[NavItem]:
    return [NavItem(label="上级任务", endpoint="tasks.index", order=80),
            NavItem(label="信息报送", endpoint="tasks.info", order=81)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="任务督办", endpoint="tasks_district.index", order=40),
            NavItem(label="信息报送", endpoint="tasks_district.info", order=41)]


def _standings(k: Kernel, tenant: str, today: date):
    return k.per_request(("tasks.standings", tenant, today), lambda: queries.list_school_tasks(k, tenant, today))


def home_widgets(k: Kernel, tenant: str, today: date) -> list[Widget]:
    standings = _standings(k, tenant, today)
    open_ = [s for s in standings if rules.is_open(s.status)]
    open_.sort(key=lambda s: s.deadline)
    return [Widget(title="上级任务", template="tasks/widgets/tasks.html", order=15,
                   context={"open": open_[:6], "more": max(0, len(open_) - 6), "today": today,
                            "waiting": sum(s.status == "submitted" for s in standings)})]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    soon_days = k.settings(tenant, "tasks")["due_soon_days"]
    out = []
    for s in _standings(k, tenant, today):
        values = {"tenant": tenant, "task_id": s.task_id}
        if s.status == "returned":
            out.append(Alert("danger", N_("任务「%(title)s」被区里退回：%(reason)s。请修改后重新上报（截止 %(deadline)s）",
                                          title=s.title, reason=s.decision_note or "", deadline=s.deadline.isoformat()),
                             source="tasks", due=s.deadline, action="tasks.respond", endpoint="tasks.task",
                             values=values))
        elif rules.is_open(s.status) and today > s.deadline:
            out.append(Alert("danger", N_("任务「%(title)s」已逾期 %(days)s 天（截止 %(deadline)s），尚未上报",
                                          title=s.title, days=(today - s.deadline).days,
                                          deadline=s.deadline.isoformat()),
                             source="tasks", due=s.deadline, action="tasks.respond", endpoint="tasks.task",
                             values=values))
        elif rules.is_open(s.status) and (s.deadline - today).days <= soon_days:
            out.append(Alert("warning", N_("任务「%(title)s」将于 %(deadline)s 截止（还有 %(days)s 天），尚未上报",
                                           title=s.title, deadline=s.deadline.isoformat(),
                                           days=(s.deadline - today).days),
                             source="tasks", due=s.deadline, action="tasks.respond", endpoint="tasks.task",
                             values=values))
        if rules.is_open(s.status) and s.reminded_on is not None:
            text = N_("区里于 %(on)s 催办任务「%(title)s」：%(note)s", on=s.reminded_on.isoformat(), title=s.title,
                      note=s.reminder_note) if s.reminder_note else \
                N_("区里于 %(on)s 催办任务「%(title)s」", on=s.reminded_on.isoformat(), title=s.title)
            out.append(Alert("info", text,
                             source="tasks", action="tasks.respond", endpoint="tasks.task", values=values))
    for row in queries.list_school_info(k, tenant):
        if row.status == "returned":
            out.append(Alert("warning", N_("信息「%(title)s」被区里退回：%(reason)s", title=row.title,
                                           reason=row.reason or ""),
                             source="tasks", action="tasks.respond", endpoint="tasks.info_report",
                             values={"tenant": tenant, "report_id": row.id}))
    return out


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    """One column per active task (its status at this school) and the year's information reports."""
    out = []
    for s in _standings(k, tenant, today):
        if (s.status == "accepted" and s.deadline < today) or s.task_state != "open":
            continue   # done and past, closed or cancelled: no longer an active column
        word = rules.STATUSES[s.status] + ("（逾期）" if s.late else "")
        status = "danger" if s.late else "ok" if s.status in ("accepted", "submitted") else "warning"
        out.append(Figure(f"tasks.task.{s.task_id}", f"任务：{s.title}", word, status=status, order=70))
    out.append(Figure("tasks.info_reports", f"信息报送（{today.year}）", queries.count_info(k, tenant, today.year),
                      "条", order=79))
    return out


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    """Newspaper and journal subscriptions (党报党刊征订) submitted during the period: titles subscribed,
    copies and amount (the answers the school submitted, by the day it submitted them)."""
    lines = queries.subscription_lines(k, tenant, period.first, period.last)
    copies, amount = rules.subscription_totals(lines)
    titles = {line["title"] for line in lines if int(line.get("copies") or 0) > 0}
    return [ReportFigure("tasks.subscriptions.titles", N_("党报党刊征订种数（期内）"), len(titles), "种", 65),
            ReportFigure("tasks.subscriptions.copies", N_("党报党刊征订份数（期内）"), copies, "份", 66),
            ReportFigure("tasks.subscriptions.amount", N_("党报党刊征订金额（期内）"), amount, "元", 67)]


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """The information reports (信息报送) the school sent during the year, for the work summary."""
    return [SummaryFact(key="tasks.info_reports", section="affairs", sentence="全年向上级报送信息{value}{unit}。",
                        value=queries.count_info(k, tenant, year), unit="篇", endpoint="tasks.info",
                        values={"tenant": tenant}, order=80)]
