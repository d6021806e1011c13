"""The plan, the funds and the room, told as a school's year (commands through services)."""
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from core.errors import DomainError
from plugins.plans import contributions, queries, rules, services
from plugins.meetings import services as meeting_services
from plugins.members import public as members
from plugins.plans.tests.conftest import id_number, system

CONGRESS = rules.meeting_link("congress")


def item(what="每季度召开支部党员大会", target=4, due=date(2026, 12, 31), link=CONGRESS, owner="书记"):
    return {"what": what, "measure": "每季度 1 次", "target": target, "owner": owner, "due_on": due, "link": link}


@pytest.fixture
def plan(k, tenant, clock):
    clock.set(datetime(2026, 1, 5, 2, tzinfo=timezone.utc))
    with system():
        p = services.draft_plan(k, tenant, 2026)
        services.add_item(k, tenant, p.id, item())
    return p.id


def progress_of(k, tenant, as_of, item_id="i1"):
    view = queries.plan_view(k, tenant, 2026, as_of)
    return next(r["progress"] for r in view["items"] if r["item"].item_id == item_id)


def test_progress_of_a_linked_item_is_counted_from_the_meetings_held(k, tenant, clock, plan, hold, add_members):
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 11, 20, 2, tzinfo=timezone.utc))
    for day in (date(2026, 3, 10), date(2026, 6, 9), date(2026, 9, 8)):
        hold(tenant, "congress", day)
    hold(tenant, "committee", date(2026, 10, 1))             # another type is not counted
    p = progress_of(k, tenant, date(2026, 11, 20))
    assert (p.done, p.target, p.status, p.counted) == (3, 4, "in_progress", True)
    assert progress_of(k, tenant, date(2026, 6, 30)).done == 2   # as of the half-year, by the day held
    hold(tenant, "congress", date(2026, 11, 18))
    p = progress_of(k, tenant, date(2026, 11, 20))
    assert (p.done, p.status, p.label) == (4, "done", "4/4")


def test_a_linked_item_behind_at_its_due_day_is_late_and_the_alert_says_why(k, tenant, clock, plan, hold, add_members):
    add_members(tenant, 3, committee=True)
    with system():
        services.add_item(k, tenant, plan, item("上半年召开党员大会", 2, date(2026, 6, 30)))
    clock.set(datetime(2026, 7, 2, 2, tzinfo=timezone.utc))
    hold(tenant, "congress", date(2026, 3, 10))
    assert progress_of(k, tenant, date(2026, 7, 2), "i2").status == "late"
    texts = [a.text for a in contributions.alerts(k, tenant, date(2026, 7, 2)) if a.level == "danger"]
    assert "「上半年召开党员大会」应于 2026-06-30 前完成 2，已完成 1（按系统记录计）" in texts


def test_an_unlinked_item_is_reported_by_its_owner_with_evidence(k, tenant, clock, plan):
    with system():
        services.add_item(k, tenant, plan, item("完成党报党刊征订", None, date(2026, 1, 31), None, "宣传委员"))
        clock.set(datetime(2026, 1, 20, 2, tzinfo=timezone.utc))
        services.report_progress(k, tenant, plan, "i2", date(2026, 1, 20), "已征订《人民日报》等 3 种", complete=True,
                                 evidence=[{"sha256": "a" * 64, "name": "订单.pdf", "content_type": "application/pdf",
                                            "size": 9}])
    p = progress_of(k, tenant, date(2026, 2, 1), "i2")
    assert (p.status, p.counted) == ("done", False)
    assert queries.find_file(k, tenant, "a" * 64).name == "订单.pdf"


def test_a_linked_items_progress_is_not_reported_by_hand(k, tenant, clock, plan):
    with system(), pytest.raises(DomainError, match="由系统按记录统计"):
        services.report_progress(k, tenant, plan, "i1", date(2026, 1, 5), "开了")


def test_a_linked_item_needs_a_quantity_and_a_known_kind_of_record(k, tenant, plan):
    with system():
        with pytest.raises(DomainError, match="须填写数量"):
            services.add_item(k, tenant, plan, item(target=None))
        with pytest.raises(DomainError, match="可关联的记录类型"):
            services.add_item(k, tenant, plan, item(link="meeting:nonsense"))
        with pytest.raises(DomainError, match="2026 年内"):
            services.add_item(k, tenant, plan, item(due=date(2027, 1, 1)))


def test_the_committee_adopts_the_plan_at_a_committee_meeting_held(k, tenant, clock, plan, hold, add_members):
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 1, 20, 2, tzinfo=timezone.utc))
    congress = hold(tenant, "congress", date(2026, 1, 12))
    committee = hold(tenant, "committee", date(2026, 1, 15), "一月支委会")
    with system():
        with pytest.raises(DomainError, match="应选择支部委员会会议"):
            services.adopt_plan(k, tenant, plan, congress)
        services.adopt_plan(k, tenant, plan, committee)
        with pytest.raises(DomainError, match="已于 2026-01-15 通过"):
            services.adopt_plan(k, tenant, plan, committee)
        with pytest.raises(DomainError, match="不能删除"):
            services.remove_item(k, tenant, plan, "i1")
    row = queries.get_plan(k, tenant, 2026)
    assert (row.status, row.adopted_meeting_title, row.adopted_on) == ("adopted", "一月支委会", date(2026, 1, 15))


def test_the_half_yearly_topic_meeting_reviews_the_plan(k, tenant, clock, plan, hold, add_members):
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 7, 20, 2, tzinfo=timezone.utc))
    committee = hold(tenant, "committee", date(2026, 1, 15))
    with system():
        services.adopt_plan(k, tenant, plan, committee)
    assert any("上半年的党建工作专题会议尚未检查" in a.text for a in contributions.alerts(k, tenant, date(2026, 7, 20)))
    topic = hold(tenant, "topic", date(2026, 7, 10), "上半年党建工作专题会议")
    with system():
        services.review_plan(k, tenant, plan, 1, topic, "总体按计划推进")
    reviews = queries.list_reviews(k, tenant, queries.get_plan(k, tenant, 2026).id)
    assert [(r.half, r.meeting_title) for r in reviews] == [(1, "上半年党建工作专题会议")]
    assert not any("专题会议" in a.text for a in contributions.alerts(k, tenant, date(2026, 7, 20)))


def test_revising_an_item_keeps_before_and_after(k, tenant, plan):
    with system():
        p = services.revise_item(k, tenant, plan, "i1", {"target": 5})
    assert p.items["i1"]["target"] == 5
    assert p.collect_events() == [] and queries.list_items(k, tenant, plan)[0].target == 5


def test_one_plan_per_school_and_year(k, tenant, plan):
    with system(), pytest.raises(DomainError, match="已有 2026 年度"):
        services.draft_plan(k, tenant, 2026)


# -- funds -----------------------------------------------------------------------------------------
def test_a_small_branchs_budget_is_the_minimum_and_a_large_ones_is_per_member(k, tenant, clock, add_members):
    clock.set(datetime(2026, 2, 1, 2, tzinfo=timezone.utc))
    add_members(tenant, 30)
    with system():
        services.set_budget(k, tenant, 2026)
    b = queries.get_budget(k, tenant, 2026)
    assert (b.members, b.amount_fen) == (30, 300000)          # 30 × 100 = the minimum, exactly
    add_members(tenant, 1)
    with system():
        services.set_budget(k, tenant, 2026, expected_version=1)
    b = queries.get_budget(k, tenant, 2026)
    assert (b.members, b.amount_fen, b.version) == (31, 310000, 2)


def test_spendings_are_linked_to_the_activity_and_the_statement_adds_up(k, tenant, clock, hold, add_members):
    add_members(tenant, 2, committee=True)
    clock.set(datetime(2026, 5, 1, 2, tzinfo=timezone.utc))
    theme = hold(tenant, "theme_day", date(2026, 4, 20), "四月主题党日")
    with system():
        with pytest.raises(DomainError, match="请先核定"):
            services.record_spending(k, tenant, 2026, date(2026, 4, 20), "100", "资料")
        services.set_budget(k, tenant, 2026)
        services.record_spending(k, tenant, 2026, date(2026, 4, 20), "320.50", "活动资料", meeting_id=theme)
        services.record_spending(k, tenant, 2026, date(2026, 4, 25), "200", "慰问品", activity="走访慰问")
        with pytest.raises(DomainError, match="会议或写明活动"):
            services.record_spending(k, tenant, 2026, date(2026, 4, 25), "200", "慰问品")
        services.withdraw_spending(k, tenant, 2026, "e2", "重复登记")
    rows = queries.list_spendings(k, tenant, 2026)
    assert [(r.entry_id, r.meeting_title, r.withdrawn) for r in rows] == [("e1", "四月主题党日", False),
                                                                          ("e2", None, True)]
    b = queries.get_budget(k, tenant, 2026)
    assert (b.amount_fen, b.spent_fen) == (300000, 32050)
    links = contributions.record_links(k, tenant, "meetings.meeting", theme)
    assert [(str(l.text), l.endpoint, l.values["year"]) for l in links] == [("党建经费支出 ¥320.50", "plans.funds", 2026)]
    assert contributions.record_links(k, tenant, "members.member", theme) == []


# -- the room --------------------------------------------------------------------------------------
def test_room_elements_never_checked_or_not_this_year_are_alerted(k, tenant, clock):
    clock.set(datetime(2025, 12, 1, 2, tzinfo=timezone.utc))
    with system():
        services.check_room_element(k, tenant, "党旗", date(2025, 12, 1), True)
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))
    with system():
        services.check_room_element(k, tenant, "入党誓词", date(2026, 2, 20), True)
        with pytest.raises(DomainError, match="写明情况"):
            services.check_room_element(k, tenant, "党务公开栏", date(2026, 2, 20), False)
        services.check_room_element(k, tenant, "党务公开栏", date(2026, 2, 20), False, "内容未更新")
        with pytest.raises(DomainError, match="不在活动室检查项目"):
            services.check_room_element(k, tenant, "电视机", date(2026, 2, 20), True)
    status = {r["element"]: r["problem"] for r in queries.room_status(k, tenant, date(2026, 3, 1))}
    assert status["入党誓词"] is None and "今年尚未检查" in status["党旗"] and "从未检查" in status["学习园地"]
    texts = [a.text for a in contributions.alerts(k, tenant, date(2026, 3, 1)) if a.source == "plans"]
    assert any("今年尚未检查" in t and "党旗" in t and "学习园地" in t for t in texts)
    assert any("缺失或不合要求：党务公开栏" in t for t in texts)


# -- alerts that say why -----------------------------------------------------------------------------
def test_a_plan_not_adopted_by_the_end_of_march_is_alerted_with_its_deadline(k, tenant, clock, plan):
    assert not [a for a in contributions.alerts(k, tenant, date(2026, 3, 31)) if "尚未经支委会通过" in a.text]
    texts = [a.text for a in contributions.alerts(k, tenant, date(2026, 4, 1))]
    assert "2026 年度党建工作计划尚未经支委会通过（应在 2026-03-31 前通过）" in texts


def test_no_plan_alert_for_a_school_whose_records_start_after_the_deadline(k, make_tenant, clock):
    late_starter = make_tenant("late-start", records_from=date(2026, 9, 1))
    assert not [a for a in contributions.alerts(k, late_starter, date(2026, 10, 1)) if "支委会通过" in a.text]


def test_spending_over_the_budget_is_alerted_with_both_figures(k, tenant, clock, add_members):
    add_members(tenant, 1)
    clock.set(datetime(2026, 5, 1, 2, tzinfo=timezone.utc))
    with system():
        services.set_budget(k, tenant, 2026)
        services.record_spending(k, tenant, 2026, date(2026, 4, 1), "3000.01", "大型活动", activity="七一活动")
    texts = [a.text for a in contributions.alerts(k, tenant, date(2026, 5, 1))]
    assert "2026 年党建经费支出 ¥3,000.01，超过预算 ¥3,000.00" in texts


def test_a_school_forbidding_overspending_refuses_a_spending_beyond_the_budget_at_its_boundary(k, tenant, clock,
                                                                                                 add_members):
    from tenants import services as tenancy  # noqa: PLC0415
    add_members(tenant, 1)
    clock.set(datetime(2026, 5, 1, 2, tzinfo=timezone.utc))
    with system():
        tenancy.configure_plugin(k, tenant, "plans", {"overspend": "forbid"})
        k.catch_up()
        services.set_budget(k, tenant, 2026)
        services.record_spending(k, tenant, 2026, date(2026, 4, 1), "2999.99", "大型活动", activity="七一活动")
        with pytest.raises(DomainError, match="超出 2026 年度党建经费预算：余额 0.01 元，本笔 0.02 元") as refused:
            services.record_spending(k, tenant, 2026, date(2026, 4, 2), "0.02", "资料", activity="学习")
        assert refused.value.field == "amount"
        services.record_spending(k, tenant, 2026, date(2026, 4, 2), "0.01", "资料", activity="学习")   # exactly the budget
    assert queries.get_budget(k, tenant, 2026).spent_fen == 300000


def test_an_item_linked_to_admissions_counts_members_admitted_in_the_year(k, tenant, clock, plan, add_members):
    add_members(tenant, 2)
    clock.set(datetime(2026, 9, 1, 2, tzinfo=timezone.utc))
    with system():
        services.add_item(k, tenant, plan, item("发展新党员", 2, date(2026, 12, 31), rules.ADMITTED))
        members.register_member(k, tenant, {"name": "新党员", "gender": "male", "id_number": id_number(901),
                                            "joined_on": date(2026, 6, 1)}, status="probationary")
    p = progress_of(k, tenant, date(2026, 9, 1), "i2")
    assert (p.done, p.target, p.status) == (1, 2, "in_progress")
    assert progress_of(k, tenant, date(2026, 5, 31), "i2").done == 0


def test_the_adoption_names_the_resolution_voted_at_that_meeting(k, tenant, clock, plan, hold, add_members):
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 1, 20, 2, tzinfo=timezone.utc))
    first, second = hold(tenant, "committee", date(2026, 1, 12)), hold(tenant, "committee", date(2026, 1, 15))
    with system():
        other = meeting_services.record_vote(k, tenant, first, "major", "其他事项", 3, 0)
        adopted = meeting_services.record_vote(k, tenant, second, "major", "通过年度党建工作计划", 3, 0)
        with pytest.raises(DomainError, match="这次会议没有这项决议"):
            services.adopt_plan(k, tenant, plan, second, other)
        services.adopt_plan(k, tenant, plan, second, adopted)
    assert queries.get_plan(k, tenant, 2026).resolution_id == adopted
