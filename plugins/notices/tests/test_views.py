"""The pages and API of notices: a member's inbox with the unread count in the header, marking read
one or all, the secretary's receipts ("2 / 3 人已读"), one's delivery choice; another school's
notices are never seen; a school without the plugin answers 404."""
from __future__ import annotations

from datetime import datetime

from plugins.meetings import services as meetings
from plugins.members import public as members
from plugins.notices import queries
from plugins.notices.tests.conftest import reader


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def _linked(k, tenant, client, member_id):
    members.link_account(k, tenant, client.username, member_id)
    return client


def _meeting(k, tenant):
    return meetings.schedule_meeting(k, tenant, "congress", "第四季度党员大会", datetime(2026, 12, 10, 15), "活动室")


def test_a_member_reads_notices_and_the_secretary_sees_who_read(k, tenant, roll, login_as, actor):
    clients = [_linked(k, tenant, login_as("member", tenant), m) for m in roll]
    meeting = _meeting(k, tenant)
    html = page(clients[0], f"/t/{tenant}/notices/")
    assert "会议通知：第四季度党员大会" in html and "未读 1 条" in html
    assert 'class="badge badge-danger"' in page(clients[0], f"/t/{tenant}/")      # the header's count
    notice_id = queries.unread_ids(k, tenant, reader(k, tenant, clients[0].username))[0]

    r = clients[0].post(f"/t/{tenant}/notices/{notice_id}/read", data={"csrf_token": clients[0].csrf(),
                                                                       "_form": f"read-{notice_id}"})
    assert r.status_code == 302
    r = clients[1].post(f"/t/{tenant}/notices/read-all", data={"csrf_token": clients[1].csrf(), "_form": "read_all"})
    assert r.status_code == 302
    assert "未读 1 条" not in page(clients[0], f"/t/{tenant}/notices/")

    secretary = login_as("secretary", tenant)
    html = page(secretary, f"/t/{tenant}/notices/{notice_id}")
    assert "2 / 3 人已读" in html and "党员3" in html
    assert "2 / 3 人已读" in page(secretary, f"/t/{tenant}/notices/sent")
    meeting_page = page(secretary, f"/t/{tenant}/meetings/{meeting.id}")              # linked from the meeting
    assert f"/t/{tenant}/notices/sent?source={meeting.id}" in meeting_page
    assert "2 / 3 人已读" in page(secretary, f"/t/{tenant}/notices/sent?source={meeting.id}")
    assert "2 / 3 人已读" not in page(secretary, f"/t/{tenant}/notices/sent?source=00000000-0000-0000-0000-000000000001")
    page(clients[2], f"/t/{tenant}/notices/{notice_id}")                         # addressed: may open it
    page(clients[2], f"/t/{tenant}/notices/sent", 403)                           # receipts are the committee's
    assert "2 / 3" not in page(clients[2], f"/t/{tenant}/notices/{notice_id}")
    stranger = login_as("member", tenant)
    page(stranger, f"/t/{tenant}/notices/{notice_id}", 403)


def test_the_api_lists_marks_and_counts_receipts(k, tenant, roll, api_as, actor):
    member = api_as("member", tenant)
    members.link_account(k, tenant, member.username, roll[0])
    _meeting(k, tenant)
    base = f"/api/v1/t/{tenant}/notices"
    r = member.get(f"{base}/?unread=true")
    assert r.status_code == 200 and r.json["unread"] == 1 and r.json["items"][0]["read_at"] is None, r.json
    notice_id = r.json["items"][0]["id"]
    assert r.json["items"][0]["link"].endswith(f"/meetings/{r.json['items'][0]['link'].rsplit('/', 1)[-1]}")
    r = member.post(f"{base}/read", json={"notices": [notice_id]})
    assert r.status_code == 200 and r.json == {"marked": 1, "unread": 0}, r.json
    r = member.post(f"{base}/read", json={"notices": ["not-a-uuid"]})
    assert r.status_code == 422
    r = member.post(f"{base}/read", json={"notices": ["00000000-0000-0000-0000-000000000000"]})
    assert r.status_code == 404
    secretary = api_as("secretary", tenant)
    r = secretary.get(f"{base}/{notice_id}/receipts")
    assert r.status_code == 200 and (r.json["recipients"], r.json["read"]) == (3, 1), r.json
    assert member.get(f"{base}/{notice_id}/receipts").status_code == 403


def test_delivery_choice_on_the_page_and_bad_input(k, tenant, login_as):
    client = login_as("member", tenant)
    assert "通知方式" in page(client, f"/t/{tenant}/notices/settings")
    r = client.post(f"/t/{tenant}/notices/settings", data={"csrf_token": client.csrf(), "_form": "delivery",
                                                            "email": "", "delivery": "each"})
    assert r.status_code == 422 and "选择邮件通知时请填写电子邮箱" in r.get_data(as_text=True)
    r = client.post(f"/t/{tenant}/notices/settings", data={"csrf_token": client.csrf(), "_form": "delivery",
                                                            "email": "me@example.org", "delivery": "weekly"})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    pref = queries.get_preferences(k, tenant, client.username)
    assert (pref.email, pref.delivery) == ("me@example.org", "weekly")


def test_another_schools_notices_are_never_seen(k, tenant, other_tenant, roll, login_as, api_as, actor):
    _meeting(k, tenant)
    mine = _linked(k, tenant, login_as("member", tenant), roll[0])
    notice_id = queries.unread_ids(k, tenant, reader(k, tenant, mine.username))[0]
    elsewhere = login_as("secretary", other_tenant)
    assert "第四季度党员大会" not in page(elsewhere, f"/t/{other_tenant}/notices/")
    page(elsewhere, f"/t/{other_tenant}/notices/{notice_id}", 404)
    page(elsewhere, f"/t/{tenant}/notices/", 403)
    api = api_as("secretary", other_tenant)
    assert api.get(f"/api/v1/t/{other_tenant}/notices/{notice_id}/receipts").status_code == 404
    assert api.post(f"/api/v1/t/{other_tenant}/notices/read", json={"notices": [str(notice_id)]}).status_code == 404


def test_a_school_without_notices_answers_404(k, make_tenant, login_as, api_as):
    school = make_tenant("plain", plugins=[p for p in k.registry.optional() if p != "notices"])
    client = login_as("secretary", school)
    page(client, f"/t/{school}/notices/", 404)
    page(client, f"/t/{school}/notices/settings", 404)
    assert api_as("secretary", school).get(f"/api/v1/t/{school}/notices/").status_code == 404
    assert f"/t/{school}/notices/" not in page(client, f"/t/{school}/")
