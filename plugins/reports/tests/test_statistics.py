"""The annual statistics report (党员统计报表) against a hand-counted roll: by membership dates, a member
entered late but admitted years ago counts in the year of admission; the cross-checks upper bodies apply;
submitted to the district with a receipt."""
from __future__ import annotations

from datetime import date

import pytest

from core import context
from core.errors import DomainError
from plugins.members import public as members
from plugins.reports import queries, services


@pytest.fixture
def roll(k, clock, tenant, add_member):
    """Hand-counted for 2025 (today is 2026-11-23):
    甲 on the roll since 2010; 丁 admitted 2024-07, converted 2025-07; 戊 died 2025-09-10;
    丙 admitted 2025-03 (probationary at year end, ethnicity not filled); 己 admitted 2026 (not in 2025).
    Opening 2025 = 甲 丁 戊 = 3; + admitted 丙 − died 戊 → closing 3 = 甲 丙 丁."""
    ids = {"甲": add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1)),
           "丁": add_member(tenant, "丁", date(2024, 7, 1), date(2025, 7, 1), gender="male"),
           "戊": add_member(tenant, "戊", date(2000, 1, 1), date(2001, 1, 1), category="retiree"),
           "丙": add_member(tenant, "丙", date(2025, 3, 1), ethnicity=None, gender="male"),
           "己": add_member(tenant, "己", date(2026, 3, 1))}
    with context.acting(context.system("test", source="test")):
        members.change_status(k, tenant, ids["戊"], "deceased", date(2025, 9, 10), "病故")
    return ids


def test_the_year_end_statistics_match_the_hand_count(k, tenant, roll):
    s = queries.statistics(k, tenant, 2025)
    assert (s["opening"], s["closing"], s["full"], s["probationary"]) == (3, 3, 2, 1)
    assert dict(s["by_gender"]) == {"女": 1, "男": 2}
    assert dict(s["by_category"]) == {"教师": 3}
    assert dict(s["by_ethnicity"]) == {"汉族": 2, "未填": 1}
    assert s["unfilled"] == [["民族未填", ["丙"]]]
    assert s["by_age"] == [["41–45岁", 3]]
    added = {label: (n, names) for label, n, names in s["added"]}
    assert added["发展（接收预备党员）"] == (1, ["丙"])
    removed = {label: (n, names) for label, n, names in s["removed"]}
    assert removed["去世"] == (1, ["戊"]) and sum(n for n, _ in removed.values()) == 1
    assert s["converted"] == [1, ["丁"]]
    assert s["checks"] == []


def test_a_member_entered_late_counts_in_the_year_of_admission_not_of_entry(k, tenant, roll, add_member):
    add_member(tenant, "乙", date(2019, 5, 1), date(2020, 5, 1))      # typed in today (2026), admitted 2019
    s2025 = queries.statistics(k, tenant, 2025)
    assert s2025["opening"] == 4 and s2025["closing"] == 4
    assert dict((label, n) for label, n, _ in s2025["added"])["发展（接收预备党员）"] == 1   # 丙 only
    s2019 = queries.statistics(k, tenant, 2019)
    assert dict((label, names) for label, _, names in s2019["added"])["发展（接收预备党员）"] == ["乙"]
    assert queries.statistics(k, tenant, 2026)["added"][0][2] == ["己"]


def test_this_years_opening_must_equal_last_years_reported_closing(k, tenant, roll, add_member, as_system):
    last = services.prepare_statistics(k, tenant, 2024)
    services.submit_report(k, tenant, last.id)
    assert queries.get_report(k, tenant, "statistics", "2024").answers["closing"] == 3
    add_member(tenant, "乙", date(2019, 5, 1), date(2020, 5, 1))      # found later on paper
    report = services.prepare_statistics(k, tenant, 2025)
    assert report.values["checks"] == ["本年年初数 4 与 2024 年已报送的年末数 3 不一致"]
    with pytest.raises(DomainError, match="校验未通过，报送前须说明原因"):
        services.submit_report(k, tenant, report.id)
    services.submit_report(k, tenant, report.id, "补录了2019年入党的乙（纸质档案）")
    receipt = queries.list_receipts(k, "statistics", "2025")[0]
    assert receipt.explanation == "补录了2019年入党的乙（纸质档案）" and receipt.checks == report.values["checks"]


def test_a_nonzero_exceptional_cell_without_its_names_fails_the_check():
    from plugins.reports import rules
    assert rules.name_list_checks([("去世", 2, ["戊"]), ("转出", 0, [])]) == ["「去世」为 2 人，名单有 1 人"]
    assert rules.balance_check(3, 1, 1, 3) is None
    assert rules.balance_check(3, 1, 0, 3) is not None


def test_the_district_receives_only_submitted_statistics_with_a_receipt(k, tenant, other_tenant, roll, as_system):
    draft = services.prepare_statistics(k, other_tenant, 2025)
    assert draft.status == "draft"
    report = services.prepare_statistics(k, tenant, 2025)
    assert queries.list_receipts(k, "statistics", "2025") == []
    services.submit_report(k, tenant, report.id)
    [receipt] = queries.list_receipts(k, "statistics", "2025")
    assert receipt.school == tenant and receipt.receipt_no.startswith("TJ-2025-")
    assert queries.get_report(k, tenant, "statistics", "2025").receipt_no == receipt.receipt_no
    with pytest.raises(DomainError, match="已报送"):
        services.prepare_statistics(k, tenant, 2025)


def test_a_restoration_carries_its_name_and_keeps_the_balance(k, tenant, roll, as_system):
    members.change_status(k, tenant, roll["甲"], "lost_contact", date(2025, 2, 1), "失去联系")
    members.change_status(k, tenant, roll["甲"], "full", date(2025, 8, 1), "恢复联系")
    s = queries.statistics(k, tenant, 2025)
    assert s["added"][2] == ["恢复党籍/重新转回", 1, ["甲"]]
    assert (s["opening"], s["closing"]) == (3, 3) and s["checks"] == []
