"""Pages and API of study: the secretary records a session and sees who is behind (page, Excel, API);
a member sees and enters their own hours; another school's data is never seen; 404 when disabled."""
from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from plugins.members import public as members
from plugins.study import services


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_the_secretary_records_a_session_and_sees_who_is_behind(k, tenant, roll, lecture, login_as, actor):
    secretary = login_as("secretary", tenant)
    base = f"/t/{tenant}/study"
    assert "第一季度党课" in page(secretary, f"{base}/")                 # a 党课 to link
    r = secretary.post(f"{base}/", data={"csrf_token": secretary.csrf(), "_form": "session", "kind": "lecture",
                                          "title": "第一季度党课", "held_on": "2026-03-10", "hours": "2",
                                          "meeting_id": str(lecture.id)})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    r = secretary.post(f"{base}/", data={"csrf_token": secretary.csrf(), "_form": "session", "kind": "group",
                                          "title": "集中学习", "held_on": "2026-04-10", "hours": "3"})
    assert r.status_code == 422 and "请选择参加学习的党员" in r.get_data(as_text=True)
    html = page(secretary, f"{base}/standing?year=2026")
    assert "党员3" in html and "还差 32 学时" in html and "还差 30 学时" in html
    book = load_workbook(BytesIO(secretary.get(f"{base}/standing.xlsx?year=2026").data))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert cells[0][:4] == ["党员", "人员类别", "学时", "应完成学时"]
    assert ["党员1", "教师", 2, 32] in [row[:4] for row in cells]
    assert any("还差 30 学时" in a for a in page(secretary, f"/t/{tenant}/").split("\n"))   # the home page's alert
    member = login_as("member", tenant)
    page(member, f"{base}/standing", 403)


def test_a_member_sees_and_enters_their_own_hours(k, tenant, roll, lecture, login_as, actor):
    services.record_session(k, tenant, {"kind": "lecture", "title": "第一季度党课", "held_on": date(2026, 3, 10),
                                        "hours": 2, "meeting_id": lecture.id})
    member = login_as("member", tenant)
    members.link_account(k, tenant, member.username, roll[0])
    base = f"/t/{tenant}/study"
    assert "第一季度党课" in page(member, f"{base}/mine")
    r = member.post(f"{base}/mine", data={"csrf_token": member.csrf(), "_form": "course", "title": "网上党课",
                                          "held_on": "2026-10-01", "hours": "1.5", "evidence": "心得：……"})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    assert "网上党课" in page(member, f"{base}/mine")
    html = page(member, f"/t/{tenant}/me")
    assert "我的学时" in html and "3.5 / 32" in html


def test_the_api_answers_and_another_school_sees_nothing(k, tenant, other_tenant, roll, lecture, api_as, make_tenant,
                                                         actor):
    s = services.record_session(k, tenant, {"kind": "group", "title": "集中学习", "held_on": date(2026, 4, 1),
                                            "hours": 4, "attendees": [roll[0]]})
    api = api_as("secretary", tenant)
    items = api.get(f"/api/v1/t/{tenant}/study/standing?year=2026").json["items"]
    assert {i["name"]: i["hours"] for i in items}["党员1"] == 4
    assert api.post(f"/api/v1/t/{tenant}/study/sessions", json={"kind": "group", "title": "x"}).status_code == 422
    other = api_as("secretary", other_tenant)
    assert other.get(f"/api/v1/t/{other_tenant}/study/sessions?year=2026").json["items"] == []
    assert other.post(f"/api/v1/t/{other_tenant}/study/sessions/{s.id}/withdraw",
                      json={"reason": "x"}).status_code == 404
    off = make_tenant("school-off", plugins=[])
    assert api_as("secretary", off).get(f"/api/v1/t/{off}/study/sessions").status_code == 404

def test_pages_answer_404_when_the_school_has_not_enabled_study(make_tenant, login_as):
    off = make_tenant("school-off", plugins=[])
    secretary = login_as("secretary", off)
    for path in ("", "standing", "standing.xlsx", "mine"):
        page(secretary, f"/t/{off}/study/{path}", 404)
