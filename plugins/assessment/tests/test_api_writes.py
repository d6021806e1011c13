"""Every write of the assessment API once: the district's indicator set and a school's Five Goods
assessment from opening to reassessment; the democratic evaluation of members from self-assessment
to published grades; handling tracks after it; self-checks (issue 13: each write answered 2xx and
visible to the caller, in both projection modes)."""
from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest

from plugins.assessment import services
from plugins.members import public as members

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/district/assessment/sets",
    "PUT /api/v1/district/assessment/sets/{year}",
    "POST /api/v1/t/{tenant}/assessment/assessments",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/files",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/evidence",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/self-scores",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/submit",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/scores",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/comments",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/publish",
    "POST /api/v1/t/{tenant}/assessment/assessments/{year}/reassess",
)
def test_the_district_sets_the_indicators_and_a_schools_five_goods_assessment_is_published_and_reopened(
        api_as, tenant, roster):
    district, school = api_as("district_admin"), api_as("secretary", tenant)
    sets = "/api/v1/district/assessment/sets"

    r = district.post(sets, json={"year": 2026})
    assert r.status_code == 201, r.json
    criteria, bands = r.json["criteria"], r.json["grade_bands"]
    r = district.put(f"{sets}/2026", json={"title": "2026年度五好支部考核指标（修订）", "criteria": criteria,
                                           "grade_bands": bands, "reason": "标题更正", "expected_version": 1})
    assert r.status_code == 200, r.json
    assert district.get(f"{sets}/2026").json["title"] == "2026年度五好支部考核指标（修订）"

    base = f"/api/v1/t/{tenant}/assessment/assessments"
    r = school.post(base, json={"year": 2026})
    assert r.status_code == 201, r.json
    year = f"{base}/2026"
    r = school.post(f"{year}/files?item=L2&note=党员名册", content_type="multipart/form-data",
                    data={"file": (io.BytesIO(b"%PDF-1.4 roster"), "名册.pdf")})
    assert r.status_code == 201, r.json
    assert [f["name"] for f in school.get(f"{year}/files").json] == ["名册.pdf"]
    version = school.get(year).json["version"]
    r = school.post(f"{year}/evidence", json={"expected_version": version})
    assert r.status_code == 200, r.json
    assert school.get(year).json["version"] == version + 1

    items = [i["code"] for c in criteria for i in c["items"]]
    version += 1
    for code in items:
        r = school.post(f"{year}/self-scores", json={"item": code, "score": 1, "comment": "已达标",
                                                    "expected_version": version})
        assert r.status_code == 200, r.json
        version = r.json["version"]
    assert set(school.get(year).json["self_scores"]) == set(items)
    r = school.post(f"{year}/submit", json={"comment": "全面完成", "expected_version": version})
    assert r.status_code == 200, r.json
    assert school.get(year).json["status"] == "submitted"

    version = r.json["version"]
    for code in items:
        r = district.post(f"{year}/scores", json={"item": code, "score": 1, "reason": "核实",
                                                  "expected_version": version})
        assert r.status_code == 200, r.json
        version = r.json["version"]
    assert set(school.get(year).json["scores"]) == set(items)
    r = district.post(f"{year}/comments", json={"text": "组织生活规范，台账齐全"})
    assert r.status_code == 200, r.json
    assert school.get(year).json["version"] == version + 1
    r = district.post(f"{year}/publish", json={"expected_version": version + 1})
    assert r.status_code == 200, r.json
    published = school.get(year).json
    assert published["status"] == "published" and published["grade"]
    r = district.post(f"{year}/reassess", json={"reason": "学校申请复核", "expected_version": published["version"]})
    assert r.status_code == 200, r.json
    assert school.get(year).json["status"] == "reassessing"


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/assessment/evaluations",
    "POST /api/v1/t/{tenant}/assessment/evaluations/{year}/self-assessment",
    "POST /api/v1/t/{tenant}/assessment/evaluations/{year}/ballot",
    "POST /api/v1/t/{tenant}/assessment/evaluations/{year}/close",
    "POST /api/v1/t/{tenant}/assessment/evaluations/{year}/grades",
    "POST /api/v1/t/{tenant}/assessment/evaluations/{year}/publish",
    "POST /api/v1/t/{tenant}/assessment/self-checks",
)
def test_members_assess_themselves_and_vote_and_the_committee_grades_and_publishes(
        k, api_as, tenant, roster, actor):
    secretary, member = api_as("secretary", tenant), api_as("member", tenant)
    members.link_account(k, tenant, member.username, roster[0])
    base = f"/api/v1/t/{tenant}/assessment"

    r = secretary.post(f"{base}/evaluations", json={"year": 2026})
    assert r.status_code == 201, r.json
    r = member.post(f"{base}/evaluations/2026/self-assessment", json={"text": "对照党章查找差距"})
    assert r.status_code == 200, r.json
    assert member.get(f"{base}/evaluations/2026/mine").json["self_assessed"] is True
    r = member.post(f"{base}/evaluations/2026/ballot", json={"choices": {str(roster[1]): "excellent"}})
    assert r.status_code == 202, r.json
    assert member.get(f"{base}/evaluations/2026/mine").json["voted"] is True
    r = member.post(f"{base}/self-checks", json={"year": 2026, "period": "Q3", "text": "三季度按时参加组织生活"})
    assert r.status_code == 201, r.json
    assert r.json["subject_name"] == "党员1" and r.json["text"] == "三季度按时参加组织生活"

    r = secretary.post(f"{base}/evaluations/2026/close",
                       json={"expected_version": secretary.get(f"{base}/evaluations/2026").json["version"]})
    assert r.status_code == 200, r.json
    assert secretary.get(f"{base}/evaluations/2026").json["ballots"] == 1
    for other in roster[2:7]:
        services.propose_grade(k, tenant, 2026, other, "qualified")
    version = secretary.get(f"{base}/evaluations/2026").json["version"]
    r = secretary.post(f"{base}/evaluations/2026/grades", json={"member_id": str(roster[0]), "grade": "qualified",
                                                                "expected_version": version})
    assert r.status_code == 200, r.json
    version = r.json["version"]
    r = secretary.post(f"{base}/evaluations/2026/grades", json={"member_id": str(roster[1]), "grade": "excellent",
                                                                "note": "民主测评优秀", "expected_version": version})
    assert r.status_code == 200, r.json
    grades = {m["member_id"]: m["grade"] for m in secretary.get(f"{base}/evaluations/2026").json["members"]}
    assert grades[str(roster[1])] == "excellent"
    r = secretary.post(f"{base}/evaluations/2026/publish", json={"expected_version": r.json["version"]})
    assert r.status_code == 200, r.json
    assert secretary.get(f"{base}/evaluations/2026").json["status"] == "published"
    assert member.get(f"{base}/evaluations/2026/mine").json["grade"] == "qualified"


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/assessment/tracks",
    "POST /api/v1/t/{tenant}/assessment/tracks/{track_id}/pre-review",
    "POST /api/v1/t/{tenant}/assessment/tracks/{track_id}/vote",
    "POST /api/v1/t/{tenant}/assessment/tracks/{track_id}/approve",
    "POST /api/v1/t/{tenant}/assessment/tracks/{track_id}/conclude",
)
def test_two_unqualified_members_are_handled_one_removed_one_corrected(k, api_as, tenant, roster, actor, clock):
    services.open_evaluation(k, tenant, 2026)
    services.close_ballot(k, tenant, 2026)
    for n, member in enumerate(roster[:7]):
        services.propose_grade(k, tenant, 2026, member, "unqualified" if n >= 5 else "qualified")
    services.publish_results(k, tenant, 2026)
    api = api_as("secretary", tenant)
    tracks = f"/api/v1/t/{tenant}/assessment/tracks"

    r = api.post(tracks, json={"year": 2026, "member_id": str(roster[6]), "measure": "remove",
                               "facts": "连续六个月不参加组织生活", "reason": "经教育仍不改正"})
    assert r.status_code == 201, r.json
    track = f"{tracks}/{r.json['id']}"
    r = api.post(tracks, json={"year": 2026, "member_id": str(roster[5]), "measure": "correct",
                               "facts": "党费连续三个月未交", "reason": "限期改正", "deadline": "2027-02-28"})
    assert r.status_code == 201, r.json
    corrected = f"{tracks}/{r.json['id']}"
    assert {t["measure"] for t in api.get(tracks).json} == {"remove", "correct"}

    clock.set(datetime(2026, 12, 2, 2, tzinfo=timezone.utc))
    r = api.post(f"{track}/pre-review", json={"reviewed_on": "2026-11-25", "note": "同意提交大会",
                                              "expected_version": 1})
    assert r.status_code == 200, r.json
    assert api.get(track).json["pre_reviewed_on"] == "2026-11-25"
    r = api.post(f"{track}/vote", json={"held_on": "2026-11-26", "entitled": 7, "present": 6, "yes": 5,
                                        "expected_version": 2})
    assert r.status_code == 200, r.json
    assert api.get(track).json["status"] == "voted"
    r = api.post(f"{track}/approve", json={"approved_on": "2026-12-01", "approver": "区委教育工委",
                                           "document": "教工委〔2026〕12号", "expected_version": 3})
    assert r.status_code == 200, r.json
    assert api.get(track).json["outcome"] == "removed"

    track, r = corrected, api.get(corrected)
    for step, body in (("pre-review", {"reviewed_on": "2026-11-25"}),
                       ("vote", {"held_on": "2026-11-26", "entitled": 6, "present": 5, "yes": 4}),
                       ("approve", {"approved_on": "2026-12-01", "approver": "区委教育工委"})):
        r = api.post(f"{track}/{step}", json={**body, "expected_version": r.json["version"]})
        assert r.status_code == 200, r.json
    r = api.post(f"{track}/conclude", json={"outcome": "corrected", "concluded_on": "2026-12-01",
                                            "reason": "已补交党费", "expected_version": r.json["version"]})
    assert r.status_code == 200, r.json
    got = api.get(track).json
    assert got["status"] == "concluded" and got["outcome"] == "corrected"


@pytest.mark.covers("PUT /api/v1/t/{tenant}/assessment/assessments/{year}/self-assessment")
def test_a_school_saves_its_whole_self_assessment_as_a_draft_then_submits_it_in_one_call(api_as, tenant, roster):
    district, school = api_as("district_admin"), api_as("secretary", tenant)
    assert district.post("/api/v1/district/assessment/sets", json={"year": 2026}).status_code == 201
    base = f"/api/v1/t/{tenant}/assessment/assessments"
    r = school.post(base, json={"year": 2026})
    assert r.status_code == 201, r.json
    items = [i["code"] for c in r.json["criteria"] for i in c["items"]]
    sheet = f"{base}/2026/self-assessment"
    r = school.put(sheet, json={"expected_version": r.json["version"], "comment": "草稿",
                                "scores": [{"item": items[0], "score": 1, "comment": "已达标"}]})
    assert r.status_code == 200, r.json
    assert school.get(f"{base}/2026").json["self_scores"][items[0]]["score"] == 1.0
    r = school.put(sheet, json={"expected_version": r.json["version"], "submit": True, "comment": "总结",
                                "scores": [{"item": code, "score": 1} for code in items]})
    assert r.status_code == 200, r.json
    assert school.get(f"{base}/2026").json["status"] == "submitted"
