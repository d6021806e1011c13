"""Report forms (一表同享): the district defines a form once, a school opens it pre-filled from its
records, confirms or corrects with a reason (visible to the district), submits; the district aggregates;
a second form asking for the same figure and period is flagged; the pre-fill rate."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core.errors import ConflictError, DomainError
from plugins.reports import present, queries, services

FIELDS = [{"label": "党员总数", "kind": "count", "figure": "members.total"},
          {"label": "教师党员", "kind": "count", "figure": "members.category.teacher"},
          {"label": "新发展党员", "kind": "count", "figure": "members.new"},
          {"label": "党建亮点", "kind": "text", "figure": None}]


@pytest.fixture
def school_roll(k, clock, tenant, add_member):
    add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    add_member(tenant, "乙", date(2012, 6, 1), date(2013, 6, 1), category="retiree")
    add_member(tenant, "丙", date(2026, 3, 1))


def test_a_form_is_prefilled_corrected_with_a_reason_and_aggregated_by_the_district(
        k, tenant, other_tenant, school_roll, add_member, as_system):
    add_member(other_tenant, "丁", date(2015, 1, 1), date(2016, 1, 1))
    form = services.define_form(k, "党建半年报", "2026-H1", date(2026, 7, 15), FIELDS)
    report = services.open_report(k, tenant, form.id)
    assert {key: v["value"] for key, v in report.values.items()} == {"f1": 3, "f2": 2, "f3": 1, "f4": None}
    assert report.values["f1"]["state"] == "prefilled"

    services.confirm_value(k, tenant, report.id, "f1")
    with pytest.raises(DomainError, match="须说明原因"):
        services.correct_value(k, tenant, report.id, "f2", "3", "")
    with pytest.raises(DomainError, match="只能确认或说明原因后更正"):
        services.enter_value(k, tenant, report.id, "f2", "3")
    services.correct_value(k, tenant, report.id, "f2", "3", "一名教师党员的人员类别登记有误，尚未更正")
    with pytest.raises(DomainError, match="「新发展党员」待确认或更正"):
        services.submit_report(k, tenant, report.id)
    services.confirm_value(k, tenant, report.id, "f3")
    services.enter_value(k, tenant, report.id, "f4", "党员先锋岗")
    assert queries.list_receipts(k, str(form.id)) == []       # the district never sees a draft

    services.submit_report(k, tenant, report.id)
    other = services.open_report(k, other_tenant, form.id)
    services.confirm_all(k, other_tenant, other.id)
    services.enter_value(k, other_tenant, other.id, "f4", "结对帮扶")
    services.submit_report(k, other_tenant, other.id)

    row = queries.get_form(k, form.id)
    view = present.aggregate(row, queries.list_receipts(k, str(form.id), "2026-H1"), queries.schools(k))
    mine = next(line for line in view["lines"] if line["school"] == tenant)
    assert mine["values"] == [3, 3, 1, "党员先锋岗"]
    assert mine["corrections"] == [("教师党员", 2, 3, "一名教师党员的人员类别登记有误，尚未更正")]
    assert view["totals"][:3] == [4, 4, 1]
    assert view["rate"] == 6 / 8                               # 3 of 4 fields pre-filled at both schools
    sheets = present.aggregate_sheets(row, view)
    assert sheets[1][2] == [["第一中学", "教师党员", 2, 3, "一名教师党员的人员类别登记有误，尚未更正"]]
    with pytest.raises(DomainError, match="已报送"):
        services.enter_value(k, tenant, report.id, "f4", "改")


def test_a_second_form_asking_for_the_same_figure_and_period_is_flagged(k, tenant, school_roll, as_system):
    first = services.define_form(k, "党建半年报", "2026-H1", date(2026, 7, 15), FIELDS)
    report = services.open_report(k, tenant, first.id)
    services.confirm_all(k, tenant, report.id)
    services.enter_value(k, tenant, report.id, "f4", "亮点")
    services.submit_report(k, tenant, report.id)
    again = [{"label": "在册党员", "kind": "count", "figure": "members.total"},
             {"label": "党费（元）", "kind": "money", "figure": "dues.collected"}]
    with pytest.raises(DomainError, match="「在册党员」已在《党建半年报》中收取（1 所学校已报送）"):
        services.define_form(k, "组织工作统计", "2026-H1", date(2026, 8, 1), again)
    services.define_form(k, "组织工作统计", "2026-Q1", date(2026, 8, 1), again)       # another period: fine
    second = services.define_form(k, "组织工作统计", "2026-H1", date(2026, 8, 1), again, repeat_acknowledged=True)
    assert [(r["label"], r["title"]) for r in second.repeats] == [("在册党员", "党建半年报")]
    # the school sees that it already reported this figure for this period
    services.open_report(k, tenant, second.id)
    already = queries.already_reported(k, tenant, ["members.total", "dues.collected"], "2026-H1", None)
    [line] = already["members.total"]
    assert present.already_said([line]) == [f"已于 {k.today().isoformat()} 在《党建半年报》中报送（2026-H1）：3"]
    assert "dues.collected" not in already


def test_dues_and_meetings_figures_fill_money_and_counts(k, tenant, school_roll, as_system):
    form = services.define_form(k, "经费", "2026", date(2026, 12, 31),
                                [{"label": "党费", "kind": "money", "figure": "dues.collected"},
                                 {"label": "会议", "kind": "count", "figure": "meetings.held"},
                                 {"label": "积极分子", "kind": "count", "figure": "development.trainees"}])
    report = services.open_report(k, tenant, form.id)
    assert [report.values[f]["value"] for f in ("f1", "f2", "f3")] == [str(Decimal("0.00")), 0, 0]


def test_bad_definitions_and_stale_versions_are_refused(k, tenant, school_roll, as_system):
    with pytest.raises(DomainError, match="报送期间"):
        services.define_form(k, "x", "2026-H3", date(2026, 7, 1), FIELDS)
    with pytest.raises(DomainError, match="绑定的数据项不存在"):
        services.define_form(k, "x", "2026", date(2026, 7, 1), [{"label": "a", "figure": "nope"}])
    with pytest.raises(DomainError, match="重名"):
        services.define_form(k, "x", "2026", date(2026, 7, 1), [{"label": "a"}, {"label": "a"}])
    form = services.define_form(k, "x", "2026", date(2026, 7, 1), FIELDS)
    report = services.open_report(k, tenant, form.id)
    with pytest.raises(DomainError, match="应为不小于 0 的整数"):
        services.correct_value(k, tenant, report.id, "f1", "-1", "原因")
    with pytest.raises(ConflictError):
        services.confirm_value(k, tenant, report.id, "f1", expected_version=report.version + 5)
    services.close_form(k, form.id, "不再需要")
    with pytest.raises(DomainError, match="停止收取"):
        services.submit_report(k, tenant, report.id)


def test_a_submission_is_one_save_so_nothing_is_half_written(k, tenant, school_roll, as_system, monkeypatch):
    form = services.define_form(k, "年报", "2026", date(2026, 12, 31), FIELDS[:1])
    report = services.open_report(k, tenant, form.id)
    services.confirm_all(k, tenant, report.id)
    save, saves = k.save, []

    def failing(log, *aggregates):
        saves.append((log, [type(a).__name__ for a in aggregates]))
        raise RuntimeError("the store is unreachable")
    monkeypatch.setattr(k, "save", failing)
    with pytest.raises(RuntimeError):
        services.submit_report(k, tenant, report.id)
    assert saves == [(tenant, ["Report"])]                      # one save, to the school's log only
    monkeypatch.setattr(k, "save", save)
    assert queries.list_receipts(k, str(form.id)) == []
    assert queries.get_report_by_id(k, tenant, report.id).status == "draft"   # nothing half-written

    saves.clear()
    monkeypatch.setattr(k, "save", lambda log, *aggregates: saves.append(log) or save(log, *aggregates))
    services.submit_report(k, tenant, report.id)
    assert saves == [tenant]
    [receipt] = queries.list_receipts(k, str(form.id))          # the district's receipt, from the one event
    assert receipt.receipt_no == queries.get_report_by_id(k, tenant, report.id).receipt_no
    with pytest.raises(DomainError, match="已报送"):
        services.submit_report(k, tenant, report.id)
