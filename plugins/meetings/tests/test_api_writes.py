"""Every write of the meetings API once: a branch congress from notice to addendum, and a meeting
that is called off (issue 13: each write answered 2xx and visible to the caller, in both modes)."""
from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest

from core.testing import image_bytes

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/meetings/meetings",
    "PATCH /api/v1/t/{tenant}/meetings/meetings/{meeting_id}",
    "POST /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/left-out",
    "POST /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/written-opinions",
    "PUT /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/attendance",
    "POST /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/resolutions",
    "PATCH /api/v1/t/{tenant}/meetings/resolutions/{resolution_id}",
    "PUT /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/minutes",
    "POST /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/minutes/finalise",
    "POST /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/minutes/addenda",
    "POST /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/attachments",
)
def test_a_secretary_calls_holds_and_records_a_branch_congress(api_as, tenant, branch, clock):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/meetings"
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))

    r = api.post(f"{base}/meetings", json={"type": "congress", "title": "接收预备党员大会",
                                           "starts_at": "2026-03-10T15:00:00+08:00", "place": "活动室",
                                           "agenda": ["讨论接收预备党员"]})
    assert r.status_code == 201, r.json
    meeting = f"{base}/meetings/{r.json['id']}"
    r = api.patch(meeting, json={"place": "礼堂", "reason": "活动室装修", "expected_version": 1})
    assert r.status_code == 200, r.json
    assert api.get(meeting).json["place"] == "礼堂"

    r = api.post(f"{meeting}/left-out", json={"member_id": str(branch["正式6"]), "kind": "illness",
                                              "consent": "上级党委同意"})
    assert r.status_code == 201, r.json
    assert api.get(meeting).json["entitled"] == 5
    clock.set(datetime(2026, 3, 8, 2, tzinfo=timezone.utc))
    r = api.post(f"{meeting}/written-opinions", json={"member_id": str(branch["正式5"]), "received_on": "2026-03-08",
                                                      "opinion": "同意接收"})
    assert r.status_code == 201, r.json
    assert api.get(meeting).json["written"] == 1

    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    detail = api.get(meeting).json
    attendees = detail["attendees"]
    entries = [{"member_id": a["member_id"], "status": "absent" if a["name"] == "正式5" else "present",
                "reason": "出差" if a["name"] == "正式5" else ""}
               for a in attendees if a["status"] != "left_out"]
    r = api.put(f"{meeting}/attendance", json={"entries": entries, "observers": ["团委书记"],
                                               "expected_version": detail["version"]})
    assert r.status_code == 200, r.json
    assert api.get(meeting).json["present_voters"] == 4

    r = api.post(f"{meeting}/resolutions", json={"kind": "admission", "title": "接收张三为预备党员",
                                                 "yes": 5, "no": 0, "abstain": 0})
    assert r.status_code == 201, r.json
    resolution = r.json["id"]
    r = api.patch(f"{base}/resolutions/{resolution}", json={"status": "done", "note": "已报上级党委"})
    assert r.status_code == 200, r.json
    assert api.get(f"{meeting}/resolutions").json[0]["follow_up"] == "done"

    version = api.get(meeting).json["version"]
    r = api.put(f"{meeting}/minutes", json={"summary": "一致同意接收张三", "expected_version": version})
    assert r.status_code == 200, r.json
    assert api.get(f"{meeting}/minutes").json["status"] == "draft"
    r = api.post(f"{meeting}/minutes/finalise", json={"expected_version": version + 1})
    assert r.status_code == 200, r.json
    r = api.post(f"{meeting}/minutes/addenda", json={"text": "补记列席人员发言", "reason": "记录遗漏"})
    assert r.status_code == 201, r.json
    minutes = api.get(f"{meeting}/minutes").json
    assert minutes["status"] == "final" and minutes["history"][-1]["kind"] == "addendum"

    r = api.post(f"{meeting}/attachments?kind=sign_in", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(image_bytes()), "签到表.png")})
    assert r.status_code == 201, r.json
    assert [a["name"] for a in api.get(meeting).json["attachments"]] == ["签到表.png"]


@pytest.mark.covers("POST /api/v1/t/{tenant}/meetings/meetings/{meeting_id}/cancel")
def test_a_secretary_calls_off_a_meeting(api_as, tenant, branch):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/meetings"
    r = api.post(f"{base}/meetings", json={"type": "congress", "title": "组织生活会", "place": "办公室",
                                           "starts_at": "2026-12-03T16:00:00+08:00"})
    assert r.status_code == 201, r.json
    meeting = f"{base}/meetings/{r.json['id']}"
    r = api.post(f"{meeting}/cancel", json={"reason": "与区里培训冲突", "expected_version": 1})
    assert r.status_code == 200, r.json
    got = api.get(meeting).json
    assert got["status"] == "cancelled" and got["cancel_reason"] == "与区里培训冲突"


@pytest.mark.covers("POST /api/v1/t/{tenant}/meetings/late-entries")
def test_a_secretary_enters_the_years_earlier_meetings_late(api_as, tenant, branch, clock):
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/meetings/late-entries", json={"meetings": [
        {"held_on": "2026-01-15", "type": "theme_day", "title": "1月主题党日", "place": "会议室"},
        {"held_on": "2026-02-15", "starts": "09:00:00", "type": "theme_day", "title": "2月主题党日",
         "place": "会议室"}]})
    assert r.status_code == 201, r.json
    assert [m["late"] for m in r.json] == [True, True]
    assert api.get(f"/api/v1/t/{tenant}/meetings/meetings/{r.json[0]['id']}").json["status"] == "held"


@pytest.mark.covers("POST /api/v1/t/{tenant}/meetings/talks")
def test_a_secretary_records_a_heart_to_heart_talk(api_as, tenant, branch, clock):
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/meetings/talks", json={
        "held_on": "2026-11-02", "first_id": str(branch["正式1"]), "second_id": str(branch["正式2"]),
        "content": "交流工作与思想情况", "place": "办公室"})
    assert r.status_code == 201, r.json
    assert [t["id"] for t in api.get(f"/api/v1/t/{tenant}/meetings/talks?year=2026").json] == [r.json["id"]]
