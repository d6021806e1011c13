"""Demo activity for the demo district: the 党课 and 主题党日 the meetings demo held become study
sessions (hours from their attendance), a group study and an integrity-education session of a few
members, and the member's own online course with a reflection."""
from __future__ import annotations

from datetime import date, timedelta
from random import Random

from core.kernel import Kernel
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.study import services


def create_activity(k: Kernel, tenant: str, today: date, rng: Random) -> None:
    k.catch_up(tenant)
    for m in meetings.list_meetings(k, tenant, year=today.year):
        if m["type"] in ("lecture", "theme_day") and m["status"] == "held":
            kind = "lecture" if m["type"] == "lecture" else "theme_day"
            services.record_session(k, tenant, {"kind": kind, "title": m["title"], "held_on": m["held_on"],
                                                "hours": 2, "meeting_id": m["id"]})
    roll = members.list_members(k, tenant)
    if not roll:
        return
    for kind, title, hours in (("group", "学习贯彻党的二十届三中全会精神", 4), ("integrity", "廉洁从教警示教育", 2),
                               ("district", "区委教育工委党员培训班", 8)):
        chosen = rng.sample(roll, max(1, len(roll) * 3 // 4))
        services.record_session(k, tenant, {"kind": kind, "title": title, "hours": hours,
                                            "held_on": today - timedelta(days=rng.randint(20, 200)),
                                            "attendees": [mv.id for mv in chosen]})
    me = members.member_for_user(k, tenant, f"{tenant}-member")
    if me is not None:
        services.enter_course(k, tenant, me, {"title": "学习强国：党史专题", "hours": 3,
                                              "held_on": today - timedelta(days=rng.randint(5, 60)),
                                              "evidence": "学习心得：重温党史，坚定理想信念，立足岗位做好教书育人工作。"})
