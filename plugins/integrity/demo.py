"""Demo activity for the demo district: last year's commitments evaluated and published, this year's
commitments in progress (one item sent back and revised), two posts, a pair with visits, volunteer
hours, an education session, responsibility agreements, a self-inspection, ethics grades and pledges.

Each action is recorded "on the day it happened" (the kernel's clock is set for it), so demo entries
are not marked late.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone

from core.kernel import Kernel
from plugins.integrity import services
from plugins.members import public as members

ITEMS = {
    "study": [("每月精读一本理论读物并写读书笔记", "全年读书笔记不少于 10 篇"),
              ("参加“学习强国”每日学习", "年度积分不低于 8000 分")],
    "work": [("所带班级学业成绩稳中有升", "期末统考均分位列年级前三"),
             ("开设一节区级公开课", "完成公开课并提交教学设计"),
             ("指导一名青年教师", "青年教师通过校级汇报课")],
    "self_discipline": [("严守师德规范，不参与有偿补课", "全年无违规记录"),
                        ("拒收家长礼品礼金", "全年无投诉")],
    "service": [("参加社区志愿服务", "全年服务不少于 20 小时"),
                ("结对帮扶一名学习困难学生", "学期末该生成绩提高一个等级")],
}
HELPED = ["刘晓雨", "陈思远", "王子涵", "赵一鸣"]
EDUCATION = [("warning", "观看警示教育片《国家监察》"), ("discipline", "学习《中国共产党纪律处分条例》"),
             ("lecture", "书记讲廉政党课：守住教书育人的初心")]


@contextmanager
def on_day(k: Kernel, day: date):
    """Record the enclosed commands as if on ``day`` (10:00 Beijing time)."""
    before = k.clock
    k.clock = lambda: datetime.combine(day, time(2, 0), tzinfo=timezone.utc)
    try:
        yield
    finally:
        k.clock = before


def _day(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _letter(k, tenant, rng, year: int, member_id, owner_kind: str, opened: date, end: date, complete: bool):
    with on_day(k, opened):
        letter = services.write_commitment(k, tenant, year, owner_kind, member_id)
        items, deadlines = [], []
        for area in rng.sample(list(ITEMS), 3):
            content, measure = rng.choice(ITEMS[area])
            deadline = date(year, rng.choice((6, 7, 11, 12)), rng.randint(1, 28))
            items.append(services.add_commitment_item(k, tenant, letter.id, area, content, measure, deadline))
            deadlines.append(deadline)
    review = opened + timedelta(days=rng.randint(3, 10))
    with on_day(k, review):
        for i, item_id in enumerate(items):
            if i == 0 and rng.random() < 0.3:
                services.send_back_item(k, tenant, letter.id, item_id, "衡量标准不够具体，请写明可检验的结果")
                services.revise_item(k, tenant, letter.id, item_id, "study", "每月精读一本理论读物并写读书笔记",
                                     "全年读书笔记不少于 10 篇，支部学习会上交流 2 次", date(year, 12, 20))
                deadlines[i] = date(year, 12, 20)
            services.accept_item(k, tenant, letter.id, item_id)
    for item_id in items:
        for _ in range(rng.randint(1, 3)):
            day = _day(rng, review + timedelta(days=10), end)
            if day.year == year and day <= end:
                with on_day(k, day):
                    services.log_progress(k, tenant, letter.id, item_id, day, rng.choice(
                        ["按计划推进，已完成阶段目标", "本月完成相关工作，材料已整理", "进展顺利，已在支部会上汇报"]))
    if not complete:
        for item_id, deadline in zip(items, deadlines):
            if deadline < end:
                with on_day(k, deadline + timedelta(days=rng.randint(1, min(6, (end - deadline).days or 1)))):
                    services.conclude_item(k, tenant, letter.id, item_id,
                                           rng.choices(["fulfilled", "partial"], weights=(9, 1))[0])
    else:
        with on_day(k, date(year, 12, 28)):
            for item_id in items:
                outcome = rng.choices(["fulfilled", "partial", "missed"], weights=(8, 2, 1))[0]
                services.conclude_item(k, tenant, letter.id, item_id, outcome,
                                       "因病休假未能完成" if outcome == "missed" and rng.random() < 0.7 else None)
            services.evaluate_commitment(k, tenant, letter.id, rng.randint(85, 98),
                                         [rng.randint(75, 98) for _ in range(rng.randint(5, 9))],
                                         [rng.randint(80, 96) for _ in range(3)])
            services.publish_result(k, tenant, letter.id)


def create_activity(k: Kernel, tenant: str, today: date, rng) -> None:
    k.catch_up(tenant)  # the roster was registered just before, with projections deferred
    roster = members.list_members(k, tenant)
    if len(roster) < 6:
        return
    year, start = today.year, max(date(today.year, 1, 2), today - timedelta(days=150))
    teachers = [mv for mv in roster if mv.category == "teacher"]
    chosen = rng.sample(roster, min(6, len(roster)))

    # Public commitments: last year's cycle complete and published, this year's in progress.
    for mv in chosen[:3]:
        _letter(k, tenant, rng, year - 1, mv.id, "member", date(year - 1, 2, 20), date(year - 1, 12, 20), True)
    _letter(k, tenant, rng, year, None, "branch", start, today, False)
    for mv in chosen:
        _letter(k, tenant, rng, year, mv.id, "member", start, today, False)

    # Two posts, with holders and a half-year assessment.
    with on_day(k, start):
        pioneer = services.define_post(k, tenant, "教学质量先锋岗", "pioneer",
                                       "在课堂教学中亮明党员身份，带头上好示范课、接受师生监督", start)
        duty = services.define_post(k, tenant, "校园安全责任岗", "duty", "负责上下学时段校门安全巡查与隐患报告",
                                    start, date(year, 12, 31))
        for post, holders in ((pioneer, teachers[:2] or roster[:2]), (duty, roster[-3:-1])):
            for mv in holders:
                services.assign_post(k, tenant, post.id, mv.id, start)
    if today.month >= 7:
        with on_day(k, date(year, 7, 5)):
            for mv in (teachers[:2] or roster[:2]):
                services.assess_post_holder(k, tenant, pioneer.id, mv.id, f"{year}年上半年",
                                            rng.choice(["优秀", "称职"]), "示范课效果良好")

    # A pair with visits, and one closed last term.
    linked = members.member_for_user(k, tenant, f"{tenant}-member")   # the demo member account sees the details
    helper = next((mv for mv in roster if mv.id == linked), chosen[0])
    with on_day(k, start):
        pair = services.form_pair(k, tenant, "member", "student", rng.choice(HELPED),
                                  ["每周一次课后辅导", "期末数学成绩提高一个等级", "每月与家长沟通一次"],
                                  member_id=helper.id, helped_details="单亲家庭，数学基础薄弱，性格内向",
                                  started_on=start)
    for day in sorted({_day(rng, start + timedelta(days=3), today) for _ in range(5)}):
        with on_day(k, day):
            services.log_visit(k, tenant, pair.id, day, rng.choice(["课后辅导数学", "家访，了解学习情况", "谈心谈话"]),
                               rng.choice(["1", "1.5", "2"]))
    with on_day(k, start):
        old = services.form_pair(k, tenant, "branch", "young_teacher", "周雅琴", ["帮助新教师站稳讲台"],
                                 helped_details="入职第一年", started_on=start, partner_name="党支部")
        services.log_visit(k, tenant, old.id, start, "听课评课并交流", "2")
    with on_day(k, min(today, start + timedelta(days=60))):
        services.close_pair(k, tenant, old.id, "achieved", "新教师已通过校级汇报课，独立承担教学任务",
                            min(today, start + timedelta(days=60)))

    # Volunteer service, education, responsibility agreements, self-inspection.
    for title, place in (("社区文明交通劝导", "学校门口路口"), ("敬老院慰问", "街道敬老院"), ("图书馆整理", "区图书馆")):
        day = _day(rng, start, today)
        with on_day(k, day):
            services.record_volunteer(k, tenant, title, day, place,
                                      [{"member_id": mv.id, "hours": rng.choice(["1.5", "2", "3"])}
                                       for mv in rng.sample(roster, min(len(roster), rng.randint(4, 8)))])
    kind, title = rng.choice(EDUCATION)
    day = _day(rng, start, today)
    with on_day(k, day):
        present = rng.sample(roster, len(roster) - 2)
        services.record_education(k, tenant, kind, title, day, [mv.id for mv in present],
                                  [mv.id for mv in roster if mv not in present], speaker="支部书记")
    with on_day(k, date(year, 1, 2) if today >= date(year, 1, 2) else today):
        for mv in roster[:4]:
            services.sign_agreement(k, tenant, year, mv.id, "教研组长" if mv.category == "teacher" else "部门负责人",
                                    "履行一岗双责：抓好本岗位业务，同时抓好本岗位党风廉政建设", "支部书记")
    if today.month >= 7:
        with on_day(k, date(year, 7, 10)):
            services.file_inspection(k, tenant, "half", year, "对照责任清单逐项自查，廉政教育按月开展", half=1,
                                     problems="个别党员学习笔记不够规范", measures="每月检查学习笔记")

    # Teacher ethics: last year's grades (one veto in the first school only), pledges this term.
    with on_day(k, date(year - 1, 12, 30)):
        for i, mv in enumerate(teachers):
            grade = rng.choices(["优秀", "良好", "合格"], weights=(3, 5, 2))[0]
            veto = i == len(teachers) - 1 and tenant == "no1"
            services.assess_ethics(k, tenant, year - 1, mv.id, "不合格" if veto else grade,
                                   veto_reason="违规有偿补课，经查属实" if veto else None)
    with on_day(k, max(start, date(year, 9, 1)) if today >= date(year, 9, 1) else start):
        for mv in teachers[:8]:
            services.sign_pledge(k, tenant, mv.id, "ethics")
