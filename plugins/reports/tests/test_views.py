"""Pages and API of reporting up: a school opens a form pre-filled, corrects with a reason, submits;
the district defines, sees only submitted reports and exports one Excel; 404 when disabled; tenants
isolated. (The API's write stories are in test_api_writes.py; the `form` fixture in conftest.py.)"""
from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
import io

from plugins.reports import queries, services


def page(client, url, status=200):
    r = client.get(url)
    assert r.status_code == status, r.get_data(as_text=True)[:400]
    return r.get_data(as_text=True)


def test_a_school_opens_corrects_with_a_reason_and_submits_through_its_pages(k, tenant, form, login_as):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/reports/forms/{form.id}"
    assert "打开并预填" in page(c, base)
    assert c.post(f"{base}/open", data={"csrf_token": c.csrf(), "_form": "open"}).status_code == 302
    text = page(c, base)
    assert "系统预填 <strong>2</strong>" in text
    r = c.post(f"{base}/values/f1", data={"csrf_token": c.csrf(), "_form": "value-f1", "action": "correct",
                                          "value": "3", "reason": "", "expected_version": "1"})
    assert r.status_code == 422 and "更正系统预填的数据须说明原因" in r.get_data(as_text=True)
    r = c.post(f"{base}/values/f1", data={"csrf_token": c.csrf(), "_form": "value-f1", "action": "correct",
                                          "value": "3", "reason": "一名党员转入手续在办", "expected_version": "1"})
    assert r.status_code == 302
    c.post(f"{base}/values/f2", data={"csrf_token": c.csrf(), "_form": "value-f2", "action": "enter",
                                      "value": "先锋岗", "expected_version": "2"})
    r = c.post(f"{base}/submit", data={"csrf_token": c.csrf(), "_form": "submit", "expected_version": "1"})
    assert r.status_code == 409                                    # a stale page
    r = c.post(f"{base}/submit", data={"csrf_token": c.csrf(), "_form": "submit", "expected_version": "3"})
    assert r.status_code == 302
    assert "回执号 BB-2026-" in page(c, base)

    admin = login_as("district_admin")
    text = page(admin, f"/district/reports/forms/{form.id}")
    assert "第一中学" in text and "一名党员转入手续在办" in text and "实验小学" in text   # 实验小学 not yet submitted
    r = admin.get(f"/district/reports/forms/{form.id}?format=xlsx")
    book = load_workbook(io.BytesIO(r.data))
    row = [cell.value for cell in book["汇总"][2]]
    assert row[0] == "第一中学" and row[1].date() == date(2026, 11, 23) and row[3:5] == [3, "先锋岗"]
    assert book["未报送"]["A2"].value == "实验小学"


def test_the_district_never_sees_a_draft(k, tenant, form, login_as, api_as, as_system):
    services.open_report(k, tenant, form.id)
    admin = login_as("district_admin")
    assert "尚无学校报送" in page(admin, f"/district/reports/forms/{form.id}")
    r = api_as("district_admin").get(f"/api/v1/district/reports/forms/{form.id}/receipts")
    assert r.status_code == 200 and r.get_json() == []


def test_the_district_defines_a_form_on_its_page_and_a_repeat_is_flagged(k, tenant, form, login_as):
    admin = login_as("district_admin")
    data = {"csrf_token": admin.csrf(), "_form": "define", "title": "组织统计", "period": "2026",
            "due_on": "2026-12-20", "field-1-label": "在册党员", "field-1-kind": "count",
            "field-1-figure": "members.total"}
    r = admin.post("/district/reports/forms", data=data)
    assert r.status_code == 422 and "已在《党建年报》中收取" in r.get_data(as_text=True)
    r = admin.post("/district/reports/forms", data={**data, "repeat_acknowledged": "1"})
    assert r.status_code == 302
    assert "含重复收取的数据" in page(admin, "/district/reports/")
    r = admin.post("/district/reports/forms", data={**data, "period": "2026-H3"})
    assert r.status_code == 422
    inspector = login_as("inspector")
    assert inspector.post("/district/reports/forms", data={**data, "csrf_token": inspector.csrf()}).status_code == 403
    # an inspector reads the district's pages for the schools of their assignment only (none here)
    assert inspector.get("/district/reports/").status_code == 200


def test_statistics_pages_prepare_submit_and_reach_the_district(k, tenant, other_tenant, form, login_as):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/reports/statistics/2025"
    assert "未生成" in page(c, base)
    assert c.post(f"{base}/prepare", data={"csrf_token": c.csrf(), "_form": "prepare"}).status_code == 302
    report = queries.get_report(k, tenant, "statistics", "2025")
    r = c.post(f"{base}/submit", data={"csrf_token": c.csrf(), "_form": "submit",
                                       "expected_version": str(report.version)})
    assert r.status_code == 302
    assert c.get(f"{base}?format=xlsx").status_code == 200
    admin = login_as("district_admin")
    text = page(admin, "/district/reports/statistics/2025")
    assert "第一中学" in text and "实验小学" in text               # submitted, and listed as not submitted
    assert admin.get("/district/reports/statistics/2025?format=xlsx").status_code == 200
    mine = page(admin, f"/district/reports/statistics/2025/{tenant}")
    assert "年末党员构成" in mine and "全部通过" in mine
    page(admin, f"/district/reports/statistics/2025/{other_tenant}", 404)           # no receipt: never a draft
    page(c, f"/t/{tenant}/reports/statistics/2099", 404)


def test_pages_and_api_answer_404_when_the_school_has_not_enabled_the_plugin(make_tenant, login_as, api_as):
    plain = make_tenant(plugins=[])
    page(login_as("secretary", plain), f"/t/{plain}/reports/", 404)
    assert api_as("secretary", plain).get(f"/api/v1/t/{plain}/reports/forms").status_code == 404
    assert "报表报送" not in page(login_as("secretary", plain), f"/t/{plain}/")


def test_a_school_sees_only_its_own_report(k, tenant, other_tenant, form, login_as, as_system):
    report = services.open_report(k, tenant, form.id)
    services.confirm_all(k, tenant, report.id)
    assert "打开并预填" in page(login_as("secretary", other_tenant), f"/t/{other_tenant}/reports/forms/{form.id}")
    assert login_as("secretary", other_tenant).get(f"/t/{tenant}/reports/").status_code == 403
    assert queries.get_report_by_id(k, other_tenant, report.id) is None


def test_the_dashboard_has_a_column_per_open_form_and_the_school_is_reminded(k, clock, tenant, form, login_as,
                                                                              as_system):
    text = page(login_as("district_admin"), "/district/")
    assert "《党建年报》2026" in text and "未报送" in text
    home = page(login_as("secretary", tenant), f"/t/{tenant}/")
    assert "区里的《党建年报》（2026）须于 2026-12-31 前报送，尚未报送" not in home     # not yet within 14 days
    clock.set(clock.now.replace(month=12, day=20))
    home = page(login_as("secretary", tenant), f"/t/{tenant}/")
    assert "区里的《党建年报》（2026）须于 2026-12-31 前报送，尚未报送" in home
    report = services.open_report(k, tenant, form.id)
    services.confirm_all(k, tenant, report.id)
    services.enter_value(k, tenant, report.id, "f2", "亮点")
    services.submit_report(k, tenant, report.id)
    assert "须于 2026-12-31 前报送" not in page(login_as("secretary", tenant), f"/t/{tenant}/")
    assert "已报送" in page(login_as("district_admin"), "/district/")
