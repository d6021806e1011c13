from datetime import date
from decimal import Decimal

from plugins.plans import rules

DEFAULT = rules.BUDGET_RULES[-1][1]


def test_the_budget_is_the_branch_minimum_up_to_the_member_count_where_the_per_member_amount_reaches_it():
    rule = rules.BudgetRule(per_member=Decimal("100.00"), minimum=Decimal("3000.00"))
    assert rules.budget_amount(29, rule) == Decimal("3000.00")    # 2,900 is below the minimum
    assert rules.budget_amount(30, rule) == Decimal("3000.00")    # exactly the minimum
    assert rules.budget_amount(31, rule) == Decimal("3100.00")    # above it, per member
    assert rules.budget_amount(0, rule) == Decimal("3000.00")


def test_the_default_budget_rule_is_100_yuan_per_member_at_least_3000_per_branch():
    effective, rule = rules.budget_rule(date(2026, 1, 1))
    assert (rule.per_member, rule.minimum, effective) == (Decimal("100.00"), Decimal("3000.00"), date(2018, 1, 1))


def test_a_schools_own_budget_rule_applies_from_its_day_and_not_before():
    settings = {"budget_from": date(2026, 7, 1), "budget_per_member": Decimal("150"), "budget_minimum": Decimal("5000")}
    assert rules.budget_rule(date(2026, 6, 30), settings) == (date(2018, 1, 1), DEFAULT)
    effective, rule = rules.budget_rule(date(2026, 7, 1), settings)
    assert effective == date(2026, 7, 1)
    assert rules.budget_amount(33, rule) == Decimal("5000.00")
    assert rules.budget_amount(34, rule) == Decimal("5100.00")


def test_a_schools_own_amounts_without_a_day_leave_the_default_in_force():
    settings = {"budget_from": None, "budget_per_member": Decimal("150"), "budget_minimum": Decimal("5000")}
    assert rules.budget_rule(date(2026, 7, 1), settings)[1] == DEFAULT


def test_an_item_is_done_when_its_count_reaches_the_target():
    p = rules.progress(4, date(2026, 12, 31), date(2026, 11, 1), done=4, counted=True)
    assert (p.status, p.label, p.complete) == ("done", "4/4", True)


def test_an_item_past_its_due_day_without_reaching_the_target_is_late_and_says_why():
    p = rules.progress(4, date(2026, 6, 30), date(2026, 7, 1), done=2, counted=True)
    assert p.status == "late"
    assert rules.late_reason("每季度召开党员大会", date(2026, 6, 30), p) == \
        "「每季度召开党员大会」应于 2026-06-30 前完成 4，已完成 2（按系统记录计）"


def test_an_item_on_its_due_day_is_not_late_yet():
    assert rules.progress(4, date(2026, 6, 30), date(2026, 6, 30), done=2).status == "in_progress"
    assert rules.progress(4, date(2026, 6, 30), date(2026, 6, 30)).status == "not_started"


def test_an_unlinked_item_is_done_when_its_owner_reports_it_complete():
    assert rules.progress(None, date(2026, 1, 31), date(2026, 3, 1), reported_complete=True).status == "done"
    assert rules.progress(None, date(2026, 1, 31), date(2026, 3, 1), started=True).status == "late"


def test_a_room_element_needs_attention_when_never_checked_not_checked_this_year_or_missing():
    today = date(2026, 3, 1)
    assert "从未检查" in rules.room_problem("党旗", None, None, today)
    assert "今年尚未检查" in rules.room_problem("党旗", date(2025, 12, 30), True, today)
    assert "缺失" in rules.room_problem("党旗", date(2026, 2, 1), False, today)
    assert rules.room_problem("党旗", date(2026, 1, 2), True, today) is None


def test_the_room_elements_come_from_the_settings_or_the_default_list():
    assert rules.room_elements({}) == rules.DEFAULT_ROOM_ELEMENTS
    assert rules.room_elements({"room_elements": "党旗、入党誓词，党旗"}) == ("党旗", "入党誓词")


# -- the versioned rule table ------------------------------------------------------------------------
RAISED = rules.BudgetRule(per_member=Decimal("120.00"), minimum=Decimal("3600.00"))
TABLE = rules.rule_table([(date(2027, 1, 1), RAISED)])


def test_the_rule_in_force_changes_on_the_day_a_new_version_takes_effect():
    assert rules.budget_rule(date(2026, 12, 31), table=TABLE) == (date(2018, 1, 1), DEFAULT)
    assert rules.budget_rule(date(2027, 1, 1), table=TABLE) == (date(2027, 1, 1), RAISED)
    assert rules.budget_rule(date(2030, 6, 1), table=TABLE) == (date(2027, 1, 1), RAISED)


def test_the_minimum_per_branch_boundary_moves_with_the_version():
    _start, old = rules.budget_rule(date(2026, 12, 31), table=TABLE)
    _start, new = rules.budget_rule(date(2027, 1, 1), table=TABLE)
    assert [rules.budget_amount(n, old) for n in (29, 30, 31)] == [Decimal("3000.00"), Decimal("3000.00"),
                                                                   Decimal("3100.00")]
    assert [rules.budget_amount(n, new) for n in (29, 30, 31)] == [Decimal("3600.00"), Decimal("3600.00"),
                                                                   Decimal("3720.00")]


def test_a_district_version_on_a_defaults_day_replaces_it_and_versions_sort_by_day():
    table = rules.rule_table([(date(2030, 1, 1), RAISED), (date(2018, 1, 1), RAISED)])
    assert table == ((date(2018, 1, 1), RAISED), (date(2030, 1, 1), RAISED))
    assert rules.budget_rule(date(2017, 5, 1), table=table) == (date(2018, 1, 1), RAISED)   # before every version


def test_a_schools_own_rule_gives_way_to_a_later_district_version():
    settings = {"budget_from": date(2026, 7, 1), "budget_per_member": Decimal("150"), "budget_minimum": Decimal("5000")}
    assert rules.budget_rule(date(2026, 12, 31), settings, TABLE)[0] == date(2026, 7, 1)
    assert rules.budget_rule(date(2027, 1, 1), settings, TABLE) == (date(2027, 1, 1), RAISED)
