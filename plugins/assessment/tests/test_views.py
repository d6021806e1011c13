"""Pages and API: permissions, bad input, conflicts, isolation, secrecy of the ballot, exports."""
from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest
from openpyxl import load_workbook

from plugins.assessment import queries, services
from plugins.members import public as members

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def opened(k, tenant, roster, year_set, actor):
    services.open_assessment(k, tenant, 2026)
    return tenant


def _text(response) -> str:
    """What a person reads in a response: the page, the JSON, or every cell of a workbook."""
    if response.mimetype == XLSX:
        book = load_workbook(io.BytesIO(response.data))
        return " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None)
    return response.get_data(as_text=True)


def _v(k, tenant) -> int:
    return queries.get_assessment(k, tenant, 2026).version


def _post(client, url, data):
    return client.post(url, data={**data, "csrf_token": client.csrf()})


# -- the Five Goods sheet --------------------------------------------------------------------------
def test_secretary_sees_the_sheet_with_prefilled_evidence_and_self_scores_it(k, opened, source, login_as, roster):
    c = login_as("secretary", opened)
    r = c.get(f"/t/{opened}/assessment/")
    assert r.status_code == 200 and "五好支部考核" in r.get_data(as_text=True)
    r = c.get(f"/t/{opened}/assessment/2026")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "领导班子好" in html and "党费足额按时交纳" in html
    r = _post(c, f"/t/{opened}/assessment/2026/self-score",
              {"item": "L2", "score": "2.5", "comment": "书记为中级职称", "expected_version": _v(k, opened)})
    assert r.status_code == 302
    assert queries.get_assessment(k, opened, 2026).self_scores["L2"]["score"] == 2.5


def test_a_bad_or_stale_self_score_is_refused_on_the_page(k, opened, login_as):
    c = login_as("secretary", opened)
    r = _post(c, f"/t/{opened}/assessment/2026/self-score", {"item": "L2", "score": "9", "expected_version": _v(k, opened)})
    assert r.status_code == 422 and "0 到 3 分" in r.get_data(as_text=True)
    r = _post(c, f"/t/{opened}/assessment/2026/self-score", {"item": "L2", "score": "abc", "expected_version": _v(k, opened)})
    assert r.status_code == 422
    r = _post(c, f"/t/{opened}/assessment/2026/self-score", {"item": "L2", "score": "1", "expected_version": _v(k, opened) + 5})
    assert r.status_code == 409


def test_only_the_district_scores_and_publishes(k, opened, login_as):
    c = login_as("secretary", opened)
    r = _post(c, f"/t/{opened}/assessment/2026/score", {"item": "L2", "score": "3", "expected_version": 1})
    assert r.status_code == 403
    member = login_as("member", opened)
    assert _post(member, f"/t/{opened}/assessment/2026/self-score",
                 {"item": "L2", "score": "3", "expected_version": 1}).status_code == 403


def test_evidence_files_are_uploaded_and_downloaded(k, opened, login_as):
    c = login_as("secretary", opened)
    r = c.post(f"/t/{opened}/assessment/2026/attach",
               data={"csrf_token": c.csrf(), "item": "L2", "note": "职称证书",
                     "file": (io.BytesIO(b"%PDF-1.4 certificate"), "证书.pdf")},
               content_type="multipart/form-data")
    assert r.status_code == 302
    row = queries.list_attachments(k, opened, queries.get_assessment(k, opened, 2026).id)[0]
    r = c.get(f"/t/{opened}/assessment/2026/files/{row.sha256}")
    assert r.status_code == 200 and r.data == b"%PDF-1.4 certificate"
    bad = c.post(f"/t/{opened}/assessment/2026/attach",
                 data={"csrf_token": c.csrf(), "file": (io.BytesIO(b"MZ..."), "x.exe")},
                 content_type="multipart/form-data")
    assert bad.status_code == 422


def test_the_api_uploads_lists_and_downloads_evidence_files(k, opened, api_as):
    api = api_as("secretary", opened)
    url = f"/api/v1/t/{opened}/assessment/assessments/2026/files"
    r = api.post(f"{url}?item=L2&note=职称证书", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(b"%PDF-1.4 certificate"), "证书.pdf")})
    assert r.status_code == 201, r.json
    [row] = r.json
    assert (row["item"], row["note"], row["name"]) == ("L2", "职称证书", "证书.pdf")
    assert api.get(url).json == r.json
    got = api.get(f"{url}/{row['sha256']}")
    assert got.status_code == 200 and got.data == b"%PDF-1.4 certificate"
    bad = api.post(url, content_type="multipart/form-data", data={"file": (io.BytesIO(b"MZ..."), "x.exe")})
    assert bad.status_code == 422 and "file" in bad.json["errors"]["json"]
    unknown = api.post(f"{url}?item=ZZ9", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(b"%PDF-1.4"), "y.pdf")})
    assert unknown.status_code == 422
    assert api.post(url, content_type="multipart/form-data").status_code == 422
    member = api_as("member", opened)
    assert member.post(url, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(b"%PDF-1.4"), "z.pdf")}).status_code == 403
    assert len(api.get(url).json) == 1
    assert api.get(f"/api/v1/t/{opened}/assessment/assessments/2025/files").status_code == 404


def test_the_sheet_exports_to_excel_with_its_evidence(k, opened, source, login_as, roster, actor):
    c = login_as("secretary", opened)
    r = c.get(f"/t/{opened}/assessment/2026.xlsx")
    assert r.status_code == 200 and r.mimetype == XLSX
    sheet = load_workbook(io.BytesIO(r.data)).active
    assert sheet.cell(1, 1).value == "考核内容" and sheet.max_row == 1 + 27 + 1


# -- API ------------------------------------------------------------------------------------------
def test_api_runs_the_assessment_with_validation_and_conflicts(k, tenant, roster, year_set, api_as):
    school = api_as("secretary", tenant)
    r = school.post(f"/api/v1/t/{tenant}/assessment/assessments", json={"year": 2026})
    assert r.status_code == 201, r.json
    version = r.json["version"]
    r = school.post(f"/api/v1/t/{tenant}/assessment/assessments/2026/self-scores",
                    json={"item": "L1", "score": 9, "expected_version": version})
    assert r.status_code == 422 and "score" in r.json["errors"]["json"]
    r = school.post(f"/api/v1/t/{tenant}/assessment/assessments/2026/self-scores", json={"item": "L1"})
    assert r.status_code == 422 and "score" in r.json["errors"]["json"]
    r = school.post(f"/api/v1/t/{tenant}/assessment/assessments/2026/self-scores",
                    json={"item": "L1", "score": 2, "expected_version": version + 5})
    assert r.status_code == 409
    for code in [i["code"] for c in year_set.criteria for i in c["items"]]:
        version = school.post(f"/api/v1/t/{tenant}/assessment/assessments/2026/self-scores",
                              json={"item": code, "score": 1, "expected_version": version}).json["version"]
    r = school.post(f"/api/v1/t/{tenant}/assessment/assessments/2026/submit", json={"expected_version": version})
    assert r.status_code == 200 and r.json["status"] == "submitted"
    district = api_as("district_admin")
    r = district.post(f"/api/v1/t/{tenant}/assessment/assessments/2026/scores",
                      json={"item": "L2", "score": 3, "expected_version": r.json["version"]})
    assert r.status_code == 200 and r.json["scores"]["L2"]["score"] == 3
    assert school.post(f"/api/v1/t/{tenant}/assessment/assessments/2026/scores",
                       json={"item": "L2", "score": 3, "expected_version": r.json["version"]}).status_code == 403


def test_api_indicator_sets_are_district_data(k, api_as, tenant):
    district = api_as("district_admin")
    r = district.post("/api/v1/district/assessment/sets", json={"year": 2026})
    assert r.status_code == 201 and r.json["version"] == 1 and len(r.json["criteria"]) == 5
    criteria, bands = r.json["criteria"], r.json["grade_bands"]
    criteria[0]["items"][0]["points"] = 10
    r = district.put("/api/v1/district/assessment/sets/2026",
                     json={"title": "x", "criteria": criteria, "grade_bands": bands, "reason": "调整",
                           "expected_version": 1})
    assert r.status_code == 422 and "criteria" in r.json["errors"]["json"]
    criteria[0]["items"][0]["points"] = 3
    r = district.put("/api/v1/district/assessment/sets/2026",
                     json={"title": "2026年度指标（修订）", "criteria": criteria, "grade_bands": bands,
                           "reason": "更名", "expected_version": 1})
    assert r.status_code == 200 and r.json["version"] == 2
    r = district.put("/api/v1/district/assessment/sets/2026",
                     json={"title": "再改", "criteria": criteria, "grade_bands": bands, "reason": "x",
                           "expected_version": 1})
    assert r.status_code == 409
    assert api_as("secretary", tenant).post("/api/v1/district/assessment/sets", json={"year": 2027}).status_code == 403
    assert district.get("/api/v1/district/assessment/sets/2031").status_code == 404


def test_the_api_is_in_the_openapi_document(app):
    paths = app.test_client().get("/api/openapi.json").json["paths"]
    for path in ("/api/v1/t/{tenant}/assessment/assessments/{year}", "/api/v1/t/{tenant}/assessment/evaluations/{year}",
                 "/api/v1/t/{tenant}/assessment/tracks", "/api/v1/district/assessment/sets"):
        assert path in paths
    assert not any("ballots" in p for p in paths)


# -- tenancy ---------------------------------------------------------------------------------------
def test_pages_and_api_answer_404_when_the_school_has_not_enabled_the_plugin(make_tenant, login_as, api_as):
    slug = make_tenant(plugins=[])
    assert login_as("secretary", slug).get(f"/t/{slug}/assessment/").status_code == 404
    assert api_as("secretary", slug).get(f"/api/v1/t/{slug}/assessment/assessments").status_code == 404


def test_another_school_sees_neither_pages_nor_records(k, opened, other_tenant, login_as, api_as, roster, actor):
    services.open_evaluation(k, opened, 2026)
    outsider = login_as("secretary", other_tenant)
    assert outsider.get(f"/t/{opened}/assessment/2026").status_code == 403
    api = api_as("secretary", other_tenant)
    assert api.get(f"/api/v1/t/{opened}/assessment/assessments/2026").status_code == 403
    assert api.get(f"/api/v1/t/{other_tenant}/assessment/assessments/2026").status_code == 404
    assert api.get(f"/api/v1/t/{other_tenant}/assessment/evaluations/2026").status_code == 404
    assert login_as("secretary", other_tenant).get(f"/t/{other_tenant}/assessment/evaluation/2026").status_code == 404


# -- the democratic evaluation ------------------------------------------------------------------------
def test_an_unlinked_account_is_told_to_ask_for_a_link_on_the_member_page(k, tenant, roster, login_as, api_as,
                                                                          actor, clock):
    clock.set(datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc))
    services.open_evaluation(k, tenant, 2026)
    c = login_as("member", tenant)
    for path, data in (("evaluation/2026/self", {"text": "自评"}),
                       ("evaluation/2026/ballot", {f"c-{roster[5]}": "qualified"}),
                       ("self-checks/2026", {"period": "Q3", "text": "自查"})):
        r = _post(c, f"/t/{tenant}/assessment/{path}", data)
        assert r.status_code == 403 and "党员名册的党员页面为您关联账号" in r.get_data(as_text=True), path
    api = api_as("member", tenant)
    r = api.post(f"/api/v1/t/{tenant}/assessment/evaluations/2026/self-assessment", json={"text": "自评"})
    assert r.status_code == 403
    members.link_account(k, tenant, c.username, roster[0])
    assert _post(c, f"/t/{tenant}/assessment/evaluation/2026/self", {"text": "自评"}).status_code == 302
    assert queries.round_member(k, tenant, 2026, roster[0]).self_text == "自评"
    members.link_account(k, tenant, api.username, roster[1])
    r = api.post(f"/api/v1/t/{tenant}/assessment/evaluations/2026/self-assessment", json={"text": "我的自评"})
    assert r.status_code == 200
    assert api.get(f"/api/v1/t/{tenant}/assessment/evaluations/2026/mine").json["member_id"] == str(roster[1])


@pytest.fixture
def voters(k, tenant, roster, login_as, actor):
    """Three signed-in members linked to members 1–3, and an open round."""
    services.open_evaluation(k, tenant, 2026)
    clients = []
    for member in roster[:3]:
        c = login_as("member", tenant)
        members.link_account(k, tenant, c.username, member)   # the member registry's account link
        clients.append(c)
    return clients


def test_members_vote_once_by_secret_ballot_and_no_page_or_api_reveals_who_voted_what(
        k, tenant, roster, voters, login_as, api_as, app):
    target = roster[5]
    first, second, _ = voters
    r = _post(first, f"/t/{tenant}/assessment/evaluation/2026/ballot", {f"c-{target}": "unqualified"})
    assert r.status_code == 302
    r = _post(first, f"/t/{tenant}/assessment/evaluation/2026/ballot", {f"c-{target}": "excellent"})
    assert r.status_code == 422 and "只能投一次" in r.get_data(as_text=True)
    assert _post(second, f"/t/{tenant}/assessment/evaluation/2026/ballot",
                 {f"c-{target}": "excellent"}).status_code == 302

    secretary = login_as("secretary", tenant)
    assert _post(secretary, f"/t/{tenant}/assessment/evaluation/2026/close",
                 {"expected_version": queries.get_round(k, tenant, 2026).version}).status_code == 302
    district = login_as("district_admin")
    api = api_as("secretary", tenant)
    responses = [secretary.get(f"/t/{tenant}/assessment/evaluation/2026"),
                 secretary.get(f"/t/{tenant}/assessment/evaluation/"),
                 secretary.get(f"/t/{tenant}/assessment/evaluation/2026.xlsx"),
                 district.get("/district/assessment/2026/evaluations"),
                 api.get(f"/api/v1/t/{tenant}/assessment/evaluations/2026")]
    for response in responses:
        assert response.status_code == 200
        body = _text(response)
        assert first.username not in body and second.username not in body
    data = responses[-1].json
    row = next(m for m in data["members"] if m["member_id"] == str(target))
    assert row["rating"] == {"excellent": 1, "qualified": 0, "basic": 0, "unqualified": 1}
    assert data["ballots"] == 2
    assert all(set(m) <= {"member_id", "name", "status", "self_assessed", "rating", "grade"} for m in data["members"])


def test_each_member_sees_their_own_result(k, tenant, roster, voters, actor):
    services.close_ballot(k, tenant, 2026)
    for n, member in enumerate(roster[:7]):
        services.propose_grade(k, tenant, 2026, member, "excellent" if n == 0 else "basic" if n == 1 else "qualified")
    first, second, _ = voters
    page = first.get(f"/t/{tenant}/assessment/evaluation/2026").get_data(as_text=True)
    assert "评议结果" not in page                      # not yet published
    services.publish_results(k, tenant, 2026)
    page = first.get(f"/t/{tenant}/assessment/evaluation/2026").get_data(as_text=True)
    assert "评议结果：<strong>优秀</strong>" in page and "基本合格" not in page.split("我的评议")[1]
    page = second.get(f"/t/{tenant}/assessment/evaluation/2026").get_data(as_text=True)
    assert "评议结果：<strong>基本合格</strong>" in page
    assert first.get(f"/t/{tenant}/assessment/evaluation/2026.xlsx").status_code == 403


def test_the_committee_grades_on_the_page_and_the_cap_is_explained(k, tenant, roster, voters, login_as, actor):
    services.close_ballot(k, tenant, 2026)
    services.propose_grade(k, tenant, 2026, roster[0], "excellent")
    services.propose_grade(k, tenant, 2026, roster[1], "excellent")
    c = login_as("secretary", tenant)
    r = _post(c, f"/t/{tenant}/assessment/evaluation/2026/grade",
              {"member_id": roster[2], "grade": "excellent", "expected_version": queries.get_round(k, tenant, 2026).version})
    assert r.status_code == 422 and "向下取整 = 2 人" in r.get_data(as_text=True)
    r = _post(c, f"/t/{tenant}/assessment/evaluation/2026/grade",
              {"member_id": roster[7], "grade": "qualified", "expected_version": queries.get_round(k, tenant, 2026).version})
    assert r.status_code == 422 and "不评定等次" in r.get_data(as_text=True)


# -- handling, self-checks, district, home ------------------------------------------------------------
def test_a_removal_through_the_api_reaches_the_member_registry(k, tenant, roster, api_as, actor):
    from plugins.members import public as members
    services.open_evaluation(k, tenant, 2026)
    services.close_ballot(k, tenant, 2026)
    for n, member in enumerate(roster[:7]):
        services.propose_grade(k, tenant, 2026, member, "unqualified" if n == 6 else "qualified")
    services.publish_results(k, tenant, 2026)
    api = api_as("secretary", tenant)
    r = api.post(f"/api/v1/t/{tenant}/assessment/tracks", json={
        "year": 2026, "member_id": str(roster[6]), "measure": "remove", "facts": "事实", "reason": "理由"})
    assert r.status_code == 201, r.json
    url = f"/api/v1/t/{tenant}/assessment/tracks/{r.json['id']}"
    r = api.post(url + "/pre-review", json={"reviewed_on": "2026-11-25", "expected_version": 1})
    r = api.post(url + "/vote", json={"held_on": "2026-11-26", "entitled": 7, "present": 9, "yes": 5,
                                      "expected_version": r.json["version"]})
    assert r.status_code == 422
    r = api.post(url + "/vote", json={"held_on": "2026-11-26", "entitled": 7, "present": 5, "yes": 5, "no": 1,
                                      "written_opinions": 1, "expected_version": 2})
    assert r.json["status"] == "voted"
    r = api.post(url + "/approve", json={"approved_on": "2026-12-01", "approver": "区委教育工委",
                                         "expected_version": 3})
    assert r.status_code == 200 and r.json["outcome"] == "removed"
    assert members.get_member(k, tenant, roster[6]).status == "removed"
    assert api.get(f"/api/v1/t/{tenant}/assessment/tracks").json[0]["status"] == "concluded"


def test_members_enter_their_self_checks_and_the_branch_its_evaluations(k, tenant, roster, voters, login_as, clock):
    first = voters[0]
    r = _post(first, f"/t/{tenant}/assessment/self-checks/2026", {"period": "Q3", "text": "三季度自查"})
    assert r.status_code == 302
    r = _post(first, f"/t/{tenant}/assessment/self-checks/2026", {"period": "H1", "text": "初评"})
    assert r.status_code == 403
    secretary = login_as("secretary", tenant)
    r = _post(secretary, f"/t/{tenant}/assessment/self-checks/2026", {"period": "H1", "text": "支部半年初评"})
    assert r.status_code == 302
    page = secretary.get(f"/t/{tenant}/assessment/self-checks/2026").get_data(as_text=True)
    assert "三季度自查" in page and "支部半年初评" in page and "补录" in page


def test_alerts_remind_of_missing_self_checks_and_the_evaluation(k, tenant, roster, actor, clock):
    clock.set(datetime(2026, 10, 5, 2, 0, tzinfo=timezone.utc))
    alerts = k.hooks(tenant).zhibu_alerts(tenant=tenant, today=k.today())
    texts = [a.text for group in alerts for a in group]
    assert any("2026年第三季度自查：还有 9 名党员未提交" in t for t in texts)
    clock.set(datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc))
    texts = [a.text for group in k.hooks(tenant).zhibu_alerts(tenant=tenant, today=k.today()) for a in group]
    assert any("尚未开展2026年度民主评议党员" in t for t in texts)
    assert any("第三季度自查" in t and "已逾期" in t for t in texts)


def test_the_district_defines_sets_compares_schools_and_reads_evaluations(
        k, tenant, other_tenant, roster, login_as, actor):
    admin = login_as("district_admin")
    r = _post(admin, "/district/assessment/sets", {"year": "2026"})
    assert r.status_code == 302
    assert _post(login_as("secretary", tenant), "/district/assessment/sets", {"year": "2027"}).status_code == 403
    services.open_assessment(k, tenant, 2026)
    r = admin.get("/district/assessment/2026/compare")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "第一中学" in html and "实验小学" in html   # the other has not started
    r = admin.get("/district/assessment/2026/compare?format=xlsx")
    assert r.status_code == 200 and r.mimetype == XLSX
    r = admin.get("/district/assessment/sets/2026")
    assert r.status_code == 200 and "K-12" in r.get_data(as_text=True)
    r = _post(admin, "/district/assessment/sets/2026/revise",
              {"expected_version": 1, "title": "2026年度", "item-L1-points": "5", "reason": "调整",
               "band-0-grade": "好", "band-0-min": "90", "band-1-grade": "差", "band-1-min": "0"})
    assert r.status_code == 422 and "22 分" in r.get_data(as_text=True)
    assert login_as("secretary", tenant).get("/district/assessment/").status_code == 403


def test_a_published_grade_shows_on_the_school_home_and_the_district_dashboard(k, tenant, roster, year_set, login_as,
                                                                                actor):
    services.open_assessment(k, tenant, 2026)
    row = queries.get_assessment(k, tenant, 2026)
    for criterion in row.criteria:
        for item in criterion["items"]:
            services.self_score(k, tenant, 2026, item["code"], item["points"])
    services.submit_self_assessment(k, tenant, 2026)
    for criterion in row.criteria:
        for item in criterion["items"]:
            services.score_item(k, tenant, 2026, item["code"], item["points"], "核实")
    services.publish(k, tenant, 2026)
    home = login_as("secretary", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert "考核评议" in home and "100.0 分「好」" in home
    dashboard = login_as("district_admin").get("/district/").get_data(as_text=True)
    assert "2026 好（100分）" in dashboard
