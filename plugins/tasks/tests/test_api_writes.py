"""Every write of the tasks API once: the district issues a task, a school signs, names an owner,
reports progress, drafts (unseen by the district), submits late, is returned and submits again, the
district reminds and accepts; a school's information report is drafted, revised, submitted and
published (each write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

import base64
from datetime import timedelta

import pytest

pytestmark = pytest.mark.usefixtures("api_writes")
PDF = base64.b64encode(b"%PDF-1.4 summary").decode()


@pytest.mark.covers(
    "POST /api/v1/district/tasks/",
    "POST /api/v1/district/tasks/{task_id}/remind",
    "POST /api/v1/district/tasks/{task_id}/schools/{school}/return",
    "POST /api/v1/district/tasks/{task_id}/schools/{school}/accept",
    "POST /api/v1/t/{tenant}/tasks/{task_id}/open",
    "POST /api/v1/t/{tenant}/tasks/{task_id}/owner",
    "POST /api/v1/t/{tenant}/tasks/{task_id}/progress",
    "POST /api/v1/t/{tenant}/tasks/{task_id}/draft",
    "POST /api/v1/t/{tenant}/tasks/{task_id}/submit",
)
def test_a_task_goes_round_through_the_api(k, api_as, tenant, other_tenant, clock):
    district = api_as("district_admin")
    deadline = k.today() + timedelta(days=2)
    r = district.post("/api/v1/district/tasks/", json={
        "title": "报送年度总结", "content": "请报送总结与党员大会次数", "deadline": deadline.isoformat(),
        "schools": [tenant, other_tenant], "return_text": True, "return_files": True,
        "fields": [{"label": "党员大会次数", "type": "integer"}]})
    assert r.status_code == 201, r.json
    task_id, version = r.json["id"], r.json["version"]

    school = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/tasks/{task_id}"
    assert [t["title"] for t in school.get(f"/api/v1/t/{tenant}/tasks/").json] == ["报送年度总结"]
    r = school.post(f"{base}/open")
    assert r.status_code == 200 and r.json["standing"]["status"] == "opened", r.json
    r = school.post(f"{base}/owner", json={"owner": "组织委员", "expected_version": r.json["standing"]["response_version"]})
    assert r.status_code == 200 and r.json["standing"]["owner"] == "组织委员", r.json
    r = school.post(f"{base}/progress", json={"text": "初稿已成", "expected_version": 2})
    assert r.status_code == 200 and r.json["standing"]["status"] == "in_progress", r.json
    r = school.post(f"{base}/draft", json={"text": "草稿", "values": {"f1": "3"},
                                           "files": [{"name": "总结.pdf", "content": PDF}], "expected_version": 3})
    assert r.status_code == 200 and r.json["draft"]["text"] == "草稿", r.json
    assert district.get(f"/api/v1/district/tasks/{task_id}/schools/{tenant}").status_code == 404   # no draft seen
    r = school.post(f"{base}/submit", json={"text": "", "values": {"f1": "x"}, "expected_version": 4})
    assert r.status_code == 422 and set(r.json["errors"]["json"]) >= {"text", "field_f1", "files"}, r.json

    clock.set(clock.now + timedelta(days=3))                                  # a day after the deadline
    r = school.post(f"{base}/submit", json={"text": "总结全文", "values": {"f1": "4"},
                                            "files": [{"name": "总结.pdf", "content": PDF}], "expected_version": 4})
    assert r.status_code == 200 and r.json["standing"]["status"] == "submitted" and r.json["standing"]["late"]
    answer = district.get(f"/api/v1/district/tasks/{task_id}/schools/{tenant}").json
    assert answer["text"] == "总结全文" and answer["late"] and answer["fields"] == {"f1": "4"}

    r = district.post(f"/api/v1/district/tasks/{task_id}/remind", json={"note": "请尽快上报",
                                                                        "expected_version": version})
    assert r.status_code == 200, r.json
    reminded = {s["school"]: s["reminders"] for s in r.json["schools"]}
    assert reminded == {tenant: 0, other_tenant: 1}
    r = district.post(f"/api/v1/district/tasks/{task_id}/schools/{tenant}/return", json={"reason": "缺少数据"})
    assert r.status_code == 200 and r.json["counts"]["returned"] == 1, r.json
    r = school.post(f"{base}/submit", json={"text": "总结全文（补充）", "values": {"f1": "4"},
                                            "files": [{"name": "总结.pdf", "content": PDF}], "expected_version": 5})
    assert r.status_code == 200 and r.json["standing"]["submitted_round"] == 2, r.json
    r = district.post(f"/api/v1/district/tasks/{task_id}/schools/{tenant}/accept", json={"note": "好"})
    assert r.status_code == 200 and r.json["counts"]["accepted"] == 1 and r.json["counts"]["late"] == 2, r.json
    assert school.post(f"{base}/submit", json={"text": "x", "values": {"f1": "1"}}).status_code == 422


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/tasks/info",
    "POST /api/v1/t/{tenant}/tasks/info/{report_id}",
    "POST /api/v1/t/{tenant}/tasks/info/{report_id}/submit",
    "POST /api/v1/district/tasks/info/{school}/{report_id}/decide",
)
def test_an_information_report_goes_round_through_the_api(api_as, tenant):
    school = api_as("secretary", tenant)
    r = school.post(f"/api/v1/t/{tenant}/tasks/info", json={"kind": "work", "title": "志愿服务", "text": "正文"})
    assert r.status_code == 201 and r.json["status"] == "draft", r.json
    url = f"/api/v1/t/{tenant}/tasks/info/{r.json['id']}"
    r = school.post(url, json={"kind": "news", "title": "志愿服务进社区", "text": "正文", "expected_version": 1})
    assert r.status_code == 200 and r.json["title"] == "志愿服务进社区", r.json
    district = api_as("district_admin")
    assert district.get("/api/v1/district/tasks/info").json == []
    r = school.post(f"{url}/submit", json={"expected_version": 2})
    assert r.status_code == 200 and r.json["status"] == "submitted", r.json
    r = district.post(f"/api/v1/district/tasks/info/{tenant}/{r.json['id']}/decide", json={"outcome": "returned"})
    assert r.status_code == 422, r.json                                     # a return needs a reason
    r = district.post(f"/api/v1/district/tasks/info/{tenant}/{r.json and url.rsplit('/', 1)[-1]}/decide",
                      json={"outcome": "accepted"})
    assert r.status_code == 200 and r.json["status"] == "accepted", r.json
    counts = district.get("/api/v1/district/tasks/info/counts").json
    assert {"school": tenant, "submitted": 1, "accepted": 1, "published": 0, "returned": 0} in counts


@pytest.mark.covers(
    "POST /api/v1/district/tasks/{task_id}/schools",
    "POST /api/v1/district/tasks/{task_id}/extend",
    "POST /api/v1/district/tasks/{task_id}/close",
    "POST /api/v1/district/tasks/{task_id}/cancel",
)
def test_a_task_is_changed_after_issue_through_the_api(k, api_as, tenant, other_tenant):
    district = api_as("district_admin")
    deadline = k.today() + timedelta(days=5)
    r = district.post("/api/v1/district/tasks/", json={"title": "报送总结", "content": "请报送", "schools": [tenant],
                                                        "deadline": deadline.isoformat(), "return_text": True})
    task_id = r.json["id"]
    base = f"/api/v1/district/tasks/{task_id}"
    r = district.post(f"{base}/schools", json={"schools": [other_tenant], "expected_version": 1})
    assert r.status_code == 200 and {s["school"] for s in r.json["schools"]} == {tenant, other_tenant}, r.json
    r = district.post(f"{base}/extend", json={"deadline": deadline.isoformat(), "reason": "顺延"})
    assert r.status_code == 422, r.json                                       # not later than the deadline
    later = (deadline + timedelta(days=7)).isoformat()
    r = district.post(f"{base}/extend", json={"deadline": later, "reason": "顺延", "expected_version": 1})
    assert r.status_code == 409, r.json
    r = district.post(f"{base}/extend", json={"deadline": later, "reason": "顺延", "expected_version": 2})
    assert r.status_code == 200 and r.json["task"]["deadline"] == later, r.json
    assert {s["deadline"] for s in r.json["schools"]} == {later}
    school = api_as("secretary", tenant)
    standing = school.get(f"/api/v1/t/{tenant}/tasks/{task_id}").json["standing"]
    assert standing["extended_reason"] == "顺延" and standing["deadline"] == later
    r = district.post(f"{base}/close", json={"note": "已汇总"})
    assert r.status_code == 200 and r.json["task"]["state"] == "closed" and r.json["counts"]["closed"] == 2, r.json
    r = district.post(f"{base}/cancel", json={"reason": ""})
    assert r.status_code == 422, r.json
    r = district.post(f"{base}/cancel", json={"reason": "重复下发"})
    assert r.status_code == 200 and r.json["task"]["state"] == "cancelled", r.json
    assert [c["kind"] for c in r.json["task"]["changes"]] == ["school_added", "extended", "closed", "cancelled"]
    standing = school.get(f"/api/v1/t/{tenant}/tasks/{task_id}").json["standing"]
    assert standing["status"] == "cancelled" and standing["state_reason"] == "重复下发"
    assert school.post(f"/api/v1/t/{tenant}/tasks/{task_id}/open").status_code == 422
