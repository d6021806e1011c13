"""Alerts are true (issue 15.4): only money owed under the rules raises an arrears or 党章第九条 alert,
each says why (the rule, the months, the amount) and links to the member's record; a member without
a base is a task to set it."""
from datetime import date
from decimal import Decimal

from core.plugins import flatten
from plugins.dues import queries, services
from plugins.dues.queries import standing
from plugins.dues.tests.conftest import id_number
from plugins.members import services as members

D = Decimal


def dues_alerts(k, tenant, today=date(2026, 11, 23)):
    return [a for a in flatten(k.hooks(tenant).zhibu_alerts(tenant=tenant, today=today)) if a.source == "dues"]


def test_a_member_without_a_base_raises_no_arrears_alert_but_a_task_to_set_the_base(k, tenant, clock, actor,
                                                                                     add_member):
    member = add_member(tenant, "无基数")
    found = dues_alerts(k, tenant)
    assert not any("党章第九条" in a.text or "未交" in a.text for a in found)
    task, = found
    assert task.level == "info" and "请为 无基数 核定党费基数" in task.text
    assert "2026-01 至 2026-11" in task.text
    assert task.url == f"/t/{tenant}/dues/members/{member}#base"
    figures = {f.key: f for f in flatten(k.hooks(tenant).zhibu_district_figures(tenant=tenant, today=date(2026, 11, 23)))}
    assert figures["dues.members_in_arrears"].value == 0


def test_a_member_owing_nothing_raises_no_alert(k, tenant, clock, actor, add_member, on_day):
    member = add_member(tenant, "已交清")
    services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))
    services.record_payment(k, tenant, member, [date(2026, m, 1) for m in range(1, 12)], "cash")
    assert dues_alerts(k, tenant) == []


def test_an_alert_for_real_arrears_says_why_and_links_to_the_members_record(k, tenant, clock, actor, add_member,
                                                                            on_day):
    member = add_member(tenant, "欠交者")
    services.record_base(k, tenant, member, 2026, 1, "employed", D("2000"))    # 10.00 a month
    services.record_payment(k, tenant, member, [date(2026, m, 1) for m in range(1, 5)], "cash")
    alert, = dues_alerts(k, tenant)
    assert alert.level == "danger"
    assert "欠交者：连续 6 个月未交（2026-05 至 2026-10，应交 ¥60.00）" in alert.text
    assert "党章第九条" in alert.text
    assert alert.url == f"/t/{tenant}/dues/members/{member}"
    warning, = dues_alerts(k, tenant, date(2026, 9, 2))         # May–Aug: four months
    assert warning.level == "warning" and "连续 4 个月未交（2026-05 至 2026-08，应交 ¥40.00）" in warning.text


def test_the_school_home_page_shows_the_base_task_and_no_false_charter_alert(k, tenant, clock, actor, add_member,
                                                                             login_as):
    add_member(tenant, "新转入")
    page = login_as("secretary", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert "党章第九条" not in page and "请为 新转入 核定党费基数" in page


def test_a_member_transferred_in_owes_from_the_month_after_the_dues_paid_to_the_former_branch(k, tenant, clock,
                                                                                                actor):
    transfer = members.transfer_in(k, tenant, "组转字〔2026〕88号", "区实验中学党支部", date(2026, 8, 20),
                                   dues_paid_to="2026-08", fields={
                                       "name": "转入者", "gender": "male", "id_number": id_number(date(1985, 5, 5)),
                                       "joined_on": date(2012, 7, 1), "converted_on": date(2013, 7, 1)})
    member = transfer.member_id
    assert [a.text for a in dues_alerts(k, tenant)] == [
        "请为 转入者 核定党费基数（2026-09 至 2026-11 共 3 个月尚无基数，应交金额无法计算）"]
    services.record_base(k, tenant, member, 2026, 9, "employed", D("3000"))
    assert dues_alerts(k, tenant) == []
    found, = [a for a, _lv in standing.arrears(k, tenant, date(2026, 11, 23))]
    assert found.months == [date(2026, 9, 1), date(2026, 10, 1)]
