"""Every write of the integrity API once: a member's commitment letter from first item to published
result, a pioneer post and a pair-up through their lives, and the year's records (volunteer service,
education, agreements, self-inspection, ethics) (issue 13: each write answered 2xx and visible to
the caller, in both projection modes)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/integrity/commitments",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/items",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/items/{item_id}/send-back",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/items/{item_id}/revise",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/items/{item_id}/accept",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/items/{item_id}/progress",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/items/{item_id}/conclude",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/evaluate",
    "POST /api/v1/t/{tenant}/integrity/commitments/{commitment_id}/publish",
)
def test_a_commitment_letter_goes_from_its_first_item_to_a_published_result(api_as, tenant, clock, add_member):
    clock.set(datetime(2026, 2, 20, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/integrity/commitments"
    member = str(add_member(tenant, "李强"))

    r = api.post(base, json={"year": 2026, "owner_kind": "member", "member_id": member})
    assert r.status_code == 201, r.json
    letter = f"{base}/{r.json['id']}"
    assert [c["owner_name"] for c in api.get(f"{base}?year=2026").json["items"]] == ["李强"]

    r = api.post(f"{letter}/items", json={"area": "work", "content": "带好毕业班", "measure": "及格率",
                                          "deadline": "2026-06-30", "expected_version": 1})
    assert r.status_code == 201, r.json
    item = r.json["items"][0]["item_id"]
    r = api.post(f"{letter}/items/{item}/send-back", json={"reason": "衡量标准不具体", "expected_version": 2})
    assert r.status_code == 200, r.json
    assert api.get(letter).json["items"][0]["status"] == "returned"
    r = api.post(f"{letter}/items/{item}/revise", json={"area": "work", "content": "带好毕业班",
                                                        "measure": "及格率不低于95%", "deadline": "2026-06-30",
                                                        "expected_version": 3})
    assert r.status_code == 200, r.json
    assert api.get(letter).json["items"][0]["measure"] == "及格率不低于95%"
    r = api.post(f"{letter}/items/{item}/accept", json={"expected_version": 4})
    assert r.status_code == 200, r.json
    assert api.get(letter).json["items"][0]["status"] == "accepted"

    clock.set(datetime(2026, 6, 20, 2, tzinfo=timezone.utc))
    r = api.post(f"{letter}/items/{item}/progress", json={"on": "2026-06-20", "text": "模拟考及格率96%",
                                                          "expected_version": 5})
    assert r.status_code == 201, r.json
    assert [p["text"] for p in api.get(letter).json["progress"]] == ["模拟考及格率96%"]

    clock.set(datetime(2026, 12, 20, 2, tzinfo=timezone.utc))
    r = api.post(f"{letter}/items/{item}/conclude", json={"outcome": "fulfilled", "expected_version": 6})
    assert r.status_code == 200, r.json
    assert api.get(letter).json["items"][0]["outcome"] == "fulfilled"
    r = api.post(f"{letter}/evaluate", json={"self_score": "95", "member_scores": ["90", "92"],
                                             "public_scores": ["88"], "expected_version": 7})
    assert r.status_code == 200, r.json
    assert api.get(letter).json["rating"]
    r = api.post(f"{letter}/publish", json={"expected_version": 8})
    assert r.status_code == 200, r.json
    assert api.get(letter).json["published_on"] == "2026-12-20"


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/integrity/posts",
    "POST /api/v1/t/{tenant}/integrity/posts/{post_id}/holders",
    "POST /api/v1/t/{tenant}/integrity/posts/{post_id}/assessments",
    "POST /api/v1/t/{tenant}/integrity/posts/{post_id}/release",
    "POST /api/v1/t/{tenant}/integrity/pairs",
    "POST /api/v1/t/{tenant}/integrity/pairs/{pair_id}/visits",
    "POST /api/v1/t/{tenant}/integrity/pairs/{pair_id}/plan",
    "POST /api/v1/t/{tenant}/integrity/pairs/{pair_id}/close",
)
def test_a_pioneer_post_and_a_pair_up_are_run_from_start_to_end(api_as, tenant, clock, add_member):
    clock.set(datetime(2026, 7, 10, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/integrity"
    member = str(add_member(tenant, "张敏"))

    r = api.post(f"{base}/posts", json={"name": "教学先锋岗", "kind": "pioneer", "duties": "示范课每学期两节",
                                        "starts_on": "2026-01-01"})
    assert r.status_code == 201, r.json
    post = f"{base}/posts/{r.json['id']}"
    r = api.post(f"{post}/holders", json={"member_id": member, "on": "2026-02-01", "expected_version": 1})
    assert r.status_code == 200, r.json
    assert [h["member_name"] for h in api.get(post).json["holders"]] == ["张敏"]
    r = api.post(f"{post}/assessments", json={"member_id": member, "period": "2026上半年", "grade": "称职",
                                              "comment": "按时完成示范课", "expected_version": 2})
    assert r.status_code == 200, r.json
    assert api.get(post).json["version"] == 3
    r = api.post(f"{post}/release", json={"member_id": member, "on": "2026-07-10", "reason": "调任教研组长",
                                          "expected_version": 3})
    assert r.status_code == 200, r.json
    assert api.get(post).json["holders"][0]["released_on"] == "2026-07-10"

    r = api.post(f"{base}/pairs", json={"kind": "member", "member_id": member, "helped_kind": "student",
                                        "helped_name": "王小明", "started_on": "2026-03-01", "goals": ["每周辅导数学"]})
    assert r.status_code == 201, r.json
    pair = f"{base}/pairs/{r.json['id']}"
    r = api.post(f"{pair}/visits", json={"on": "2026-03-08", "what": "课后辅导", "hours": "2",
                                         "expected_version": 1})
    assert r.status_code == 201, r.json
    assert [v["what"] for v in api.get(f"{pair}/visits").json] == ["课后辅导"]
    r = api.post(f"{pair}/plan", json={"goals": ["每周辅导数学", "期末数学及格"], "expected_version": 2})
    assert r.status_code == 200, r.json
    assert api.get(pair).json["goals"] == ["每周辅导数学", "期末数学及格"]
    r = api.post(f"{pair}/close", json={"outcome": "achieved", "summary": "期末数学82分", "expected_version": 3})
    assert r.status_code == 200, r.json
    assert api.get(pair).json["outcome"] == "achieved"


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/integrity/volunteer",
    "POST /api/v1/t/{tenant}/integrity/education",
    "POST /api/v1/t/{tenant}/integrity/agreements",
    "POST /api/v1/t/{tenant}/integrity/inspections",
    "POST /api/v1/t/{tenant}/integrity/ethics",
    "PATCH /api/v1/t/{tenant}/integrity/ethics/{assessment_id}",
)
def test_the_years_volunteer_education_agreement_inspection_and_ethics_records_are_kept(
        api_as, tenant, clock, add_member):
    clock.set(datetime(2026, 7, 10, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/integrity"
    member = str(add_member(tenant, "赵刚"))

    r = api.post(f"{base}/volunteer", json={"title": "敬老院服务", "on": "2026-07-01", "place": "敬老院",
                                            "participants": [{"member_id": member, "hours": "2.5"}]})
    assert r.status_code == 201, r.json
    assert [v["title"] for v in api.get(f"{base}/volunteer?year=2026").json] == ["敬老院服务"]
    r = api.post(f"{base}/education", json={"kind": "warning", "title": "警示教育片", "on": "2026-07-02",
                                            "attendee_ids": [member]})
    assert r.status_code == 201, r.json
    assert [e["title"] for e in api.get(f"{base}/education?year=2026").json] == ["警示教育片"]
    r = api.post(f"{base}/agreements", json={"year": 2026, "member_id": member, "post": "年级组长",
                                             "duties": "年级廉政一岗双责", "counterpart": "支部书记"})
    assert r.status_code == 201, r.json
    assert [a["member_name"] for a in api.get(f"{base}/agreements?year=2026").json] == ["赵刚"]
    r = api.post(f"{base}/inspections", json={"kind": "half", "year": 2026, "half": 1,
                                              "content": "上半年无违规收受礼金情况"})
    assert r.status_code == 201, r.json
    assert [i["content"] for i in api.get(f"{base}/inspections?year=2026").json] == ["上半年无违规收受礼金情况"]

    r = api.post(f"{base}/ethics", json={"year": 2026, "member_id": member, "grade": "良好"})
    assert r.status_code == 201, r.json
    r = api.patch(f"{base}/ethics/{r.json['id']}", json={"grade": "优秀", "reason": "复核更正",
                                                        "expected_version": 1})
    assert r.status_code == 200, r.json
    assert [e["grade"] for e in api.get(f"{base}/ethics?year=2026").json] == ["优秀"]
