"""Services: a school prepares its organisational life meeting (statements, a talk beforehand),
holds it (criticisms), follows up its rectification list; the committee's term, its election at a
branch congress and the new committee taking office; committee members at their party group."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from core.errors import ConflictError, NotFoundError
from plugins.meetings import public, services as meetings
from plugins.members import public as members
from plugins.orglife import contributions, queries, rules, services
from plugins.orglife.domain import OrglifeError
from plugins.orglife.tests.conftest import MEETING_DAY, make_branch, schedule_life, system

SECTIONS = {"work": "完成党建工作", "criticism": "学习不够深入", "measures": "每月读书一本"}


def _on(clock, day: date):
    clock.set(datetime.combine(day, time(2, 0), tzinfo=timezone.utc))


def test_a_statement_is_drafted_revised_and_submitted_complete_before_the_meeting(k, tenant, life, branch, actor):
    me = branch["党员丁"]
    draft = services.draft_statement(k, tenant, life, me, {"work": "草稿"})
    with pytest.raises(OrglifeError) as refused:
        services.submit_statement(k, tenant, life, me, draft.version)
    assert refused.value.field == "criticism"
    with pytest.raises(ConflictError):
        services.draft_statement(k, tenant, life, me, SECTIONS, expected_version=99)
    revised = services.draft_statement(k, tenant, life, me, SECTIONS, expected_version=draft.version)
    submitted = services.submit_statement(k, tenant, life, me, revised.version)
    assert submitted.submitted_on == date(2026, 11, 23)
    with pytest.raises(OrglifeError, match="已提交"):
        services.draft_statement(k, tenant, life, me, {**SECTIONS, "work": "改"})
    [row] = queries.list_statements(k, tenant, meeting_id=life)
    assert (row.author, row.status, row.sections["measures"]) == ("党员丁", "submitted", "每月读书一本")


def test_a_statement_is_submitted_before_the_meeting_not_after(k, tenant, life, branch, clock, actor):
    services.draft_statement(k, tenant, life, branch["党员丁"], SECTIONS)
    _on(clock, date(2026, 12, 1))
    with pytest.raises(OrglifeError, match="会前"):
        services.submit_statement(k, tenant, life, branch["党员丁"])


def test_democratic_life_statements_come_from_the_committee(k, tenant, branch, actor):
    meeting = schedule_life(k, tenant, "democratic_life")
    with pytest.raises(OrglifeError, match="班子成员"):
        services.draft_statement(k, tenant, meeting, branch["党员丁"], SECTIONS)
    assert services.draft_statement(k, tenant, meeting, branch["书记甲"], SECTIONS).author == "书记甲"


def test_only_life_meetings_take_statements(k, tenant, branch, actor):
    with system():
        other = meetings.schedule_meeting(k, tenant, "committee", "支委会", datetime(2026, 11, 30, 15), "会议室")
    with pytest.raises(NotFoundError):
        services.draft_statement(k, tenant, other.id, branch["书记甲"], SECTIONS)


def test_a_talk_held_beforehand_is_linked_and_criticisms_are_recorded_at_the_meeting(k, tenant, life, branch, clock,
                                                                                 actor):
    talk = meetings.record_talk(k, tenant, date(2026, 11, 20), branch["书记甲"], branch["党员丁"], "谈了学习情况")
    record = services.link_talk(k, tenant, life, talk.id, "交流学习体会")
    with pytest.raises(OrglifeError, match="已关联"):
        services.link_talk(k, tenant, life, talk.id, "再来一次")
    with pytest.raises(OrglifeError, match="会议召开后"):
        services.record_criticism(k, tenant, life, branch["书记甲"], branch["党员丁"], "学习不够")
    _on(clock, MEETING_DAY)
    with pytest.raises(ConflictError):
        services.record_criticism(k, tenant, life, branch["书记甲"], branch["党员丁"], "学习不够", expected_version=1)
    with pytest.raises(OrglifeError, match="自我批评"):
        services.record_criticism(k, tenant, life, branch["党员丁"], branch["党员丁"], "我不够")
    services.record_criticism(k, tenant, life, branch["书记甲"], branch["党员丁"], "学习不够",
                              expected_version=record.version)
    row = queries.get_record(k, tenant, life)
    assert [(t["first_name"], t["second_name"], t["summary"]) for t in row.talks] == [("书记甲", "党员丁", "交流学习体会")]
    assert [(c["from_name"], c["to_name"], c["text"]) for c in row.criticisms] == [("书记甲", "党员丁", "学习不够")]


def _item_alerts(k, tenant, today):
    return [a for a in contributions.alerts(k, tenant, today) if a.endpoint == "orglife.rectification"]


def test_a_rectification_item_shows_in_alerts_until_closed_and_is_overdue_the_day_after_its_deadline(
        k, tenant, life, clock, actor):
    item = services.list_rectification(k, tenant, life, "学习笔记检查不及时", "组织委员", date(2026, 12, 31))
    [on_deadline] = _item_alerts(k, tenant, date(2026, 12, 31))
    assert on_deadline.level == "info" and "须于 2026-12-31 前" in on_deadline.text
    [day_after] = _item_alerts(k, tenant, date(2027, 1, 1))
    assert day_after.level == "danger" and "已超过整改期限" in day_after.text
    _on(clock, date(2027, 1, 5))
    progress = services.note_progress(k, tenant, item.id, "已检查一半", expected_version=item.version)
    with pytest.raises(OrglifeError, match="佐证"):
        services.close_rectification(k, tenant, item.id, "  ", [], expected_version=progress.version)
    files = services.store_files(k, [(b"%PDF-1.4 checked", "检查记录.pdf")])
    closed = services.close_rectification(k, tenant, item.id, "已全部检查", files, expected_version=progress.version)
    assert closed.status == "closed" and _item_alerts(k, tenant, date(2027, 1, 5)) == []
    row = queries.get_rectification(k, tenant, item.id)
    assert (row.status, row.late, row.evidence["text"], row.evidence["files"][0]["name"]) == \
        ("closed", 1, "已全部检查", "检查记录.pdf")
    assert queries.find_file(k, tenant, files[0]["sha256"])["name"] == "检查记录.pdf"
    with pytest.raises(OrglifeError, match="已销号"):
        services.note_progress(k, tenant, item.id, "再查")


def test_a_rectification_item_closes_with_a_text_alone(k, tenant, life, actor):
    item = services.list_rectification(k, tenant, life, "谈心谈话不够", "书记", date(2026, 12, 31))
    assert services.close_rectification(k, tenant, item.id, "已补谈 5 人", []).evidence == \
        {"text": "已补谈 5 人", "files": []}
    with pytest.raises(OrglifeError, match="不能早于会议"):
        services.list_rectification(k, tenant, life, "x", "y", date(2026, 11, 1))


def _term_alerts(k, tenant, today):
    return [(a.level, a.due) for a in contributions.alerts(k, tenant, today) if a.endpoint == "orglife.term"]


def test_term_reminders_in_the_schools_alerts_at_6_and_3_months_and_monthly_once_overdue(k, tenant, branch):
    assert members.term(k, tenant) == (date(2025, 9, 1), date(2028, 8, 31))
    assert _term_alerts(k, tenant, date(2028, 2, 28)) == []
    assert _term_alerts(k, tenant, date(2028, 2, 29)) == [("info", date(2028, 2, 29))]
    assert _term_alerts(k, tenant, date(2028, 5, 30)) == [("info", date(2028, 2, 29))]
    assert _term_alerts(k, tenant, date(2028, 5, 31)) == [("warning", date(2028, 5, 31))]
    assert _term_alerts(k, tenant, date(2028, 8, 31)) == [("warning", date(2028, 5, 31))]
    assert _term_alerts(k, tenant, date(2028, 9, 1)) == [("danger", date(2028, 9, 1))]
    assert _term_alerts(k, tenant, date(2028, 10, 1)) == [("danger", date(2028, 9, 30))]


def _congress(k, tenant, branch, absent=()):
    with system():
        [meeting] = meetings.record_held_meetings(k, tenant, [{
            "held_on": date(2026, 11, 10), "starts": time(15, 0), "type": "congress", "title": "换届选举大会",
            "place": "会议室", "absent": {branch[n]: "病假" for n in absent}}])
    return meeting.id


def test_an_election_needs_more_than_four_fifths_present_by_the_meetings_rule(k, tenant, branch, actor):
    congress = _congress(k, tenant, branch, absent=("党员戊", "党员己"))
    with pytest.raises(OrglifeError, match="五分之四"):
        services.record_election(k, tenant, congress, 1, [{"member_id": branch["书记甲"], "votes": 4}])


def test_the_elected_take_office_as_the_registrys_new_committee(k, tenant, branch, actor):
    congress = _congress(k, tenant, branch, absent=("党员己",))     # 5 of 6 present: more than 4/5
    election = services.record_election(k, tenant, congress, 3, [
        {"member_id": branch["书记甲"], "votes": 5}, {"member_id": branch["党员丁"], "votes": 4},
        {"member_id": branch["党员戊"], "votes": 3}, {"member_id": branch["副书记乙"], "votes": 2}])
    assert election.elected == [str(branch["书记甲"]), str(branch["党员丁"]), str(branch["党员戊"])]
    with pytest.raises(OrglifeError, match="已登记"):
        services.record_election(k, tenant, congress, 1, [{"member_id": branch["书记甲"], "votes": 5}])
    with pytest.raises(OrglifeError, match="只有当选"):
        services.take_office(k, tenant, congress, date(2026, 11, 11), {branch["副书记乙"]: "secretary"})
    posts = {branch["书记甲"]: "secretary", branch["党员丁"]: "deputy", branch["党员戊"]: "organisation"}
    took = services.take_office(k, tenant, congress, date(2026, 11, 11), posts, expected_version=election.version)
    assert took.took_office["term_end"] == date(2029, 11, 10)
    assert members.term(k, tenant) == (date(2026, 11, 11), date(2029, 11, 10))
    assert {s.name: s.post for s in members.committee(k, tenant, date(2026, 11, 23))} == \
        {"书记甲": "secretary", "党员丁": "deputy", "党员戊": "organisation"}
    assert queries.get_election(k, tenant, congress).term_start == date(2026, 11, 11)


def test_the_branch_sees_which_committee_members_attended_their_party_groups_meetings(k, tenant, branch, actor):
    with system():
        meetings.record_held_meetings(k, tenant, [{
            "held_on": date(2026, 10, 20), "starts": time(16, 0), "type": "group", "title": "第一党小组会",
            "place": "会议室", "party_group": "第一党小组", "absent": {branch["组织委员丙"]: "出差"}}])
    seats = [{"member_id": str(s.member_id), "name": s.name} for s in members.committee(k, tenant, date(2026, 11, 23))]
    rows = rules.dual_participation(seats, public.present_at(k, tenant, "group", 2026))
    assert {r["name"]: r["attended"] for r in rows} == {"书记甲": True, "副书记乙": False, "组织委员丙": False}
    assert rules.dual_participation(seats, public.present_at(k, tenant, "group", 2025))[0]["attended"] is False


def test_taking_office_again_after_the_registry_recorded_the_committee_records_only_the_elections_half(
        k, tenant, branch, actor):
    congress = _congress(k, tenant, branch)
    services.record_election(k, tenant, congress, 1, [{"member_id": branch["党员丁"], "votes": 6}])
    members.elect_committee(k, tenant, date(2026, 11, 11), [{"member_id": branch["党员丁"], "post": "secretary"}])
    took = services.take_office(k, tenant, congress, date(2026, 11, 11), {branch["党员丁"]: "secretary"})
    assert took.took_office["term_start"] == date(2026, 11, 11)
    assert [s.name for s in members.committee(k, tenant, date(2026, 11, 23))] == ["党员丁"]


def test_the_term_is_told_once_by_orglife_where_it_is_enabled_and_by_members_where_it_is_not(
        k, tenant, branch, make_tenant):
    from plugins.members import contributions as members_contributions  # noqa: PLC0415
    day = date(2028, 9, 1)
    told = [n.text for n in members_contributions.notices(k, tenant, day) if "任期" in n.text]
    assert told == [] and _term_alerts(k, tenant, day) == [("danger", date(2028, 9, 1))]
    bare = make_tenant("no-orglife", plugins=[p for p in k.registry.optional() if p != "orglife"])
    make_branch(k, bare, offset=10)
    told = [n.text for n in members_contributions.notices(k, bare, day) if "任期" in n.text]
    assert told == ["支部委员会任期已于 2028-08-31 届满，请按期换届"]
