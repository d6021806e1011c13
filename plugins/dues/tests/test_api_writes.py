"""Every write of the dues API once, as a school's organiser would use it (issue 13: both modes)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from plugins.dues import services

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/dues/bases",
    "POST /api/v1/t/{tenant}/dues/reliefs",
    "POST /api/v1/t/{tenant}/dues/payments",
    "POST /api/v1/t/{tenant}/dues/payments/{receipt_no}/reversal",
    "POST /api/v1/t/{tenant}/dues/remittances",
)
def test_an_organiser_sets_a_base_grants_relief_collects_reverses_and_remits(api_as, tenant, add_member):
    api = api_as("org", tenant)
    member = str(add_member(tenant, "李四"))
    base = f"/api/v1/t/{tenant}/dues"

    r = api.post(f"{base}/bases", json={"member_id": member, "year": 2026, "category": "employed", "base": "4000"})
    assert r.status_code == 201, r.json
    assert [b["base"] for b in api.get(f"{base}/bases?year=2026").json] == ["4000.00"]

    r = api.post(f"{base}/reliefs", json={"member_id": member, "year": 2026, "from_month": 3, "to_month": 3,
                                          "kind": "waive", "reason": "生病住院", "approver": "上级党委"})
    assert r.status_code == 201, r.json
    assert api.get(f"{base}/reports/monthly?month=2026-03").json["members"][0]["due"] == "0.00"

    r = api.post(f"{base}/payments", json={"member_id": member, "months": ["2026-01", "2026-02"], "method": "cash"})
    assert r.status_code == 201, r.json
    receipt = r.json["receipt_no"]
    assert api.get(f"{base}/payments/{receipt}").json["amount"] == "80.00"

    r = api.post(f"{base}/payments", json={"member_id": member, "months": ["2026-04"], "method": "cash"})
    assert r.status_code == 201, r.json
    r = api.post(f"{base}/payments/{r.json['receipt_no']}/reversal", json={"reason": "重复登记"})
    assert r.status_code == 201, r.json
    assert r.json["kind"] == "reversal" and r.json["amount"] == "-40.00"
    assert api.get(f"{base}/payments").json["meta"]["total"] == 3

    r = api.post(f"{base}/remittances", json={"period_from": "2026-01", "period_to": "2026-02", "amount": "80",
                                              "remitted_on": "2026-11-23", "reference": "JK-2026-01"})
    assert r.status_code == 201, r.json
    assert api.get(f"{base}/remittances/{r.json['id']}").json["reference"] == "JK-2026-01"


@pytest.mark.covers("POST /api/v1/t/{tenant}/dues/late-payments")
def test_an_organiser_enters_the_years_earlier_payments_late(api_as, tenant, add_member, clock):
    api = api_as("org", tenant)
    member = str(add_member(tenant, "王五"))
    base = f"/api/v1/t/{tenant}/dues"
    assert api.post(f"{base}/bases", json={"member_id": member, "year": 2026, "category": "employed",
                                           "base": "3000"}).status_code == 201
    r = api.post(f"{base}/late-payments", json={"payments": [
        {"member_id": member, "months": ["2026-01", "2026-02", "2026-03"], "paid_on": "2026-04-08", "method": "cash"},
        {"member_id": member, "months": ["2026-04"], "paid_on": "2026-05-06", "method": "online"}]})
    assert r.status_code == 201, r.json
    assert [p["receipt_no"] for p in r.json] == ["2026-0001", "2026-0002"]


@pytest.mark.covers("POST /api/v1/t/{tenant}/dues/sheet")
def test_a_collector_lists_a_months_sheet_and_saves_it_with_warnings(tenant, api_as, add_member, k, actor):
    api = api_as("org", tenant)
    base = f"/api/v1/t/{tenant}/dues"
    people = {name: add_member(tenant, name) for name in ("甲", "乙", "丙")}
    for member in people.values():
        services.record_base(k, tenant, member, 2026, 1, "employed", Decimal("4000"))    # 40.00 a month
        services.record_payment(k, tenant, member, [date(2026, m, 1) for m in range(1, 10)], "cash")
    k.catch_up(tenant)
    listed = api.get(f"{base}/sheet?period=2026-11").json
    row = next(r for r in listed["rows"] if r["member_id"] == str(people["甲"]))
    assert row["months"] == ["2026-11"] and row["owed"] == "40.00" and row["earlier_unpaid"] == ["2026-10"]
    assert api.get(f"{base}/sheet").json["period"] == "2026-Q4"
    body = {"method": "online", "payments": [{"member_id": str(people["甲"]), "months": ["2026-11"], "amount": "40"},
                                             {"member_id": str(people["乙"]), "months": ["2026-10", "2026-11"],
                                              "amount": "80"}]}
    r = api.post(f"{base}/sheet", json=body)
    assert r.status_code == 201, r.json
    assert [x["receipt_no"] for x in r.json["receipts"]] == ["2026-0004", "2026-0005"]
    assert r.json["warnings"] == ["甲：更早的月份尚未交纳：2026-10（可一并补交）"]
    again = api.post(f"{base}/sheet", json=body)
    assert again.status_code == 409 and "甲（2026-11）" in str(again.json)
    short = {"method": "cash", "payments": [{"member_id": str(people["丙"]), "months": ["2026-11"], "amount": "10"}]}
    assert api.post(f"{base}/sheet", json=short).status_code == 422
    assert api_as("member", tenant).post(f"{base}/sheet", json=short).status_code == 403


@pytest.mark.covers("POST /api/v1/t/{tenant}/dues/elsewhere")
def test_dues_paid_elsewhere_through_the_api(k, api_as, tenant, add_member, actor, clock):
    from decimal import Decimal

    from plugins.dues import services
    a = add_member(tenant, "甲")
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))
    r = api_as("secretary", tenant).post(f"/api/v1/t/{tenant}/dues/elsewhere", json={
        "member_id": str(a), "months": ["2026-03"], "organisation": "流入地党支部", "amount": "40", "proof_no": "No.1",
        "paid_on": "2026-04-01"})
    assert r.status_code == 201 and r.json["key"] == "外1", r.json


@pytest.mark.covers("POST /api/v1/t/{tenant}/dues/members/{member_id}/elsewhere/{key}/withdrawal")
def test_a_wrong_entry_of_dues_paid_elsewhere_is_withdrawn_through_the_api(k, api_as, tenant, add_member, actor):
    a = add_member(tenant, "甲")
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))
    services.record_paid_elsewhere(k, tenant, a, [date(2026, 3, 1)], "流入地党支部", "40", "No.1",
                                   paid_on=date(2026, 4, 1))
    r = api_as("org", tenant).post(f"/api/v1/t/{tenant}/dues/members/{a}/elsewhere/外1/withdrawal",
                                   json={"reason": "录错了人"})
    assert r.status_code == 201 and r.json["withdrawn"] is True, r.json


def test_a_refused_sheet_names_each_row_in_the_callers_language(k, api_as, tenant, add_member, actor):
    from decimal import Decimal

    from plugins.dues import services
    api = api_as("org", tenant)
    member = add_member(tenant, "丙")
    services.record_base(k, tenant, member, 2026, 1, "employed", Decimal("4000"))
    k.catch_up(tenant)
    short = {"method": "cash", "payments": [{"member_id": str(member), "months": ["2026-11"], "amount": "10"}]}
    chinese = api.post(f"/api/v1/t/{tenant}/dues/sheet", json=short)
    english = api.post(f"/api/v1/t/{tenant}/dues/sheet", json=short, headers={"Accept-Language": "en"})
    assert chinese.status_code == english.status_code == 422
    assert "1 行不能登记" in chinese.json["message"] and "少于应交" in str(chinese.json["errors"]["json"][str(member)])
    assert english.json["message"] == "1 rows cannot be recorded; nothing was written."
    problem = english.json["errors"]["json"][str(member)][0]
    assert "¥40.00" in problem and not any("\u4e00" <= ch <= "\u9fff" for ch in problem), problem
