"""Pages and API through the Flask client: permissions, bad input, 404s, exports, the .ics feed."""
import io
from datetime import datetime, timezone

import icalendar
from openpyxl import load_workbook

from core.auth.services import user_id
from core.testing import image_bytes
from plugins.meetings import queries, services
from plugins.meetings.tests.conftest import at, make_branch
from plugins.members import public as members


def base(tenant):
    return f"/t/{tenant}/meetings"


def api_base(tenant):
    return f"/api/v1/t/{tenant}/meetings"


def held_congress(k, tenant, branch, clock, present_all=True):
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "第一季度党员大会", at(2026, 3, 10), "活动室")
    services.record_attendance(k, tenant, meeting.id, {
        str(i): {"status": "present"} if present_all or n in ("正式1", "正式2", "正式3")
        else {"status": "absent", "reason": "病假"} for n, i in branch.items()})
    return meeting


def test_secretary_schedules_a_meeting_through_the_page(k, tenant, actor, clock, branch, login_as):
    c = login_as("secretary", tenant)
    assert "安排会议" in c.get(f"{base(tenant)}/new").get_data(as_text=True)
    r = c.post(f"{base(tenant)}/new", data={
        "csrf_token": c.csrf(), "type": "congress", "title": "十二月党员大会", "place": "活动室",
        "starts_at": "2026-12-10T15:00", "agenda": "学习\n表决", "chair_id": str(branch["正式1"])})
    assert r.status_code == 302, r.get_data(as_text=True)
    row = queries.list_meetings(k, tenant)[0]
    assert (row.title, row.chair, row.agenda, row.expected_count) == ("十二月党员大会", "正式1", ["学习", "表决"], 8)
    page = c.get(r.headers["Location"]).get_data(as_text=True)
    assert "十二月党员大会" in page and "应到有表决权" in page


def test_schedule_form_with_missing_fields_answers_422_with_field_messages(k, tenant, actor, branch, login_as):
    c = login_as("secretary", tenant)
    r = c.post(f"{base(tenant)}/new", data={"csrf_token": c.csrf(), "type": "congress", "title": ""})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "开始时间" in html and "地点" in html


def test_member_may_read_but_not_schedule(k, tenant, actor, branch, login_as):
    c = login_as("member", tenant)
    assert c.get(f"{base(tenant)}/").status_code == 200
    assert c.get(f"{base(tenant)}/new").status_code == 403
    r = c.post(f"{base(tenant)}/new", data={"csrf_token": c.csrf(), "type": "congress"})
    assert r.status_code == 403


def test_vote_without_quorum_is_refused_on_the_page_with_a_sentence(k, tenant, actor, clock, branch, login_as):
    meeting = held_congress(k, tenant, branch, clock, present_all=False)       # 3 of 6 voters
    c = login_as("secretary", tenant)
    r = c.post(f"{base(tenant)}/{meeting.id}/votes", data={
        "csrf_token": c.csrf(), "kind": "general", "title": "事项", "yes": "3", "no": "0", "abstain": "0",
        "expected_version": str(queries.get_meeting(k, tenant, meeting.id).version)})
    assert r.status_code == 422
    assert "不足法定人数" in r.get_data(as_text=True)


def test_finalised_minutes_refuse_an_edit_and_accept_an_addendum_on_the_page(k, tenant, actor, clock, branch, login_as):
    meeting = held_congress(k, tenant, branch, clock)
    services.draft_minutes(k, tenant, meeting.id, {"summary": "原始记录"})
    c = login_as("secretary", tenant)
    version = queries.get_meeting(k, tenant, meeting.id).version
    r = c.post(f"{base(tenant)}/{meeting.id}/finalise", data={"csrf_token": c.csrf(), "expected_version": version})
    assert r.status_code == 302
    r = c.post(f"{base(tenant)}/{meeting.id}/minutes", data={
        "csrf_token": c.csrf(), "summary": "改过的记录", "expected_version": version + 1})
    assert r.status_code == 422 and "已定稿锁定" in r.get_data(as_text=True)
    r = c.post(f"{base(tenant)}/{meeting.id}/addendum", data={
        "csrf_token": c.csrf(), "text": "补记一项", "reason": "遗漏"})
    assert r.status_code == 302
    page = c.get(f"{base(tenant)}/{meeting.id}").get_data(as_text=True)
    assert "原始记录" in page and "补记一项" in page and "改过的记录" not in page
    printed = c.get(f"{base(tenant)}/{meeting.id}/print").get_data(as_text=True)
    assert "会议记录" in printed and "补记一项" in printed and "主持人签字" in printed


def test_member_cannot_finalise_minutes(k, tenant, actor, clock, branch, login_as):
    meeting = held_congress(k, tenant, branch, clock)
    c = login_as("member", tenant)
    r = c.post(f"{base(tenant)}/{meeting.id}/finalise", data={"csrf_token": c.csrf(), "expected_version": 2})
    assert r.status_code == 403


def test_upload_of_a_bad_type_gets_a_clear_error(k, tenant, actor, clock, branch, login_as):
    meeting = held_congress(k, tenant, branch, clock)
    c = login_as("org", tenant)
    r = c.post(f"{base(tenant)}/{meeting.id}/attachments", content_type="multipart/form-data", data={
        "csrf_token": c.csrf(), "kind": "photo", "file": (io.BytesIO(b"MZ\x90"), "photo.exe")})
    assert r.status_code == 422 and "不支持的文件类型 .exe" in r.get_data(as_text=True)
    r = c.post(f"{base(tenant)}/{meeting.id}/attachments", content_type="multipart/form-data", data={
        "csrf_token": c.csrf(), "kind": "photo", "file": (io.BytesIO(image_bytes()), "photo.png")})
    assert r.status_code == 302
    sha = queries.list_attachments(k, tenant, meeting.id)[0].sha256
    got = c.get(f"{base(tenant)}/{meeting.id}/attachments/{sha}")
    assert got.status_code == 200 and got.data.startswith(b"\x89PNG")


def test_attendance_excel_lists_every_expected_member(k, tenant, actor, clock, branch, login_as):
    meeting = held_congress(k, tenant, branch, clock, present_all=False)
    c = login_as("viewer", tenant)
    r = c.get(f"{base(tenant)}/{meeting.id}/attendance.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(r.data))["出席情况"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("姓名", "有表决权", "出席") and len(rows) == 1 + 8
    assert ("正式5", "是", "缺席", "病假") in [r[:4] for r in rows]


def test_calendar_compliance_decisions_and_types_pages(k, tenant, actor, clock, branch, login_as):
    meeting = held_congress(k, tenant, branch, clock)
    services.record_vote(k, tenant, meeting.id, "major", "研究年度计划", 6, 0, 0)
    c = login_as("secretary", tenant)
    assert "第一季度党员大会" in c.get(f"{base(tenant)}/calendar?month=2026-03").get_data(as_text=True)
    compliance = c.get(f"{base(tenant)}/compliance?year=2026").get_data(as_text=True)
    assert "支部党员大会" in compliance and "<svg" in compliance
    assert c.get(f"{base(tenant)}/compliance.xlsx?year=2026").status_code == 200
    assert "研究年度计划" in c.get(f"{base(tenant)}/decisions").get_data(as_text=True)
    assert c.get(f"{base(tenant)}/decisions?format=xlsx").status_code == 200
    r = c.post(f"{base(tenant)}/types", data={"csrf_token": c.csrf(), "code": "study", "name": "集中学习",
                                               "frequency": "monthly", "body": "all", "effective_from": "2026-01-01"})
    assert r.status_code == 302
    assert "集中学习" in c.get(f"{base(tenant)}/types").get_data(as_text=True)


def test_member_cannot_change_meeting_types(k, tenant, actor, branch, login_as):
    c = login_as("member", tenant)
    r = c.post(f"{base(tenant)}/types", data={"csrf_token": c.csrf(), "code": "x1", "name": "x",
                                               "frequency": "monthly", "body": "all", "effective_from": "2026-01-01"})
    assert r.status_code == 403


def test_notice_appears_on_the_linked_members_home_page(k, tenant, actor, clock, branch, login_as):
    clock.set(datetime(2026, 12, 1, 2, tzinfo=timezone.utc))
    services.schedule_meeting(k, tenant, "group", "二组学习会", at(2026, 12, 3), "教研室", party_group="第二党小组")
    c = login_as("member", tenant)
    html = c.get(f"/t/{tenant}/").get_data(as_text=True)
    assert "二组学习会" not in html and "党员名册的党员页面为您关联账号" in html
    members.link_account(k, tenant, c.username, branch["正式2"])   # the registry's account link
    html = c.get(f"/t/{tenant}/").get_data(as_text=True)
    assert "二组学习会" in html and "为您关联账号" not in html
    other = login_as("member", tenant)
    members.link_account(k, tenant, other.username, branch["正式1"])   # 第一党小组
    assert "二组学习会" not in other.get(f"/t/{tenant}/").get_data(as_text=True)


def test_my_settings_page_shows_the_linked_member_and_has_no_member_choice(k, tenant, actor, branch, login_as):
    c = login_as("member", tenant)
    html = c.get(f"{base(tenant)}/me").get_data(as_text=True)
    assert "未关联" in html and "党员名册的党员页面为您关联账号" in html and 'name="member_id"' not in html
    r = c.post(f"{base(tenant)}/me", data={"csrf_token": c.csrf(), "action": "link",
                                            "member_id": str(branch["正式3"])})
    assert r.status_code == 400   # the link is no longer made here
    members.link_account(k, tenant, c.username, branch["正式3"])
    html = c.get(f"{base(tenant)}/me").get_data(as_text=True)
    assert "正式3" in html and f"/t/{tenant}/members/{branch['正式3']}" in html


def test_ics_feed_is_parsed_back_by_icalendar(k, tenant, actor, clock, branch, login_as):
    clock.set(datetime(2026, 12, 1, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "十二月党员大会", at(2026, 12, 10, 15, 30),
                                        "党员活动室", agenda=["学习", "表决"])
    services.schedule_meeting(k, tenant, "group", "二组学习会", at(2026, 12, 11), "教研室", party_group="第二党小组")
    c = login_as("member", tenant)
    members.link_account(k, tenant, c.username, branch["正式3"])   # 第一党小组: not at group 2's meeting
    r = c.post(f"{base(tenant)}/me", data={"csrf_token": c.csrf(), "action": "issue"})
    html = r.get_data(as_text=True)
    start = html.index("/feed/")
    url = html[html.rindex("http", 0, start):html.index(".ics", start) + 4]
    anonymous = c.application.test_client()
    feed = anonymous.get(url.split("localhost", 1)[1])
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(feed.data)
    events = [e for e in cal.walk("VEVENT")]
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "支部党员大会：十二月党员大会"
    assert str(event["location"]) == "党员活动室"
    start_at = event.decoded("dtstart")
    assert start_at.astimezone(timezone.utc) == datetime(2026, 12, 10, 7, 30, tzinfo=timezone.utc)
    assert str(event["uid"]).startswith(str(meeting.id))
    assert anonymous.get(f"{base(tenant)}/feed/not-a-token.ics").status_code == 404


def test_revoked_feed_token_stops_working(k, tenant, actor, branch, app, make_user):
    name = make_user("member", tenant)
    token = services.issue_feed_token(k, tenant, str(user_id(name)))
    client = app.test_client()
    assert client.get(f"{base(tenant)}/feed/{token}.ics").status_code == 200
    services.revoke_feed_token(k, tenant, str(user_id(name)))
    assert client.get(f"{base(tenant)}/feed/{token}.ics").status_code == 404


def test_disabled_plugin_answers_404_for_pages_api_and_feed(k, make_tenant, actor, login_as, api_as):
    slug = make_tenant(plugins=[])
    token = services.issue_feed_token(k, slug, "u1")
    c = login_as("secretary", slug)
    assert c.get(f"{base(slug)}/").status_code == 404
    assert c.get(f"{base(slug)}/compliance").status_code == 404
    assert api_as("secretary", slug).get(f"{api_base(slug)}/meetings").status_code == 404
    assert c.application.test_client().get(f"{base(slug)}/feed/{token}.ics").status_code == 404


def test_user_of_another_school_is_refused(k, tenant, other_tenant, actor, clock, branch, login_as, api_as):
    meeting = held_congress(k, tenant, branch, clock)
    outsider = login_as("secretary", other_tenant)
    assert outsider.get(f"{base(tenant)}/").status_code == 403
    assert outsider.get(f"{base(tenant)}/{meeting.id}").status_code == 403
    api = api_as("secretary", other_tenant)
    assert api.get(f"{api_base(tenant)}/meetings/{meeting.id}").status_code == 403
    # through their own school's URL the meeting does not exist
    assert api.get(f"{api_base(other_tenant)}/meetings/{meeting.id}").status_code == 404
    assert outsider.get(f"{base(other_tenant)}/{meeting.id}").status_code == 404


def test_api_meeting_lifecycle(k, tenant, actor, clock, branch, api_as):
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))
    api = api_as("secretary", tenant)
    r = api.post(f"{api_base(tenant)}/meetings", json={
        "type": "congress", "title": "API 大会", "starts_at": "2026-03-10T15:00:00+08:00", "place": "活动室",
        "agenda": ["学习"]})
    assert r.status_code == 201, r.json
    mid = r.json["id"]
    assert r.json["starts_at"].startswith("2026-03-10T15:00") and r.json["entitled"] == 6
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    entries = [{"member_id": a["member_id"], "status": "present"} for a in r.json["attendees"]]
    r = api.put(f"{api_base(tenant)}/meetings/{mid}/attendance",
                json={"entries": entries, "observers": [], "expected_version": 1})
    assert r.status_code == 200 and r.json["present_voters"] == 6 and r.json["quorate"] is True
    r = api.post(f"{api_base(tenant)}/meetings/{mid}/resolutions",
                 json={"kind": "admission", "title": "接收张三", "yes": 4, "no": 2, "abstain": 0})
    assert r.status_code == 201 and r.json["passed"] is True
    rid = r.json["id"]
    r = api.patch(f"{api_base(tenant)}/resolutions/{rid}", json={"status": "done", "note": "已报批"})
    assert r.status_code == 200 and r.json["follow_up"] == "done"
    version = api.get(f"{api_base(tenant)}/meetings/{mid}").json["version"]
    r = api.put(f"{api_base(tenant)}/meetings/{mid}/minutes", json={"summary": "摘要", "expected_version": version})
    assert r.status_code == 200 and r.json["status"] == "draft"
    r = api.post(f"{api_base(tenant)}/meetings/{mid}/minutes/finalise", json={"expected_version": version + 1})
    assert r.status_code == 200 and r.json["status"] == "final"
    r = api.put(f"{api_base(tenant)}/meetings/{mid}/minutes", json={"summary": "再改", "expected_version": version + 2})
    assert r.status_code == 422 and "已定稿锁定" in r.json["errors"]["json"]["minutes"][0]
    r = api.post(f"{api_base(tenant)}/meetings/{mid}/minutes/addenda", json={"text": "补记", "reason": "遗漏"})
    assert r.status_code == 201 and [h["kind"] for h in r.json["history"]][-1] == "addendum"
    assert api.get(f"{api_base(tenant)}/resolutions?year=2026").json[0]["title"] == "接收张三"
    r = api.get(f"{api_base(tenant)}/compliance?year=2026")
    congress = next(t for t in r.json["types"] if t["code"] == "congress")
    assert (congress["required"], congress["held"], congress["missing"]) == (1, 1, [])   # Q2 not over yet
    assert {t["code"] for t in api.get(f"{api_base(tenant)}/types").json} >= {"congress", "topic"}


def test_api_bad_input_is_422_with_field_messages(k, tenant, actor, branch, api_as):
    api = api_as("secretary", tenant)
    r = api.post(f"{api_base(tenant)}/meetings", json={"type": "congress", "title": ""})
    assert r.status_code == 422
    fields = r.json["errors"]["json"]
    assert {"starts_at", "place", "title"} <= set(fields)
    r = api.post(f"{api_base(tenant)}/meetings", json={"type": "nonsense", "title": "x", "place": "y",
                                                        "starts_at": "2026-12-01T10:00:00"})
    assert r.status_code == 422 and "type" in r.json["errors"]["json"]


def test_api_stale_version_is_409(k, tenant, actor, branch, api_as):
    meeting = services.schedule_meeting(k, tenant, "congress", "大会", at(2026, 12, 10), "活动室")
    api = api_as("secretary", tenant)
    r = api.patch(f"{api_base(tenant)}/meetings/{meeting.id}", json={"place": "礼堂", "reason": "换地点", "expected_version": 1})
    assert r.status_code == 200 and r.json["place"] == "礼堂"
    r = api.patch(f"{api_base(tenant)}/meetings/{meeting.id}", json={"place": "操场", "reason": "再换", "expected_version": 1})
    assert r.status_code == 409


def test_api_vote_without_quorum_is_422_with_the_sentence(k, tenant, actor, clock, branch, api_as):
    meeting = held_congress(k, tenant, branch, clock, present_all=False)
    r = api_as("secretary", tenant).post(f"{api_base(tenant)}/meetings/{meeting.id}/resolutions",
                                         json={"kind": "general", "title": "事项", "yes": 3, "no": 0})
    assert r.status_code == 422 and "不足法定人数" in r.json["errors"]["json"]["attendance"][0]


def test_api_is_in_the_openapi_document(app):
    paths = app.test_client().get("/api/openapi.json").json["paths"]
    for path in ("meetings", "meetings/{meeting_id}/attendance", "meetings/{meeting_id}/resolutions",
                 "meetings/{meeting_id}/minutes", "compliance", "resolutions"):
        assert f"/api/v1/t/{{tenant}}/meetings/{path}" in paths


def test_district_figures_and_alerts_name_the_gaps(k, tenant, actor, clock, branch, login_as):
    clock.set(datetime(2026, 5, 5, 2, tzinfo=timezone.utc))
    figures = {f.key: f for batch in k.hooks(tenant).zhibu_district_figures(tenant=tenant, today=k.today())
               for f in batch}
    assert figures["meetings.compliance"].value == 0.0 and figures["meetings.missing"].value > 0
    alerts = [a.text for batch in k.hooks(tenant).zhibu_alerts(tenant=tenant, today=k.today()) for a in batch]
    assert "支部党员大会：2026年第1季度未召开（应每季度至少召开一次，期限 2026-03-31）" in alerts   # the rule and the date
    c = login_as("secretary", tenant)
    assert "2026年第1季度未召开" in c.get(f"/t/{tenant}/").get_data(as_text=True)


def test_evidence_links_point_at_the_attendance_events(k, tenant, actor, clock, branch):
    meeting = held_congress(k, tenant, branch, clock)
    clock.set(datetime(2027, 1, 5, 2, tzinfo=timezone.utc))
    evidence = [e for batch in k.hooks(tenant).zhibu_assessment_evidence(tenant=tenant, year=2026) for e in batch
                if e.item == "meetings.compliance"][0]
    assert 0 < evidence.score_ratio < 1
    congress = next(link for link in evidence.links if link["label"].startswith("支部党员大会"))
    assert congress["events"] == [{"id": str(meeting.id), "version": 2}]
    stored = k.get(tenant, meeting.id)
    assert stored.version >= 2


def test_every_event_is_described_in_chinese(k, tenant, actor, clock, branch):
    meeting = held_congress(k, tenant, branch, clock)
    services.correct_meeting(k, tenant, meeting.id, {"place": "礼堂"})
    log = k.stores.log(tenant)
    mine = [n for n in log.recorder.select_notifications(start=1, limit=1000) if ".meetings." in n.topic]
    for notification in mine:
        text = k.registry.hook.zhibu_describe_event(event=log.mapper.to_domain_event(notification), locale="zh_CN")
        assert text and any(ord(ch) > 0x4e00 for ch in text), notification.topic
    corrected = [n for n in mine if n.topic.endswith("DetailsCorrected")][0]
    text = k.registry.hook.zhibu_describe_event(event=log.mapper.to_domain_event(corrected), locale="zh_CN")
    assert "地点由「活动室」改为「礼堂」" in text


def test_secretary_leaves_a_member_out_of_the_count_on_the_page(k, tenant, actor, clock, branch, login_as):
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "第一季度党员大会", at(2026, 3, 10), "活动室")
    c = login_as("secretary", tenant)
    page = c.get(f"{base(tenant)}/{meeting.id}").get_data(as_text=True)
    assert "不计入应到会人数（五种情形）" in page and "自费出国半年以上" in page
    r = c.post(f"{base(tenant)}/{meeting.id}/left-out", data={
        "csrf_token": c.csrf(), "member_id": str(branch["正式6"]), "kind": "abroad", "consent": "区教育工委3月5日同意",
        "expected_version": "1"})
    assert r.status_code == 302, r.get_data(as_text=True)
    row = queries.get_meeting(k, tenant, meeting.id)
    assert row.entitled == 5
    page = c.get(f"{base(tenant)}/{meeting.id}").get_data(as_text=True)
    assert "自费出国半年以上（区教育工委3月5日同意）" in page
    # attendance on the page needs no entry for the member left out
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    form = {"csrf_token": c.csrf(), "expected_version": str(row.version), "observers": ""}
    for name, member_id in branch.items():
        if name != "正式6":
            form[f"status_{member_id}"] = "present"
    r = c.post(f"{base(tenant)}/{meeting.id}/attendance", data=form)
    assert r.status_code == 302, r.get_data(as_text=True)
    row = queries.get_meeting(k, tenant, meeting.id)
    assert (row.entitled, row.present_voters) == (5, 5)
    stale = c.post(f"{base(tenant)}/{meeting.id}/left-out", data={
        "csrf_token": c.csrf(), "member_id": str(branch["正式5"]), "kind": "abroad", "consent": "同意",
        "expected_version": "1"})
    assert stale.status_code == 409


def test_api_leaves_a_member_out_and_refuses_bad_input(k, tenant, actor, clock, branch, api_as):
    meeting = services.schedule_meeting(k, tenant, "congress", "大会", at(2026, 12, 10), "活动室")
    api = api_as("secretary", tenant)
    url = f"{api_base(tenant)}/meetings/{meeting.id}/left-out"
    r = api.post(url, json={"member_id": str(branch["正式1"]), "kind": "holiday", "consent": ""})
    assert r.status_code == 422 and {"kind", "consent"} <= set(r.json["errors"]["json"])
    r = api.post(url, json={"member_id": str(branch["预备1"]), "kind": "illness", "consent": "同意"})
    assert r.status_code == 422 and "预备党员" in r.json["errors"]["json"]["member_id"][0]
    r = api.post(url, json={"member_id": str(branch["正式1"]), "kind": "illness", "consent": "上级同意",
                            "expected_version": 1})
    assert r.status_code == 201 and r.json["entitled"] == 5
    left = next(a for a in r.json["attendees"] if a["member_id"] == str(branch["正式1"]))
    assert left["status"] == "left_out" and "上级同意" in left["reason"]
    assert queries.meeting_history(k, tenant, meeting.id)[-1].kind == "left_out"
    assert api.post(url, json={"member_id": str(branch["正式2"]), "kind": "illness", "consent": "同意",
                               "expected_version": 1}).status_code == 409


def test_api_uploads_and_downloads_attachments_and_refuses_bad_files(k, tenant, actor, clock, branch, api_as):
    meeting = held_congress(k, tenant, branch, clock)
    api = api_as("org", tenant)
    url = f"{api_base(tenant)}/meetings/{meeting.id}/attachments"
    r = api.post(f"{url}?kind=sign_in", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(image_bytes()), "签到表.png")})
    assert r.status_code == 201, r.json
    [attachment] = r.json["attachments"]
    assert (attachment["name"], attachment["kind"], attachment["content_type"]) == ("签到表.png", "sign_in", "image/png")
    got = api.get(f"{url}/{attachment['sha256']}")
    assert got.status_code == 200 and got.data.startswith(b"\x89PNG")
    assert api.get(f"{url}/{'0' * 64}").status_code == 404
    r = api.post(url, content_type="multipart/form-data", data={"file": (io.BytesIO(b"MZ\x90"), "x.exe")})
    assert r.status_code == 422 and "不支持的文件类型 .exe" in r.json["errors"]["json"]["file"][0]
    r = api.post(url, content_type="multipart/form-data", data={})
    assert r.status_code == 422 and "file" in r.json["errors"]["files"]
    r = api.post(f"{url}?kind=selfie", content_type="multipart/form-data",
                 data={"file": (io.BytesIO(image_bytes()), "p.png")})
    assert r.status_code == 422 and "kind" in r.json["errors"]["query"]
    member = api_as("member", tenant)
    assert member.post(url, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(image_bytes()), "p.png")}).status_code == 403
    assert len(queries.list_attachments(k, tenant, meeting.id)) == 1


def test_with_inline_projections_off_a_scheduled_meeting_opens_at_once(k, tenant, actor, clock, branch, login_as,
                                                                       api_as):
    k.inline_projections = False  # the multi-worker deployment: a separate `zhibu worker` runs projections
    c = login_as("secretary", tenant)
    r = c.post(f"{base(tenant)}/new", data={
        "csrf_token": c.csrf(), "type": "congress", "title": "十二月党员大会", "place": "活动室",
        "starts_at": "2026-12-10T15:00", "agenda": "议题", "chair_id": str(branch["正式1"])})
    assert r.status_code == 302
    page = c.get(r.headers["Location"])
    assert page.status_code == 200 and "十二月党员大会" in page.get_data(as_text=True)
    r = api_as("secretary", tenant).post(f"{api_base(tenant)}/meetings", json={
        "type": "congress", "title": "一月党员大会", "starts_at": "2027-01-10T15:00:00+08:00", "place": "活动室"})
    assert r.status_code == 201, r.get_data(as_text=True)[:300]
    assert r.json["title"] == "一月党员大会"
