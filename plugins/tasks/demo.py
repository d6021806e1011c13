"""Demo activity for the demo district: a district task with a short text and two typed fields, and
the year's newspaper and journal subscription (党报党刊征订), issued once and extended to each demo
school; each school signs, names an owner, reports progress and (some) submit; one answer is
returned and one accepted; a news item submitted and published, a work information item in draft.

Each action is recorded on the day it happened (the kernel's clock is set for it)."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

from core.kernel import Kernel
from plugins.tasks import queries, services

GENERAL = "报送年度党建工作总结"
SUBSCRIPTION = "党报党刊征订"
TITLES = ["人民日报", "求是", "光明日报", "中国教育报", "当代党员"]


@contextmanager
def on_day(k: Kernel, day: date):
    before = k.clock
    k.clock = lambda: datetime.combine(day, time(2, 0), tzinfo=timezone.utc)
    try:
        yield
    finally:
        k.clock = before


def _task(k: Kernel, title: str):
    return next((t for t in queries.list_tasks(k) if t.title == title), None)


def _issue(k: Kernel, tenant: str, today: date) -> tuple:
    """The demo's two tasks: issued by the first demo school's demo, extended to the next ones."""
    general, subscription = _task(k, GENERAL), _task(k, SUBSCRIPTION)
    if general is not None and subscription is not None:
        with on_day(k, today - timedelta(days=19)):
            services.add_school(k, general.id, tenant)
            services.add_school(k, subscription.id, tenant)
        return general.id, subscription.id
    with on_day(k, today - timedelta(days=20)):
        general = services.issue_task(
            k, "general", GENERAL, "请各支部总结本年度党建工作，报送总结全文及主要数据。", today + timedelta(days=5),
            [tenant], {"text": True, "fields": [{"label": "全年党员大会次数", "type": "integer"},
                                                {"label": "主题党日次数", "type": "integer"}]})
        subscription = services.issue_task(
            k, "subscription", SUBSCRIPTION, "请按要求完成明年度党报党刊征订，报送征订份数和金额。",
            today - timedelta(days=3), [tenant], {}, TITLES)
    return general.id, subscription.id


def create_activity(k: Kernel, tenant: str, today: date, rng) -> None:
    general, subscription = _issue(k, tenant, today)
    with on_day(k, today - timedelta(days=15)):
        services.open_task(k, tenant, general)
        services.assign_owner(k, tenant, general, "组织委员")
    with on_day(k, today - timedelta(days=8)):
        services.report_progress(k, tenant, general, "已起草总结初稿，正在核对全年数据。")
    lines = [{"title": t, "copies": rng.randint(1, 4), "amount": f"{rng.randint(1, 4) * 180}.00"} for t in TITLES]
    with on_day(k, today - timedelta(days=rng.choice((6, 1)))):   # one school or another is late
        services.submit(k, tenant, subscription, "", [], {}, lines)
    with on_day(k, today - timedelta(days=2)):
        services.submit(k, tenant, general, "本年度支部认真落实“三会一课”制度……", [],
                        {"f1": str(rng.randint(4, 6)), "f2": "12"})
    with on_day(k, today - timedelta(days=1)):
        services.accept(k, subscription, tenant, "已收到，谢谢。")
        if rng.random() < 0.5:
            services.send_back(k, general, tenant, "请补充主题党日的具体安排。")
    with on_day(k, today - timedelta(days=10)):
        report = services.draft_info(k, tenant, "news", "我校开展“党员示范课”活动",
                                     "11月，我校党支部组织党员教师开展示范课展示活动……", [])
        services.submit_info(k, tenant, report.id)
    with on_day(k, today - timedelta(days=4)):
        services.decide_info(k, tenant, report.id, "published")
        services.draft_info(k, tenant, "work", "党员志愿服务队进社区", "（草稿）", [])
