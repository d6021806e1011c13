"""Every write of the study API once: the secretary records a 党课 from a meeting and a group study,
a member enters an online course, the secretary marks its evidence and withdraws a session."""
from __future__ import annotations

import pytest

from plugins.members import public as members

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/study/sessions",
    "POST /api/v1/t/{tenant}/study/mine",
    "POST /api/v1/t/{tenant}/study/sessions/{session_id}/mark",
    "POST /api/v1/t/{tenant}/study/sessions/{session_id}/withdraw",
)
def test_sessions_courses_marks_and_withdrawals_through_the_api(k, api_as, tenant, roll, lecture, actor):
    base = f"/api/v1/t/{tenant}/study"
    secretary, member = api_as("secretary", tenant), api_as("member", tenant)
    members.link_account(k, tenant, member.username, roll[2])
    r = secretary.post(f"{base}/sessions", json={"kind": "lecture", "title": "第一季度党课", "held_on": "2026-03-10",
                                                 "hours": 2, "meeting_id": str(lecture.id)})
    assert r.status_code == 201, r.json
    r = secretary.post(f"{base}/sessions", json={"kind": "group", "title": "集中学习", "held_on": "2026-04-10",
                                                 "hours": 3, "attendees": [str(roll[0])]})
    assert r.status_code == 201, r.json
    group = r.json
    r = member.post(f"{base}/mine", json={"title": "网上党课", "held_on": "2026-10-01", "hours": 1.5,
                                          "evidence": "测验答案：……"})
    assert r.status_code == 201 and r.json["member_id"] == str(roll[2]), r.json
    course = r.json
    r = member.post(f"{base}/mine", json={"title": "党章测验", "held_on": "2026-10-02", "hours": 1,
                                          "quiz": [{"question": "党的最高理想？", "answer": "实现共产主义"}]})
    assert r.status_code == 201 and r.json["quiz"] == [{"question": "党的最高理想？", "answer": "实现共产主义"}], r.json
    quiz = r.json
    r = secretary.post(f"{base}/sessions/{quiz['id']}/mark", json={"accepted": False, "comment": "答案不完整"})
    assert r.status_code == 200 and r.json["accepted"] is False
    assert member.post(f"{base}/mine", json={"title": "x", "held_on": "2026-10-02", "hours": 1}).status_code == 422
    r = secretary.post(f"{base}/sessions/{course['id']}/mark", json={"accepted": True, "expected_version": 1})
    assert r.status_code == 200 and r.json["accepted"] is True, r.json
    r = secretary.post(f"{base}/sessions/{group['id']}/withdraw", json={"reason": "错记", "expected_version": 9})
    assert r.status_code == 409
    r = secretary.post(f"{base}/sessions/{group['id']}/withdraw", json={"reason": "错记", "expected_version": 1})
    assert r.status_code == 200 and r.json["status"] == "withdrawn", r.json
    hours = {i["name"]: i["hours"] for i in secretary.get(f"{base}/standing?year=2026").json["items"]}
    assert hours == {"党员1": 2, "党员2": 2, "党员3": 1.5, "党员4": 0}


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/study/elsewhere",
    "POST /api/v1/t/{tenant}/study/sessions/{session_id}/quizzes",
    "PUT /api/v1/t/{tenant}/study/quizzes/{quiz_id}",
    "POST /api/v1/t/{tenant}/study/quizzes/{quiz_id}/answers",
    "POST /api/v1/t/{tenant}/study/requirements",
)
def test_study_elsewhere_quizzes_and_requirements_through_the_api(k, api_as, tenant, roll, actor, clock):
    base = f"/api/v1/t/{tenant}/study"
    secretary, member = api_as("secretary", tenant), api_as("member", tenant)
    members.link_account(k, tenant, member.username, roll[1])
    r = secretary.post(f"{base}/elsewhere", json={"member_id": str(roll[0]), "title": "流入地党课", "organiser": "某支部",
                                                  "held_on": "2026-06-01", "hours": 2, "category": "lecture"})
    assert r.status_code == 201 and r.json["hours"] == 2, r.json
    r = secretary.post(f"{base}/sessions", json={"kind": "group", "title": "集中学习", "held_on": "2026-04-10",
                                                 "hours": 3, "attendees": [str(roll[0])]})
    session = r.json
    questions = [{"text": "党的根本宗旨？", "options": ["为人民服务", "其他"], "answers": [0]}]
    r = secretary.post(f"{base}/sessions/{session['id']}/quizzes", json={"title": "测验", "questions": questions})
    assert r.status_code == 201, r.json
    quiz = r.json
    r = secretary.put(f"{base}/quizzes/{quiz['id']}", json={"title": "测验（改）", "questions": questions,
                                                             "expected_version": 1})
    assert r.status_code == 200 and r.json["version"] == 2, r.json
    r = member.post(f"{base}/quizzes/{quiz['id']}/answers", json={"answers": [[0]]})
    assert r.status_code == 201 and r.json["right"] == 1, r.json
    r = secretary.post(f"{base}/requirements", json={"effective_from": "2027-01-01", "regular": 40, "retiree": 20})
    assert r.status_code == 201 and r.json["items"][0]["regular"] == 40, r.json
