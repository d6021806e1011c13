"""Notices as people receive them: a meeting's notice reaches its attendees and its receipts count
who read it; a district task reaches the secretaries; a change to a member's record reaches that
member; the day's reminder of what is due reaches the secretaries once."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import NotFoundError
from plugins.meetings import services as meetings
from plugins.members import public as members
from plugins.notices import queries, services
from plugins.notices.domain import Inbox, inbox_id
from plugins.notices.tests.conftest import reader
from plugins.tasks import services as tasks
from tenants import services as tenancy


def test_a_meeting_notice_read_by_two_of_three_shows_two(k, tenant, people, meeting, clock):
    for username, _ in people:
        inbox = queries.list_inbox(k, tenant, reader(k, tenant, username))
        assert [n.title for n in inbox.items] == ["会议通知：第四季度党员大会"]
        assert inbox.items[0].read_at is None
    notice_id = queries.list_inbox(k, tenant, reader(k, tenant, people[0][0])).items[0].id

    assert services.mark_read(k, tenant, reader(k, tenant, people[0][0]), [notice_id]) == 1
    clock.set(clock.now + timedelta(minutes=5))
    assert services.mark_all_read(k, tenant, reader(k, tenant, people[1][0])) == 1

    receipts = queries.list_receipts(k, tenant, notice_id)
    assert len(receipts) == 3
    assert sum(1 for r in receipts if r.read_at) == 2
    assert {r.name for r in receipts if r.read_at is None} == {"党员3"}
    assert queries.list_sent(k, tenant).items[0].read == 2
    assert queries.count_unread(k, tenant, reader(k, tenant, people[2][0])) == 1
    assert queries.count_unread(k, tenant, reader(k, tenant, people[0][0])) == 0


def test_reading_twice_records_one_receipt_with_who_and_when(k, tenant, people, meeting):
    me = reader(k, tenant, people[0][0])
    notice_id = queries.unread_ids(k, tenant, me)[0]
    services.mark_read(k, tenant, me, [notice_id])
    assert services.mark_read(k, tenant, me, [notice_id]) == 0
    inbox = k.get(tenant, inbox_id(tenant, people[0][0]), Inbox)
    events, _ = k.history(tenant, Inbox.Read)
    assert len(events) == 1 and events[0].notices == [str(notice_id)]
    assert events[0].username == people[0][0] and events[0].member_id == str(people[0][1])
    assert str(notice_id) in inbox.read


def test_a_notice_not_addressed_to_the_reader_cannot_be_marked(k, tenant, people, meeting, make_user):
    notice_id = queries.unread_ids(k, tenant, reader(k, tenant, people[0][0]))[0]
    stranger = make_user("member", tenant)
    with pytest.raises(NotFoundError):
        services.mark_read(k, tenant, reader(k, tenant, stranger), [notice_id])


def test_a_cancelled_meeting_is_told_to_the_same_attendees(k, tenant, people, meeting, actor):
    meetings.cancel_meeting(k, tenant, meeting.id, "与区里会议冲突", expected_version=meeting.version)
    titles = [n.title for n in queries.list_inbox(k, tenant, reader(k, tenant, people[2][0])).items]
    assert titles == ["会议取消：第四季度党员大会", "会议通知：第四季度党员大会"]


def test_a_district_task_reaches_the_schools_secretaries_only(k, tenant, other_tenant, make_user, actor):
    secretary, member = make_user("secretary", tenant), make_user("member", tenant)
    elsewhere = make_user("secretary", other_tenant)
    tasks.issue_task(k, "general", "报送年度总结", "请报送", k.today() + timedelta(days=7), [tenant], {"text": True})
    k.catch_up()
    assert [n.kind for n in queries.list_inbox(k, tenant, reader(k, tenant, secretary)).items] == ["task"]
    assert queries.list_inbox(k, tenant, reader(k, tenant, member)).total == 0
    assert queries.list_inbox(k, other_tenant, reader(k, other_tenant, elsewhere)).total == 0


def test_a_change_to_a_members_record_reaches_that_member(k, tenant, people, actor):
    members.change_status(k, tenant, people[1][1], "lost_contact", date(2026, 11, 1), "半年未联系")
    mine = queries.list_inbox(k, tenant, reader(k, tenant, people[1][0])).items
    assert [n.kind for n in mine] == ["record"] and "失联" in mine[0].body
    assert queries.list_inbox(k, tenant, reader(k, tenant, people[0][0])).total == 0


def test_the_days_reminder_goes_to_the_secretaries_once(k, tenant, make_user, actor):
    secretary = make_user("secretary", tenant)
    first = services.send_reminder(k, tenant, k.today())
    assert first is not None and first.items            # a new school owes meetings, dues …
    assert services.send_reminder(k, tenant, k.today()) is None
    inbox = queries.list_inbox(k, tenant, reader(k, tenant, secretary)).items
    assert [n.kind for n in inbox] == ["reminder"] and inbox[0].body.startswith("· ")


def test_a_school_may_switch_the_daily_reminder_off(k, tenant, make_user, actor):
    tenancy.configure_plugin(k, tenant, "notices", {"reminders": False})
    k.catch_up()
    assert services.send_reminder(k, tenant, k.today()) is None


def test_a_disclosure_is_a_notice_to_the_schools_members(k, tenant, people, actor):
    """The disclosure plugin's public event becomes a notice to the school's accounts (by role), which opens
    the disclosure; the disclosure plugin knows nothing of notices."""
    from plugins.disclosure import services as disclosure  # noqa: PLC0415
    item = disclosure.disclose_by_hand(k, tenant, "work", "2026年度党建工作计划", date(2026, 3, 1), "计划全文",
                                       date(2026, 3, 2), date(2026, 3, 16))
    [notice] = queries.list_inbox(k, tenant, reader(k, tenant, people[0][0])).items
    assert notice.title == "党务公开：2026年度党建工作计划" and "2026-03-02 至 2026-03-16" in notice.body
    assert notice.endpoint == "disclosure.index" and notice.source_id == item.id


def test_changed_meeting_details_reach_the_attendees_and_two_of_three_read_shows_two(k, tenant, people, meeting,
                                                                                    other_tenant, make_user):
    from datetime import datetime  # noqa: PLC0415
    meetings.correct_meeting(k, tenant, meeting.id, {"starts_at": datetime(2026, 12, 11, 9), "place": "报告厅"},
                             expected_version=meeting.version)
    [changed, _scheduled] = queries.list_inbox(k, tenant, reader(k, tenant, people[2][0])).items
    assert changed.title == "会议时间/地点变更：第四季度党员大会" and changed.kind == "meeting"
    assert "时间：2026-12-10 15:00 → 2026-12-11 09:00" in changed.body and "地点：活动室 → 报告厅" in changed.body
    assert changed.source_id == meeting.id
    services.mark_read(k, tenant, reader(k, tenant, people[0][0]), [changed.id])
    services.mark_read(k, tenant, reader(k, tenant, people[1][0]), [changed.id])
    receipts = queries.list_receipts(k, tenant, changed.id)
    assert (len(receipts), sum(1 for r in receipts if r.read_at)) == (3, 2)
    sent = queries.list_sent(k, tenant, source_id=meeting.id).items
    assert [(n.title.split("：")[0], n.read, n.recipients) for n in sent][0] == ("会议时间/地点变更", 2, 3)
    # another school's accounts see nothing of it
    elsewhere = make_user("member", other_tenant)
    assert queries.list_inbox(k, other_tenant, reader(k, other_tenant, elsewhere)).total == 0


def test_an_agenda_only_change_is_a_meeting_information_notice(k, tenant, people, meeting):
    meetings.correct_meeting(k, tenant, meeting.id, {"agenda": ["审议年度总结"]}, expected_version=meeting.version)
    titles = [n.title for n in queries.list_inbox(k, tenant, reader(k, tenant, people[0][0])).items]
    assert titles[0] == "会议信息变更：第四季度党员大会"
