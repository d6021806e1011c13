"""The meeting forms keep what was typed and offer only what the rules allow (issue 18.2, 18.3, 18.4):
attendance in one form whose refusal names every member at fault next to them and keeps every choice;
the chair and recorder lists offer only those the meeting may have (``rules.may_preside``, the rule
the meeting checks); irreversible buttons ask first (data-confirm)."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

from plugins.meetings import queries, services
from plugins.meetings.tests.conftest import at
from plugins.members import services as member_services


def base(tenant):
    return f"/t/{tenant}/meetings"


def _scheduled_congress(k, tenant, clock):
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "第一季度党员大会", at(2026, 3, 9), "活动室")
    return meeting


def _row(page: str, member_id) -> str:
    return re.search(rf'<tr id="{member_id}".*?</tr>', page, re.S).group(0)


def test_a_missing_absence_reason_is_shown_by_that_member_and_every_choice_is_kept(k, tenant, actor, clock, branch,
                                                                                      login_as):
    meeting = _scheduled_congress(k, tenant, clock)
    c = login_as("secretary", tenant)
    version = queries.get_meeting(k, tenant, meeting.id).version
    form = {"csrf_token": c.csrf(), "_form": "attendance", "expected_version": version, "observers": "王老师"}
    for name, member_id in branch.items():
        form[f"status_{member_id}"] = "present"
    form[f"status_{branch['正式2']}"] = "absent"                                  # no reason
    form[f"status_{branch['正式3']}"], form[f"reason_{branch['正式3']}"] = "absent", "出差"
    form[f"status_{branch['预备1']}"] = "absent"                                  # no reason either
    r = c.post(f"{base(tenant)}/{meeting.id}/attendance", data=form)
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "正式2 缺席，须填写缺席原因" in _row(page, branch["正式2"]) and 'class="has-error"' in _row(page, branch["正式2"])
    assert "预备1 缺席，须填写缺席原因" in _row(page, branch["预备1"])                # both at once
    assert "请修改以下 2 处后再提交" in page
    kept = _row(page, branch["正式3"])
    assert re.search(r'value="absent"\s+checked', kept) and 'value="出差"' in kept and "field-error" not in kept
    assert re.search(r'value="absent"\s+checked', _row(page, branch["正式2"]))
    assert re.search(r'value="present"[^>]*checked', _row(page, branch["正式1"]))
    assert 'value="王老师"' in page
    assert queries.get_meeting(k, tenant, meeting.id).status == "scheduled"       # nothing recorded
    form[f"reason_{branch['正式2']}"], form[f"reason_{branch['预备1']}"] = "病假", "外出培训"
    assert c.post(f"{base(tenant)}/{meeting.id}/attendance", data=form).status_code == 302
    assert queries.get_meeting(k, tenant, meeting.id).status == "held"


def test_the_chair_list_offers_only_committee_members_for_a_committee_meeting(k, tenant, actor, clock, branch,
                                                                                 login_as):
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    member_services.elect_committee(k, tenant, date(2025, 9, 1), [
        {"member_id": branch["正式1"], "post": "secretary"}, {"member_id": branch["正式2"], "post": "deputy"},
        {"member_id": branch["正式4"], "post": "organisation"}])
    c = login_as("secretary", tenant)
    page = c.get(f"{base(tenant)}/new?type=committee").get_data(as_text=True)
    chair = re.search(r'<select id="chair_id".*?</select>', page, re.S).group(0)
    offered = re.findall(r'<option value="[0-9a-f-]{36}" data-when="[^"]*"\s*>([^<]+)</option>', chair)
    assert sorted(offered) == ["正式1", "正式2", "正式4"]
    assert re.search(r'data-when="([^"]*)" hidden disabled>正式3<', chair)           # not offered
    assert "committee" not in re.search(r'data-when="([^"]*)" hidden disabled>正式3<', chair).group(1)
    assert "congress" in re.search(r'data-when="([^"]*)" hidden disabled>正式3<', chair).group(1)
    # a congress offers every member expected at it
    page = c.get(f"{base(tenant)}/new?type=congress").get_data(as_text=True)
    chair = re.search(r'<select id="chair_id".*?</select>', page, re.S).group(0)
    assert "hidden disabled" not in chair
    # the same rule refuses a chair from outside the committee, next to the field, keeping what was typed
    r = c.post(f"{base(tenant)}/new", data={
        "csrf_token": c.csrf(), "type": "committee", "title": "三月支委会", "place": "会议室",
        "starts_at": "2026-03-20T15:00", "chair_id": str(branch["正式3"])})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'id="chair-error"' in page and "主持人应为应到人员之一" in page
    assert 'value="三月支委会"' in page
    r = c.post(f"{base(tenant)}/new", data={
        "csrf_token": c.csrf(), "type": "committee", "title": "三月支委会", "place": "会议室",
        "starts_at": "2026-03-20T15:00", "chair_id": str(branch["正式4"])})
    assert r.status_code == 302


def test_irreversible_buttons_carry_a_confirmation(k, tenant, actor, clock, branch, login_as):
    meeting = _scheduled_congress(k, tenant, clock)
    c = login_as("secretary", tenant)
    page = c.get(f"{base(tenant)}/{meeting.id}").get_data(as_text=True)
    assert re.search(r'data-confirm="[^"]+"[^>]*>取消会议<', page)
    services.record_attendance(k, tenant, meeting.id, {str(i): {"status": "present"} for i in branch.values()})
    services.draft_minutes(k, tenant, meeting.id, {"summary": "记录"})
    page = c.get(f"{base(tenant)}/{meeting.id}").get_data(as_text=True)
    assert re.search(r'data-confirm="定稿后[^"]+"[^>]*>定稿并锁定<', page)
    assert "<script>" not in page                                   # no inline script (the CSP forbids it)


def test_the_schedule_form_marks_required_fields_and_shows_every_error_at_once(k, tenant, actor, branch, login_as):
    c = login_as("secretary", tenant)
    page = c.get(f"{base(tenant)}/new").get_data(as_text=True)
    assert page.count('class="required"') >= 4
    r = c.post(f"{base(tenant)}/new", data={"csrf_token": c.csrf(), "type": "congress", "title": ""})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    for field in ("title", "place", "starts_at"):
        assert f'id="{field}-error"' in page


def test_a_refused_vote_shows_every_field_message_in_its_own_form(k, tenant, actor, clock, branch, login_as):
    meeting = _scheduled_congress(k, tenant, clock)
    services.record_attendance(k, tenant, meeting.id, {str(i): {"status": "present"} for i in branch.values()})
    c = login_as("secretary", tenant)
    r = c.post(f"{base(tenant)}/{meeting.id}/votes", data={
        "csrf_token": c.csrf(), "_form": "vote", "kind": "general", "title": "", "yes": "abc", "no": "-1",
        "expected_version": str(queries.get_meeting(k, tenant, meeting.id).version)})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    for field in ("title", "yes", "no"):
        assert f'id="{field}-error"' in page                       # all at once, each by its field
    assert page.count('id="title-error"') == 1                    # not under the correction form's title
    assert re.search(r"<details open><summary>记录表决", page)
