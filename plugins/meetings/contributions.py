"""What the plugin contributes to the core's shared pages: permissions, navigation, the school home
page's notices and compliance, alerts, district figures and Five Goods evidence — built from
queries, no writes."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID

from core.clock import LOCAL_TZ
from core.errors import N_
from core.kernel import Kernel
from core.permissions import COMMITTEE, READERS, SCHOOL_PEOPLE
from core.plugins import ReportPeriod, SummaryFact, summary_facts_from
from core.plugins import Alert, Disclosable, Evidence, Figure, MyItem, MySection, NavItem, Phrase, ReportFigure, Widget
from plugins.meetings import queries, rules
from plugins.members import public as members
from core.tenancy.queries import records_from

KEEPERS = {"secretary", "deputy", "org"}


def permissions() -> dict:
    """Who may do what with meetings and talks (``zhibu_permissions``)."""
    return {
        "meetings.view": SCHOOL_PEOPLE | READERS,
        "meetings.edit": COMMITTEE,
        "meetings.finalise": KEEPERS,
        "meetings.configure": KEEPERS,
        "meetings.personal": SCHOOL_PEOPLE,
        # heart-to-heart talks (谈心谈话): who talked with whom is open to the school; what was said
        # only to the two people and the secretary (``read_all``)
        "meetings.talks.view": SCHOOL_PEOPLE | READERS,
        "meetings.talks.record": COMMITTEE | {"member"},
        "meetings.talks.record_any": COMMITTEE,
        "meetings.talks.read_all": frozenset({"secretary"}),
    }


def nav_items() -> list[NavItem]:
    """The plugin's entries in the school's navigation."""
    return [NavItem(label="三会一课", endpoint="meetings.index", order=30),
            NavItem(label="会议日历", endpoint="meetings.calendar", order=31),
            NavItem(label="决策事项", endpoint="meetings.decisions", order=32),
            NavItem(label="谈心谈话", endpoint="meetings.talks_page", order=33)]


def local_now(k: Kernel) -> datetime:
    now = k.now()
    return now.astimezone(LOCAL_TZ).replace(tzinfo=None) if now.tzinfo else now


def home_widgets(k: Kernel, tenant: str, user, today: date) -> list[Widget]:
    roles = user.roles_in(tenant) if user is not None and user.is_authenticated else set()
    member_id = members.member_for_user(k, tenant, user.username) if roles else None
    everyone = bool(roles & COMMITTEE)
    upcoming = queries.upcoming_for_member(k, tenant, member_id, local_now(k), everyone=everyone)
    widgets = [Widget(title="会议通知", template="meetings/widgets/notices.html", order=20,
                      context={"meetings": upcoming, "linked": member_id is not None,
                               "everyone": everyone})]
    if roles or getattr(user, "district_roles", None):
        items = queries.compliance(k, tenant, today.year, today)
        widgets.append(Widget(title=f"{today.year}年三会一课落实情况",
                              template="meetings/widgets/compliance.html", order=40,
                              context={"items": items, "ratio": rules.compliance_ratio(items),
                                       "year": today.year}))
    return widgets


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    out = []
    for item in queries.compliance(k, tenant, today.year, today):
        for period in item.missing:
            rule = rules.FREQUENCIES.get(item.frequency, item.frequency)
            out.append(Alert("warning", f"{item.name}：{period.label}未召开（应{rule}至少召开一次，"
                                        f"期限 {period.end.isoformat()}）", None, "meetings", period.end,
                             action="meetings.edit", endpoint="meetings.compliance", values={"tenant": tenant}))
    cutoff = datetime.combine(today, datetime.min.time())
    for row in queries.list_meetings(k, tenant, status="scheduled"):
        if row.starts_at < cutoff:
            out.append(Alert("warning", f"「{row.title}」已过会议时间，尚未登记出席或取消",
                             None, "meetings", row.held_on, action="meetings.edit",
                             endpoint="meetings.detail", values={"tenant": tenant, "meeting_id": row.id}))
    for row in queries.list_meetings(k, tenant, status="held"):
        if row.minutes_status != "final" and row.held_on < today - timedelta(days=14):
            out.append(Alert("info", f"「{row.title}」的会议记录尚未定稿",
                             None, "meetings", row.held_on, action="meetings.edit",
                             endpoint="meetings.detail", values={"tenant": tenant, "meeting_id": row.id}))
    counted = queries.talk_compliance(k, tenant, today.year)
    if counted.missing:
        out.append(talk_alert(counted, records_from(k, tenant), today, tenant))
    return out


def talk_alert(counted, start: date | None, today: date, tenant: str) -> Alert:
    """Members without a heart-to-heart talk this year (each at least one a year, DOMAIN.md §3.3).

    A warning from October on, if some of them should have had one by the year's end (on this roll
    long enough, ``rules.talks.expected_by_year_end``); otherwise information: those who came on the roll
    during the year are counted from their start, and when the school's records in Zhibu start after
    1 January the year's earlier talks are on paper, to be typed in."""
    text = f"{today.year}年尚有 {len(counted.missing)} 名党员没有谈心谈话记录（每年至少一次）"
    came = counted.missing_started
    moved = sum(1 for m in came if m.start.how == "transfer_in")
    joined = len(came) - moved
    if came:
        text += "；其中 " + "、".join(part for part in (
            f"{moved} 名于年内转入" if moved else "", f"{joined} 名于年内入党" if joined else "") if part)
        text += "，" + ("自转入之日起计" if not joined else "自转入或入党之日起计" if moved else "自入党之日起计")
        short = sum(1 for m in came if not m.expected)
        if short:
            text += f"，{short} 名到本支部不足 {counted.min_months} 个月，年底前暂不要求"
    partial = start is not None and start > date(today.year, 1, 1)   # earlier talks are on paper
    if partial:
        text += f"；本校自 {start.isoformat()} 起在本系统记录，此前已进行的谈话请补录"
    warn = today.month >= 10 and not partial and bool(counted.expected_missing)
    return Alert("warning" if warn else "info", text, None, "meetings", date(today.year, 12, 31),
                 action="meetings.edit", endpoint="meetings.talks_page", values={"tenant": tenant})


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    items = queries.compliance(k, tenant, today.year, today)
    ratio = rules.compliance_ratio(items)
    missing = sum(len(i.missing) for i in items)
    status = "ok" if ratio >= 0.95 else ("warning" if ratio >= 0.8 else "danger")
    return [Figure("meetings.compliance", "三会一课落实率", round(ratio * 100, 1), "%", status, order=30),
            Figure("meetings.missing", "三会一课缺漏期次", missing, "次",
                   "ok" if missing == 0 else "warning", order=31)]


def evidence(k: Kernel, tenant: str, year: int, today: date) -> list[Evidence]:
    """``meetings.compliance``: required meetings held, linked to the attendance events behind them."""
    days, refs = queries.held_days(k, tenant, year)
    items = rules.compliance(queries.type_versions(k, tenant), days, year,
                             min(today, date(year, 12, 31) + timedelta(days=1)), records_from(k, tenant))
    ratio = rules.compliance_ratio(items)
    links = []
    for item in items:
        held = [r for r in refs.get(item.code, [])]
        links.append({
            "label": f"{item.name}：应开 {item.required} 期，已开 {item.held} 期"
                     + (f"，缺 {'、'.join(p.label for p in item.missing)}" if item.missing else ""),
            "url": f"/t/{tenant}/meetings/compliance?year={year}",
            "events": [{"id": str(r.id), "version": r.held_version} for r in held],
        })
    missing = [f"{i.name}{p.label}" for i in items for p in i.missing]
    summary = (f"{year}年应开 {sum(i.required for i in items)} 期，已开 {sum(i.held for i in items)} 期"
               + (f"；缺：{'、'.join(missing[:10])}" + ("等" if len(missing) > 10 else "") if missing else "；无缺漏"))
    return [Evidence(item="meetings.compliance", score_ratio=round(ratio, 4), summary=summary,
                     figures={"required": sum(i.required for i in items),
                              "held": sum(i.held for i in items), "missing": len(missing)},
                     links=links)]


ATTENDANCE = {"present": ("出席", "ok"), "absent": ("缺席", "warning")}
MEETING_STATUS = {"scheduled": ("待召开", "info"), "cancelled": ("已取消", "muted")}


def my_sections(k: Kernel, tenant: str, member_id: UUID, today: date) -> list[MySection]:
    """A member's own notices (meetings ahead they are expected at) and their meetings of the year
    with their attendance ("我的会议与出席")."""
    notices = [MyItem(title=row.title, details=[("时间", row.starts_at.strftime("%Y-%m-%d %H:%M")),
                                                ("地点", row.place or "—")],
                      url=f"/t/{tenant}/meetings/{row.id}")
               for row in queries.upcoming_for_member(k, tenant, member_id, local_now(k))]
    rows = queries.member_meetings(k, tenant, member_id, today.year)
    held = [row for row in rows if row.status == "held"]
    present = sum(1 for row in held if row.attendance == "present")
    items = []
    for row in rows[:12]:
        status, level = (ATTENDANCE.get(row.attendance or "", ("未登记", "muted")) if row.status == "held"
                         else MEETING_STATUS.get(row.status, (row.status, "muted")))
        details = [("日期", row.held_on.isoformat()), ("类型", Phrase(row.type_name))]
        if row.status == "held" and row.attendance == "absent" and row.reason:
            details.append(("缺席原因", row.reason))
        items.append(MyItem(title=row.title, details=details, status=status, level=level,
                            url=f"/t/{tenant}/meetings/{row.id}"))
    return [
        MySection(key="meetings.notices", title="我的通知", order=15, items=notices, empty="近期没有需要您参加的会议"),
        MySection(key="meetings", title="我的会议与出席", order=30, items=items,
                  figures=[("本年已召开", Phrase("%(n)s 次", {"n": len(held)}), ""),
                           ("本人出席", Phrase("%(n)s 次", {"n": present}), "ok" if present == len(held) else "warning")],
                  empty="本年度尚无需要您参加的会议", link_label="三会一课",
                  endpoint="meetings.index", values={"tenant": tenant})]


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    """Meetings held during the period (by the day they were held), in all and of each body."""
    held = [r for r in queries.meetings_between(k, tenant, period.first, period.last) if r.status == "held"]
    out = [ReportFigure("meetings.held", N_("召开会议（期内）"), len(held), "次", 50)]
    for n, (body, label) in enumerate((("congress", "支部党员大会"), ("committee", "支委会"),
                                       ("group", "党小组会"))):
        out.append(ReportFigure(f"meetings.held.{body}", N_("%(body)s（期内）", body=label),
                                sum(r.body == body for r in held), "次", 51 + n))
    return out


def disclosable(k: Kernel, tenant: str, since: date, until: date) -> list[Disclosable]:
    """The collective decisions (集体决定的事项) passed from ``since`` to ``until``: what was decided,
    at which meeting, and the vote's totals."""
    return [Disclosable(kind="meetings.decision", key=f"meetings.decision:{r.id}", title=r.title,
                        event_date=r.decided_on,
                        text=f"{r.decided_on} {r.meeting_title}表决通过：{r.title}（应到 {r.entitled} 人，实到 {r.present} 人，"
                             f"赞成 {r.yes} 票，反对 {r.no} 票，弃权 {r.abstain} 票）。",
                        endpoint="meetings.decisions", values={"tenant": tenant})
            for year in range(since.year, until.year + 1) for r in queries.list_resolutions(k, tenant, year=year)
            if r.passed and since <= r.decided_on <= until]


SUMMARY_SENTENCES = {
    "meetings.held": ("mechanism", "全年共召开各类组织生活会议{value}{unit}。"),
    "meetings.held.congress": ("mechanism", "召开支部党员大会{value}{unit}。"),
    "meetings.held.committee": ("mechanism", "召开支委会{value}{unit}，重要事项均经集体讨论决定。"),
    "meetings.held.group": ("mechanism", "召开党小组会{value}{unit}。"),
}


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """The year's figures for the work summary (年度党建工作总结), each with its sentence and source."""
    values = {"tenant": tenant, "year": year} if "meetings.index" in ("plans.plan", "dues.publication") else {"tenant": tenant}
    return summary_facts_from(report_figures(k, tenant, ReportPeriod.parse(str(year))), SUMMARY_SENTENCES,
                              "meetings.index", values)
