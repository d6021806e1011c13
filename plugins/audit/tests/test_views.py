import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from core import context
from plugins.audit import services
from plugins.audit.models import access
from plugins.audit.tests.conftest import register


@pytest.fixture
def two_schools(school, other_tenant, k):
    register(k, other_tenant, "陈静")
    return school, other_tenant


def assign(k, username, schools, starts=date(2026, 1, 1), ends=date(2026, 12, 31)):
    with context.acting(context.system("test", source="test")):
        return services.create_assignment(k, username, schools, starts, ends)


@pytest.fixture
def inspector(login_as, k, two_schools):
    client = login_as("inspector")
    assign(k, client.username, [two_schools[0]])
    return client


def access_rows(k):
    with k.engine.connect() as conn:
        return conn.execute(select(access).order_by(access.c.at)).all()


def first_nid(k, tenant):
    """The first member's registration (registering also stores the school register's events)."""
    return next(n for n in k.stores.log(tenant).recorder.select_notifications(start=1, limit=10_000)
                if n.topic.endswith("Member.Registered"))


# -- the console and its scope ------------------------------------------------------------------
def test_the_district_administrator_sees_every_log_in_the_console(login_as, two_schools):
    admin = login_as("district_admin")
    page = admin.get("/audit/").get_data(as_text=True)
    assert "党员·登记入册" in page and "学校·登记" in page and "封存状态" in page
    page = admin.get(f"/audit/?school={two_schools[1]}&event_type=Member.Registered").get_data(as_text=True)
    assert "陈静" in page and "张伟" not in page


def test_bad_filters_answer_422_with_the_field_named(login_as, two_schools):
    admin = login_as("district_admin")
    r = admin.get("/audit/?month=2026-13x&record=nope")
    assert r.status_code == 422
    assert "月份" in r.get_data(as_text=True) and "记录编号" in r.get_data(as_text=True)


def test_an_inspector_sees_only_the_schools_of_a_live_assignment(inspector, two_schools, k, clock):
    mine, other = two_schools
    assert inspector.get("/audit/").status_code == 200
    page = inspector.get("/audit/").get_data(as_text=True)
    assert "张伟" in page and "陈静" not in page
    assert inspector.get(f"/audit/?school={other}").status_code == 403
    assert inspector.get(f"/t/{mine}/").status_code == 200
    assert inspector.get(f"/t/{other}/").status_code == 403
    assert inspector.get(f"/audit/events/{other}/{first_nid(k, other).id}").status_code == 403
    assert inspector.get(f"/audit/roster/{other}").status_code == 403
    clock.set(datetime(2027, 1, 2, 2, 0, tzinfo=timezone.utc))   # the assignment has ended
    assert inspector.get("/audit/").status_code == 403
    assert inspector.get(f"/t/{mine}/").status_code == 403


def test_an_inspector_without_an_assignment_and_school_people_are_refused(login_as, two_schools):
    assert login_as("inspector").get("/audit/").status_code == 403
    secretary = login_as("secretary", two_schools[0])
    assert secretary.get("/audit/").status_code == 403
    assert secretary.get("/audit/assignments").status_code == 403


def test_reading_an_event_a_record_or_a_roster_is_recorded(inspector, two_schools, k):
    mine = two_schools[0]
    n = first_nid(k, mine)
    page = inspector.get(f"/audit/events/{mine}/{n.id}").get_data(as_text=True)
    assert "登记" in page and "身份证号" in page
    moment = (datetime.now(timezone.utc) + timedelta(hours=8, seconds=2)).strftime("%Y-%m-%dT%H:%M:%S")
    r = inspector.get(f"/audit/records/{mine}/{n.originator_id}?at={moment}")
    assert r.status_code == 200 and "第 1 版" in r.get_data(as_text=True)
    r = inspector.get(f"/audit/roster/{mine}?at={moment}")
    assert r.status_code == 200 and "张伟" in r.get_data(as_text=True)
    reads = [(a.kind, a.actor, a.schools) for a in access_rows(k)]
    assert reads == [("read", inspector.username, [mine])] * 3


def test_an_unknown_record_or_event_is_404(login_as, two_schools):
    admin = login_as("district_admin")
    assert admin.get(f"/audit/events/{two_schools[0]}/9999").status_code == 404
    assert admin.get(f"/audit/records/{two_schools[0]}/6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b10").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_an_export_carries_its_seal_and_is_recorded(inspector, two_schools, k, key, fmt):
    from plugins.audit.services import seals  # noqa: PLC0415
    seals.seal_log(k, two_schools[0], key)
    r = inspector.get(f"/audit/export?format={fmt}&school={two_schools[0]}")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    assert f"{two_schools[0]}=" in r.headers["X-Zhibu-Seals"] and "ok" in r.headers["X-Zhibu-Seals"]
    if fmt == "csv":
        text = r.data.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("学校,通知序号") and "张伟" in text and ",是," in text
    if fmt == "jsonl":
        lines = [json.loads(line) for line in r.data.decode().splitlines()]
        assert lines[0]["seals"][two_schools[0]]["ok"] is True and all(x["sealed"] for x in lines[1:-1])
        assert [x["type"] for x in lines] == ["export", *["event"] * (len(lines) - 2), "signature"]
    if fmt == "xlsx":
        from openpyxl import load_workbook  # noqa: PLC0415
        wb = load_workbook(io.BytesIO(r.data))
        assert wb.sheetnames == ["事件记录", "封存校验"]
    [row] = access_rows(k)
    assert (row.kind, row.actor, row.schools, row.details["format"]) == ("export", inspector.username,
                                                                          [two_schools[0]], fmt)


def test_the_district_administrator_sees_the_access_log(inspector, login_as, two_schools, k):
    inspector.get(f"/audit/export?format=csv&school={two_schools[0]}")
    admin = login_as("district_admin")
    page = admin.get("/audit/access").get_data(as_text=True)
    assert inspector.username in page and "导出事件记录" in page
    assert inspector.get("/audit/access").status_code == 403


def test_verify_from_the_console_reports_a_broken_log(login_as, two_schools, k, key, raw):
    from plugins.audit.services import seals  # noqa: PLC0415
    seals.seal_log(k, two_schools[0], key)
    raw(two_schools[0]).delete(raw(two_schools[0]).ids()[0])
    admin = login_as("district_admin")
    r = admin.post("/audit/seals/verify", data={"log": two_schools[0], "csrf_token": admin.csrf()},
                   follow_redirects=True)
    assert "已从日志中删除" in r.get_data(as_text=True) and "不一致" in r.get_data(as_text=True)


# -- findings -----------------------------------------------------------------------------------
def test_an_inspector_records_a_finding_and_the_secretary_answers_with_evidence(inspector, login_as, two_schools, k):
    mine = two_schools[0]
    n = first_nid(k, mine)
    r = inspector.post("/audit/findings", data={
        "csrf_token": inspector.csrf(), "school": mine, "title": "登记信息不全", "description": "缺少学历",
        "events": f"{n.originator_id} {n.originator_version}", "deadline": "2026-12-20"})
    assert r.status_code == 302, r.get_data(as_text=True)
    finding_url = r.headers["Location"]
    finding_id = finding_url.rstrip("/").split("/")[-1]

    secretary = login_as("secretary", mine)
    assert "登记信息不全" in secretary.get(f"/t/{mine}/audit/findings").get_data(as_text=True)
    r = secretary.post(f"/t/{mine}/audit/findings/{finding_id}", content_type="multipart/form-data", data={
        "csrf_token": secretary.csrf(), "notes": "已补充学历信息", "expected_version": "1",
        "evidence": (io.BytesIO(b"%PDF-1.4 proof"), "证明.pdf")})
    assert r.status_code == 302, r.get_data(as_text=True)
    page = inspector.get(finding_url).get_data(as_text=True)
    assert "已补充学历信息" in page and "证明.pdf" in page
    sha = k.stores.log("district").repository.get(__import__("uuid").UUID(finding_id)).answers[0]["evidence"][0]["sha256"]
    assert inspector.get(f"/audit/findings/{finding_id}/files/{sha}").data == b"%PDF-1.4 proof"
    r = inspector.post(finding_url, data={"csrf_token": inspector.csrf(), "action": "close", "note": "好",
                                          "expected_version": "2"})
    assert r.status_code == 302
    assert "已销号" in secretary.get(f"/t/{mine}/audit/findings").get_data(as_text=True)


def test_a_finding_form_without_a_title_answers_422(inspector, two_schools):
    r = inspector.post("/audit/findings", data={"csrf_token": inspector.csrf(), "school": two_schools[0],
                                                "title": "", "description": "x"})
    assert r.status_code == 422 and "问题" in r.get_data(as_text=True)


def test_an_inspector_cannot_record_a_finding_outside_the_assignment(inspector, two_schools):
    r = inspector.post("/audit/findings", data={"csrf_token": inspector.csrf(), "school": two_schools[1],
                                                "title": "t", "description": "d"})
    assert r.status_code == 403


def test_another_schools_finding_is_404_and_only_the_secretary_answers(k, login_as, two_schools):
    mine, other = two_schools
    with context.acting(context.system("test", source="test")):
        finding = services.record_finding(k, other, "t", "d", [], None, "x")
    assert login_as("secretary", mine).get(f"/t/{mine}/audit/findings/{finding.id}").status_code == 404
    assert login_as("member", other).get(f"/t/{other}/audit/findings/{finding.id}").status_code == 403
    committee = login_as("committee", other)
    assert committee.get(f"/t/{other}/audit/findings/{finding.id}").status_code == 200
    r = committee.post(f"/t/{other}/audit/findings/{finding.id}", data={"csrf_token": committee.csrf(),
                                                                        "notes": "x", "expected_version": "1"})
    assert r.status_code == 403


def test_the_findings_pages_work_for_a_school_with_no_optional_plugins(make_tenant, login_as):
    slug = make_tenant(plugins=[])
    assert login_as("secretary", slug).get(f"/t/{slug}/audit/findings").status_code == 200


def test_the_district_administrator_assigns_an_inspector_from_the_page(login_as, two_schools, make_user, k):
    make_user("inspector", username="sun")
    admin = login_as("district_admin")
    r = admin.post("/audit/assignments", data={"csrf_token": admin.csrf(), "inspector": "sun",
                                               "schools": list(two_schools), "starts_on": "2026-11-01",
                                               "ends_on": "2026-10-01"})
    assert r.status_code == 422 and "结束日期" in r.get_data(as_text=True)
    r = admin.post("/audit/assignments", data={"csrf_token": admin.csrf(), "inspector": "sun",
                                               "schools": list(two_schools), "starts_on": "2026-11-01",
                                               "ends_on": "2026-12-01"})
    assert r.status_code == 302
    assert "sun" in admin.get("/audit/assignments").get_data(as_text=True)


# -- the district dashboard ---------------------------------------------------------------------
def test_the_dashboard_sorts_charts_exports_and_lists_alerts(login_as, two_schools, k, clock):
    mine, other = two_schools
    with context.acting(context.system("test", source="test")):
        services.record_finding(k, other, "会议记录缺失", "d", [], date(2026, 11, 30), "x")
    clock.set(datetime(2026, 12, 5, 2, 0, tzinfo=timezone.utc))
    k.config["ZHIBU_SUMMARY_REFRESH_PER_READ"] = 100_000   # every summary computed by this request (the bound
    admin = login_as("district_admin")                     # is tests/test_summary_bounds.py's subject)
    page = admin.get("/district/?sort=audit.findings_overdue&dir=desc").get_data(as_text=True)
    table = page[page.index("<table"):]     # the table's order (the "most urgent" list above has its own)
    assert table.index("实验小学") < table.index("第一中学")
    assert "逾期未整改" in page and "<svg" in page and "会议记录缺失" in page
    assert f"/t/{other}/audit/findings/" in page
    r = admin.get("/district/export.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")


# -- the API --------------------------------------------------------------------------------------
def test_the_api_lists_history_within_the_inspectors_scope(api_as, k, two_schools):
    api = api_as("inspector")
    assert api.get("/api/v1/audit/events").status_code == 403
    assign(k, api.username, [two_schools[0]])
    r = api.get("/api/v1/audit/events?event_type=Member.Registered")
    assert r.status_code == 200
    body = r.get_json()
    assert {i["tenant"] for i in body["items"]} == {two_schools[0]} and body["meta"]["total"] == 3
    assert all(i["description"] for i in body["items"])
    assert api.get(f"/api/v1/audit/events?school={two_schools[1]}").status_code == 403
    r = api.get("/api/v1/audit/events?per_page=0")
    assert r.status_code == 422 and "per_page" in r.get_json()["errors"]["query"]


def test_the_api_gives_a_records_history_as_of_a_moment_and_records_the_read(api_as, k, two_schools):
    api = api_as("district_admin")
    n = first_nid(k, two_schools[0])
    moment = datetime.now(timezone.utc).isoformat()
    body = api.get(f"/api/v1/audit/records/{two_schools[0]}/{n.originator_id}", query_string={"at": moment}).get_json()
    assert body["kind"] == "Member" and body["as_of"]["version"] == 1 and body["as_of"]["state"]["status"] == "full"
    assert [a.kind for a in access_rows(k)] == ["read"]


def test_the_api_records_findings_with_422_409_and_404(api_as, k, two_schools):
    admin = api_as("district_admin")
    r = admin.post("/api/v1/audit/findings", json={"school": two_schools[0]})
    assert r.status_code == 422 and {"title", "description"} <= set(r.get_json()["errors"]["json"])
    n = first_nid(k, two_schools[0])
    r = admin.post("/api/v1/audit/findings", json={
        "school": two_schools[0], "title": "t", "description": "d",
        "events": [{"id": str(n.originator_id), "version": 1}]})
    assert r.status_code == 201, r.get_json()
    finding = r.get_json()
    assert finding["state"] == "open" and finding["events"][0]["version"] == 1
    secretary = api_as("secretary", two_schools[0])
    r = secretary.post(f"/api/v1/audit/findings/{finding['id']}/answer", json={"notes": "x", "expected_version": 7})
    assert r.status_code == 409
    r = secretary.post(f"/api/v1/audit/findings/{finding['id']}/answer", json={"notes": "改了", "expected_version": 1})
    assert r.status_code == 200 and r.get_json()["status"] == "answered"
    assert api_as("secretary", two_schools[1]).get(f"/api/v1/audit/findings/{finding['id']}").status_code == 404
    assert secretary.post(f"/api/v1/audit/findings/{finding['id']}/close",
                          json={"expected_version": 2}).status_code == 403
    r = admin.post(f"/api/v1/audit/findings/{finding['id']}/close", json={"expected_version": 2})
    assert r.status_code == 200 and r.get_json()["status"] == "closed"
    listed = secretary.get("/api/v1/audit/findings").get_json()
    assert [f["id"] for f in listed["items"]] == [finding["id"]]


def test_the_api_verifies_seals_and_exports(api_as, k, two_schools, key, raw):
    from plugins.audit.services import seals  # noqa: PLC0415
    admin = api_as("district_admin")
    seals.seal_all(k, key)
    edited = raw(two_schools[1]).id_of("Member.Registered", "陈静")
    raw(two_schools[1]).edit_state(edited, "陈静".encode(), "陈晶".encode())
    body = admin.post("/api/v1/audit/seals/verify", json={}).get_json()
    by_log = {v["log"]: v for v in body}
    assert by_log[two_schools[0]]["ok"] and not by_log[two_schools[1]]["ok"]
    assert by_log[two_schools[1]]["first_bad_id"] == edited
    status = {s["log"]: s["state"] for s in admin.get("/api/v1/audit/seals").get_json()}
    assert status[two_schools[1]] == "broken"
    r = admin.get(f"/api/v1/audit/exports?format=jsonl&school={two_schools[0]}")
    assert r.status_code == 200 and json.loads(r.data.decode().splitlines()[0])["type"] == "export"
    assert admin.get("/api/v1/audit/exports?format=pdf").status_code == 422
    assert [a.kind for a in access_rows(k)] == ["export"]


def test_the_api_manages_assignments_and_is_in_the_openapi_document(api_as, app, make_user, two_schools):
    make_user("inspector", username="zhou")
    admin = api_as("district_admin")
    r = admin.post("/api/v1/audit/assignments", json={"inspector": "zhou", "schools": [two_schools[0]],
                                                      "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
    assert r.status_code == 201
    r = admin.post(f"/api/v1/audit/assignments/{r.get_json()['id']}/revoke", json={"reason": "x", "expected_version": 1})
    assert r.status_code == 200 and r.get_json()["revoked"] is True
    assert api_as("inspector").get("/api/v1/audit/assignments").status_code == 403
    paths = app.test_client().get("/api/openapi.json").get_json()["paths"]
    assert {"/api/v1/audit/events", "/api/v1/audit/findings", "/api/v1/audit/seals/verify",
            "/api/v1/audit/exports"} <= set(paths)
