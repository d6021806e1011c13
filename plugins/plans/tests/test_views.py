"""Pages and API of the plans plugin: what a secretary does, bad input, 409, 404 when disabled, and no
access to another school's plan, funds, room or files."""
import base64
import io
from datetime import date, datetime, timezone

import pytest

from core.testing.pages import image_bytes
from plugins.meetings import services as meeting_services
from plugins.plans import queries, rules, services
from plugins.plans.tests.conftest import system


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


@pytest.fixture
def story(k, tenant, clock, add_members, hold):
    """A plan with a linked item (3 of 4 congresses held) and an unlinked one reported with a file,
    adopted at a committee meeting; a budget with a spending; a room element checked with a photo."""
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 10, 20, 2, tzinfo=timezone.utc))
    committee = hold(tenant, "committee", date(2026, 1, 15), "一月支委会")
    with system():
        resolution = meeting_services.record_vote(k, tenant, committee, "major", "通过年度党建工作计划", 3, 0)
    for day in (date(2026, 3, 10), date(2026, 6, 9), date(2026, 9, 8)):
        hold(tenant, "congress", day)
    photo = {"sha256": None}
    with system():
        plan = services.draft_plan(k, tenant, 2026)
        services.add_item(k, tenant, plan.id, {"what": "每季度召开支部党员大会", "target": 4, "owner": "书记",
                                               "due_on": date(2026, 12, 31), "link": rules.meeting_link("congress")})
        services.add_item(k, tenant, plan.id, {"what": "完成党报党刊征订", "owner": "宣传委员",
                                               "due_on": date(2026, 1, 31)})
        services.adopt_plan(k, tenant, plan.id, committee, resolution)
        evidence = services.store_files(k, [(b"%PDF-1.4 order", "订单.pdf")])
        services.report_progress(k, tenant, plan.id, "i2", date(2026, 1, 20), "已征订", complete=True,
                                 evidence=evidence)
        services.set_budget(k, tenant, 2026)
        services.record_spending(k, tenant, 2026, date(2026, 3, 10), "300", "资料", meeting_id=committee)
        photos = services.store_files(k, [(image_bytes(), "党旗.png")])
        photo["sha256"] = photos[0]["sha256"]
        services.check_room_element(k, tenant, "党旗", date(2026, 3, 1), True, photos=photos)
    return {"plan": plan.id, "pdf": evidence[0]["sha256"], "photo": photo["sha256"]}


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


def test_the_api_drafts_a_plan_and_shows_each_items_progress(api_as, tenant, clock, story):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/plans"
    body = api.get(f"{base}/plan?year=2026").get_json()
    assert [(i["item_id"], i["done"], i["status"], i["counted"]) for i in body["items"]] == \
        [("i1", 3, "in_progress", True), ("i2", 0, "done", False)]
    r = api.post(f"{base}/plan/{story['plan']}/items", json={"what": "党课", "owner": "书记", "due_on": "2026-12-31",
                                                           "target": 4, "link": "meeting:lecture",
                                                           "expected_version": body["version"]})
    assert r.status_code == 200 and len(r.get_json()["items"]) == 3
    stale = api.post(f"{base}/plan/{story['plan']}/items", json={"what": "x", "owner": "y", "due_on": "2026-12-31",
                                                               "expected_version": body["version"]})
    assert stale.status_code == 409
    bad = api.post(f"{base}/plan/{story['plan']}/items", json={"what": "", "due_on": "soon", "expected_version": 1})
    assert bad.status_code == 422 and {"owner", "due_on"} <= set(bad.get_json()["errors"]["json"])
    report = api.post(f"{base}/plan/{story['plan']}/items/i1/reports", json={
        "on": "2026-10-01", "text": "开了", "expected_version": r.get_json()["version"]})
    assert report.status_code == 422
    assert api.get(f"{base}/plan?year=2030").status_code == 404


def test_the_api_keeps_funds_and_the_room(api_as, tenant, story):
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/plans"
    s = api.get(f"{base}/funds/2026").get_json()
    assert (s["budget"], s["spent"], s["left"], s["members"]) == ("3000.00", "300.00", "2700.00", 3)
    r = api.post(f"{base}/funds/2026/spendings", json={
        "on": "2026-10-01", "amount": "50", "purpose": "茶水", "activity": "主题党日", "expected_version": s["version"],
        "receipts": [{"name": "r.pdf", "content": base64.b64encode(b"%PDF-1.4 x").decode()}]})
    assert r.status_code == 200 and r.get_json()["spent"] == "350.00"
    sha = r.get_json()["spendings"][-1]["receipts"][0]["sha256"]
    assert api.get(f"{base}/files/{sha}").status_code == 200
    w = api.post(f"{base}/funds/2026/spendings/e2/withdraw", json={"reason": "重复", "expected_version": 3})
    assert w.status_code == 200 and w.get_json()["spent"] == "300.00"
    room = api.post(f"{base}/room/checks", json={"element": "入党誓词", "on": "2026-10-01", "present": True}).get_json()
    assert {e["element"]: e["problem"] for e in room}["入党誓词"] is None
    assert "从未检查" in {e["element"]: e["problem"] for e in room}["学习园地"]


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
