"""What a plan item and a plan link to: the meeting that reviews the plan (its page says so, through
``zhibu_record_links``), the half-year view saying whether each half's review meeting was held, and
items counted from dues and development records (through those plugins' public.py)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from core.errors import DomainError
from plugins.development import queries as development_queries, services as development
from plugins.development.tests.helpers import full_members, person, walk
from plugins.dues import services as dues
from plugins.plans import queries, services
from plugins.plans.tests.conftest import system


def at(clock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 2, tzinfo=timezone.utc))


def progress(k, tenant, year, as_of, item_id):
    view = queries.plan_view(k, tenant, year, as_of)
    return next(r["progress"] for r in view["items"] if r["item"].item_id == item_id)


def draft(k, tenant, year, *items):
    with system():
        plan = services.draft_plan(k, tenant, year)
        for what, target, link in items:
            services.add_item(k, tenant, plan.id, {"what": what, "target": target, "owner": "组织委员",
                                                   "due_on": date(year, 12, 31), "link": link})
    return plan.id


@pytest.fixture
def adopted(k, tenant, clock, add_members, hold):
    """A 2026 plan adopted at the January committee meeting."""
    add_members(tenant, 3, committee=True)
    at(clock, date(2026, 1, 20))
    committee = hold(tenant, "committee", date(2026, 1, 15), "一月支委会")
    plan = draft(k, tenant, 2026, ("每季度召开支部党员大会", 4, "meeting:congress"))
    with system():
        services.adopt_plan(k, tenant, plan, committee)
    return {"plan": plan, "committee": committee}


# -- the review meeting ------------------------------------------------------------------------------
def test_the_meeting_page_says_which_plan_it_adopted_and_which_it_reviewed(k, tenant, clock, adopted, hold, login_as):
    at(clock, date(2026, 7, 20))
    topic = hold(tenant, "topic", date(2026, 7, 10), "上半年党建工作专题会议")
    with system():
        services.review_plan(k, tenant, adopted["plan"], 1, topic, "总体按计划推进")
    c = login_as("member", tenant)
    html = c.get(f"/t/{tenant}/meetings/{topic}").get_data(as_text=True)
    assert "上半年检查《2026年度党建工作计划》落实情况" in html
    assert f'href="/t/{tenant}/plans/plan?year=2026"' in html
    html = c.get(f"/t/{tenant}/meetings/{adopted['committee']}").get_data(as_text=True)
    assert "通过《2026年度党建工作计划》" in html and "落实情况" not in html
    other = hold(tenant, "congress", date(2026, 7, 1))
    assert "相关记录" not in c.get(f"/t/{tenant}/meetings/{other}").get_data(as_text=True)


def test_a_committee_meeting_may_review_the_plan_but_a_congress_may_not(k, tenant, clock, adopted, hold):
    at(clock, date(2026, 12, 20))
    congress = hold(tenant, "congress", date(2026, 12, 10))
    committee = hold(tenant, "committee", date(2026, 12, 15), "十二月支委会")
    with system():
        with pytest.raises(DomainError, match="应选择党建专题会议或支部委员会会议"):
            services.review_plan(k, tenant, adopted["plan"], 2, congress, "年终检查")
        services.review_plan(k, tenant, adopted["plan"], 2, committee, "年终检查")
    assert [(r.half, r.meeting_title) for r in queries.list_reviews(k, tenant, adopted["plan"])] == [(2, "十二月支委会")]


def test_the_half_year_views_say_whether_each_halfs_review_meeting_was_held(k, tenant, clock, adopted, hold, login_as):
    at(clock, date(2026, 7, 20))
    halves = queries.half_views(k, tenant, 2026, date(2026, 7, 20))
    assert [h["review"] for h in halves] == [None, None]
    c = login_as("secretary", tenant)
    html = c.get(f"/t/{tenant}/plans/plan?year=2026").get_data(as_text=True)
    assert "上半年党建工作专题会议检查：" in html and "未召开" in html
    topic = hold(tenant, "topic", date(2026, 7, 10), "上半年党建工作专题会议")
    with system():
        services.review_plan(k, tenant, adopted["plan"], 1, topic, "总体按计划推进")
    halves = queries.half_views(k, tenant, 2026, date(2026, 7, 20))
    assert halves[0]["review"].meeting_title == "上半年党建工作专题会议" and halves[1]["review"] is None
    html = c.get(f"/t/{tenant}/plans/plan?year=2026").get_data(as_text=True)
    assert f'href="/t/{tenant}/meetings/{topic}"' in html and "尚未召开" in html   # the second half: not yet due


def test_the_adopting_resolution_is_linked_end_to_end_through_the_page(k, tenant, clock, add_members, hold, login_as):
    from plugins.meetings import services as meetings
    add_members(tenant, 3, committee=True)
    at(clock, date(2026, 1, 20))
    committee = hold(tenant, "committee", date(2026, 1, 15), "一月支委会")
    with system():
        resolution = meetings.record_vote(k, tenant, committee, "major", "通过年度党建工作计划", 3, 0)
    plan = draft(k, tenant, 2026, ("每季度召开支部党员大会", 4, "meeting:congress"))
    c = login_as("secretary", tenant)
    r = c.post(f"/t/{tenant}/plans/plan/{plan}/adopt", data={
        "csrf_token": c.csrf(), "_form": "adopt", "expected_version": "2", "meeting_id": str(committee),
        "resolution_id": str(resolution)})
    assert r.status_code == 302, r.get_data(as_text=True)[:600]
    html = c.get(f"/t/{tenant}/plans/plan?year=2026").get_data(as_text=True)
    assert "一月支委会" in html and "通过年度党建工作计划" in html
    assert "通过《2026年度党建工作计划》" in c.get(f"/t/{tenant}/meetings/{committee}").get_data(as_text=True)


# -- items counted from dues and development records -------------------------------------------------
def test_an_item_linked_to_monthly_dues_counts_the_months_collected(k, tenant, clock, add_members):
    member = add_members(tenant, 1)[0]
    at(clock, date(2026, 4, 20))
    plan = draft(k, tenant, 2026, ("按月收缴党费", 12, "dues:months"), ("按时上缴党费", 2, "dues:remitted"))
    with system():
        dues.record_base(k, tenant, member, 2026, 1, "employed", Decimal("4000"))
        dues.record_payment(k, tenant, member, [date(2026, 1, 1)], "cash", paid_on=date(2026, 1, 10))
        dues.record_payment(k, tenant, member, [date(2026, 2, 1), date(2026, 3, 1)], "cash", paid_on=date(2026, 3, 5))
        _account, receipt = dues.record_payment(k, tenant, member, [date(2026, 4, 1)], "cash",
                                                paid_on=date(2026, 4, 8))
        dues.reverse_payment(k, tenant, receipt, "收错了")        # April's only payment: nothing collected in April
    p = progress(k, tenant, 2026, date(2026, 4, 20), "i1")
    assert (p.done, p.target, p.status, p.counted) == (2, 12, "in_progress", True)   # January and March
    assert progress(k, tenant, 2026, date(2026, 2, 28), "i1").done == 1
    assert progress(k, tenant, 2026, date(2026, 4, 20), "i2").done == 0
    with system():
        dues.record_remittance(k, tenant, date(2026, 1, 1), date(2026, 3, 31), Decimal("10"), date(2026, 4, 15), "上缴-1")
    assert progress(k, tenant, 2026, date(2026, 4, 20), "i2").done == 1
    assert progress(k, tenant, 2026, date(2026, 4, 14), "i2").done == 0


def test_items_linked_to_development_count_activists_and_trained_targets(k, tenant, clock, actor):
    elders = full_members(k, tenant)
    at(clock, date(2024, 9, 1))
    case = development.open_case(k, tenant, person(seq=61, name="申请人甲"), date(2024, 9, 1))
    walk(k, tenant, clock, case.id, 11, elders)            # through the concentrated training (step 11)
    row = development_queries.get_case(k, tenant, case.id)
    trained_on = date.fromisoformat(row.dates["11"])
    year = trained_on.year
    plan_year_activists = int(row.activist_on.year == year)
    draft(k, tenant, year, ("确定入党积极分子", 2, "development:activists"),
          ("发展对象集中培训", 1, "development:trained"))
    p = progress(k, tenant, year, date(year, 12, 31), "i2")
    assert (p.done, p.target, p.status, p.counted) == (1, 1, "done", True)
    assert progress(k, tenant, year, trained_on - timedelta(days=1), "i2").done == 0   # by the day trained
    assert progress(k, tenant, year, date(year, 12, 31), "i1").done == plan_year_activists
    other_year = draft(k, tenant, year + 1, ("发展对象集中培训", 1, "development:trained"))
    assert other_year and progress(k, tenant, year + 1, date(year + 1, 12, 31), "i1").done == 0
