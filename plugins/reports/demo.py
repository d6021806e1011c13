"""Demo activity: the district's half-yearly form (defined once), opened and submitted by the first
school; last year's statistics prepared and submitted (the second school's left as a draft)."""
from __future__ import annotations

import random
from datetime import date

from core.kernel import Kernel
from plugins.reports import queries, services

DEMO_FIELDS = [
    {"label": "党员总数", "kind": "count", "figure": "members.total"},
    {"label": "教师党员", "kind": "count", "figure": "members.category.teacher"},
    {"label": "新发展党员", "kind": "count", "figure": "members.new"},
    {"label": "入党积极分子", "kind": "count", "figure": "development.activists"},
    {"label": "收缴党费（元）", "kind": "money", "figure": "dues.collected"},
    {"label": "召开会议次数", "kind": "count", "figure": "meetings.held"},
    {"label": "党建工作亮点", "kind": "text", "figure": None, "optional": True},
]


def create_activity(k: Kernel, tenant: str, today: date, rng: random.Random) -> None:
    period = f"{today.year}-H1" if today.month > 6 else f"{today.year - 1}-H2"
    form = next((f for f in queries.forms_of_period(k, period) if f.title == "党建工作半年报"), None)
    if form is None:
        form = services.define_form(k, "党建工作半年报", period, date(today.year, 12, 31), DEMO_FIELDS,
                                    "系统已按各校记录预填，请核对确认。")
    first = not queries.list_receipts(k, str(form.id))
    report = services.open_report(k, tenant, form.id)
    if first:
        services.confirm_all(k, tenant, report.id)
        services.enter_value(k, tenant, report.id, "f7", "开展“党员先锋岗”评比")
        services.submit_report(k, tenant, report.id)
        stats = services.prepare_statistics(k, tenant, today.year - 1)
        services.submit_report(k, tenant, stats.id, "演示：补录了以前年度的党员" if stats.values["checks"] else None)
    else:
        services.prepare_statistics(k, tenant, today.year - 1)
