"""The pages of district tasks: a school answers through its pages, the district follows the live
table, exports it and returns an answer; the school sees it on its home page. Drafts never reach the
district; another school sees nothing of it; a school without the plugin answers 404."""
from __future__ import annotations

import io
from datetime import timedelta

from plugins.tasks import services

PDF = b"%PDF-1.4 summary"


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_a_school_answers_through_its_pages_and_the_district_returns_it(k, login_as, tenant, other_tenant, issue,
                                                                          actor, on_day):
    task = issue([tenant, other_tenant], returns={"text": True, "files": True, "fields": []})
    school = login_as("secretary", tenant)
    assert "报送年度党建工作总结" in page(school, f"/t/{tenant}/")             # the home widget
    base = f"/t/{tenant}/tasks/{task.id}"
    assert "报送年度党建工作总结" in page(school, f"/t/{tenant}/tasks/")
    r = school.post(f"{base}/open", data={"csrf_token": school.csrf(), "_form": "open"})
    assert r.status_code == 302
    r = school.post(f"{base}/answer", data={"csrf_token": school.csrf(), "_form": "answer", "action": "draft",
                                            "text": "草稿内容", "expected_version": "1",
                                            "files": (io.BytesIO(PDF), "总结.pdf")},
                    content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:500]

    district = login_as("district_admin")
    answer = page(district, f"/district/tasks/{task.id}/schools/{tenant}")
    assert "草稿内容" not in answer and "尚未上报" in answer                    # a draft stays at the school

    r = school.post(f"{base}/answer", data={"csrf_token": school.csrf(), "_form": "answer", "action": "submit",
                                            "text": "", "expected_version": "2"})
    assert r.status_code == 422 and "本任务要求填写报送内容" in r.get_data(as_text=True)
    on_day(k.today() + timedelta(days=8))                                    # after the deadline
    r = school.post(f"{base}/answer", data={"csrf_token": school.csrf(), "_form": "answer", "action": "submit",
                                            "text": "总结全文", "expected_version": "2"})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]

    table = page(district, f"/district/tasks/{task.id}")
    assert "已提交" in table and "逾期" in table
    answer = page(district, f"/district/tasks/{task.id}/schools/{tenant}")
    assert "总结全文" in answer and "总结.pdf" in answer                      # the draft's file went up with it
    xlsx = district.get(f"/district/tasks/{task.id}/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"

    r = district.post(f"/district/tasks/{task.id}/schools/{tenant}/return",
                      data={"csrf_token": district.csrf(), "_form": "return", "reason": ""})
    assert r.status_code == 422
    r = district.post(f"/district/tasks/{task.id}/schools/{tenant}/return",
                      data={"csrf_token": district.csrf(), "_form": "return", "reason": "请附主要数据"})
    assert r.status_code == 302
    home = page(school, f"/t/{tenant}/")
    assert "被区里退回" in home and "请附主要数据" in home


def test_another_school_sees_nothing_of_a_task_it_was_not_given(login_as, tenant, other_tenant, issue):
    task = issue([tenant])
    other = login_as("secretary", other_tenant)
    assert "报送年度党建工作总结" not in page(other, f"/t/{other_tenant}/tasks/")
    page(other, f"/t/{other_tenant}/tasks/{task.id}", 404)
    page(other, f"/t/{tenant}/tasks/{task.id}", 403)
    r = other.post(f"/t/{other_tenant}/tasks/{task.id}/open", data={"csrf_token": other.csrf(), "_form": "open"})
    assert r.status_code == 404


def test_a_school_without_the_plugin_answers_404(k, login_as, make_tenant, issue):
    school = make_tenant("plain", plugins=[p for p in k.registry.optional() if p != "tasks"])
    task = issue([school])
    client = login_as("secretary", school)
    page(client, f"/t/{school}/tasks/", 404)
    page(client, f"/t/{school}/tasks/{task.id}", 404)
    page(client, f"/t/{school}/tasks/info", 404)
    assert "报送年度党建工作总结" not in page(client, f"/t/{school}/")


def test_information_reporting_through_the_pages(k, login_as, tenant, actor):
    school = login_as("secretary", tenant)
    r = school.post(f"/t/{tenant}/tasks/info/new", data={"csrf_token": school.csrf(), "_form": "info_new",
                                                         "kind": "news", "title": "示范课", "text": "正文"})
    assert r.status_code == 302
    report_id = r.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    district = login_as("district_admin")
    assert "示范课" not in page(district, "/district/tasks/info")           # a draft is not sent
    page(district, f"/district/tasks/info/{tenant}/{report_id}", 404)
    r = school.post(f"/t/{tenant}/tasks/info/{report_id}/submit",
                    data={"csrf_token": school.csrf(), "_form": "info_submit", "expected_version": "1"})
    assert r.status_code == 302
    assert "示范课" in page(district, "/district/tasks/info")
    r = district.post(f"/district/tasks/info/{tenant}/{report_id}/decide",
                      data={"csrf_token": district.csrf(), "_form": "decide", "outcome": "published"})
    assert r.status_code == 302
    assert "已发布" in page(school, f"/t/{tenant}/tasks/info")
    xlsx = district.get(f"/district/tasks/info/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_the_district_issues_a_task_from_its_page(k, login_as, tenant, other_tenant):
    district = login_as("district_admin")
    page(district, "/district/tasks/")
    data = {"csrf_token": district.csrf(), "_form": "issue", "kind": "general", "title": "报送学习情况",
            "content": "请报送", "deadline": (k.today() + timedelta(days=3)).isoformat(), "schools": [tenant],
            "field_label-1": "参学人数", "field_type-1": "integer"}
    r = district.post("/district/tasks/new", data=data)
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    school = login_as("secretary", tenant)
    assert "报送学习情况" in page(school, f"/t/{tenant}/tasks/")
    assert "报送学习情况" in page(school, f"/t/{tenant}/")                        # due in 3 days: an alert
    assert "报送学习情况" not in page(login_as("secretary", other_tenant), f"/t/{other_tenant}/tasks/")
    r = district.post("/district/tasks/new", data={**data, "deadline": "", "csrf_token": district.csrf()})
    assert r.status_code == 422
    school_member = login_as("member", tenant)
    r = school_member.post("/district/tasks/new", data={**data, "csrf_token": school_member.csrf()})
    assert r.status_code == 403


def test_a_subscription_is_answered_and_followed_through_the_pages(k, login_as, tenant, issue, actor):
    task = issue([tenant], kind="subscription", title="党报党刊征订", returns={}, titles=["人民日报", "求是"])
    school = login_as("secretary", tenant)
    assert "人民日报" in page(school, f"/t/{tenant}/tasks/{task.id}")
    r = school.post(f"/t/{tenant}/tasks/{task.id}/answer", data={
        "csrf_token": school.csrf(), "_form": "answer", "action": "submit", "copies-0": "2", "amount-0": "720.00",
        "copies-1": "", "amount-1": ""})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    district = login_as("district_admin")
    table = page(district, f"/district/tasks/{task.id}")
    assert "¥720.00" in table and "已提交" in table
    assert "人民日报：2" in page(district, f"/district/tasks/{task.id}/schools/{tenant}")


def test_school_users_are_refused_the_district_pages_and_inspectors_see_only_their_assignment(login_as, tenant,
                                                                                              issue):
    task = issue([tenant])
    client = login_as("secretary", tenant)
    page(client, "/district/tasks/", 403)
    page(client, f"/district/tasks/{task.id}/schools/{tenant}", 403)
    page(client, "/district/tasks/info", 403)
    inspector = login_as("inspector")                              # no assignment: no school
    page(inspector, "/district/tasks/")
    page(inspector, f"/district/tasks/{task.id}/schools/{tenant}", 403)


def test_the_district_dashboard_shows_a_column_for_the_task(login_as, tenant, other_tenant, issue, actor, k):
    task = issue([tenant, other_tenant])
    services.submit(k, tenant, task.id, "总结", [], {"f1": "4"})
    dashboard = page(login_as("district_admin"), "/district/")
    assert "任务：报送年度党建工作总结" in dashboard and "已提交" in dashboard and "未签收" in dashboard


def test_the_api_downloads_files_under_the_rules_of_the_pages(k, api_as, tenant, other_tenant, issue, actor):
    import base64
    import hashlib
    task = issue([tenant, other_tenant], returns={"text": True, "files": True, "fields": []})
    school = api_as("secretary", tenant)
    content = base64.b64encode(PDF).decode()
    digest = hashlib.sha256(PDF).hexdigest()
    base = f"/api/v1/t/{tenant}/tasks/{task.id}"
    school.post(f"{base}/draft", json={"text": "草稿", "files": [{"name": "总结.pdf", "content": content}]})
    r = school.get(f"{base}/files/{digest}")
    assert r.status_code == 200 and r.data == PDF                      # its own draft's file
    district = api_as("district_admin")
    url = f"/api/v1/district/tasks/{task.id}/schools/{tenant}/files/{digest}"
    assert district.get(url).status_code == 404                          # never a draft's file
    school.post(f"{base}/submit", json={"text": "总结", "files": [{"name": "总结.pdf", "content": content}],
                                        "expected_version": 2})
    r = district.get(url)
    assert r.status_code == 200 and r.data == PDF and "filename*" in r.headers["Content-Disposition"]
    other = api_as("secretary", other_tenant)
    assert other.get(f"/api/v1/t/{other_tenant}/tasks/{task.id}/files/{digest}").status_code == 404
    assert other.get(f"{base}/files/{digest}").status_code == 403
    assert district.get(f"/api/v1/district/tasks/{task.id}/schools/{other_tenant}/files/{digest}").status_code == 404
    spec = district.get("/api/openapi.json").get_json()["paths"]
    assert "/api/v1/district/tasks/{task_id}/schools/{school}/files/{sha256}" in spec
    assert "/api/v1/t/{tenant}/tasks/{task_id}/files/{sha256}" in spec
