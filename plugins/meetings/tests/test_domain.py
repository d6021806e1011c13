"""The Meeting aggregate: notice, attendance, votes, locked minutes (pure, no storage)."""
from datetime import date, datetime

import pytest

from plugins.meetings.domain import Meeting, MeetingError, MeetingTypeSet
from plugins.meetings.rules import DEFAULT_TYPES

TYPES = {t.code: t for t in DEFAULT_TYPES}


def expected(full: int, probationary: int = 0) -> list[dict]:
    return ([{"member_id": f"f{i}", "name": f"正式{i}", "vote": True} for i in range(full)]
            + [{"member_id": f"p{i}", "name": f"预备{i}", "vote": False} for i in range(probationary)])


def congress(full=10, probationary=2, recorded_on=date(2026, 3, 1), starts=datetime(2026, 3, 10, 15)):
    return Meeting.schedule(TYPES["congress"], "第一季度党员大会", starts, None, "活动室", None, None,
                            ["议程一"], expected(full, probationary), recorded_on, 7)


def attend(meeting, present_full: int, present_probationary: int = 0, on=date(2026, 3, 10)):
    entries = {}
    for e in meeting.expected:
        n = int(e["member_id"][1:])
        here = n < (present_full if e["vote"] else present_probationary)
        entries[e["member_id"]] = {"status": "present" if here else "absent", "reason": "" if here else "病假"}
    meeting.record_attendance(entries, ["列席者"], on, 7)


def test_probationary_members_are_expected_but_never_entitled_to_vote():
    meeting = congress(full=10, probationary=2)
    assert len(meeting.expected) == 12 and meeting.entitled == 10
    attend(meeting, present_full=5, present_probationary=2)
    assert meeting.present_total == 7 and meeting.present_voters == 5
    assert meeting.quorate is False        # 5 of 10 voters: exactly half is not more than half


def test_vote_on_a_meeting_without_quorum_is_refused():
    meeting = congress()
    attend(meeting, present_full=5, present_probationary=2)
    with pytest.raises(MeetingError, match="不足法定人数"):
        meeting.record_vote("r1", "general", "事项", "", 5, 0, 0)


def test_admission_passes_with_more_than_half_of_those_entitled():
    meeting = congress()
    attend(meeting, present_full=7)
    assert meeting.record_vote("r1", "admission", "接收张三为预备党员", "张三", 6, 1, 0) is True
    assert meeting.record_vote("r2", "admission", "接收李四为预备党员", "李四", 5, 2, 0) is False


def test_written_opinion_counts_in_an_admission_vote():
    meeting = congress()
    meeting.receive_written_opinion("f9", date(2026, 3, 9), "同意")
    attend(meeting, present_full=6)
    assert meeting.written_count == 1
    assert meeting.record_vote("r1", "admission", "接收张三", "张三", 7, 0, 0) is True
    with pytest.raises(MeetingError, match="超过有表决权的 7 人"):
        meeting.record_vote("r2", "admission", "接收李四", "李四", 7, 1, 0)


def test_probationary_member_cannot_give_a_written_vote():
    meeting = congress()
    with pytest.raises(MeetingError, match="预备党员没有表决权"):
        meeting.receive_written_opinion("p0", date(2026, 3, 9), "同意")


def test_written_opinion_after_the_meeting_is_refused():
    meeting = congress()
    with pytest.raises(MeetingError, match="会前提交"):
        meeting.receive_written_opinion("f1", date(2026, 3, 11), "同意")


def test_attendance_needs_a_reason_for_each_absence():
    meeting = congress(full=2, probationary=0)
    with pytest.raises(MeetingError, match="正式1 缺席，须填写缺席原因"):
        meeting.record_attendance({"f0": {"status": "present"}, "f1": {"status": "absent"}}, [],
                                  date(2026, 3, 10), 7)


def test_attendance_before_the_meeting_is_refused():
    meeting = congress()
    with pytest.raises(MeetingError, match="尚未召开"):
        attend(meeting, 10, on=date(2026, 3, 9))


def test_meeting_entered_after_the_grace_period_is_a_late_entry():
    late = congress(recorded_on=date(2026, 3, 18))
    on_time = congress(recorded_on=date(2026, 3, 17))
    assert late.late is True and on_time.late is False


def test_finalised_minutes_are_locked_and_corrected_by_addendum():
    meeting = congress()
    attend(meeting, 8)
    meeting.draft_minutes({"summary": "第一稿"})
    meeting.draft_minutes({"summary": "第二稿", "dissent": "王五保留意见"})
    meeting.finalise_minutes()
    with pytest.raises(MeetingError, match="已定稿锁定"):
        meeting.draft_minutes({"summary": "第三稿"})
    with pytest.raises(MeetingError, match="已定稿锁定"):
        meeting.record_vote("r1", "general", "事项", "", 8, 0, 0)
    with pytest.raises(MeetingError, match="须写明原因"):
        meeting.add_addendum("更正", "", "书记")
    meeting.add_addendum("第二项决定的表述更正为……", "记录笔误", "书记")
    assert meeting.minutes == {"summary": "第二稿", "speeches": "", "dissent": "王五保留意见", "decisions": ""}
    assert meeting.addenda == [{"text": "第二项决定的表述更正为……", "reason": "记录笔误", "author": "书记"}]
    assert meeting.minutes_revision == 2


def test_addendum_before_finalising_is_refused():
    meeting = congress()
    with pytest.raises(MeetingError, match="尚未定稿"):
        meeting.add_addendum("x", "y", "z")


def test_minutes_cannot_be_finalised_before_attendance():
    meeting = congress()
    meeting.draft_minutes({"summary": "草稿"})
    with pytest.raises(MeetingError, match="请先登记出席情况"):
        meeting.finalise_minutes()


def test_cancellation_needs_a_reason_and_is_impossible_after_the_meeting():
    meeting = congress()
    with pytest.raises(MeetingError, match="须说明原因"):
        meeting.cancel(" ")
    meeting.cancel("上级会议冲突")
    assert meeting.status == "cancelled" and meeting.cancel_reason == "上级会议冲突"
    held = congress()
    attend(held, 8)
    with pytest.raises(MeetingError, match="不能取消"):
        held.cancel("理由")


def test_group_meeting_needs_a_group_and_some_attendees():
    with pytest.raises(MeetingError, match="须选择党小组"):
        Meeting.schedule(TYPES["group"], "小组会", datetime(2026, 3, 1, 9), None, "教室", None, None, [],
                         expected(3), date(2026, 3, 1), 7)
    with pytest.raises(MeetingError, match="没有应到人员"):
        Meeting.schedule(TYPES["committee"], "支委会", datetime(2026, 3, 1, 9), None, "教室", None, None, [],
                         [], date(2026, 3, 1), 7)


def test_correction_keeps_before_and_after():
    meeting = congress()
    changes = meeting.correct_details({"place": "报告厅"}, datetime(2026, 3, 2, 9))
    assert changes == {"place": {"before": "活动室", "after": "报告厅"}}
    assert meeting.place == "报告厅"


def _corrected_upcoming(meeting) -> bool | None:
    return [e for e in meeting.collect_events() if isinstance(e, Meeting.DetailsCorrected)][-1].upcoming


def test_a_correction_says_whether_the_meeting_was_still_to_come():
    before_it = congress()
    before_it.correct_details({"place": "报告厅"}, datetime(2026, 3, 10, 14, 59))
    assert _corrected_upcoming(before_it) is True
    begun = congress()
    begun.correct_details({"place": "报告厅"}, datetime(2026, 3, 10, 15, 0))
    assert _corrected_upcoming(begun) is False
    moved_on = congress()   # past its time, nothing recorded, put off to a day to come: still to come
    moved_on.correct_details({"starts_at": datetime(2026, 3, 17, 15)}, datetime(2026, 3, 11, 9))
    assert _corrected_upcoming(moved_on) is True
    held = congress()
    attend(held, 8)
    held.correct_details({"place": "报告厅"}, datetime(2026, 3, 10, 9))   # recorded in the morning, before 15:00
    assert _corrected_upcoming(held) is False
    minuted = congress()
    minuted.draft_minutes({"summary": "审议"})
    minuted.correct_details({"place": "报告厅"}, datetime(2026, 3, 2, 9))
    assert _corrected_upcoming(minuted) is False



def test_school_cannot_change_who_attends_a_default_type():
    types = MeetingTypeSet(tenant="s1")
    with pytest.raises(MeetingError, match="参会范围不能更改"):
        types.define("congress", "支部党员大会", "monthly", "all", date(2026, 1, 1))
    types.define("congress", "支部党员大会", "monthly", "congress", date(2026, 1, 1))
    assert types.definitions[-1]["frequency"] == "monthly"


def test_committee_meeting_needs_more_than_half_of_the_committee():
    meeting = Meeting.schedule(TYPES["committee"], "支委会", datetime(2026, 3, 5, 15), None, "会议室",
                               None, None, [], expected(4), date(2026, 3, 1), 7)
    attend(meeting, present_full=2, on=date(2026, 3, 5))
    assert meeting.quorate is False
    with pytest.raises(MeetingError, match="不足法定人数"):
        meeting.record_vote("r1", "major", "重大事项", "", 2, 0, 0)


@pytest.mark.parametrize("seats, present, quorate", [(7, 4, False), (7, 5, True), (6, 4, True)])
def test_a_democratic_life_meeting_is_quorate_only_with_two_thirds_of_the_leadership(seats, present, quorate):
    meeting = Meeting.schedule(TYPES["democratic_life"], "年度民主生活会", datetime(2026, 12, 5, 15), None,
                               "会议室", None, None, [], expected(seats), date(2026, 12, 1), 7)
    attend(meeting, present_full=present, on=date(2026, 12, 5))
    assert meeting.quorate is quorate


# -- members left out of the "should attend" count (DOMAIN.md §1.3, five kinds) -------------------
def test_members_left_out_of_the_count_change_the_quorum_and_the_vote_basis():
    meeting = congress(full=10, probationary=2)
    meeting.leave_out("f9", "abroad", "区教育工委 2026年3月5日同意")
    meeting.leave_out("f8", "bedridden", "区教育工委 2026年3月5日同意")
    assert meeting.entitled == 8
    attend(meeting, present_full=5)                   # f0–f4 present; f8, f9 need no entry
    assert [a["status"] for a in meeting.attendance if a["member_id"] in ("f8", "f9")] == ["left_out", "left_out"]
    assert meeting.present_voters == 5 and meeting.quorate is True   # 5 of 8 (it would be 5 of 10: no quorum)
    assert meeting.record_vote("r1", "admission", "接收张三", "张三", 5, 0, 0) is True   # 5 > 8 / 2


@pytest.mark.parametrize("prepare, args, sentence", [
    (lambda m: None, ("p0", "illness", "同意"), "预备党员"),
    (lambda m: None, ("x", "illness", "同意"), "只有应到人员"),
    (lambda m: None, ("f1", "holiday", "同意"), "五种情形"),
    (lambda m: None, ("f1", "illness", " "), "上级党组织同意"),
    (lambda m: m.leave_out("f1", "illness", "同意"), ("f1", "abroad", "同意"), "已不计入"),
    (lambda m: m.receive_written_opinion("f1", date(2026, 3, 9), "同意"), ("f1", "abroad", "同意"), "书面意见"),
    (lambda m: attend(m, present_full=10), ("f1", "abroad", "同意"), "已登记出席"),
])
def test_leaving_out_is_refused_with_a_sentence(prepare, args, sentence):
    meeting = congress()
    prepare(meeting)
    with pytest.raises(MeetingError, match=sentence):
        meeting.leave_out(*args)


def test_only_a_branch_congress_may_leave_members_out():
    committee = Meeting.schedule(TYPES["committee"], "支委会", datetime(2026, 3, 10, 15), None, "活动室", None, None,
                                 [], expected(5), date(2026, 3, 1), 7)
    with pytest.raises(MeetingError, match="只有支部党员大会"):
        committee.leave_out("f1", "illness", "同意")


def test_a_member_left_out_gives_no_written_opinion():
    meeting = congress()
    meeting.leave_out("f1", "detained", "同意")
    with pytest.raises(MeetingError, match="已不计入"):
        meeting.receive_written_opinion("f1", date(2026, 3, 9), "同意")
