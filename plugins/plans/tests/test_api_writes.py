"""Every write of the plans API once, as a school's secretary keeps the year's plan, funds and room:
a plan drafted, filled, revised and pruned, adopted by the committee, reported on and reviewed at the
half-yearly topic meeting; a budget set, a spending recorded and withdrawn; a room element checked (each
write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

import base64
from datetime import date, datetime, timezone

import pytest

from plugins.meetings import services as meeting_services
from plugins.plans.tests.conftest import system

pytestmark = pytest.mark.usefixtures("api_writes")
PDF = base64.b64encode(b"%PDF-1.4 order").decode()


@pytest.mark.covers("POST /api/v1/t/{tenant}/plans/plan/{plan_id}/items")
def test_the_api_drafts_a_plan_and_shows_each_items_progress(api_as, tenant, clock, story):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/plans"
    body = api.get(f"{base}/plan?year=2026").get_json()
    assert [(i["item_id"], i["done"], i["status"], i["counted"]) for i in body["items"]] == \
        [("i1", 3, "in_progress", True), ("i2", 0, "done", False)]
    r = api.post(f"{base}/plan/{story['plan']}/items", json={"what": "党课", "owner": "书记", "due_on": "2026-12-31",
                                                           "target": 4, "link": "meeting:lecture",
                                                           "expected_version": body["version"]})
    assert r.status_code == 200 and len(r.get_json()["items"]) == 3
    stale = api.post(f"{base}/plan/{story['plan']}/items", json={"what": "x", "owner": "y", "due_on": "2026-12-31",
                                                               "expected_version": body["version"]})
    assert stale.status_code == 409
    bad = api.post(f"{base}/plan/{story['plan']}/items", json={"what": "", "due_on": "soon", "expected_version": 1})
    assert bad.status_code == 422 and {"owner", "due_on"} <= set(bad.get_json()["errors"]["json"])
    report = api.post(f"{base}/plan/{story['plan']}/items/i1/reports", json={
        "on": "2026-10-01", "text": "开了", "expected_version": r.get_json()["version"]})
    assert report.status_code == 422
    assert api.get(f"{base}/plan?year=2030").status_code == 404


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/plans/funds/{year}/spendings",
    "POST /api/v1/t/{tenant}/plans/funds/{year}/spendings/{entry_id}/withdraw",
    "POST /api/v1/t/{tenant}/plans/room/checks",
)
def test_the_api_keeps_funds_and_the_room(api_as, tenant, story):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/plans"
    s = api.get(f"{base}/funds/2026").get_json()
    assert (s["budget"], s["spent"], s["left"], s["members"]) == ("3000.00", "300.00", "2700.00", 3)
    r = api.post(f"{base}/funds/2026/spendings", json={
        "on": "2026-10-01", "amount": "50", "purpose": "茶水", "activity": "主题党日", "expected_version": s["version"],
        "receipts": [{"name": "r.pdf", "content": base64.b64encode(b"%PDF-1.4 x").decode()}]})
    assert r.status_code == 200 and r.get_json()["spent"] == "350.00"
    sha = r.get_json()["spendings"][-1]["receipts"][0]["sha256"]
    assert api.get(f"{base}/files/{sha}").status_code == 200
    w = api.post(f"{base}/funds/2026/spendings/e2/withdraw", json={"reason": "重复", "expected_version": 3})
    assert w.status_code == 200 and w.get_json()["spent"] == "300.00"
    room = api.post(f"{base}/room/checks", json={"element": "入党誓词", "on": "2026-10-01", "present": True}).get_json()
    assert {e["element"]: e["problem"] for e in room}["入党誓词"] is None
    assert "从未检查" in {e["element"]: e["problem"] for e in room}["学习园地"]


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/plans/plan",
    "POST /api/v1/t/{tenant}/plans/plan/{plan_id}/items",
    "POST /api/v1/t/{tenant}/plans/plan/{plan_id}/items/{item_id}",
    "POST /api/v1/t/{tenant}/plans/plan/{plan_id}/items/{item_id}/remove",
    "POST /api/v1/t/{tenant}/plans/plan/{plan_id}/adopt",
    "POST /api/v1/t/{tenant}/plans/plan/{plan_id}/items/{item_id}/reports",
    "POST /api/v1/t/{tenant}/plans/plan/{plan_id}/reviews",
)
def test_a_plan_goes_round_through_the_api(k, api_as, tenant, clock, add_members, hold):
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 7, 20, 2, tzinfo=timezone.utc))
    committee = hold(tenant, "committee", date(2026, 1, 15), "一月支委会")
    with system():
        resolution = meeting_services.record_vote(k, tenant, committee, "major", "通过年度党建工作计划", 3, 0)
    topic = hold(tenant, "topic", date(2026, 7, 10), "上半年党建工作专题会议")
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/plans"

    r = api.post(f"{base}/plan", json={"year": 2026, "title": "2026年党建工作计划"})
    assert r.status_code == 201, r.get_json()
    plan = r.get_json()
    assert plan["title"] == "2026年党建工作计划" and plan["items"] == []
    url = f"{base}/plan/{plan['id']}"
    r = api.post(f"{url}/items", json={"what": "每季度召开支部党员大会", "owner": "书记", "due_on": "2026-12-31",
                                       "target": 4, "link": "meeting:congress", "expected_version": plan["version"]})
    assert r.status_code == 200, r.get_json()
    r = api.post(f"{url}/items", json={"what": "征订党报党刊", "owner": "宣传委员", "due_on": "2026-01-31",
                                       "expected_version": r.get_json()["version"]})
    assert r.status_code == 200, r.get_json()
    r = api.post(f"{url}/items", json={"what": "临时事项", "owner": "组织委员", "due_on": "2026-12-31",
                                       "expected_version": r.get_json()["version"]})
    assert r.status_code == 200 and [i["item_id"] for i in r.get_json()["items"]] == ["i1", "i2", "i3"]

    r = api.post(f"{url}/items/i3/remove", json={"expected_version": r.get_json()["version"]})
    assert r.status_code == 200 and [i["item_id"] for i in r.get_json()["items"]] == ["i1", "i2"], r.get_json()
    r = api.post(f"{url}/items/i2", json={"what": "完成党报党刊征订", "owner": "宣传委员", "due_on": "2026-01-31",
                                          "reason": "按支委会意见", "expected_version": r.get_json()["version"]})
    assert r.status_code == 200, r.get_json()
    assert {i["item_id"]: i["what"] for i in r.get_json()["items"]}["i2"] == "完成党报党刊征订"

    r = api.post(f"{url}/adopt", json={"meeting_id": str(committee), "resolution_id": str(resolution),
                                       "expected_version": r.get_json()["version"]})
    assert r.status_code == 200, r.get_json()
    adopted = r.get_json()
    assert (adopted["adopted_meeting_title"], adopted["adopted_on"], adopted["resolution_id"]) == \
        ("一月支委会", "2026-01-15", str(resolution))

    r = api.post(f"{url}/items/i2/reports", json={"on": "2026-01-20", "text": "已征订", "complete": True,
                                                  "evidence": [{"name": "订单.pdf", "content": PDF}],
                                                  "expected_version": adopted["version"]})
    assert r.status_code == 200, r.get_json()
    item = {i["item_id"]: i for i in r.get_json()["items"]}["i2"]
    assert item["status"] == "done" and item["reports"][0]["evidence"][0]["name"] == "订单.pdf"
    assert api.get(f"{base}/files/{item['reports'][0]['evidence'][0]['sha256']}").status_code == 200

    r = api.post(f"{url}/reviews", json={"half": 1, "meeting_id": str(topic), "summary": "总体按计划推进",
                                         "expected_version": r.get_json()["version"]})
    assert r.status_code == 200, r.get_json()
    shown = api.get(f"{base}/plan?year=2026").get_json()
    assert [(v["half"], v["meeting_title"], v["summary"]) for v in shown["reviews"]] == \
        [(1, "上半年党建工作专题会议", "总体按计划推进")]
    assert shown["adopted_meeting_title"] == "一月支委会" and len(shown["items"]) == 2


@pytest.mark.covers("POST /api/v1/t/{tenant}/plans/funds/{year}/budget")
def test_the_api_sets_the_years_budget_by_the_rule(api_as, tenant, clock, add_members):
    add_members(tenant, 3)
    clock.set(datetime(2026, 3, 2, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/plans"
    assert api.get(f"{base}/funds/2026").get_json()["budget"] is None
    r = api.post(f"{base}/funds/2026/budget", json={})
    assert r.status_code == 200, r.get_json()
    assert (r.get_json()["budget"], r.get_json()["members"]) == ("3000.00", 3)
    s = api.get(f"{base}/funds/2026").get_json()
    assert (s["budget"], s["spent"], s["left"]) == ("3000.00", "0.00", "3000.00")


@pytest.mark.covers("POST /api/v1/district/plans/budget-rules")
def test_the_district_adds_a_budget_rule_version_and_a_schools_budget_follows_it(api_as, tenant, clock, add_members):
    add_members(tenant, 3)
    clock.set(datetime(2027, 1, 4, 2, tzinfo=timezone.utc))
    district = api_as("district_admin")
    r = district.post("/api/v1/district/plans/budget-rules", json={
        "effective_from": "2027-01-01", "per_member": "150", "minimum": "3500", "note": "区委组织部文件"})
    assert r.status_code == 201, r.get_json()
    assert [(v["effective_from"], v["per_member"], v["minimum"], v["in_force"], v["source"]) for v in r.get_json()] == [
        ("2027-01-01", "150.00", "3500.00", True, "district"), ("2018-01-01", "100.00", "3000.00", False, "default")]
    bad = district.post("/api/v1/district/plans/budget-rules", json={"effective_from": "soon", "per_member": "-1"})
    assert bad.status_code == 422 and {"effective_from", "per_member", "minimum", "note"} <= set(bad.get_json()["errors"]["json"])
    assert api_as("secretary", tenant).post("/api/v1/district/plans/budget-rules", json={
        "effective_from": "2027-01-01", "per_member": "1", "minimum": "1", "note": "x"}).status_code == 403
    s = api_as("secretary", tenant).post(f"/api/v1/t/{tenant}/plans/funds/2027/budget", json={}).get_json()
    assert (s["per_member"], s["minimum"], s["budget"], s["rule_from"]) == ("150.00", "3500.00", "3500.00", "2027-01-01")
    assert district.get("/api/v1/district/plans/budget-rules").get_json()[0]["note"] == "区委组织部文件"
