"""Demo activity for the demo district: for the life meetings the meetings plugin's demo scheduled
(组织生活会, 民主生活会), the committee's statements (some submitted, one still a draft), a talk held
beforehand linked, and a rectification item carried over. Runs after the meetings plugin's demo
(``trylast``); draws only from its own ``random.Random("orglife:<tenant>")``."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

from core.kernel import Kernel
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.orglife import rules, services

WORK = ["本年度带头落实“三会一课”，完成分管的党建工作任务。", "认真履行岗位职责，组织开展主题党日和党员学习。"]
CRITICISM = ["理论学习系统性不够，联系群众还不够深入。", "对分管工作督促检查不够，工作方法有待改进。"]
MEASURES = ["每月制定学习计划并按期完成；每学期走访联系党员不少于 4 人次。", "建立分管工作台账，每月检查落实情况。"]


@contextmanager
def on_day(k: Kernel, day: date):
    """Record the enclosed commands as if on ``day`` (10:00 Beijing time)."""
    before = k.clock
    k.clock = lambda: datetime.combine(day, time(2, 0), tzinfo=timezone.utc)
    try:
        yield
    finally:
        k.clock = before


def create_activity(k: Kernel, tenant: str, today: date, rng) -> None:
    life = [m for m in meetings.list_meetings(k, tenant) if m["type"] in rules.LIFE_TYPES
            and m["status"] != "cancelled" and m["held_on"]]
    committee = members.committee(k, tenant, today)
    talks = [t for t in meetings.list_talks(k, tenant, today.year) if t["held_on"] <= today]
    for meeting in life:
        with on_day(k, min(today, meeting["held_on"])):
            for n, seat in enumerate(committee):
                statement = services.draft_statement(k, tenant, meeting["id"], seat.member_id, {
                    "work": rng.choice(WORK), "criticism": rng.choice(CRITICISM),
                    "measures": rng.choice(MEASURES) if n < len(committee) - 1 else ""})
                if n < len(committee) - 1:
                    services.submit_statement(k, tenant, meeting["id"], seat.member_id, statement.version)
            if talks:
                services.link_talk(k, tenant, meeting["id"], talks[0]["id"], "交流了对班子工作的意见和建议")
            if meeting["type"] == "org_life":
                services.list_rectification(k, tenant, meeting["id"], "党员学习笔记检查不及时",
                                            "组织委员", meeting["held_on"] + timedelta(days=rng.choice((45, 60))))
