"""Two time axes (issue 15, point 2): the roll "as of" a day answers by the dates in the world
(joined, converted, transferred, status changes), the audit's time travel by recording time; each
page says which one it shows, and a late entry shows both dates.

The story: everything is typed in in October 2026, long after it happened.
  甲  joined 2021-05-01, converted 2022-05-01                 (registered 10 Oct)
  乙  joined 2025-03-01 as probationary, converted 2026-03-05 (registered 10 Oct, conversion 20 Oct)
  丙  joined 2015, transferred out on 2026-06-15              (registered 10 Oct, transfer 20 Oct)
  丁  transferred in on 2026-04-01 (joined elsewhere 2012)     (registered 10 Oct)
"""
from __future__ import annotations

from datetime import date, datetime, timezone

import eventsourcing.domain
import pytest

from plugins.members import queries, services
from plugins.members.tests.conftest import person

R1 = datetime(2026, 10, 10, 2, 0, tzinfo=timezone.utc)    # 10:00 on 10 October, Beijing
R2 = datetime(2026, 10, 20, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def recorded_at(clock, monkeypatch):
    """``recorded_at(moment)``: the business clock and the events' recording time stand at ``moment``."""
    def move(moment: datetime) -> None:
        clock.set(moment)
        monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", lambda: moment)
    return move


@pytest.fixture
def late_roll(k, tenant, actor, recorded_at, clock):
    recorded_at(R1)
    jia = services.register_member(k, tenant, person("甲", seq=1, joined_on=date(2021, 5, 1),
                                                      converted_on=date(2022, 5, 1)))
    fields = person("乙", seq=2, joined_on=date(2025, 3, 1))
    fields.pop("converted_on")
    yi = services.register_member(k, tenant, fields, status="probationary")
    bing = services.register_member(k, tenant, person("丙", seq=3, joined_on=date(2015, 1, 1),
                                                       converted_on=date(2016, 1, 1)))
    services.transfer_in(k, tenant, "L-IN", "外校党支部", date(2026, 4, 1),
                         fields=person("丁", seq=4, joined_on=date(2012, 1, 1), converted_on=date(2013, 1, 1)))
    recorded_at(R2)
    services.convert_member(k, tenant, yi.id, date(2026, 3, 5))
    services.transfer_out(k, tenant, bing.id, "L-OUT", "区教育局党委", date(2026, 6, 15))
    clock.set(datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc))
    return jia, yi, bing


def names_and_statuses(rows) -> list[tuple[str, str]]:
    return sorted((r["name"], r["status"]) for r in rows)


def test_the_roll_on_a_day_before_anything_was_typed_in_lists_who_belonged_then(k, tenant, late_roll):
    assert names_and_statuses(queries.roster_on(k, tenant, date(2026, 3, 1))) == [
        ("丙", "full"), ("乙", "probationary"), ("甲", "full")]
    assert names_and_statuses(queries.roster_on(k, tenant, date(2021, 6, 1))) == [
        ("丙", "full"), ("甲", "probationary")]
    assert queries.roster_on(k, tenant, date(2014, 12, 31)) == []


def test_a_member_transferred_out_in_june_is_on_the_roll_in_may_and_not_in_july(k, tenant, late_roll):
    may = names_and_statuses(queries.roster_on(k, tenant, date(2026, 5, 31)))
    july = names_and_statuses(queries.roster_on(k, tenant, date(2026, 7, 1)))
    assert may == [("丁", "full"), ("丙", "full"), ("乙", "full"), ("甲", "full")]
    assert july == [("丁", "full"), ("乙", "full"), ("甲", "full")]


def test_a_member_transferred_in_is_on_the_roll_from_the_letter_not_from_joining(k, tenant, late_roll):
    assert "丁" not in [r["name"] for r in queries.roster_on(k, tenant, date(2026, 3, 31))]
    assert "丁" in [r["name"] for r in queries.roster_on(k, tenant, date(2026, 4, 1))]


def test_the_recording_axis_still_shows_what_the_system_held(k, tenant, late_roll):
    assert queries.roster_as_of(k, tenant, datetime(2026, 10, 1, tzinfo=timezone.utc)) == []
    held = queries.roster_as_of(k, tenant, datetime(2026, 10, 15, tzinfo=timezone.utc))
    assert names_and_statuses(held) == [("丁", "full"), ("丙", "full"), ("乙", "probationary"), ("甲", "full")]


def test_last_years_statistics_count_members_by_membership_dates(k, tenant, late_roll):
    s = queries.statistics(k, tenant, 2025)
    assert (s["total"], s["full"], s["probationary"], s["as_of"]) == (3, 2, 1, date(2025, 12, 31))
    assert dict(s["added"])["发展（接收预备党员）"] == 1 and s["converted"] == 0
    this_year = queries.statistics(k, tenant, 2026)
    assert (this_year["total"], this_year["full"], this_year["converted"]) == (3, 3, 1)
    assert dict(this_year["added"])["转入"] == 1 and dict(this_year["removed"])["转出"] == 1
    assert queries.statistics(k, tenant, 2026, on=date(2026, 5, 31))["total"] == 4


def test_a_late_entry_carries_both_dates(k, tenant, late_roll, recorded_at):
    rows = {r["name"]: r for r in queries.roster_on(k, tenant, date(2026, 3, 1))}
    assert rows["甲"]["since"] == date(2022, 5, 1) and rows["甲"]["recorded_on"] == date(2026, 10, 10)
    assert rows["甲"]["late"] is True
    recorded_at(R2)
    fields = person("戊", seq=5, joined_on=date(2026, 10, 20))
    fields.pop("converted_on")
    services.register_member(k, tenant, fields, status="probationary")
    later = {r["name"]: r for r in queries.roster_on(k, tenant, date(2026, 11, 1))}
    assert later["乙"]["since"] == date(2026, 3, 5) and later["乙"]["recorded_on"] == date(2026, 10, 20)
    assert later["乙"]["late"] is True and later["戊"]["late"] is False


def test_a_late_entry_shows_both_dates_in_the_members_history(login_as, tenant, late_roll):
    _, yi, _ = late_roll
    page = login_as("secretary", tenant).get(f"/t/{tenant}/members/{yi.id}").get_data(as_text=True)
    assert "所记日期 2026-03-05，录入于 2026-10-20" in page       # the conversion
    assert "所记日期 2025-03-01，录入于 2026-10-10" in page       # the registration


def test_the_as_of_page_offers_both_axes_and_says_which_it_shows(login_as, tenant, late_roll):
    viewer = login_as("secretary", tenant)
    world = viewer.get(f"/t/{tenant}/members/as-of?on=2026-03-01").get_data(as_text=True)
    assert "按党籍日期" in world and "按录入时间" in world
    assert "甲" in world and "预备党员" in world and "丁" not in world
    assert "2026-10-10" in world and "2022-05-01" in world   # a late entry: both dates
    recorded = viewer.get(f"/t/{tenant}/members/as-of?axis=recorded&at=2026-10-01T00:00")
    page = recorded.get_data(as_text=True)
    assert recorded.status_code == 200 and "系统当时的记录" in page and "该时刻名册上没有党员" in page
    assert viewer.get(f"/t/{tenant}/members/as-of?on=2026-13-01").status_code == 422


def test_the_annual_roster_and_statistics_pages_use_membership_dates(login_as, tenant, late_roll):
    secretary = login_as("secretary", tenant)
    roster = secretary.get(f"/t/{tenant}/members/rosters/annual?year=2025").get_data(as_text=True)
    assert "2025 年党员花名册" in roster and "按党籍日期" in roster
    assert all(name in roster for name in ("甲", "乙", "丙")) and "丁" not in roster
    stats = secretary.get(f"/t/{tenant}/members/statistics?year=2025").get_data(as_text=True)
    assert "按党籍日期" in stats and "2025-12-31" in stats


def test_the_api_answers_the_roll_and_statistics_by_the_date_in_the_world(api_as, tenant, late_roll):
    api = api_as("viewer", tenant)
    world = api.get(f"/api/v1/t/{tenant}/members/roster?on=2026-03-01").json
    assert world["axis"] == "world" and sorted(i["name"] for i in world["items"]) == ["丙", "乙", "甲"]
    assert {i["name"]: i["status"] for i in world["items"]}["乙"] == "probationary"
    recorded = api.get(f"/api/v1/t/{tenant}/members/roster?at=2026-10-01T00:00:00").json
    assert recorded["axis"] == "recorded" and recorded["items"] == []
    assert api.get(f"/api/v1/t/{tenant}/members/statistics?year=2025").json["total"] == 3
    assert api.get(f"/api/v1/t/{tenant}/members/statistics?on=2026-05-31").json["total"] == 4
    assert api.get(f"/api/v1/t/{tenant}/members/roster?on=nonsense").status_code == 422
