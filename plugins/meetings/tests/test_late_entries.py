"""Meetings held before they were entered (补录), several at once (issue 15.3): each is held with its
attendance, marked late with both dates; a bad row refuses all; page (preview, confirm) and API."""
from datetime import date, time

import pytest

from plugins.meetings import queries, services
from plugins.meetings.domain import Meeting, MeetingError

ROWS = ("日期\t开始时间\t会议类型\t会议名称\t地点\t党小组\t缺席人员\n"
        "2026-03-15\t14:30\t主题党日\t3月主题党日\t学校会议室\t\t正式1:外出培训\n"
        "2026-04-20\t\ttheme_day\t4月主题党日\t学校会议室\t\t\n")


def late_row(day, title="补录会议", absent=None):
    return {"held_on": day, "starts": time(14, 30), "type": "theme_day", "title": title, "place": "会议室",
            "party_group": None, "absent": absent or {}}


def test_meetings_entered_late_are_held_with_attendance_and_marked_late_with_both_dates(k, tenant, clock, actor,
                                                                                        branch):
    built = services.record_held_meetings(k, tenant, [late_row(date(2026, 3, 15), absent={branch["正式1"]: "外出"}),
                                                      late_row(date(2026, 4, 20))])
    for meeting in built:
        stored = k.get(tenant, meeting.id, Meeting)
        assert stored.status == "held" and stored.late and stored.attendance_late
        assert stored.recorded_on == date(2026, 11, 23) and stored.starts_at.date() < stored.recorded_on
    first = k.get(tenant, built[0].id, Meeting)
    assert {e["name"]: e["status"] for e in first.attendance}["正式1"] == "absent"
    held = {i.code: i for i in queries.compliance(k, tenant, 2026)}["theme_day"]
    assert "2026年3月" not in [p.label for p in held.missing]


def test_one_bad_row_refuses_every_row(k, tenant, clock, actor, branch):
    before = k.stores.log(tenant).recorder.max_notification_id()
    with pytest.raises(MeetingError, match="第 2 行：补录的会议日期须早于今天"):
        services.record_held_meetings(k, tenant, [late_row(date(2026, 3, 15)), late_row(date(2026, 11, 23))])
    assert k.stores.log(tenant).recorder.max_notification_id() == before


def test_the_page_previews_then_enters_pasted_rows(k, tenant, clock, login_as, branch):
    client = login_as("secretary", tenant)
    preview = client.post(f"/t/{tenant}/meetings/late-entries",
                          data={"csrf_token": client.csrf(), "action": "preview", "rows": ROWS})
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "确认补录 2 次会议" in page and "正式1（外出培训）" in page
    assert queries.list_meetings(k, tenant) == []
    r = client.post(f"/t/{tenant}/meetings/late-entries",
                    data={"csrf_token": client.csrf(), "action": "confirm", "rows": ROWS})
    assert r.status_code == 302
    rows = queries.list_meetings(k, tenant)
    assert sorted(row.held_on for row in rows) == [date(2026, 3, 15), date(2026, 4, 20)]
    assert all(row.status == "held" for row in rows)


def test_the_page_lists_every_rows_problem_and_writes_nothing(k, tenant, clock, login_as, branch):
    client = login_as("secretary", tenant)
    r = client.post(f"/t/{tenant}/meetings/late-entries", data={
        "csrf_token": client.csrf(), "action": "confirm",
        "rows": "2026-13-01\t\t主题党日\t会\t室\t\t\n2026-03-01\t\t无此类型\t会\t室\t\t路人甲:病假"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "无法识别" in page and "没有会议类型「无此类型」" in page and "不在名册上" in page
    assert queries.list_meetings(k, tenant) == []


def test_the_api_enters_meetings_late_and_a_member_may_not(k, tenant, clock, api_as, branch):
    body = {"meetings": [{"held_on": "2026-02-10", "type": "theme_day", "title": "2月主题党日", "place": "会议室",
                          "absent": [{"member_id": str(branch["正式2"]), "reason": "病假"}]}]}
    assert api_as("member", tenant).post(f"/api/v1/t/{tenant}/meetings/late-entries", json=body).status_code == 403
    r = api_as("secretary", tenant).post(f"/api/v1/t/{tenant}/meetings/late-entries", json=body)
    assert r.status_code == 201, r.get_json()
    out, = r.get_json()
    assert (out["held_on"], out["recorded_on"], out["late"]) == ("2026-02-10", "2026-11-23", True)
    bad = api_as("secretary", tenant).post(f"/api/v1/t/{tenant}/meetings/late-entries",
                                           json={"meetings": [{**body["meetings"][0], "held_on": "2026-12-01"}]})
    assert bad.status_code == 422
