"""What reporting hands to shared pages: navigation, the home widget, reminders of forms due, and a
district dashboard column per open form (submitted or not)."""
from __future__ import annotations

from datetime import date, timedelta

from core.kernel import Kernel
from core.plugins import Alert, Figure, NavItem, Widget
from plugins.reports import queries, rules

REMIND_DAYS = 14   # a form due within this many days and not yet submitted is an alert


def nav_items() -> list[NavItem]:
    return [NavItem(label="报表报送", endpoint="reports.index", order=80)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="报表报送", endpoint="reports_district.index", order=45)]


def _standing(k: Kernel, tenant: str) -> list[tuple]:
    """Each open form with this school's report of it (None when not opened)."""
    def compute():
        mine = {r.subject: r for r in queries.list_reports(k, tenant)}
        return [(form, mine.get(str(form.id))) for form in queries.list_forms(k, open_only=True)]
    return k.per_request(("reports", "standing", tenant), compute)


def home_widgets(k: Kernel, tenant: str, today: date) -> list[Widget]:
    standing = _standing(k, tenant)
    if not standing:
        return []
    pending = [(f, r) for f, r in standing if r is None or r.status != "submitted"]
    return [Widget(title="报表报送", template="reports/widgets/summary.html", order=80, action="reports.view",
                   context={"tenant": tenant, "total": len(standing), "pending": pending[:5],
                            "pending_count": len(pending), "today": today})]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    out = []
    for form, report in _standing(k, tenant):
        if report is not None and report.status == "submitted":
            continue
        if today < form.due_on - timedelta(days=REMIND_DAYS):
            continue
        late = today > form.due_on
        text = (f"区里的《{form.title}》（{form.period}）须于 {form.due_on.isoformat()} 前报送，"
                f"{'已逾期未报送' if late else '尚未报送'}")
        out.append(Alert(level="danger" if late else "warning", text=text, source="reports", due=form.due_on,
                         action="reports.edit", endpoint="reports.form", values={"tenant": tenant, "form_id": form.id}))
    return out


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    """A column per open form: whether this school submitted it."""
    out = []
    for n, (form, report) in enumerate(_standing(k, tenant)):
        done = report is not None and report.status == "submitted"
        returned = done and queries.returned_reason(k, tenant, report) is not None
        out.append(Figure(key=f"reports.form.{form.id}", label=f"《{form.title}》{form.period}",
                          value="已退回" if returned else "已报送" if done else "未报送",
                          status="danger" if returned else "ok" if done else
                          ("danger" if today > form.due_on else "warning"), order=80 + n))
    last = queries.get_report(k, tenant, rules.STATISTICS, str(today.year - 1))
    done = last is not None and last.status == "submitted"
    out.append(Figure(key="reports.statistics", label=f"{today.year - 1}年党员统计报表",
                      value="已报送" if done else "未报送", status="ok" if done else "warning", order=79))
    return out
