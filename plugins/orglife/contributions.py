"""What organisational life hands to shared pages: navigation, alerts (open rectification items, term
reminders), the district's figures (the term and the open items, kept in the schools' summaries) and
the member's own page. No Flask: alerts name endpoints."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_
from core.kernel import Kernel
from core.plugins import Alert, Figure, MyItem, MySection, NavItem
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.orglife import queries, rules


def nav_items() -> list[NavItem]:
    return [NavItem(label="组织生活", endpoint="orglife.index", order=35)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="支委换届", endpoint="orglife_district.terms", order=46)]


def term_of(k: Kernel, tenant: str) -> tuple[date | None, date | None]:
    return k.per_request(("orglife.term", tenant), lambda: members.term(k, tenant))


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    """Each open rectification item until it is closed (overdue from the day after its deadline), and
    the term reminder due (6 and 3 months before the end, monthly once overdue)."""
    out = []
    for row in queries.open_rectifications(k, tenant):
        overdue = rules.is_overdue(row.deadline, row.status, today)
        text = (N_("整改事项「%(item)s」（责任人 %(owner)s）已超过整改期限 %(deadline)s，尚未销号", item=row.item,
                   owner=row.owner, deadline=row.deadline.isoformat()) if overdue else
                N_("整改事项「%(item)s」（责任人 %(owner)s）须于 %(deadline)s 前完成并销号", item=row.item,
                   owner=row.owner, deadline=row.deadline.isoformat()))
        out.append(Alert(level="danger" if overdue else "info", text=text, source="orglife", due=row.deadline,
                         action="orglife.edit", endpoint="orglife.rectification",
                         values={"tenant": tenant, "item_id": str(row.id)}))
    _start, end = term_of(k, tenant)
    reminder = rules.term_reminder(end, today)
    if reminder is not None:
        if reminder.stage == "overdue":
            text = N_("支部委员会任期已于 %(end)s 届满（已超期 %(months)s 个月），请尽快换届", end=end.isoformat(),
                      months=reminder.months_overdue)
        else:
            text = N_("支部委员会任期将于 %(end)s 届满（提前 %(months)s 个月提醒），请做好换届准备",
                      end=end.isoformat(), months=int(reminder.stage.split("_")[0]))
        out.append(Alert(level=reminder.level, text=text, source="orglife", due=reminder.reminded_on,
                         action="orglife.edit", endpoint="orglife.term", values={"tenant": tenant}))
    return out


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    start, end = term_of(k, tenant)
    status = rules.term_status(end, today)
    shown = {"none": "warning", "current": "ok", "ending": "warning", "overdue": "danger"}[status]
    items = queries.open_rectifications(k, tenant)
    overdue = sum(rules.is_overdue(r.deadline, r.status, today) for r in items)
    return [Figure(key="orglife.term_start", label="本届支委任期开始", value=start or N_("未登记"), order=60,
                   status=shown),
            Figure(key="orglife.term_end", label="本届支委任期届满", value=end or N_("未登记"), order=61,
                   status=shown),
            Figure(key="orglife.open_items", label="未销号整改事项", value=len(items), unit="项", order=62,
                   status="danger" if overdue else ("warning" if items else "ok"))]



def my_sections(k: Kernel, tenant: str, member_id: UUID) -> list[MySection]:
    """The member's own statements for life meetings ("我的发言材料"), which only they and the committee read."""
    items = []
    for row in queries.list_statements(k, tenant, member_id=member_id):
        meeting = meetings.get_meeting(k, tenant, UUID(row.meeting_id))
        if meeting is None:
            continue
        submitted = row.status == "submitted"
        items.append(MyItem(title=meeting["title"], details=[("会议日期", meeting["held_on"].isoformat())],
                            status="已提交" if submitted else "草稿", level="ok" if submitted else "warning",
                            url=f"/t/{tenant}/orglife/meetings/{row.meeting_id}"))
    return [MySection(key="orglife", title="我的发言材料", order=40, items=items,
                      empty="还没有民主生活会或组织生活会的发言材料", link_label="组织生活",
                      endpoint="orglife.index", values={"tenant": tenant})]
