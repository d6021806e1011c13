"""The care story through the services: a member in hardship helped and closed, a visit, a member away
contacted, flagged after 6 months without contact (the alert says why), and returned; the birthday
and medal lists read from the roll."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

from core.errors import ConflictError
from plugins.care import contributions, queries, services
from plugins.care.domain import CareError


def _on(clock, day: date):
    clock.set(datetime(day.year, day.month, day.day, 2, 0, tzinfo=timezone.utc))


def test_a_member_in_hardship_is_helped_and_the_case_closed_with_a_reason(k, tenant, member, catch_up):
    zhang = member(tenant, "张老师")
    case = services.open_hardship(k, tenant, zhang.id, "因病致困", date(2026, 3, 1), "住院治疗")
    services.give_help(k, tenant, case.id, "送慰问金", date(2026, 3, 5), Decimal("800.00"), "王书记", expected_version=1)
    services.give_help(k, tenant, case.id, "协助申请医疗救助", date(2026, 4, 1), 0, "组织委员")
    services.close_hardship(k, tenant, case.id, date(2026, 10, 1), "已康复返岗", expected_version=3)
    catch_up()
    row, helps = queries.get_hardship(k, tenant, case.id)
    assert (row.help_count, row.help_cost, row.closed_on, row.close_reason) == (2, Decimal("800.00"), date(2026, 10, 1), "已康复返岗")
    assert [h.what for h in helps] == ["送慰问金", "协助申请医疗救助"]
    assert queries.list_hardship(k, tenant) == []     # closed cases leave the open list
    with pytest.raises(CareError):
        services.give_help(k, tenant, case.id, "再次帮扶", date(2026, 11, 1), 0, "王书记")


def test_hardship_kinds_come_from_the_list_and_closing_needs_a_reason(k, tenant, member):
    zhang = member(tenant, "张老师")
    with pytest.raises(CareError) as refused:
        services.open_hardship(k, tenant, zhang.id, "不存在的类型", date(2026, 3, 1))
    assert refused.value.field == "kind"
    case = services.open_hardship(k, tenant, zhang.id, "生活困难", date(2026, 3, 1))
    with pytest.raises(CareError) as refused:
        services.close_hardship(k, tenant, case.id, date(2026, 4, 1), " ")
    assert refused.value.field == "reason"
    with pytest.raises(ConflictError):
        services.give_help(k, tenant, case.id, "慰问", date(2026, 4, 1), 0, "王书记", expected_version=5)


def test_a_visit_records_its_cost_and_is_listed_by_year(k, tenant, member, catch_up):
    li = member(tenant, "李老师")
    services.record_visit(k, tenant, li.id, date(2026, 1, 20), "王书记", "春节慰问", Decimal("300"), "春节",
                          "在支部活动经费中列支")
    catch_up()
    [visit] = queries.list_visits(k, tenant, 2026)
    assert (visit.member_name, visit.cost, visit.funds_note) == ("李老师", Decimal("300.00"), "在支部活动经费中列支")
    assert queries.list_visits(k, tenant, 2025) == []


def test_a_member_away_without_contact_for_six_months_is_flagged_the_day_after(k, tenant, member, clock, catch_up):
    zhao = member(tenant, "赵老师")
    _on(clock, date(2026, 1, 10))
    record = services.register_away(k, tenant, zhao.id, "mobile", "深圳市南山区", date(2026, 1, 1), "微信", "LD123456")
    services.log_contact(k, tenant, record.id, date(2026, 1, 10), "wechat", "报到", expected_version=1)
    catch_up()
    assert contributions.alerts(k, tenant, date(2026, 7, 10)) == []
    [alert] = contributions.alerts(k, tenant, date(2026, 7, 11))
    assert "赵老师" in alert.text and "2026-01-10" in alert.text and "2026-07-10" in alert.text
    assert alert.level == "warning" and alert.source == "care"
    _on(clock, date(2026, 7, 12))
    services.log_contact(k, tenant, record.id, date(2026, 7, 12), "phone", "电话联系")
    catch_up()
    assert contributions.alerts(k, tenant, date(2026, 7, 12)) == []
    services.mark_returned(k, tenant, record.id, date(2026, 7, 12), "回校工作")
    catch_up()
    assert queries.list_away(k, tenant) == [] and contributions.alerts(k, tenant, date(2027, 7, 12)) == []


def test_a_member_already_away_cannot_be_registered_twice(k, tenant, member, catch_up):
    zhao = member(tenant, "赵老师")
    services.register_away(k, tenant, zhao.id, "abroad", "新加坡", date(2026, 1, 1), "电子邮件")
    catch_up()
    with pytest.raises(CareError) as refused:
        services.register_away(k, tenant, zhao.id, "mobile", "深圳", date(2026, 2, 1), "微信")
    assert refused.value.field == "member_id"


def test_the_months_birthdays_and_the_years_medal_list_read_the_roll(k, tenant, member, catch_up):
    member(tenant, "老党员甲", joined_on=date(1975, 7, 1), converted_on=date(1976, 7, 1))
    member(tenant, "老党员乙", joined_on=date(1975, 7, 2), converted_on=date(1976, 7, 2))
    member(tenant, "年轻党员", joined_on=date(2015, 11, 9), converted_on=date(2016, 11, 9))
    catch_up()
    assert [m.name for m in queries.medal_list(k, tenant, 2026)] == ["老党员甲"]
    assert queries.medal_list(k, tenant, 2026)[0].party_years == 50
    assert [m.name for m in queries.medal_list(k, tenant, 2027)] == ["老党员甲", "老党员乙"]
    [b] = queries.birthdays(k, tenant, 2026, 11)
    assert (b.name, b.anniversary, b.years, b.party_years) == ("年轻党员", date(2026, 11, 9), 11, 10)
    assert [b.name for b in queries.birthdays(k, tenant, 2026, 7)] == ["老党员甲", "老党员乙"]
