"""Pages and API of the plans plugin: what a secretary does, bad input, 404 when disabled, and no
access to another school's plan, funds, room or files (the API's writes: test_api_writes.py)."""
import io
from datetime import date, datetime, timezone

from core.testing.pages import image_bytes
from plugins.plans import queries


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_the_secretary_sees_every_page_and_the_progress_counted_from_meetings(login_as, tenant, story):
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/plans"
    html = page(c, f"{base}/plan?year=2026")
    assert "3/4" in html and "一月支委会" in html and "通过年度党建工作计划" in html
    assert "已征订" in page(c, f"{base}/plan/{story['plan']}/items/i2")
    assert "¥300.00" in page(c, f"{base}/funds?year=2026")
    assert "党旗" in page(c, f"{base}/room")
    assert "年度计划与经费" in page(c, f"/t/{tenant}/")           # nav item and home widget
    for path in ("/plan/export.xlsx?year=2026", "/funds/export.xlsx?year=2026", "/room/export.xlsx"):
        response = c.get(base + path)
        assert response.status_code == 200 and response.data[:2] == b"PK", path
    assert c.get(f"{base}/files/{story['pdf']}").status_code == 200


def test_a_plan_is_drafted_and_filled_through_the_pages(k, login_as, tenant, clock):
    clock.set(datetime(2026, 1, 6, 2, tzinfo=timezone.utc))
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/plans"
    assert c.post(f"{base}/plan/new", data={"csrf_token": c.csrf(), "year": "2026"}).status_code == 302
    plan = queries.get_plan(k, tenant, 2026)
    r = c.post(f"{base}/plan/{plan.id}/items", data={
        "csrf_token": c.csrf(), "_form": "item_new", "expected_version": "1", "what": "党课", "target": "4",
        "owner": "书记", "due_on": "2026-12-31", "link": "meeting:lecture"})
    assert r.status_code == 302
    r = c.post(f"{base}/plan/{plan.id}/items", data={
        "csrf_token": c.csrf(), "_form": "item_new", "expected_version": "2", "what": "党课", "owner": "书记",
        "due_on": "2026-12-31", "link": "meeting:lecture"})
    assert r.status_code == 422 and "须填写数量" in r.get_data(as_text=True)
    r = c.post(f"{base}/plan/{plan.id}/items", data={
        "csrf_token": c.csrf(), "_form": "item_new", "expected_version": "1", "what": "x", "owner": "y",
        "due_on": "2026-12-31"})
    assert r.status_code == 409
    r = c.post(f"{base}/plan/{plan.id}/items/i1/revise", data={
        "csrf_token": c.csrf(), "_form": "revise", "expected_version": "2", "what": "书记讲党课", "target": "4",
        "owner": "书记", "due_on": "2026-12-31", "link": "meeting:lecture", "reason": "按支委会意见"})
    assert r.status_code == 302
    assert queries.list_items(k, tenant, plan.id)[0].what == "书记讲党课"


def test_a_spending_and_a_room_check_with_files_through_the_pages(k, login_as, tenant, clock, add_members):
    add_members(tenant, 2)
    clock.set(datetime(2026, 4, 1, 2, tzinfo=timezone.utc))
    c = login_as("secretary", tenant)
    base = f"/t/{tenant}/plans"
    assert c.post(f"{base}/funds/budget?year=2026", data={"csrf_token": c.csrf()}).status_code == 302
    r = c.post(f"{base}/funds/spendings?year=2026", content_type="multipart/form-data", data={
        "csrf_token": c.csrf(), "_form": "spending", "expected_version": "1", "on": "2026-03-30", "amount": "88.8",
        "purpose": "慰问品", "activity": "走访慰问", "receipts": (io.BytesIO(b"%PDF-1.4 r"), "发票.pdf")})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    spending = queries.list_spendings(k, tenant, 2026)[0]
    assert spending.amount_fen == 8880 and spending.receipts[0]["name"] == "发票.pdf"
    r = c.post(f"{base}/funds/spendings?year=2026", data={
        "csrf_token": c.csrf(), "_form": "spending", "on": "2026-03-30", "amount": "-1", "purpose": "x"})
    assert r.status_code == 422
    r = c.post(f"{base}/room/check", content_type="multipart/form-data", data={
        "csrf_token": c.csrf(), "_form": "check", "element": "党旗", "on": "2026-03-31", "present": "1",
        "photos": (io.BytesIO(image_bytes()), "flag.png")})
    assert r.status_code == 302
    assert queries.room_status(k, tenant, date(2026, 4, 1))[1]["problem"] is None


def test_another_school_sees_nothing_of_this_ones(login_as, api_as, tenant, other_tenant, story):
    outsider = login_as("secretary", other_tenant)
    page(outsider, f"/t/{other_tenant}/plans/plan/{story['plan']}/items/i1", 404)
    page(outsider, f"/t/{other_tenant}/plans/files/{story['pdf']}", 404)
    assert "每季度召开支部党员大会" not in page(outsider, f"/t/{other_tenant}/plans/plan?year=2026")
    page(outsider, f"/t/{tenant}/plans/plan", 403)
    api = api_as("secretary", other_tenant)
    assert api.get(f"/api/v1/t/{other_tenant}/plans/plan?year=2026").status_code == 404
    assert api.get(f"/api/v1/t/{other_tenant}/plans/funds/2026").get_json()["spendings"] == []
    assert api.get(f"/api/v1/t/{other_tenant}/plans/files/{story['photo']}").status_code == 404
    r = api.post(f"/api/v1/t/{other_tenant}/plans/plan/{story['plan']}/items",
                 json={"what": "x", "owner": "y", "due_on": "2026-12-31", "expected_version": 1})
    assert r.status_code == 404


def test_pages_and_api_answer_404_where_the_school_has_not_enabled_the_plugin(k, make_tenant, login_as, api_as):
    bare = make_tenant("no-plans", plugins=[p for p in k.registry.optional() if p != "plans"])
    c = login_as("secretary", bare)
    for path in ("/plan", "/funds", "/room", "/plan/export.xlsx"):
        page(c, f"/t/{bare}/plans{path}", 404)
    api = api_as("secretary", bare)
    assert api.get(f"/api/v1/t/{bare}/plans/funds/2026").status_code == 404
    assert "年度计划与经费" not in page(c, f"/t/{bare}/")


def test_a_member_may_read_but_not_write(login_as, tenant, story):
    c = login_as("member", tenant)
    page(c, f"/t/{tenant}/plans/plan?year=2026")
    r = c.post(f"/t/{tenant}/plans/funds/budget?year=2026", data={"csrf_token": c.csrf()})
    assert r.status_code == 403
