"""The district's side of the plans plugin: the budget rule's versions (added from a day, applied to the
schools' budgets by the day in force) and the activity room checklist across schools (paginated, Excel)."""
from __future__ import annotations

import io
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.errors import DomainError
from plugins.plans import queries, services
from plugins.plans.tests.conftest import system


def at(clock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 2, tzinfo=timezone.utc))


def test_a_district_version_applies_to_budgets_from_its_day(k, tenant, clock, add_members):
    add_members(tenant, 31)
    at(clock, date(2026, 11, 1))
    with system():
        services.add_budget_rule(k, date(2027, 1, 1), Decimal("120"), Decimal("4000"), "区委组织部 2026 年 10 号文")
        services.set_budget(k, tenant, 2026)
    b = queries.get_budget(k, tenant, 2026)
    assert (b.per_member_fen, b.minimum_fen, b.amount_fen, b.rule_from) == (10000, 300000, 310000, date(2018, 1, 1))
    at(clock, date(2027, 1, 1))                       # the change day: the new version is in force
    with system():
        services.set_budget(k, tenant, 2027)
    b = queries.get_budget(k, tenant, 2027)
    assert (b.members, b.per_member_fen, b.amount_fen, b.rule_from) == (31, 12000, 400000, date(2027, 1, 1))
    # 31 × 120 = 3,720 is below the new minimum per branch, 4,000


def test_a_version_on_the_same_day_replaces_the_earlier_one_and_keeps_it(k, clock):
    at(clock, date(2026, 11, 1))
    with system():
        services.add_budget_rule(k, date(2027, 1, 1), Decimal("120"), Decimal("4000"), "初稿")
        book = services.add_budget_rule(k, date(2027, 1, 1), Decimal("110"), Decimal("3500"), "正式文件")
        with pytest.raises(DomainError, match="不能都为零"):
            services.add_budget_rule(k, date(2028, 1, 1), Decimal("0"), Decimal("0"), "x")
        with pytest.raises(DomainError, match="依据或说明"):
            services.add_budget_rule(k, date(2028, 1, 1), Decimal("1"), Decimal("0"), " ")
    assert book.versions == {"2027-01-01": {"per_member_fen": 11000, "minimum_fen": 350000}}
    rows = queries.list_budget_rules(k)
    assert [(r.effective_from, r.per_member_fen, r.note, r.replaced) for r in rows] == [
        (date(2027, 1, 1), 11000, "正式文件", {"per_member_fen": 12000, "minimum_fen": 400000})]
    assert [start for start, _rule in queries.rule_table(k)] == [date(2018, 1, 1), date(2027, 1, 1)]


def test_the_district_adds_a_version_through_its_page_and_schools_may_not(login_as, tenant, clock):
    at(clock, date(2026, 11, 1))
    admin = login_as("district_admin")
    html = admin.get("/district/plans/budget-rules").get_data(as_text=True)
    assert "2018-01-01" in html and "现行" in html
    r = admin.post("/district/plans/budget-rules", data={
        "csrf_token": admin.csrf(), "_form": "rule", "effective_from": "2027-01-01", "per_member": "120",
        "minimum": "4000", "note": "区委组织部文件"})
    assert r.status_code == 302, r.get_data(as_text=True)[:600]
    assert "区委组织部文件" in admin.get("/district/plans/budget-rules").get_data(as_text=True)
    r = admin.post("/district/plans/budget-rules", data={
        "csrf_token": admin.csrf(), "_form": "rule", "effective_from": "2027-01-01", "per_member": "-1",
        "minimum": "x", "note": ""})
    assert r.status_code == 422
    school = login_as("secretary", tenant)
    assert school.get("/district/plans/budget-rules").status_code == 403
    assert school.post("/district/plans/budget-rules", data={"csrf_token": school.csrf()}).status_code == 403
    assert school.get("/district/plans/room").status_code == 403


def test_the_district_sees_every_schools_room_checklist_a_page_at_a_time(k, make_tenant, tenant, other_tenant,
                                                                         clock, login_as, api_as):
    at(clock, date(2026, 3, 1))
    with system():
        services.check_room_element(k, tenant, "党旗", date(2026, 2, 20), True)
        services.check_room_element(k, other_tenant, "党旗", date(2026, 2, 21), False, "褪色")
    bare = make_tenant("no-plans", plugins=[p for p in k.registry.optional() if p != "plans"])
    admin = login_as("district_admin")
    html = admin.get("/district/plans/room").get_data(as_text=True)
    assert "2026-02-20" in html and "缺失" in html
    page = api_as("district_admin").get("/api/v1/district/plans/room").get_json()
    schools = {s["school"]: s for s in page["schools"]}
    assert {tenant, other_tenant, bare} <= set(schools)
    assert (schools[bare]["enabled"], schools[bare]["elements"]) == (False, [])
    assert schools[tenant]["problems"] == 7 and schools[other_tenant]["problems"] == 8
    flag = {e["element"]: e for e in schools[other_tenant]["elements"]}["党旗"]
    assert (flag["last_checked"], flag["present"]) == ("2026-02-21", False)
    assert api_as("district_admin").get("/api/v1/district/plans/room?page=2").get_json()["schools"] == []
    assert api_as("district_admin").get("/api/v1/district/plans/room?page=0").status_code == 422
    r = admin.get("/district/plans/room.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.data)).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 17 and ("未启用本功能" in [row[4] for row in rows]) and any(row[1] == "党旗" and row[3] == "缺失或不合要求" for row in rows)
    assert login_as("secretary", tenant).get("/district/plans/room.xlsx").status_code == 403


def test_the_room_table_is_paginated_by_school(k, make_tenant, clock, login_as):
    for n in range(26):
        make_tenant(f"school-{n:02d}")
    first = queries.schools_page(k, 1)
    second = queries.schools_page(k, 2)
    assert len(first.items) == 25 and first.has_next and second.items
    assert not {r.slug for r in first.items} & {r.slug for r in second.items}
    html = login_as("district_admin").get("/district/plans/room?page=2").get_data(as_text=True)
    assert second.items[-1].name in html and first.items[0].name not in html
