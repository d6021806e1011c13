"""Demo activity: this year's 三会一课 at a school, with attendance, votes, minutes and one gap."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from core.clock import LOCAL_TZ
from core.kernel import Kernel
from plugins.meetings import services
from plugins.meetings.queries import roster
from plugins.meetings.domain import MeetingError
from plugins.members import public as members

PLACES = ["党员活动室", "学校会议室", "图书馆报告厅", "行政楼三楼会议室"]
ABSENCE = ["外出培训", "病假", "事假", "带学生参赛", "公出"]
TOPICS = {
    "committee": ["研究本月党建工作安排", "研究发展党员工作", "研究党费收缴与公示", "研究师德师风建设"],
    "theme_day": ["学习党的二十届三中全会精神", "志愿服务进社区", "重温入党誓词", "参观红色教育基地"],
    "group": ["学习《中国共产党章程》", "交流教育教学心得", "开展谈心谈话"],
    "congress": ["季度支部党员大会"],
    "lecture": ["书记讲党课：坚定理想信念", "党课：新时代教育家精神"],
    "topic": ["党建工作专题研究"],
}


def _chair_and_recorder(k: Kernel, tenant: str, day: date):
    """The secretary chairs and the organisation member records (DOMAIN.md §3.4, §3.6)."""
    seats = roster.committee(k, tenant, day)
    if len(seats) >= 3:
        return seats[0].member_id, seats[2].member_id
    people = members.full_members(k, tenant)
    return (people[0].id, people[1].id) if len(people) > 1 else (None, None)


@contextmanager
def _on_day(k: Kernel, day: date, hour: int = 18):
    """Enter records as if on ``day`` (the demo's history is written today)."""
    saved = k.clock
    moment = datetime.combine(day, time(hour)).replace(tzinfo=LOCAL_TZ)
    k.clock = lambda: moment
    try:
        yield
    finally:
        k.clock = saved


def _hold(k, tenant, rng, type_code, day, title, hour=15, group=None, minutes=True, late_by=0,
          vote=None):
    starts = datetime.combine(day, time(hour, 30))
    chair, recorder = _chair_and_recorder(k, tenant, day)
    # A late entry (补录) is entered ``late_by`` days after the meeting; others three days before.
    with _on_day(k, day + timedelta(days=late_by) if late_by else day - timedelta(days=3)):
        try:
            meeting = services.schedule_meeting(
                k, tenant, type_code, title, starts, rng.choice(PLACES),
                ends_at=starts + timedelta(hours=1, minutes=30), chair_id=chair, recorder_id=recorder,
                agenda=["传达上级精神", title, "其他事项"], party_group=group)
        except MeetingError:
            return None  # e.g. no committee on the roll yet
    entries = {}
    for e in meeting.expected:
        present = rng.random() < 0.88
        entries[e["member_id"]] = {"status": "present" if present else "absent",
                                   "reason": "" if present else rng.choice(ABSENCE)}
    with _on_day(k, day + timedelta(days=late_by)):
        if vote and type_code == "congress":
            absent = [m for m, x in entries.items() if x["status"] == "absent"
                      and any(e["member_id"] == m and e["vote"] for e in meeting.expected)]
            if absent:
                with _on_day(k, day - timedelta(days=1)):
                    services.receive_written_opinion(k, tenant, meeting.id, absent[0], day - timedelta(days=1),
                                                     "同意接收该同志为预备党员。")
        services.record_attendance(k, tenant, meeting.id, entries, ["校团委书记"] if type_code == "congress" else [])
        if vote:
            voters = sum(1 for e in meeting.expected if e["vote"] and entries[e["member_id"]]["status"] == "present")
            try:
                resolution = services.record_vote(k, tenant, meeting.id, vote[0], vote[1], voters - 1, 0, 1,
                                                  subject=vote[2])
                services.update_follow_up(k, tenant, resolution, rng.choice(["in_progress", "done"]),
                                          "已按决议落实", meeting_id=meeting.id)
            except MeetingError:
                pass
        if minutes:
            services.draft_minutes(k, tenant, meeting.id, {
                "summary": f"会议由主持人主持，{title}。",
                "speeches": "与会同志结合工作实际逐一发言，一致表示要把学习成果转化为教书育人的实际行动。",
                "dissent": "无", "decisions": "会议议定的事项由支部委员会分工落实。"})
            services.finalise_minutes(k, tenant, meeting.id)
    return meeting


def create_meetings(k: Kernel, tenant: str, today: date, rng) -> None:
    year = today.year
    gap_month = max(1, today.month - 4)
    groups = sorted(roster.party_groups(k, tenant))
    last = None
    for month in range(1, today.month + 1):
        def day(d: int) -> date:
            return date(year, month, d)
        if day(5) < today and month != gap_month:
            vote = ("major", "研究本月党建重点工作", "") if month % 3 == 0 else None
            last = _hold(k, tenant, rng, "committee", day(5), rng.choice(TOPICS["committee"]), vote=vote) or last
        if day(15) < today:
            _hold(k, tenant, rng, "theme_day", day(15), rng.choice(TOPICS["theme_day"]), hour=14,
                  minutes=month != today.month - 1)
        if day(20) < today and groups:
            _hold(k, tenant, rng, "group", day(20), rng.choice(TOPICS["group"]), hour=16,
                  group=groups[month % len(groups)], late_by=20 if month == 2 else 0)
        if month % 3 == 2 and day(10) < today:
            probationary = members.probationary_members(k, tenant)
            vote = ("admission", "接收预备党员", "发展对象") if month == 5 else \
                (("conversion", "预备党员转正", probationary[0].name) if month == 11 and probationary else None)
            _hold(k, tenant, rng, "congress", day(10), f"{year}年第{(month + 1) // 3}季度支部党员大会", vote=vote)
        if month in (3, 6, 9, 11) and day(25) < today:
            _hold(k, tenant, rng, "lecture", day(25), rng.choice(TOPICS["lecture"]), hour=14)
        if month in (4, 10) and day(12) < today:
            _hold(k, tenant, rng, "topic", day(12), "党建工作专题研究")
    chair, _ = _chair_and_recorder(k, tenant, today)
    with _on_day(k, today):
        if last is not None:
            services.add_addendum(k, tenant, last.id, "补记：会议还研究了寒假值班安排。", "会议记录遗漏一项议题")
        for code, title, days in (("committee", "研究年终党建述职安排", 3),
                                  ("org_life", f"{year}年度组织生活会", 12),
                                  ("democratic_life", f"{year}年度领导班子民主生活会", 20)):
            try:
                services.schedule_meeting(k, tenant, code, title,
                                          datetime.combine(today + timedelta(days=days), time(15, 0)),
                                          "学校会议室", chair_id=chair,
                                          agenda=["对照检查", "批评与自我批评", "整改措施"])
            except MeetingError:
                pass
        cancelled = services.schedule_meeting(k, tenant, "lecture", "专题党课（原定）",
                                              datetime.combine(today + timedelta(days=5), time(14, 0)),
                                              "图书馆报告厅")
        services.cancel_meeting(k, tenant, cancelled.id, "主讲人临时外出，改期另行通知")

