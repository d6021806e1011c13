"""Every write of the disclosure API once, as a school's secretary and the district keep disclosure: a
fact the records offer disclosed, one disclosed by hand, a proof with a photo, an objection received and
answered, a withdrawal; the district's catalogue revised (each write answered 2xx and visible to the
caller, in both projection modes)."""
from __future__ import annotations

import base64
from datetime import date

import pytest

from core.testing.pages import image_bytes
from plugins.disclosure.tests.conftest import day

pytestmark = pytest.mark.usefixtures("api_writes")


@pytest.mark.covers(
    "POST /api/v1/t/{tenant}/disclosure/items",
    "POST /api/v1/t/{tenant}/disclosure/items/manual",
    "POST /api/v1/t/{tenant}/disclosure/items/{item_id}/proofs",
    "POST /api/v1/t/{tenant}/disclosure/items/{item_id}/objections",
    "POST /api/v1/t/{tenant}/disclosure/items/{item_id}/objections/{objection_id}/answer",
    "POST /api/v1/t/{tenant}/disclosure/items/{item_id}/withdraw",
)
def test_the_api_discloses_proves_answers_and_withdraws(api_as, tenant, clock, source):
    clock.set(day(2026, 3, 10))
    source.add(tenant, "meetings.decision:1", "关于表彰的决定", date(2026, 3, 1), columns=("项目", "结果"),
               rows=(("表彰", "通过"),))
    api = api_as("secretary", tenant)
    base = f"/api/v1/t/{tenant}/disclosure"
    offers = api.get(f"{base}/offers").get_json()
    assert [(o["key"], o["entry_code"], o["disclosed"]) for o in offers if o["kind"] == "meetings.decision"] == \
        [("meetings.decision:1", "decisions", False)]
    assert {o["title"]: o["status"] for o in api.get(f"{base}/obligations").get_json()}["关于表彰的决定"] == "overdue"
    bad = api.post(f"{base}/items", json={"key": "meetings.decision:1", "event_date": "soon"})
    assert bad.status_code == 422 and {"event_date", "window_from"} <= set(bad.get_json()["errors"]["json"])
    r = api.post(f"{base}/items", json={"key": "meetings.decision:1", "event_date": "2026-03-01",
                                        "window_from": "2026-03-10", "window_until": "2026-03-20"})
    assert r.status_code == 201, r.get_json()
    item = r.get_json()
    assert (item["title"], item["rows"], item["version"]) == ("关于表彰的决定", [["表彰", "通过"]], 1)
    assert api.post(f"{base}/items", json={"key": "meetings.decision:1", "event_date": "2026-03-01",
                                           "window_from": "2026-03-10"}).status_code == 422
    photo = base64.b64encode(image_bytes()).decode()
    r = api.post(f"{base}/items/{item['id']}/proofs", json={"shown": "决定全文", "place": "公开栏", "on": "2026-03-10",
                                                          "photos": [{"name": "board.png", "content": photo}],
                                                          "expected_version": 1})
    assert r.status_code == 200 and r.get_json()["proofs"] == 1
    sha = r.get_json()["proof_records"][0]["photos"][0]["sha256"]
    assert api.get(f"{base}/files/{sha}").status_code == 200
    assert api.post(f"{base}/items/{item['id']}/objections", json={"received_on": "2026-03-10", "text": "意见",
                                                                 "expected_version": 1}).status_code == 409
    r = api.post(f"{base}/items/{item['id']}/objections", json={"received_on": "2026-03-10", "text": "建议补充"})
    assert r.status_code == 200 and r.get_json()["objections_open"] == 1
    r = api.post(f"{base}/items/{item['id']}/objections/o1/answer", json={"answered_on": "2026-03-10",
                                                                       "answer": "已补充"})
    assert r.status_code == 200 and r.get_json()["objection_records"][0]["answer"] == "已补充"
    r = api.post(f"{base}/items/{item['id']}/withdraw", json={"reason": "内容有误", "expected_version": 4})
    assert r.status_code == 200 and r.get_json()["withdrawn"] is True
    r = api.post(f"{base}/items/manual", json={"entry_code": "work", "title": "2026年度工作计划",
                                               "event_date": "2026-03-01", "text": "计划全文见公开栏",
                                               "window_from": "2026-03-01"})
    assert r.status_code == 201 and r.get_json()["entry_code"] == "work"
    assert api.get(f"{base}/items").get_json()["total"] == 2
    assert api.post(f"{base}/items/manual", json={"entry_code": "nope", "title": "x", "event_date": "2026-03-01",
                                                  "window_from": "2026-03-01"}).status_code == 422


@pytest.mark.covers("POST /api/v1/district/disclosure/catalogue")
def test_the_district_revises_the_catalogue_through_the_api(api_as, tenant, clock):
    clock.set(day(2026, 3, 10))
    api = api_as("district_admin")
    entries = [{"code": "dues", "content": "党费收缴情况", "audience": "members", "timing": "periodic",
                "period": "quarter", "days": 15, "form": "board", "kinds": ["dues.publication"]}]
    r = api.post("/api/v1/district/disclosure/catalogue", json={"effective_from": "2026-03-01", "entries": entries})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["effective_from"] == "2026-03-01" and r.get_json()["entries"][0]["period"] == "quarter"
    again = api.post("/api/v1/district/disclosure/catalogue", json={"effective_from": "2026-03-01", "entries": entries})
    assert again.status_code == 422
    assert api.get("/api/v1/district/disclosure/compliance").get_json()["total"] >= 1
    assert api_as("secretary", tenant).post("/api/v1/district/disclosure/catalogue",
                                            json={"effective_from": "2026-03-02", "entries": entries}).status_code == 403
