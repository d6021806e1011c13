"""Pages and API of member development: permissions, bad input, conflicts, isolation, disabled plugin."""
from __future__ import annotations

import io
from datetime import date, timedelta
from uuid import UUID

import pytest
from openpyxl import load_workbook

from plugins.development import queries, services
from plugins.members import public as members
from plugins.development.tests.helpers import full_members, id_number, person, set_today, walk


@pytest.fixture
def case(k, tenant, clock, actor):
    set_today(clock, date(2024, 3, 1))
    return services.open_case(k, tenant, person(), date(2024, 3, 1))


def base(tenant: str) -> str:
    return f"/t/{tenant}/development"


def api(tenant: str) -> str:
    return f"/api/v1/t/{tenant}/development"


# -- pages --------------------------------------------------------------------------------------
def test_the_secretary_opens_a_case_from_the_form(k, tenant, clock, login_as):
    set_today(clock, date(2024, 5, 1))
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/new", data={
        "csrf_token": client.csrf(), "name": "赵明", "gender": "male", "id_number": id_number(date(1998, 1, 2)),
        "category": "teacher", "applied_on": "2024-04-20"})
    assert response.status_code == 302
    row = queries.list_cases(k, tenant)[0]
    assert (row.name, row.applied_on, row.birth_date) == ("赵明", date(2024, 4, 20), date(1998, 1, 2))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "赵明" in page and "党组织派人谈话" in page and "1998-01-02" in page


def test_an_underage_applicant_is_refused_on_the_page_with_the_reason(tenant, clock, login_as):
    set_today(clock, date(2024, 5, 1))
    client = login_as("org", tenant)
    response = client.post(f"{base(tenant)}/new", data={
        "csrf_token": client.csrf(), "name": "小明", "gender": "male", "id_number": id_number(date(2006, 4, 21)),
        "category": "student", "applied_on": "2024-04-20"})
    assert response.status_code == 422
    assert "年满18周岁" in response.get_data(as_text=True)


def test_a_bad_id_number_is_a_field_message(tenant, login_as):
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/new", data={
        "csrf_token": client.csrf(), "name": "小明", "gender": "male", "id_number": "123",
        "category": "student", "applied_on": "2024-04-20"})
    assert response.status_code == 422 and "身份证号" in response.get_data(as_text=True)


def test_recording_a_step_from_the_case_page(k, tenant, clock, case, login_as):
    set_today(clock, date(2024, 3, 20))
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/{case.id}/step", data={
        "csrf_token": client.csrf(), "expected_version": case.version, "step": 2, "happened_on": "2024-03-20",
        "actor": "支部书记王芳", "notes": "了解入党动机", "records": ["talk_record"]})
    assert response.status_code == 302
    step = [s for s in queries.case_steps(k, tenant, case.id) if s.step == 2][0]
    assert (step.actor, step.notes, step.records) == ("支部书记王芳", "了解入党动机", ["talk_record"])


def test_a_late_step_without_a_reason_is_refused_on_the_page(tenant, clock, case, login_as):
    set_today(clock, date(2024, 4, 2))
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/{case.id}/step", data={
        "csrf_token": client.csrf(), "expected_version": case.version, "step": 2, "happened_on": "2024-04-02"})
    assert response.status_code == 422
    assert "须说明逾期原因" in response.get_data(as_text=True)


def test_a_stale_form_is_a_conflict(tenant, clock, case, login_as):
    set_today(clock, date(2024, 3, 20))
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/{case.id}/step", data={
        "csrf_token": client.csrf(), "expected_version": case.version + 3, "step": 2, "happened_on": "2024-03-20"})
    assert response.status_code == 409


def test_uploading_and_downloading_a_record(k, tenant, case, login_as):
    client = login_as("org", tenant)
    response = client.post(f"{base(tenant)}/{case.id}/documents", data={
        "csrf_token": client.csrf(), "code": "application", "expected_version": case.version,
        "file": (io.BytesIO(b"%PDF-1.4 letter"), "申请书.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    doc = queries.case_documents(k, tenant, case.id)[0]
    download = client.get(f"{base(tenant)}/{case.id}/documents/{doc.sha256}")
    assert download.status_code == 200 and download.data == b"%PDF-1.4 letter"
    assert "100%" in client.get(f"{base(tenant)}/{case.id}").get_data(as_text=True)


def test_an_executable_upload_is_refused(tenant, case, login_as):
    client = login_as("org", tenant)
    response = client.post(f"{base(tenant)}/{case.id}/documents", data={
        "csrf_token": client.csrf(), "code": "application", "expected_version": case.version,
        "file": (io.BytesIO(b"MZ..."), "申请书.exe")}, content_type="multipart/form-data")
    assert response.status_code == 422


def test_the_api_uploads_and_downloads_records_with_conflicts_and_bad_files(k, tenant, case, api_as):
    client = api_as("org", tenant)
    url = f"{api(tenant)}/cases/{case.id}/documents"
    response = client.post(f"{url}?code=application&expected_version={case.version}", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(b"%PDF-1.4 letter"), "申请书.pdf")})
    assert response.status_code == 201, response.json
    [doc] = response.json["documents"]
    assert (doc["code"], doc["title"], doc["name"]) == ("application", "入党申请书", "申请书.pdf")
    download = client.get(f"{url}/{doc['sha256']}")
    assert download.status_code == 200 and download.data == b"%PDF-1.4 letter"
    stale = client.post(f"{url}?code=application&expected_version={case.version}", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(b"%PDF-1.4 again"), "b.pdf")})
    assert stale.status_code == 409
    bad = client.post(f"{url}?code=application", content_type="multipart/form-data",
                      data={"file": (io.BytesIO(b"MZ..."), "a.exe")})
    assert bad.status_code == 422 and "file" in bad.json["errors"]["json"]
    unknown = client.post(f"{url}?code=diary", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(b"%PDF-1.4"), "c.pdf")})
    assert unknown.status_code == 422 and "code" in unknown.json["errors"]["query"]
    assert len(queries.case_documents(k, tenant, case.id)) == 1
    assert api_as("member", tenant).get(f"{url}/{doc['sha256']}").status_code == 403   # files of a case: committee only


def test_pages_list_worklist_rosters_and_exports(k, tenant, clock, case, login_as):
    set_today(clock, date(2024, 4, 10))   # the talk is overdue
    client = login_as("secretary", tenant)
    assert "李晓明" in client.get(f"{base(tenant)}/").get_data(as_text=True)
    worklist = client.get(f"{base(tenant)}/worklist").get_data(as_text=True)
    assert "党组织派人谈话" in worklist and "逾期" in worklist
    rosters = client.get(f"{base(tenant)}/rosters").get_data(as_text=True)
    assert "入党申请人名册" in rosters and "李晓明" in rosters
    book = load_workbook(io.BytesIO(client.get(f"{base(tenant)}/rosters?format=xlsx").data))
    assert book.sheetnames == ["入党申请人名册", "入党积极分子名册", "发展对象名册", "预备党员名册"]
    assert book["入党申请人名册"]["A2"].value == "李晓明"
    assert load_workbook(io.BytesIO(client.get(f"{base(tenant)}/export.xlsx").data)).active["A2"].value == "李晓明"
    assert load_workbook(io.BytesIO(client.get(f"{base(tenant)}/worklist?format=xlsx").data)).active["A2"].value == "李晓明"


def test_the_home_page_shows_the_work_list_and_an_overdue_alert(tenant, clock, case, login_as):
    set_today(clock, date(2024, 4, 10))
    page = login_as("secretary", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert "发展党员工作清单" in page and "已逾期" in page


def test_navigation_offers_development_to_the_committee_only(tenant, login_as):
    assert "发展党员" in login_as("org", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    member = login_as("member", tenant)
    assert member.get(f"{base(tenant)}/").status_code == 403


def test_a_viewer_may_read_but_not_write(tenant, case, login_as):
    client = login_as("viewer", tenant)
    assert client.get(f"{base(tenant)}/{case.id}").status_code == 200
    response = client.post(f"{base(tenant)}/{case.id}/refuse", data={
        "csrf_token": client.csrf(), "expected_version": case.version, "decided_on": "2024-03-01", "reason": "x"})
    assert response.status_code == 403


def test_404_when_the_school_has_not_enabled_the_plugin(make_tenant, login_as, api_as):
    slug = make_tenant(plugins=[])
    assert login_as("secretary", slug).get(f"{base(slug)}/").status_code == 404
    assert api_as("secretary", slug).get(f"{api(slug)}/cases").status_code == 404


def test_a_user_of_another_school_cannot_see_the_case(tenant, other_tenant, case, login_as, api_as):
    other = login_as("secretary", other_tenant)
    assert other.get(f"{base(tenant)}/{case.id}").status_code == 403
    assert other.get(f"{base(other_tenant)}/{case.id}").status_code == 404
    assert api_as("secretary", other_tenant).get(f"{api(other_tenant)}/cases/{case.id}").status_code == 404


# -- API ------------------------------------------------------------------------------------------
def test_api_opens_a_case_and_records_steps(k, tenant, clock, api_as):
    set_today(clock, date(2024, 5, 1))
    client = api_as("secretary", tenant)
    response = client.post(f"{api(tenant)}/cases", json={**person(), "applied_on": "2024-04-20"})
    assert response.status_code == 201, response.json
    body = response.json
    assert body["status"] == "applicant" and body["id_number"].startswith("110105********")
    response = client.post(f"{api(tenant)}/cases/{body['id']}/steps", json={
        "step": 2, "happened_on": "2024-05-01", "actor": "组织委员", "expected_version": body["version"]})
    assert response.status_code == 200, response.json
    assert [s["step"] for s in response.json["steps"]] == [1, 2]
    listed = client.get(f"{api(tenant)}/cases?status=open").json
    assert listed["meta"]["total"] == 1 and listed["items"][0]["next_step"] == 3


def test_api_refusals_are_422_with_the_field(tenant, clock, case, api_as):
    set_today(clock, date(2024, 4, 5))
    client = api_as("secretary", tenant)
    response = client.post(f"{api(tenant)}/cases/{case.id}/steps", json={
        "step": 2, "happened_on": "2024-04-05", "expected_version": case.version})
    assert response.status_code == 422
    assert "须说明逾期原因" in response.json["errors"]["json"]["late_reason"][0]
    response = client.post(f"{api(tenant)}/cases/{case.id}/steps", json={"step": 2})
    assert response.status_code == 422 and "happened_on" in response.json["errors"]["json"]


def test_api_stale_version_is_409(tenant, clock, case, api_as):
    set_today(clock, date(2024, 3, 10))
    response = api_as("secretary", tenant).post(f"{api(tenant)}/cases/{case.id}/steps", json={
        "step": 2, "happened_on": "2024-03-10", "expected_version": case.version + 1})
    assert response.status_code == 409


def test_api_worklist_and_rosters(k, tenant, clock, case, api_as, actor):
    fulls = full_members(k, tenant)
    walk(k, tenant, clock, case.id, 3, fulls)
    client = api_as("org", tenant)
    items = client.get(f"{api(tenant)}/worklist").json
    assert items[0]["case_id"] == str(case.id) and items[0]["step"] == 4
    rosters = client.get(f"{api(tenant)}/rosters").json
    assert [r["name"] for r in rosters["activist"]] == ["李晓明"] and rosters["applicant"] == []
    before = client.get(f"{api(tenant)}/rosters?as_of=2024-03-02").json
    assert [r["name"] for r in before["applicant"]] == ["李晓明"]


def test_cultivation_contacts_are_shown_to_the_committee_only(k, tenant, clock, case, api_as, login_as, actor):
    fulls = full_members(k, tenant)
    walk(k, tenant, clock, case.id, 6, fulls)
    contacts = [members.get_member(k, tenant, UUID(i)).name for i in fulls[:2]]
    step5 = next(s for s in api_as("org", tenant).get(f"{api(tenant)}/cases/{case.id}").json["steps"] if s["step"] == 5)
    assert len(step5["data"]["contacts"]) == 2
    viewed = api_as("viewer", tenant).get(f"{api(tenant)}/cases/{case.id}").json
    assert all("contacts" not in s["data"] for s in viewed["steps"])
    page = login_as("viewer", tenant).get(f"{base(tenant)}/{case.id}").get_data(as_text=True)
    assert "培养联系人：" not in page and not any(name in page for name in contacts)
    assert contacts[0] in login_as("org", tenant).get(f"{base(tenant)}/{case.id}").get_data(as_text=True)


def test_api_writes_need_an_editor(tenant, case, api_as):
    response = api_as("viewer", tenant).post(f"{api(tenant)}/cases/{case.id}/refusal", json={
        "decided_on": "2024-03-01", "reason": "x", "expected_version": case.version})
    assert response.status_code == 403


def test_the_api_is_in_the_openapi_document(app):
    paths = app.test_client().get("/api/openapi.json").json["paths"]
    assert "/api/v1/t/{tenant}/development/cases/{case_id}/steps" in paths
    assert "/api/v1/t/{tenant}/development/worklist" in paths
    assert "/api/v1/t/{tenant}/development/rosters" in paths


def test_the_congress_vote_is_checked_against_the_meetings_attendance(k, tenant, clock, case, api_as, actor):
    """With the meetings plugin enabled, the counts must match the congress it recorded."""
    fulls = full_members(k, tenant)
    walk(k, tenant, clock, case.id, 14, fulls)
    day = k.get(tenant, case.id).last_date + timedelta(days=2)
    set_today(clock, day)
    client = api_as("secretary", tenant)
    meetings = f"/api/v1/t/{tenant}/meetings/meetings"
    meeting = client.post(meetings, json={"type": "congress", "title": "接收预备党员支部党员大会",
                                          "starts_at": f"{day.isoformat()}T15:00:00+08:00", "place": "会议室"})
    assert meeting.status_code == 201, meeting.json
    meeting = client.put(f"{meetings}/{meeting.json['id']}/attendance", json={
        "expected_version": meeting.json["version"],
        "entries": [{"member_id": m, "status": "present" if i else "absent", "reason": "" if i else "病假"}
                    for i, m in enumerate(fulls)]})
    assert meeting.status_code == 200, meeting.json
    minutes = client.put(f"{meetings}/{meeting.json['id']}/minutes", json={
        "summary": "讨论接收李晓明为预备党员", "expected_version": meeting.json["version"]})
    assert minutes.status_code == 200, minutes.json
    final = client.post(f"{meetings}/{meeting.json['id']}/minutes/finalise",
                        json={"expected_version": meeting.json["version"] + 1})
    assert final.status_code == 200, final.json
    attendance = {"entitled": 6, "present": 5, "written_opinions": 0}
    version = k.get(tenant, case.id).version
    wrong = client.post(f"{api(tenant)}/cases/{case.id}/steps", json={
        "step": 15, "happened_on": day.isoformat(), "expected_version": version, "meeting_id": meeting.json["id"],
        **attendance, "entitled": 7, "yes": 5, "no": 0})
    assert wrong.status_code == 422, wrong.json
    assert "应到会人数与会议记录不一致" in wrong.json["errors"]["json"]["meeting_id"][0]
    right = client.post(f"{api(tenant)}/cases/{case.id}/steps", json={
        "step": 15, "happened_on": day.isoformat(), "expected_version": version, "meeting_id": meeting.json["id"],
        **attendance, "yes": 5, "no": 0})
    assert right.status_code == 200, right.json
    assert right.json["steps"][-1]["data"]["vote"]["meeting_id"] == meeting.json["id"]
