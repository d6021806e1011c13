"""Heart-to-heart talk compliance counts each member from their own start on this roll (issue 15.3):
a member transferred in (or admitted) during the year had their earlier talks at their former branch,
recorded there, not here.

The story, on 23 November 2026 (a school keeping its records in Zhibu since 2000):
  老王  full member since 2010, on the roll all year, no talk            → missing, expected
  老赵  full member since 2010, talked with 小张 on 15 April             → talked
  小张  transferred in on 10 March, talked with 老赵 on 15 April         → talked
  小李  transferred in on 1 November, no talk here                       → missing, not yet expected
"""
from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from core import context
from plugins.meetings import contributions as reports, queries, services
from plugins.members import services as member_services
from plugins.members.tests.conftest import person
from tenants import services as tenants

SAID = "谈了教学和思想状况。"
TODAY = date(2026, 11, 23)


@pytest.fixture
def school(k, tenant, actor, clock):
    ids = {}
    for seq, name in enumerate(("老王", "老赵"), start=1):
        ids[name] = member_services.register_member(
            k, tenant, person(name, seq=seq, joined_on=date(2010, 5, 1), converted_on=date(2011, 5, 1))).id
    for seq, (name, on) in enumerate((("小张", date(2026, 3, 10)), ("小李", date(2026, 11, 1))), start=3):
        transfer = member_services.transfer_in(
            k, tenant, f"L-{seq}", "外校党支部", on,
            fields=person(name, seq=seq, joined_on=date(2012, 1, 1), converted_on=date(2013, 1, 1)))
        ids[name] = UUID(transfer.member_id)
    services.record_talk(k, tenant, date(2026, 4, 15), ids["老赵"], ids["小张"], SAID)
    return ids


def talk_alerts(k, tenant):
    return [a for a in reports.alerts(k, tenant, TODAY) if "谈心谈话" in a.text]


def test_a_member_who_arrived_in_march_and_talked_here_in_april_counts_as_talked(k, tenant, school):
    counted = queries.talk_compliance(k, tenant, 2026)
    assert (counted.total, counted.talked) == (4, 2)
    assert sorted(counted.missing) == ["小李", "老王"]


def test_a_talk_before_the_member_came_is_not_counted_here(k, tenant, school):
    services.record_talk(k, tenant, date(2026, 10, 20), school["老赵"], school["小李"], SAID)
    assert sorted(queries.talk_compliance(k, tenant, 2026).missing) == ["小李", "老王"]


def test_a_member_transferred_in_on_1_november_without_a_talk_is_no_warning_and_the_alert_says_why(
        k, tenant, school):
    services.record_talk(k, tenant, date(2026, 6, 1), school["老王"], school["老赵"], SAID)
    [alert] = talk_alerts(k, tenant)
    assert alert.level == "info", alert
    assert "1 名党员" in alert.text and "其中 1 名于年内转入" in alert.text and "自转入之日起计" in alert.text


def test_a_member_present_all_year_without_a_talk_is_a_warning(k, tenant, school):
    [alert] = talk_alerts(k, tenant)
    assert alert.level == "warning", alert
    assert "2 名党员" in alert.text and "其中 1 名于年内转入" in alert.text


def test_the_months_a_member_must_have_been_here_come_from_the_school_settings(k, tenant, school):
    services.record_talk(k, tenant, date(2026, 6, 1), school["老王"], school["老赵"], SAID)
    with context.acting(context.system("test")):
        tenants.configure_plugin(k, tenant, "meetings", {"talk_min_months": 2})   # 1 Nov–31 Dec: 2 months
    [alert] = talk_alerts(k, tenant)
    assert alert.level == "warning", alert


def test_the_talks_page_and_api_show_when_a_member_who_came_this_year_is_counted_from(
        k, tenant, school, login_as, api_as):
    page = login_as("viewer", tenant).get(f"/t/{tenant}/meetings/talks?year=2026").get_data(as_text=True)
    assert "小李" in page and "2026-11-01" in page and "自转入之日起计" in page
    assert "2026-03-10" in page
    body = api_as("viewer", tenant).get(f"/api/v1/t/{tenant}/meetings/talks/compliance?year=2026").json
    assert (body["total"], body["talked"], sorted(body["missing"])) == (4, 2, ["小李", "老王"])
    started = {m["name"]: m for m in body["started"]}
    assert started["小李"] == {"name": "小李", "started_on": "2026-11-01", "how": "transfer_in",
                               "talked": False, "expected": False}
    assert started["小张"]["started_on"] == "2026-03-10" and started["小张"]["talked"] is True
    assert body["expected_missing"] == ["老王"] and body["min_months"] == 6
