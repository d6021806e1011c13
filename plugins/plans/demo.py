"""Demo activity for the demo district: this year's work plan (items linked to meetings and talks,
others reported by their owners), adopted at the first committee meeting of the year and reviewed at
the half-yearly topic meeting; the activity funds with spendings; the activity room checked.

Each action is recorded "on the day it happened" (the kernel's clock is set for it). Runs after the
meetings plugin's demo (``trylast``), whose meetings it links to.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time, timezone

from core.kernel import Kernel
from plugins.meetings import public as meetings
from plugins.plans import rules, services
from plugins.plans.domain import FundsYear

ITEMS = [
    ("每季度召开支部党员大会", "每季度至少 1 次", 4, "支部书记", (12, 31), rules.meeting_link("congress")),
    ("每月召开支部委员会会议", "每月至少 1 次", 12, "支部书记", (12, 31), rules.meeting_link("committee")),
    ("书记和委员讲党课", "每季度 1 次", 4, "组织委员", (12, 31), rules.meeting_link("lecture")),
    ("开展谈心谈话", "委员与每名党员至少谈 1 次", 20, "组织委员", (12, 31), rules.TALKS),
    ("完成党报党刊征订", "按上级要求完成征订", None, "宣传委员", (1, 31), None),
    ("开展“七一”主题党日系列活动", "活动方案、照片、总结", None, "宣传委员", (7, 10), None),
    ("建设党员活动室“学习园地”", "每月更新学习内容", 12, "宣传委员", (12, 31), None),
    ("按月收缴党费", "每月收缴，按时上缴", 12, "组织委员", (12, 31), "dues:months"),
]


@contextmanager
def on_day(k: Kernel, day: date):
    """Record the enclosed commands as if on ``day`` (10:00 Beijing time)."""
    before = k.clock
    k.clock = lambda: datetime.combine(day, time(2, 0), tzinfo=timezone.utc)
    try:
        yield
    finally:
        k.clock = before


def _held(k: Kernel, tenant: str, type_code: str, year: int) -> list[dict]:
    return sorted((m for m in meetings.list_meetings(k, tenant, type=type_code, year=year)
                   if m["status"] == "held" and m["held_on"]), key=lambda m: m["held_on"])


def create_activity(k: Kernel, tenant: str, today: date, rng) -> None:
    year = today.year
    start = min(today, date(year, 1, 5))
    with on_day(k, start):
        plan = services.draft_plan(k, tenant, year)
        for what, measure, target, owner, (month, day), link in ITEMS:
            services.add_item(k, tenant, plan.id, {"what": what, "measure": measure, "target": target,
                                                   "owner": owner, "due_on": date(year, month, day), "link": link})
    committee = _held(k, tenant, "committee", year)
    if committee and committee[0]["held_on"] <= today:
        with on_day(k, max(committee[0]["held_on"], start)):
            services.adopt_plan(k, tenant, plan.id, committee[0]["id"])
            for on, item, text, done, complete in ((date(year, 1, 28), "i5", "已完成 2026 年度党报党刊征订", None, True),
                                                   (date(year, 7, 8), "i6", "组织重温入党誓词、参观红色教育基地", None, True),
                                                   (date(year, 6, 30), "i7", "上半年每月更新，共 6 期", 6, False)):
                if on <= today:
                    with on_day(k, on):
                        services.report_progress(k, tenant, plan.id, item, on, text, done, complete)
        topics = [m for m in _held(k, tenant, "topic", year) if m["held_on"] >= date(year, 6, 1)]
        if topics and topics[0]["held_on"] <= today:   # the first topic meeting after June reviews the first half
            with on_day(k, topics[0]["held_on"]):
                services.review_plan(k, tenant, plan.id, 1, topics[0]["id"],
                                     "上半年计划事项按期推进，党课进度略慢，下半年补齐。")
    with on_day(k, min(today, date(year, 1, 10))):
        if not k.exists(tenant, FundsYear.create_id(f"{tenant}/{year}")):   # a visit's cost may have set it
            services.set_budget(k, tenant, year)
    for m in (_held(k, tenant, "theme_day", year) + _held(k, tenant, "lecture", year))[:4]:
        with on_day(k, m["held_on"]):
            services.record_spending(k, tenant, year, m["held_on"], rng.choice(["320.00", "580.00", "450.50"]),
                                     "活动资料、场地布置", meeting_id=m["id"])
    if date(year, 6, 15) <= today:
        with on_day(k, date(year, 6, 15)):
            services.record_spending(k, tenant, year, date(year, 6, 15), "860.00", "“七一”走访慰问困难党员",
                                     activity="走访慰问")
    checked_on = min(today, date(year, 3, 12))
    with on_day(k, checked_on):
        for element in rules.DEFAULT_ROOM_ELEMENTS[:-1]:
            services.check_room_element(k, tenant, element, checked_on, True)
