"""What dues hand to the core through hooks: the school home page's widget and alerts, the district
figures and the Five Goods assessment's evidence."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_
from core.kernel import Kernel
from core.plugins import ReportPeriod, SummaryFact, summary_facts_from
from core.plugins import (Alert, Disclosable, Evidence, Figure, MyItem, MySection, Phrase, RecordLink, ReportFigure,
                          Widget)
from plugins.dues import queries, rules
from plugins.dues.queries import standing
from plugins.dues.rules import obligations, reports
from plugins.members import public as members


def _span(months: list[date]) -> str:
    first, last = rules.month_key(months[0]), rules.month_key(months[-1])
    return first if first == last else f"{first} 至 {last}"


def arrears_text(found: obligations.Arrears, level: str, pol: rules.Policy) -> str:
    """Why the alert fired: the rule, the run of months and the money owed for it."""
    why = (f"连续 {found.streak} 个月未交（{_span(found.run)}，应交 ¥{found.run_amount:.2f}）")
    if len(found.months) > found.streak:
        why += f"，共欠交 {len(found.months)} 个月 ¥{found.amount:.2f}"
    if level == "danger":
        return (f"{found.account.name}：{why}。党章第九条：连续 {pol.alert_months} 个月不交纳党费，"
                "须支部研究处理")
    return f"{found.account.name}：{why}，已达 {pol.warning_months} 个月预警线，请及时催交"


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    """Only money actually owed raises an alert: a warning at 3 consecutive unpaid months, an alert
    at 6 (党章第九条), one per member with the months and the amount, linked to the member's record.
    A member with months and no base recorded owes an unknown amount: a task to set the base."""
    pol = queries.policy(k, tenant)
    out = []
    for found, level in standing.arrears(k, tenant, today):
        if level:
            out.append(Alert(level, arrears_text(found, level, pol), None, "dues", found.run[-1], action="dues.arrears",
                             endpoint="dues.member", values={"tenant": tenant, "member_id": found.account.member_id}))
    for account, months in standing.missing_bases(k, tenant, today):
        out.append(Alert("info", f"请为 {account.name} 核定党费基数（{_span(months)} 共 {len(months)} 个月"
                                 "尚无基数，应交金额无法计算）",
                         f"/t/{tenant}/dues/members/{account.member_id}#base", "dues", action="dues.manage",
                         endpoint="dues.member", values={"tenant": tenant, "member_id": account.member_id}))
    return out


def widget(k: Kernel, tenant: str, today: date, username: str) -> Widget:
    """The branch's figures, and the signed-in member's own unpaid months (only theirs)."""
    report = standing.annual_totals(k, tenant, today.year, today)
    found = standing.arrears(k, tenant, today)
    month = next((m for m in report.months if m.month == rules.month_of(today)), None)
    me = members.member_for_user(k, tenant, username)
    own = next((a.streak for a, _lv in found if me is not None and a.account.member_id == me), None)
    return Widget(title="党费", template="dues/widgets/summary.html", order=20, context={
        "dues_report": report, "dues_month": month, "dues_ledger": queries.ledger(k, tenant),
        "dues_in_arrears": len(found), "dues_alerts": sum(1 for _a, lv in found if lv == "danger"),
        "dues_own_streak": own})


def figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    """Collection rate this year (months whose period has ended) and members in arrears."""
    last = rules.last_due_month(today, queries.policy(k, tenant).quarterly)
    report = standing.annual_totals(k, tenant, today.year, min(today, rules.last_day(last))) \
        if last.year == today.year else None
    rate = report.rate if report else None
    found = standing.arrears(k, tenant, today)
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
    measured = reports.punctuality(accts, year, today if year == today.year else date(year + 1, 1, 1), pol)
    events = [{"id": str(r.account_id), "version": r.version} for r in queries.payment_events(k, tenant, year)]
    return [Evidence(
        item="dues.full_on_time", score_ratio=round(measured.ratio, 4),
        summary=(f"{year} 年应交 {measured.due_months} 人次月，已交 {measured.paid_months}，"
                 f"按时足额 {measured.on_time_months}（{measured.ratio * 100:.1f}%）"),
        figures={"due_months": measured.due_months, "paid_months": measured.paid_months,
                 "on_time_months": measured.on_time_months, "ratio": measured.ratio},
        links=[{"label": f"{year} 年党费交纳登记表", "url": f"/t/{tenant}/dues/payments?year={year}",
                "events": events}])]


def my_sections(k: Kernel, tenant: str, member_id: UUID, today: date) -> list[MySection]:
    """The member's own dues ("我的党费"): what is owed now, what was paid this year, and the receipts."""
    accts, pol = queries.school_accounts(k, tenant)
    account = next((a for a in accts if a.member_id == member_id), None)
    receipts = queries.list_entries(k, tenant, member_id=member_id)
    if account is None and not receipts and not queries.member_elsewhere(k, tenant, member_id):
        return []
    figures = []
    if account is not None:
        owed = obligations.arrears(account, rules.last_due_month(today, pol.quarterly))
        this_year = obligations.lines(account, date(today.year, 1, 1), date(today.year, 12, 1))
        paid = sum((line.paid.amount for line in this_year if line.paid is not None), rules.ZERO)
        level = obligations.arrears_level(owed.streak, pol) or ("warning" if owed.months else "ok")
        figures.append(("应交未交", Phrase("%(n)s 个月 ¥%(amount)s", {"n": len(owed.months), "amount": f"{owed.amount:.2f}"})
                        if owed.months else Phrase("无"), level))
        figures.append(("本年已交", f"¥{paid:.2f}", ""))
        if owed.unbased:
            figures.append(("尚未核定基数", Phrase("%(n)s 个月", {"n": len(owed.unbased)}), "warning"))
    items = [MyItem(title=row.receipt_no,
                    details=[("交纳日期" if row.kind == "payment" else "冲正日期", row.dated.isoformat()),
                             ("月份", "、".join(row.months)), ("金额", f"¥{rules.from_fen(row.amount_fen):.2f}")],
                    status="已冲正" if row.reversed else ("冲正" if row.kind == "reversal" else "已交"),
                    level="muted" if row.reversed or row.kind == "reversal" else "ok")
             for row in receipts[:24]]
    items += [MyItem(title=Phrase("在外地交纳 %(key)s", {"key": row.key}),
                     details=[("交纳日期", row.paid_on.isoformat()), ("月份", "、".join(row.months)),
                              ("金额", f"¥{rules.from_fen(row.amount_fen):.2f}"), ("收取党组织", row.organisation),
                              ("收据或凭证号", row.proof_no)]
                             + ([("撤销原因", row.withdrawn_reason)] if row.withdrawn else []),
                     status="已撤销" if row.withdrawn else "已交（外地）", level="muted" if row.withdrawn else "ok")
              for row in queries.member_elsewhere(k, tenant, member_id)]
    return [MySection(key="dues", title="我的党费", order=20, figures=figures, items=items, empty="尚无交纳记录",
                      link_label="党费收缴公示", endpoint="dues.publication", values={"tenant": tenant})]


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    """Dues collected during the period: payments less reversals, by the day each was made."""
    total = sum((amount for day, amount in queries.collections(k, tenant) if period.first <= day <= period.last),
                rules.ZERO)
    return [ReportFigure("dues.collected", N_("收缴党费（期内）"), total, "元", 40)]


def disclosable(k: Kernel, tenant: str, since: date, until: date) -> list[Disclosable]:
    """The dues publication (党费收缴公示) of each quarter and year that ended from ``since`` to ``until``:
    the branch's totals (due, paid, unpaid, collected), never a member's own figures."""
    out: list[Disclosable] = []
    for year in range(since.year, until.year + 1):
        report = standing.annual_totals(k, tenant, year, min(until, date(year, 12, 31)))
        periods = [(f"{year}-Q{q}", date(year, 3 * q, 1),
                    [m for m in report.months if (m.month.month - 1) // 3 == q - 1]) for q in range(1, 5)] + [(str(year), date(year, 12, 1), report.months)]
        for code, last_month, months in periods:
            last = rules.last_day(last_month)
            if not since <= last <= until or not months:
                continue
            due, paid, unpaid, collected = (sum((getattr(m, f) for m in months), start=type(report.due)(0))
                                            for f in ("due", "paid", "unpaid", "collected"))
            if not due and not collected:
                continue   # nothing owed or collected: nothing to publish
            out.append(Disclosable(
                kind="dues.publication", key=f"dues.publication:{code}", title=f"{code} 党费收缴情况公示",
                event_date=last, period=code,
                text=f"{code} 应交党费 {due:.2f} 元，已交 {paid:.2f} 元，未交 {unpaid:.2f} 元，实收 {collected:.2f} 元。",
                columns=("月份", "应交（元）", "已交（元）", "未交（元）", "实收（元）"),
                rows=tuple((rules.month_key(m.month), f"{m.due:.2f}", f"{m.paid:.2f}", f"{m.unpaid:.2f}",
                            f"{m.collected:.2f}") for m in months),
                endpoint="dues.publication", values={"tenant": tenant, "year": year}))
    return out


SUMMARY_SENTENCES = {
    "dues.collected": ("affairs", "全年收缴党费{value}{unit}，按季度公示。"),
}


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """The year's figures for the work summary (年度党建工作总结), each with its sentence and source."""
    values = {"tenant": tenant, "year": year} if "dues.publication" in ("plans.plan", "dues.publication") else {"tenant": tenant}
    return summary_facts_from(report_figures(k, tenant, ReportPeriod.parse(str(year))), SUMMARY_SENTENCES,
                              "dues.publication", values)


def record_links(k: Kernel, tenant: str, record: str, record_id) -> list[RecordLink]:
    """On a member-away record (``care.away``, ``record_id`` the member's id): the dues they paid where
    they are (流入地党组织), each entry, and the form to record one (the dues page of the member)."""
    if record != "care.away":
        return []
    values = {"tenant": tenant, "member_id": record_id}
    out = []
    for n, row in enumerate(queries.member_elsewhere(k, tenant, record_id)):
        amount = "{:.2f}".format(rules.from_fen(row.amount_fen))
        if row.withdrawn:
            text = N_("在外地交纳党费 %(key)s：%(months)s，¥%(amount)s（已撤销：%(reason)s）", key=row.key,
                      months="、".join(row.months), amount=amount, reason=row.withdrawn_reason)
        else:
            text = N_("在外地交纳党费 %(key)s：%(months)s，¥%(amount)s，%(organisation)s，凭证 %(proof)s", key=row.key,
                      months="、".join(row.months), amount=amount, organisation=row.organisation, proof=row.proof_no)
        out.append(RecordLink(text, "dues.member", values, 10 + n))
    return out + [RecordLink(N_("登记在外地交纳的党费"), "dues.member", values, 9)]
