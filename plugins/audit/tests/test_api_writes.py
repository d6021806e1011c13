"""Every write of the audit API once: the district assigns an inspector and withdraws the task,
records a finding that the school answers, sends back, extends and finally closes, and verifies the
seals (issue 13: each write answered 2xx and visible to the caller, in both projection modes)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/audit/assignments",
    "POST /api/v1/audit/assignments/{assignment_id}/revoke",
    "POST /api/v1/audit/findings",
    "POST /api/v1/audit/findings/{finding_id}/extend",
    "POST /api/v1/audit/findings/{finding_id}/answer",
    "POST /api/v1/audit/findings/{finding_id}/reopen",
    "POST /api/v1/audit/findings/{finding_id}/close",
    "POST /api/v1/audit/seals/verify",
)
def test_the_district_assigns_an_inspector_and_follows_a_finding_to_its_close(api_as, make_user, school):
    admin, secretary = api_as("district_admin"), api_as("secretary", school)
    make_user("inspector", username="zhou")

    r = admin.post("/api/v1/audit/assignments", json={"inspector": "zhou", "schools": [school],
                                                      "starts_on": "2026-11-01", "ends_on": "2026-12-31"})
    assert r.status_code == 201, r.json
    assignment = r.json["id"]
    assert [a["inspector"] for a in admin.get("/api/v1/audit/assignments").json["items"]] == ["zhou"]
    r = admin.post(f"/api/v1/audit/assignments/{assignment}/revoke", json={"reason": "人员调整",
                                                                          "expected_version": 1})
    assert r.status_code == 200, r.json
    assert admin.get("/api/v1/audit/assignments").json["items"][0]["revoked"] is True

    r = admin.post("/api/v1/audit/findings", json={"school": school, "title": "党员名册未及时更新",
                                                   "description": "两名转出党员仍在名册", "deadline": "2026-12-10"})
    assert r.status_code == 201, r.json
    finding = f"/api/v1/audit/findings/{r.json['id']}"
    r = admin.post(f"{finding}/extend", json={"deadline": "2026-12-20", "reason": "期末考试周",
                                              "expected_version": 1})
    assert r.status_code == 200, r.json
    assert secretary.get(finding).json["deadline"] == "2026-12-20"

    r = secretary.post(f"{finding}/answer", json={"notes": "已办理转出", "expected_version": 2})
    assert r.status_code == 200, r.json
    assert admin.get(finding).json["status"] == "answered"
    r = admin.post(f"{finding}/reopen", json={"reason": "缺少转出介绍信回执", "expected_version": 3})
    assert r.status_code == 200, r.json
    assert secretary.get(finding).json["status"] == "open"
    r = secretary.post(f"{finding}/answer", json={"notes": "已补回执", "expected_version": 4})
    assert r.status_code == 200, r.json
    r = admin.post(f"{finding}/close", json={"note": "整改到位", "expected_version": 5})
    assert r.status_code == 200, r.json
    assert secretary.get(finding).json["status"] == "closed"

    r = admin.post("/api/v1/audit/seals/verify", json={"tenant": school})
    assert r.status_code == 200, r.json
    assert [(v["log"], v["ok"]) for v in r.json] == [(school, True)]
