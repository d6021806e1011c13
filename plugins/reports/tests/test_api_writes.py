"""Every write of the reports API once: a school opens a form pre-filled, confirms and enters its
fields and submits; prepares and submits its annual statistics; the district defines a form and
closes it (each write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/reports/forms/{form_id}/report",
    "POST /api/v1/t/{tenant}/reports/forms/{form_id}/report/values/{key}",
    "POST /api/v1/t/{tenant}/reports/forms/{form_id}/report/submit",
)
def test_the_api_opens_confirms_and_submits(k, tenant, form, api_as):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/reports/forms/{form.id}/report"
    assert api.get(base).status_code == 404
    r = api.post(base)
    assert r.status_code == 201 and r.get_json()["answers"]["f1"]["value"] == 2
    assert api.post(f"{base}/values/f1", json={"action": "confirm", "expected_version": 1}).status_code == 200
    r = api.post(f"{base}/values/f2", json={"action": "correct", "value": "x", "reason": "y"})
    assert r.status_code == 422
    r = api.post(f"{base}/values/f2", json={"action": "enter", "value": "亮点"})
    assert r.status_code == 200 and r.get_json()["answers"]["f2"]["value"] == "亮点", r.get_json()
    r = api.post(f"{base}/submit", json={})
    assert r.status_code == 200 and r.get_json()["status"] == "submitted"
    assert api.get(base).get_json()["receipt_no"] == r.get_json()["receipt_no"]
    r = api_as("district_admin").get(f"/api/v1/district/reports/forms/{form.id}")
    assert r.get_json()["submitted"] == 1 and r.get_json()["prefill_rate"] == 0.5


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/reports/statistics/{year}",
    "POST /api/v1/t/{tenant}/reports/statistics/{year}/submit",
)
def test_a_school_prepares_and_submits_its_annual_statistics(tenant, api_as, add_member):
    add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    add_member(tenant, "乙", date(2025, 3, 1))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/reports/statistics/2025"
    assert api.get(base).status_code == 404
    r = api.post(base, json={})
    assert r.status_code == 200 and r.json["status"] == "draft", r.json
    assert api.get(base).json["answers"]["closing"] == 2
    r = api.post(f"{base}/submit", json={"explanation": "", "expected_version": r.json["version"]})
    assert r.status_code == 200 and r.json["status"] == "submitted" and r.json["receipt_no"], r.json
    assert api.get(base).json["status"] == "submitted"
    receipts = api_as("district_admin").get("/api/v1/district/reports/statistics/2025/receipts").json
    assert [(x["school"], x["receipt_no"]) for x in receipts] == [(tenant, r.json["receipt_no"])]


@pytest.mark.covers(
    "POST /api/v1/district/reports/forms",
    "POST /api/v1/district/reports/forms/{form_id}/close",
)
def test_the_district_defines_a_form_and_closes_it(api_as, tenant):
    district = api_as("district_admin")
    r = district.post("/api/v1/district/reports/forms", json={
        "title": "组织统计", "period": "2026-H2", "due_on": "2026-12-20", "notes": "请如实填报",
        "fields": [{"label": "在册党员", "kind": "count", "figure": "members.total"},
                   {"label": "特色做法", "kind": "text"}]})
    assert r.status_code == 201 and not r.json["closed"], r.json
    form_id, version = r.json["id"], r.json["version"]
    assert [f["title"] for f in district.get("/api/v1/district/reports/forms").json] == ["组织统计"]
    assert [f["id"] for f in api_as("secretary", tenant).get(f"/api/v1/t/{tenant}/reports/forms").json] == [form_id]
    r = district.post(f"/api/v1/district/reports/forms/{form_id}/close",
                      json={"reason": "收取结束", "expected_version": version})
    assert r.status_code == 200 and r.json["closed"] and r.json["version"] > version, r.json
    assert district.get(f"/api/v1/district/reports/forms/{form_id}").json["closed"] is True


@pytest.mark.covers(
    "POST /api/v1/district/reports/statistics/{year}/receipts/{school}/return",
    "POST /api/v1/district/reports/forms/{form_id}/receipts/{school}/return",
)
def test_the_district_returns_a_report_through_the_api(k, tenant, form, api_as):
    school = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/reports/forms/{form.id}/report"
    school.post(base)
    school.post(f"{base}/values/f1", json={"action": "confirm"})
    school.post(f"{base}/values/f2", json={"action": "enter", "value": "亮点"})
    assert school.post(f"{base}/submit", json={}).status_code == 200
    district = api_as("district_admin")
    url = f"/api/v1/district/reports/forms/{form.id}/receipts/{tenant}/return"
    assert district.post(url, json={"reason": ""}).status_code == 422
    r = district.post(url, json={"reason": "请核对党员总数"})
    assert r.status_code == 200 and r.get_json()["returned_reason"] == "请核对党员总数", r.get_json()
    assert district.get(f"/api/v1/district/reports/forms/{form.id}/receipts").get_json() == []
    r = school.post(f"{base}/submit", json={})
    assert r.status_code == 200 and r.get_json()["status"] == "submitted", r.get_json()
    [receipt] = district.get(f"/api/v1/district/reports/forms/{form.id}/receipts").get_json()
    assert receipt["round"] == 2

    assert school.post(f"/api/v1/t/{tenant}/reports/statistics/2025", json={}).status_code == 200
    assert school.post(f"/api/v1/t/{tenant}/reports/statistics/2025/submit", json={}).status_code == 200
    url = f"/api/v1/district/reports/statistics/2025/receipts/{tenant}/return"
    r = district.post(url, json={"reason": "请补充名单"})
    assert r.status_code == 200 and r.get_json()["round"] == 1, r.get_json()
    assert district.post(url, json={"reason": "again"}).status_code == 422
    assert district.post(f"/api/v1/district/reports/statistics/2025/receipts/nowhere/return",
                         json={"reason": "x"}).status_code == 404
