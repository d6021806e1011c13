"""What dues contribute to the school home page, the district dashboard and the Five Goods assessment."""
from __future__ import annotations

from datetime import date

from core.kernel import Kernel
from core.plugins import Alert, Evidence, Figure, Widget
from plugins.dues import obligations, queries, rules
from plugins.members import public as members


def _names(found, level: str) -> list[str]:
    return [f"{a.account.name}（{a.streak}个月）" for a, lv in found if lv == level]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    """A warning at 3 consecutive unpaid months, an alert at 6 (党章第九条)."""
    found = queries.arrears(k, tenant, today)
    pol = queries.policy(k, tenant)
    url = f"/t/{tenant}/dues/arrears"
    out = []
    danger = _names(found, "danger")
    if danger:
        out.append(Alert("danger", f"连续 {pol.alert_months} 个月及以上未交纳党费（党章第九条，须支部研究处理）："
                         + "、".join(danger), url, "dues", action="dues.arrears"))
    warning = _names(found, "warning")
    if warning:
        out.append(Alert("warning", f"连续 {pol.warning_months} 个月以上未交纳党费：" + "、".join(warning), url, "dues",
                         action="dues.arrears"))
    return out


def widget(k: Kernel, tenant: str, today: date, username: str) -> Widget:
    """The branch's figures, and the signed-in member's own unpaid months (only theirs)."""
    report = queries.annual(k, tenant, today.year, today)
    found = queries.arrears(k, tenant, today)
    month = next((m for m in report.months if m.month == rules.month_of(today)), None)
    me = members.member_for_user(k, tenant, username)
    own = next((a.streak for a, _lv in found if me is not None and a.account.member_id == me), None)
    return Widget(title="党费", template="dues/widgets/summary.html", order=20, context={
        "dues_report": report, "dues_month": month, "dues_ledger": queries.ledger(k, tenant),
        "dues_in_arrears": len(found), "dues_alerts": sum(1 for _a, lv in found if lv == "danger"),
        "dues_own_streak": own})


def figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    """Collection rate this year (months whose period has ended) and members in arrears."""
    accts, pol = queries.school_accounts(k, tenant)
    last = rules.last_due_month(today, pol.quarterly)
    report = obligations.annual_report(accts, today.year, min(today, obligations.last_day(last))) \
        if last.year == today.year else None
    rate = report.rate if report else None
    found = queries.arrears(k, tenant, today)
    levels = [lv for _a, lv in found]
    value, unit = ("—", "") if rate is None else (round(rate * 100, 1), "%")
    return [
        Figure("dues.collection_rate", "党费收缴率", value, unit,
               "ok" if rate is None or rate >= 0.95 else ("warning" if rate >= 0.8 else "danger"), 20),
        Figure("dues.members_in_arrears", "欠交党费人数（达预警）", sum(1 for lv in levels if lv), "人",
               "danger" if "danger" in levels else ("warning" if "warning" in levels else "ok"), 21),
    ]


def evidence(k: Kernel, tenant: str, year: int) -> list[Evidence]:
    """``dues.full_on_time``: share of member-months of the year paid in full and on time."""
    accts, pol = queries.school_accounts(k, tenant)
    today = k.today()
    if year > today.year:
        return []
    measured = obligations.punctuality(accts, year, today if year == today.year else date(year + 1, 1, 1), pol)
    events = [{"id": str(r.account_id), "version": r.version} for r in queries.payment_events(k, tenant, year)]
    return [Evidence(
        item="dues.full_on_time", score_ratio=round(measured.ratio, 4),
        summary=(f"{year} 年应交 {measured.due_months} 人次月，已交 {measured.paid_months}，"
                 f"按时足额 {measured.on_time_months}（{measured.ratio * 100:.1f}%）"),
        figures={"due_months": measured.due_months, "paid_months": measured.paid_months,
                 "on_time_months": measured.on_time_months, "ratio": measured.ratio},
        links=[{"label": f"{year} 年党费交纳登记表", "url": f"/t/{tenant}/dues/payments?year={year}",
                "events": events}])]
