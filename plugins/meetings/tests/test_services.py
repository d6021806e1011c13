"""Meeting commands against a real store: a narrated story, then named cases."""
from datetime import date, datetime, timezone

import pytest

from core import context
from core.errors import ConflictError, NotFoundError
from core.files import UploadError
from plugins.meetings import public, queries, services
from plugins.meetings.domain import Meeting, MeetingError
from plugins.meetings.tests.conftest import at, make_branch
from plugins.meetings.tests.test_domain import congress
from plugins.members import public as members
from tenants import services as tenants


def test_story_of_a_congress_from_notice_to_locked_minutes(k, tenant, actor, clock, branch):
    # The secretary gives notice of the first-quarter congress on 1 March.
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "第一季度支部党员大会", at(2026, 3, 10),
                                        "党员活动室", chair_id=branch["正式1"], recorder_id=branch["正式2"],
                                        agenda=["讨论接收预备党员", "学习"])
    row = queries.get_meeting(k, tenant, meeting.id)
    assert (row.expected_count, row.entitled, row.late) == (8, 6, False)   # 2 probationary: no vote
    # One full member, away on the day, sends a written opinion before the meeting.
    services.receive_written_opinion(k, tenant, meeting.id, branch["正式6"], date(2026, 3, 1), "同意")
    # On the day, four of six full members and both probationary members come.
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    entries = {str(i): {"status": "present"} for n, i in branch.items() if n in ("正式1", "正式2", "正式3", "正式4", "预备1", "预备2")}
    entries |= {str(branch["正式5"]): {"status": "absent", "reason": "病假"},
                str(branch["正式6"]): {"status": "absent", "reason": "外出培训"}}
    services.record_attendance(k, tenant, meeting.id, entries, ["团委书记"])
    row = queries.get_meeting(k, tenant, meeting.id)
    assert (row.present, row.present_voters, row.written, row.observers) == (6, 4, 1, ["团委书记"])
    # The admission vote: 4 present + 1 written = 5 yes of 6 entitled → passes.
    resolution_id = services.record_vote(k, tenant, meeting.id, "admission", "接收张三为预备党员", 5, 0, 0,
                                         subject="张三")
    resolution = queries.get_resolution(k, tenant, resolution_id)
    assert (resolution.passed, resolution.entitled, resolution.present, resolution.written) == (True, 6, 4, 1)
    # Minutes are drafted twice, then finalised and locked.
    services.draft_minutes(k, tenant, meeting.id, {"summary": "会议讨论了接收张三入党。"})
    services.draft_minutes(k, tenant, meeting.id, {"summary": "会议讨论了接收张三入党。", "dissent": "无"})
    services.finalise_minutes(k, tenant, meeting.id)
    with pytest.raises(MeetingError, match="已定稿锁定"):
        services.draft_minutes(k, tenant, meeting.id, {"summary": "偷偷修改"})
    services.add_addendum(k, tenant, meeting.id, "补记：表决采用无记名投票。", "记录遗漏")
    history = [h.kind for h in queries.meeting_history(k, tenant, meeting.id)]
    assert history == ["scheduled", "written_opinion", "attendance", "vote", "minutes_draft",
                       "minutes_draft", "minutes_final", "addendum"]
    addendum = queries.meeting_history(k, tenant, meeting.id)[-1]
    assert addendum.actor == "test" and addendum.reason == "记录遗漏"
    assert queries.get_meeting(k, tenant, meeting.id).minutes["summary"] == "会议讨论了接收张三入党。"
    # The development plugin reads the attendance through public.py.
    assert public.congress_attendance(k, tenant, meeting.id) == {
        "held_on": date(2026, 3, 10), "type": "congress", "entitled": 6, "present": 4,
        "written_opinions": 1, "finalised": True}


def test_meeting_recorded_after_the_fact_is_flagged_late_with_both_dates(k, tenant, actor, clock, branch):
    clock.set(datetime(2026, 4, 20, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "theme_day", "三月主题党日", at(2026, 3, 15), "社区")
    row = queries.get_meeting(k, tenant, meeting.id)
    assert row.late is True and row.held_on == date(2026, 3, 15) and row.recorded_on == date(2026, 4, 20)


def test_meeting_entered_within_the_grace_days_is_not_late(k, tenant, actor, clock, branch):
    clock.set(datetime(2026, 3, 20, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "theme_day", "三月主题党日", at(2026, 3, 15), "社区")
    assert queries.get_meeting(k, tenant, meeting.id).late is False


def test_grace_days_come_from_the_school_settings(k, tenant, actor, clock, branch):
    with context.acting(context.system("test")):
        tenants.configure_plugin(k, tenant, "meetings", {"late_grace_days": 2})
    clock.set(datetime(2026, 3, 20, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "theme_day", "三月主题党日", at(2026, 3, 15), "社区")
    assert queries.get_meeting(k, tenant, meeting.id).late is True


def test_party_group_meeting_expects_that_groups_members(k, tenant, actor, clock, branch):
    meeting = services.schedule_meeting(k, tenant, "group", "小组学习", at(2026, 12, 1), "教研室",
                                        party_group="第二党小组")
    assert sorted(e["name"] for e in meeting.expected) == ["正式2", "正式4", "正式6"]


def test_committee_meeting_without_a_committee_on_record_is_refused(k, tenant, actor, clock, branch):
    with pytest.raises(MeetingError, match="没有应到人员"):
        services.schedule_meeting(k, tenant, "committee", "支委会", at(2026, 12, 1), "会议室")


def test_vote_without_quorum_is_refused_and_nothing_is_stored(k, tenant, actor, clock, branch):
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "大会", at(2026, 3, 10), "活动室")
    present = ("正式1", "正式2", "正式3", "预备1", "预备2")      # 3 of 6 voters: exactly half
    services.record_attendance(k, tenant, meeting.id, {
        str(i): {"status": "present"} if n in present else {"status": "absent", "reason": "事假"}
        for n, i in branch.items()})
    with pytest.raises(MeetingError, match="不足法定人数"):
        services.record_vote(k, tenant, meeting.id, "general", "事项", 3, 0, 0)
    assert queries.list_resolutions(k, tenant, meeting_id=meeting.id) == []


def test_stale_expected_version_is_a_conflict(k, tenant, actor, clock, branch):
    meeting = services.schedule_meeting(k, tenant, "congress", "大会", at(2026, 12, 10), "活动室")
    services.correct_meeting(k, tenant, meeting.id, {"place": "报告厅"}, expected_version=1)
    with pytest.raises(ConflictError):
        services.correct_meeting(k, tenant, meeting.id, {"place": "礼堂"}, expected_version=1)


def test_cancellation_is_recorded_with_its_reason(k, tenant, actor, clock, branch):
    meeting = services.schedule_meeting(k, tenant, "lecture", "党课", at(2026, 12, 10), "报告厅")
    services.cancel_meeting(k, tenant, meeting.id, "主讲人出差")
    row = queries.get_meeting(k, tenant, meeting.id)
    assert (row.status, row.cancel_reason) == ("cancelled", "主讲人出差")


def test_upload_of_a_forbidden_type_is_refused(k, tenant, actor, clock, branch):
    meeting = services.schedule_meeting(k, tenant, "lecture", "党课", at(2026, 12, 10), "报告厅")
    with pytest.raises(UploadError, match="不支持的文件类型 .exe"):
        services.attach_file(k, tenant, meeting.id, b"MZ...", "virus.exe", "other")
    assert queries.list_attachments(k, tenant, meeting.id) == []


def test_upload_over_the_size_limit_is_refused(k, tenant, actor, clock, branch):
    with context.acting(context.system("test")):
        tenants.configure_plugin(k, tenant, "meetings", {"max_upload_mb": 1})
    meeting = services.schedule_meeting(k, tenant, "lecture", "党课", at(2026, 12, 10), "报告厅")
    with pytest.raises(UploadError, match="文件太大"):
        services.attach_file(k, tenant, meeting.id, b"%PDF" + b"0" * (1024 * 1024), "slides.pdf", "slides")
    ref = services.attach_file(k, tenant, meeting.id, b"%PDF-1.4 small", "slides.pdf", "slides")
    assert [a.sha256 for a in queries.list_attachments(k, tenant, meeting.id)] == [ref.sha256]


def test_compliance_over_a_year_with_gaps(k, tenant, actor, clock, branch):
    clock.set(datetime(2027, 1, 5, 2, tzinfo=timezone.utc))
    for month in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12):                   # March missing
        meeting = services.schedule_meeting(k, tenant, "theme_day", f"{month}月主题党日",
                                            at(2026, month, 15), "社区")
        services.record_attendance(k, tenant, meeting.id, {str(i): {"status": "present"} for i in branch.values()})
    cancelled = services.schedule_meeting(k, tenant, "theme_day", "三月主题党日", at(2026, 3, 15), "社区")
    services.cancel_meeting(k, tenant, cancelled.id, "停电")            # a cancelled meeting is not held
    items = {i.code: i for i in queries.compliance(k, tenant, 2026)}
    theme = items["theme_day"]
    assert (theme.required, theme.held) == (12, 11)
    assert [p.label for p in theme.missing] == ["2026年3月"]
    assert items["congress"].held == 0 and len(items["congress"].missing) == 4


def test_school_type_with_its_own_frequency_counts_from_its_date(k, tenant, actor, clock, branch):
    services.define_type(k, tenant, "study", "集中学习", "quarterly", "all", date(2026, 7, 1))
    clock.set(datetime(2027, 1, 5, 2, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "study", "集中学习", at(2026, 8, 1), "图书馆")
    services.record_attendance(k, tenant, meeting.id, {str(i): {"status": "present"} for i in branch.values()})
    study = {i.code: i for i in queries.compliance(k, tenant, 2026)}["study"]
    assert (study.required, study.held, [p.key for p in study.missing]) == (2, 1, ["2026-Q4"])
    with pytest.raises(MeetingError, match="未知或在该日期尚未施行"):
        services.schedule_meeting(k, tenant, "study", "太早", at(2026, 6, 1), "图书馆")


def test_public_list_meetings_filters_by_type_and_year(k, tenant, actor, clock, branch):
    services.schedule_meeting(k, tenant, "congress", "大会", at(2026, 12, 10), "活动室")
    services.schedule_meeting(k, tenant, "lecture", "党课", at(2026, 12, 11), "报告厅")
    assert [m["title"] for m in public.list_meetings(k, tenant, type="congress", year=2026)] == ["大会"]
    assert public.list_meetings(k, tenant, year=2025) == []
    lecture = public.list_meetings(k, tenant, type="lecture")[0]
    assert public.congress_attendance(k, tenant, lecture["id"]) is None


def test_another_school_cannot_reach_a_meeting(k, tenant, other_tenant, actor, clock, branch):
    meeting = services.schedule_meeting(k, tenant, "congress", "大会", at(2026, 12, 10), "活动室")
    make_branch(k, other_tenant, people=100)
    with pytest.raises(NotFoundError):
        services.cancel_meeting(k, other_tenant, meeting.id, "越权")
    assert public.congress_attendance(k, other_tenant, meeting.id) is None
    assert queries.get_meeting(k, other_tenant, meeting.id) is None


def test_feed_token_is_stored_only_as_a_hash_and_replaced_on_reissue(k, tenant, actor, branch):
    first = services.issue_feed_token(k, tenant, "user-1")
    second = services.issue_feed_token(k, tenant, "user-1")
    assert queries.profile_by_token_hash(k, tenant, services.hash_feed_token(first)) is None
    profile = queries.profile_by_token_hash(k, tenant, services.hash_feed_token(second))
    assert profile.user_id == "user-1" and second not in str(dict(profile._mapping))


# -- who should attend a congress (应到会人数, DOMAIN.md §1.3) --------------------------------------
def _lose_contact_with_the_sixth(k, tenant, clock, branch):
    clock.set(datetime(2026, 3, 1, 2, tzinfo=timezone.utc))
    members.change_status(k, tenant, branch["正式6"], "lost_contact", date(2026, 2, 1), "长期联系不上")
    return services.schedule_meeting(k, tenant, "congress", "第一季度支部党员大会", at(2026, 3, 10), "活动室")


def _three_of_six_come(k, tenant, clock, branch, meeting):
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    entries = {str(branch[f"正式{n}"]): {"status": "present"} for n in (1, 2, 3)}
    entries |= {str(branch[f"正式{n}"]): {"status": "absent", "reason": "外出"} for n in (4, 5)}
    entries |= {str(branch[f"预备{n}"]): {"status": "present"} for n in (1, 2)}
    entries[str(branch["正式6"])] = {"status": "absent", "reason": "失联"}   # ignored once left out
    services.record_attendance(k, tenant, meeting.id, entries)


def test_a_member_who_lost_contact_still_counts_among_those_who_should_attend_a_congress(
        k, tenant, actor, clock, branch):
    meeting = _lose_contact_with_the_sixth(k, tenant, clock, branch)
    row = queries.get_meeting(k, tenant, meeting.id)
    assert (row.expected_count, row.entitled) == (8, 6)
    _three_of_six_come(k, tenant, clock, branch, meeting)
    with pytest.raises(MeetingError, match="不足法定人数"):       # 3 of 6 is not more than half
        services.record_vote(k, tenant, meeting.id, "admission", "接收张三", 3, 0, 0, subject="张三")


def test_a_member_who_lost_contact_is_left_out_only_as_one_of_the_five_kinds_with_consent(
        k, tenant, actor, clock, branch):
    meeting = _lose_contact_with_the_sixth(k, tenant, clock, branch)
    with pytest.raises(MeetingError, match="上级党组织同意"):
        services.leave_out(k, tenant, meeting.id, branch["正式6"], "away", "")
    services.leave_out(k, tenant, meeting.id, branch["正式6"], "away", "区教育工委 2026年3月5日同意")
    assert queries.get_meeting(k, tenant, meeting.id).entitled == 5
    _three_of_six_come(k, tenant, clock, branch, meeting)
    resolution_id = services.record_vote(k, tenant, meeting.id, "admission", "接收张三", 3, 0, 0, subject="张三")
    assert queries.get_resolution(k, tenant, resolution_id).passed is True      # 3 > 5 / 2


def test_a_correction_stored_before_version_2_loads_with_upcoming_unknown(k, tenant):
    """Stored before a correction said whether the meeting was still to come: not known (None), and
    the notices it gave then stay on a rebuild."""
    meeting = congress()
    meeting.correct_details({"place": "报告厅"}, datetime(2026, 3, 2, 9))
    mapper = k.stores.log(tenant).mapper
    stored = mapper.to_stored_event([e for e in meeting.collect_events() if isinstance(e, Meeting.DetailsCorrected)][0])
    state = mapper.transcoder.decode(stored.state)
    state.pop("upcoming"), state.pop("class_version")                  # as version 1 wrote it
    old = type(stored)(originator_id=stored.originator_id, originator_version=stored.originator_version,
                       topic=stored.topic, state=mapper.transcoder.encode(state))
    loaded = mapper.to_domain_event(old)
    assert loaded.upcoming is None and loaded.changes == {"place": {"before": "活动室", "after": "报告厅"}}
