"""Figures the other plugins give report forms (一表同享) beyond the roll: sanctions by kind
(members), commitments (integrity), newspaper subscriptions (tasks) and activity funds (plans), by
the dates things happened; their labels read in English for an English page."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from plugins.integrity import services as integrity
from plugins.members import services as members
from plugins.plans import services as plans
from plugins.reports import queries
from plugins.tasks import services as tasks

NEW = ("members.sanctions", "members.sanctions.warning", "members.sanctions.expulsion", "integrity.commitments",
       "tasks.subscriptions.titles", "tasks.subscriptions.copies", "tasks.subscriptions.amount",
       "plans.funds.budget", "plans.funds.spent")


def test_the_new_figures_are_offered_and_answer_by_the_dates_things_happened(k, clock, tenant, other_tenant,
                                                                           add_member, as_system):
    assert set(NEW) <= set(queries.figure_catalogue(k))
    jia = add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    yi = add_member(tenant, "乙", date(2012, 6, 1), date(2013, 6, 1))
    members.record_sanction(k, tenant, jia, "警告", date(2026, 3, 1), None, "违反工作纪律")
    members.record_sanction(k, tenant, yi, "警告", date(2025, 3, 1), None, "上一年的")
    integrity.write_commitment(k, tenant, 2026, "member", jia)
    integrity.write_commitment(k, tenant, 2026, "branch")
    task = tasks.issue_task(k, "subscription", "2027年度党报党刊征订", "请征订", date(2026, 12, 20), [tenant],
                            {}, ["人民日报", "求是", "学习时报"])
    tasks.submit(k, tenant, task.id, "", [], {}, [{"title": "人民日报", "copies": 2, "amount": "1000.00"},
                                                   {"title": "求是", "copies": 1, "amount": "120.50"}])
    plans.set_budget(k, tenant, 2026)
    plans.record_spending(k, tenant, 2026, date(2026, 5, 4), Decimal("300.00"), "主题党日", activity="五四主题党日")

    figures = queries.figures(k, tenant, "2026")
    assert figures["members.sanctions"] == 1 and figures["members.sanctions.warning"] == 1
    assert figures["members.sanctions.expulsion"] == 0
    assert figures["integrity.commitments"] == 2
    assert (figures["tasks.subscriptions.titles"], figures["tasks.subscriptions.copies"],
            figures["tasks.subscriptions.amount"]) == (2, 3, Decimal("1120.50"))
    assert figures["plans.funds.spent"] == Decimal("300.00") and figures["plans.funds.budget"] > 0
    first_half = queries.figures(k, tenant, "2026-Q1")
    assert first_half["members.sanctions"] == 1 and first_half["plans.funds.spent"] == 0
    assert first_half["tasks.subscriptions.copies"] == 0                    # submitted in November
    assert queries.figures(k, other_tenant, "2026")["members.sanctions"] == 0


def test_figure_labels_read_in_english(k, clock, login_as):
    admin = login_as("district_admin")
    admin.get("/lang/en")
    page = admin.get("/district/reports/").get_data(as_text=True)
    for english in ("Members (at the period&#39;s end)", "Members, Teacher", "Dues collected (in the period)",
                    "Newspaper and journal copies subscribed", "Activity funds spent", "Party discipline sanctions"):
        assert english in page, english
    assert "党员总数（期末）" not in page
