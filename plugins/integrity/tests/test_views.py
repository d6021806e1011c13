import io
from datetime import date, datetime, timezone

import pytest

from core import context
from plugins.integrity import queries, services
from plugins.members import public as members

PDF = b"%PDF-1.4 evidence"


@pytest.fixture
def story(k, tenant, clock, add_member):
    """A school with a member, a letter with one accepted item, and a pair with a visit."""
    clock.set(datetime(2026, 7, 10, 2, tzinfo=timezone.utc))
    zhang = add_member(tenant, "张敏")
    with context.acting(context.system("test", source="test")):
        letter = services.write_commitment(k, tenant, 2026, "member", zhang)
        item = services.add_commitment_item(k, tenant, letter.id, "service", "社区服务", "20 小时", date(2026, 6, 30))
        services.accept_item(k, tenant, letter.id, item)
        pair = services.form_pair(k, tenant, "member", "student", "王小明", ["每周辅导"], member_id=zhang,
                                  helped_details="单亲家庭，数学基础薄弱", started_on=date(2026, 3, 1))
        services.log_visit(k, tenant, pair.id, date(2026, 3, 8), "课后辅导", "2")
    return {"member": zhang, "letter": letter.id, "item": item, "pair": pair.id}


def link(k, tenant, username, member_id, relink=False):
    """Link an account to a member in the member registry (as the secretary does on the member page)."""
    with context.acting(context.system("test", source="test")):
        members.link_account(k, tenant, username, member_id, relink=relink)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_secretary_sees_every_page(login_as, tenant, story):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/integrity"
    for path in ("/", "/commitments", f"/commitments/{story['letter']}", "/board", "/board/sheet", "/posts",
                 "/pairs", f"/pairs/{story['pair']}", "/volunteer", "/education", "/responsibility", "/ethics"):
        page(c, base + path)
    assert "社区服务" in page(c, f"{base}/board?year=2026")
    assert "廉洁与承诺" in page(c, f"/t/{tenant}/")    # nav item and home widget


def test_overview_exports_excel(login_as, tenant, story):
    response = login_as("secretary", tenant).get(f"/t/{tenant}/integrity/export.xlsx?year=2026")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert response.data[:2] == b"PK"


def test_commitment_cycle_through_the_pages(k, login_as, tenant, clock, add_member):
    clock.set(datetime(2026, 2, 20, 2, tzinfo=timezone.utc))
    li = add_member(tenant, "李强")
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/integrity"
    r = c.post(f"{base}/commitments/new", data={"csrf_token": c.csrf(), "year": "2026", "owner_kind": "member",
                                                "member_id": str(li)})
    assert r.status_code == 302
    letter = queries.list_commitments(k, tenant, 2026)[0]
    r = c.post(f"{base}/commitments/{letter.id}/items", data={
        "csrf_token": c.csrf(), "expected_version": "1", "area": "work", "content": "开设公开课", "measure": "完成",
        "deadline": "2026-06-30"})
    assert r.status_code == 302
    r = c.post(f"{base}/commitments/{letter.id}/items/i1/send-back", data={
        "csrf_token": c.csrf(), "expected_version": "2", "reason": "衡量标准不具体"})
    assert r.status_code == 302
    assert "衡量标准不具体" in page(c, f"{base}/commitments/{letter.id}")
    r = c.post(f"{base}/commitments/{letter.id}/items/i1/revise", data={
        "csrf_token": c.csrf(), "expected_version": "3", "area": "work", "content": "开设区级公开课",
        "measure": "提交教学设计", "deadline": "2026-06-30"})
    assert r.status_code == 302
    r = c.post(f"{base}/commitments/{letter.id}/items/i1/accept", data={"csrf_token": c.csrf(), "expected_version": "4"})
    assert r.status_code == 302
    assert "开设区级公开课" in page(c, f"{base}/board/sheet?year=2026")
    # progress after the deadline, with evidence, is flagged on the page
    clock.set(datetime(2026, 7, 3, 2, tzinfo=timezone.utc))
    r = c.post(f"{base}/commitments/{letter.id}/items/i1/progress", content_type="multipart/form-data", data={
        "csrf_token": c.csrf(), "expected_version": "5", "on": "2026-07-02", "text": "公开课已上",
        "evidence": (io.BytesIO(PDF), "教案.pdf")})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    html = page(c, f"{base}/commitments/{letter.id}")
    assert "超过承诺时限" in html and "教案.pdf" in html
    sha = queries.list_progress(k, tenant, letter.id)[0].evidence[0]["sha256"]
    assert c.get(f"{base}/files/{sha}").data == PDF


def test_page_form_errors_answer_422_and_stale_versions_409(login_as, tenant, story):
    c = login_as("secretary", tenant)
    url = f"/t/{tenant}/integrity/commitments/{story['letter']}"
    r = c.post(f"{url}/items", data={"csrf_token": c.csrf(), "expected_version": "3", "area": "work",
                                     "content": "x", "measure": "", "deadline": "2026-06-30"})
    assert r.status_code == 422 and "衡量标准" in r.get_data(as_text=True)
    r = c.post(f"{url}/items", data={"csrf_token": c.csrf(), "expected_version": "1", "area": "work",
                                     "content": "x", "measure": "y", "deadline": "2026-06-30"})
    assert r.status_code == 409
    r = c.post(f"{url}/items", data={"csrf_token": c.csrf(), "expected_version": "3", "area": "work",
                                     "content": "x", "measure": "y", "deadline": "2027-06-30"})
    assert r.status_code == 422 and "2026 年内" in r.get_data(as_text=True)


def test_a_plain_member_reads_but_cannot_write_or_see_ethics(login_as, tenant, story):
    c = login_as("member", tenant)
    page(c, f"/t/{tenant}/integrity/")
    r = c.post(f"/t/{tenant}/integrity/commitments/{story['letter']}/items/i1/accept",
               data={"csrf_token": c.csrf(), "expected_version": "3"})
    assert r.status_code == 403
    page(c, f"/t/{tenant}/integrity/ethics", 403)


def test_helped_person_details_are_hidden_from_a_plain_member(k, login_as, api_as, tenant, story):
    url = f"/t/{tenant}/integrity/pairs/{story['pair']}"
    member = page(login_as("member", tenant), url)
    assert "王某某" in member and "王小明" not in member and "单亲家庭" not in member
    assert "王小明" not in page(login_as("member", tenant), f"/t/{tenant}/integrity/pairs")
    for role in ("secretary", "discipline"):
        html = page(login_as(role, tenant), url)
        assert "王小明" in html and "单亲家庭" in html
    paired = login_as("member", tenant, username="zhang-account")
    assert "单亲家庭" not in page(paired, url)            # not yet linked to the paired member
    link(k, tenant, "zhang-account", story["member"])    # the member registry's account link
    html = page(paired, url)
    assert "王小明" in html and "单亲家庭" in html
    assert "王小明" in page(paired, f"/t/{tenant}/integrity/pairs")
    body = api_as("member", tenant).get(f"/api/v1/t/{tenant}/integrity/pairs/{story['pair']}").json
    assert body["helped_name"] == "王某某" and body["helped_details"] is None
    body = api_as("secretary", tenant).get(f"/api/v1/t/{tenant}/integrity/pairs").json
    assert body[0]["helped_name"] == "王小明"


def test_helped_person_details_are_hidden_from_another_school(login_as, api_as, tenant, other_tenant, story):
    outsider = login_as("secretary", other_tenant)
    page(outsider, f"/t/{tenant}/integrity/pairs/{story['pair']}", 403)
    page(outsider, f"/t/{other_tenant}/integrity/pairs/{story['pair']}", 404)
    assert "王" not in page(outsider, f"/t/{other_tenant}/integrity/pairs").split("<main", 1)[1].split("建立结对")[0]
    api = api_as("secretary", other_tenant)
    assert api.get(f"/api/v1/t/{tenant}/integrity/pairs/{story['pair']}").status_code == 403
    assert api.get(f"/api/v1/t/{other_tenant}/integrity/pairs/{story['pair']}").status_code == 404
    assert api.get(f"/api/v1/t/{other_tenant}/integrity/pairs").json == []


def test_the_paired_member_may_log_a_visit_but_other_members_may_not(k, login_as, tenant, story, add_member):
    url = f"/t/{tenant}/integrity/pairs/{story['pair']}/visits"
    data = {"expected_version": "2", "on": "2026-07-01", "what": "辅导", "hours": "1"}
    other = login_as("member", tenant)
    link(k, tenant, other.username, add_member(tenant, "李华"))   # linked, but to another member
    assert other.post(url, data={**data, "csrf_token": other.csrf()}).status_code == 403
    paired = login_as("member", tenant, username="zhang-account")
    assert paired.post(url, data={**data, "csrf_token": paired.csrf()}).status_code == 403
    link(k, tenant, "zhang-account", story["member"])
    assert paired.post(url, data={**data, "csrf_token": paired.csrf()}).status_code == 302


def test_a_link_moved_to_another_member_or_a_revoked_role_ends_the_access(k, login_as, tenant, story, add_member):
    from core.auth import services as accounts

    url = f"/t/{tenant}/integrity/pairs/{story['pair']}"
    paired = login_as("member", tenant, username="zhang-account")
    link(k, tenant, "zhang-account", story["member"])
    assert "单亲家庭" in page(paired, url)
    link(k, tenant, "zhang-account", add_member(tenant, "李华"), relink=True)
    assert "单亲家庭" not in page(paired, url)
    link(k, tenant, "zhang-account", story["member"], relink=True)
    with context.acting(context.system("test", source="test")):
        accounts.revoke_role(k, "zhang-account", "member", tenant)
    assert paired.get(url).status_code == 403   # no longer of this school at all


def test_the_paired_member_of_another_school_sees_nothing(k, login_as, tenant, other_tenant, story, add_member):
    outsider = login_as("member", other_tenant, username="zhang-elsewhere")
    link(k, other_tenant, "zhang-elsewhere", add_member(other_tenant, "张敏"))
    assert outsider.get(f"/t/{tenant}/integrity/pairs/{story['pair']}").status_code == 403
    assert outsider.get(f"/t/{other_tenant}/integrity/pairs/{story['pair']}").status_code == 404


def test_api_pair_closure_refuses_further_log_entries(api_as, tenant, story):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/integrity/pairs/{story['pair']}"
    r = api.post(f"{base}/close", json={"expected_version": 2, "outcome": "achieved", "summary": "成绩提高"})
    assert r.status_code == 200, r.json
    assert r.json["closed_on"] == "2026-07-10"
    r = api.post(f"{base}/visits", json={"expected_version": 3, "on": "2026-07-10", "what": "回访", "hours": "1"})
    assert r.status_code == 422
    assert "已结束" in r.json["errors"]["json"]["pair"][0]
    assert len(api.get(f"{base}/visits").json) == 1


def test_api_takes_evidence_as_base64_and_serves_it_back(api_as, tenant, story):
    import base64
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/integrity"
    url = f"{base}/commitments/{story['letter']}/items/{story['item']}/progress"
    bad = api.post(url, json={"expected_version": 3, "on": "2026-07-09", "text": "进展",
                              "evidence": [{"name": "a.pdf", "content": "not base64!"}]})
    assert bad.status_code == 422 and "base64" in str(bad.json["errors"]["json"]["evidence"])
    exe = api.post(url, json={"expected_version": 3, "on": "2026-07-09", "text": "进展",
                              "evidence": [{"name": "a.exe", "content": base64.b64encode(b"MZ..").decode()}]})
    assert exe.status_code == 422 and "不支持的文件类型" in str(exe.json["errors"]["json"])
    r = api.post(url, json={"expected_version": 3, "on": "2026-07-09", "text": "进展",
                            "evidence": [{"name": "教案.pdf", "content": base64.b64encode(PDF).decode()}]})
    assert r.status_code == 201, r.json
    [ref] = r.json["progress"][0]["evidence"]
    assert ref["name"] == "教案.pdf"
    got = api.get(f"{base}/files/{ref['sha256']}")
    assert got.status_code == 200 and got.data == PDF
    assert api.get(f"{base}/files/{'0' * 64}").status_code == 404
    r = api.post(f"{base}/pairs/{story['pair']}/visits", json={
        "expected_version": 2, "on": "2026-07-09", "what": "辅导", "hours": "1",
        "evidence": [{"name": "记录.pdf", "content": base64.b64encode(PDF + b" visit").decode()}]})
    assert r.status_code == 201, r.json
    assert api.get(f"{base}/pairs/{story['pair']}/visits").json[-1]["evidence"][0]["name"] == "记录.pdf"


def test_api_validation_conflict_and_not_found(api_as, tenant, other_tenant, story):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/integrity"
    r = api.post(f"{base}/commitments/{story['letter']}/items", json={"area": "sports", "content": "x"})
    assert r.status_code == 422
    assert set(r.json["errors"]["json"]) >= {"area", "measure", "deadline", "expected_version"}
    r = api.post(f"{base}/commitments/{story['letter']}/items",
                 json={"expected_version": 1, "area": "work", "content": "x", "measure": "y", "deadline": "2026-09-01"})
    assert r.status_code == 409
    r = api.post(f"{base}/commitments/{story['letter']}/items",
                 json={"expected_version": 3, "area": "work", "content": "x", "measure": "y", "deadline": "2026-09-01"})
    assert r.status_code == 201 and len(r.json["items"]) == 2
    other = api_as("secretary", other_tenant)
    assert other.get(f"/api/v1/t/{other_tenant}/integrity/commitments/{story['letter']}").status_code == 404
    r = api.post(f"{base}/ethics", json={"year": 2026, "member_id": str(story["member"]), "grade": "不合格"})
    assert r.status_code == 422 and "veto_reason" in r.json["errors"]["json"]


def test_api_records_commitment_progress_posts_volunteer_education_and_ethics(api_as, tenant, story, add_member):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/integrity"
    member = str(story["member"])
    r = api.post(f"{base}/commitments/{story['letter']}/items/{story['item']}/progress",
                 json={"expected_version": 3, "on": "2026-07-09", "text": "已服务 20 小时"})
    assert r.status_code == 201 and r.json["progress"][0]["after_deadline"] is True
    r = api.post(f"{base}/posts", json={"name": "先锋岗", "kind": "pioneer", "duties": "示范", "starts_on": "2026-01-01"})
    assert r.status_code == 201
    r = api.post(f"{base}/posts/{r.json['id']}/holders", json={"expected_version": 1, "member_id": member})
    assert r.json["holders"][0]["member_name"] == "张敏"
    r = api.post(f"{base}/volunteer", json={"title": "敬老", "on": "2026-07-01", "place": "敬老院",
                                            "participants": [{"member_id": member, "hours": "2.5"}]})
    assert r.status_code == 201 and r.json["hours"] == "2.5"
    r = api.post(f"{base}/education", json={"kind": "warning", "title": "警示教育", "on": "2026-07-01",
                                            "attendee_ids": [member]})
    assert r.status_code == 201 and r.json["attendees"][0]["name"] == "张敏"
    r = api.post(f"{base}/ethics", json={"year": 2026, "member_id": member, "grade": "良好"})
    assert r.status_code == 201
    r = api.patch(f"{base}/ethics/{r.json['id']}", json={"expected_version": 1, "grade": "不合格",
                                                        "veto_reason": "违纪", "reason": "复核"})
    assert r.status_code == 200 and r.json["veto"] is True
    assert api.get(f"{base}/ethics?year=2026").json[0]["veto"] is True
    assert api.get(f"{base}/volunteer?year=2026").status_code == 200
    assert api.get(f"{base}/education?year=2026").status_code == 200


def test_api_is_in_the_openapi_document(app):
    spec = app.test_client().get("/api/openapi.json").json
    paths = [p for p in spec["paths"] if "/integrity/" in p]
    for part in ("commitments", "posts", "pairs/{pair_id}/visits", "volunteer", "education", "ethics", "agreements",
                 "inspections"):
        assert any(part in p for p in paths), part


def test_member_api_cannot_write(api_as, tenant, story):
    r = api_as("member", tenant).post(f"/api/v1/t/{tenant}/integrity/posts",
                                      json={"name": "x", "kind": "duty", "duties": "y", "starts_on": "2026-01-01"})
    assert r.status_code == 403


def test_pages_and_api_answer_404_when_the_school_has_not_enabled_the_plugin(make_tenant, login_as, api_as):
    plain = make_tenant(plugins=[])
    page(login_as("secretary", plain), f"/t/{plain}/integrity/", 404)
    assert api_as("secretary", plain).get(f"/api/v1/t/{plain}/integrity/commitments").status_code == 404
    assert "廉洁与承诺" not in page(login_as("secretary", plain), f"/t/{plain}/")


def test_files_of_another_school_are_not_served(k, login_as, tenant, other_tenant, story):
    c = login_as("secretary", tenant)
    c.post(f"/t/{tenant}/integrity/commitments/{story['letter']}/items/{story['item']}/progress",
           content_type="multipart/form-data",
           data={"csrf_token": c.csrf(), "expected_version": "3", "on": "2026-07-09", "text": "完成",
                 "evidence": (io.BytesIO(PDF), "证明.pdf")})
    sha = queries.list_progress(k, tenant, story["letter"])[0].evidence[0]["sha256"]
    outsider = login_as("secretary", other_tenant)
    assert outsider.get(f"/t/{other_tenant}/integrity/files/{sha}").status_code == 404
