"""Rebuilding the meetings read model from the log gives the same rows as incremental updates."""
from datetime import datetime, timezone

from sqlalchemy import select

from plugins.meetings import models, services
from plugins.meetings.tests.conftest import at


def snapshot(k, tenant):
    out = {}
    with k.engine.connect() as conn:
        for table in (models.meetings, models.attendees, models.resolutions, models.history,
                      models.attachments, models.type_definitions, models.profiles):
            rows = conn.execute(select(table).where(table.c.tenant == tenant)).all()
            drop = {"id"} if table.c.id.autoincrement is True else set()
            out[table.name] = sorted((tuple((c, v) for c, v in r._mapping.items() if c not in drop)
                                      for r in rows), key=repr)
    return out


def test_rebuild_equals_incremental(k, tenant, actor, clock, branch):
    clock.set(datetime(2026, 3, 10, 9, tzinfo=timezone.utc))
    meeting = services.schedule_meeting(k, tenant, "congress", "大会", at(2026, 3, 10), "活动室",
                                        agenda=["一", "二"])
    services.receive_written_opinion(k, tenant, meeting.id, branch["正式6"], datetime(2026, 3, 9).date(), "同意")
    services.record_attendance(k, tenant, meeting.id, {
        str(i): {"status": "present"} if n != "正式6" else {"status": "absent", "reason": "病假"}
        for n, i in branch.items()}, ["列席者"])
    rid = services.record_vote(k, tenant, meeting.id, "admission", "接收", 6, 0, 0)
    services.update_follow_up(k, tenant, rid, "done", "已报上级党委")
    services.draft_minutes(k, tenant, meeting.id, {"summary": "摘要"})
    services.finalise_minutes(k, tenant, meeting.id)
    services.add_addendum(k, tenant, meeting.id, "补记", "遗漏")
    services.attach_file(k, tenant, meeting.id, b"%PDF-1.4 x", "签到表.pdf", "sign_in")
    cancelled = services.schedule_meeting(k, tenant, "lecture", "党课", at(2026, 4, 1), "报告厅")
    services.correct_meeting(k, tenant, cancelled.id, {"place": "礼堂", "starts_at": at(2026, 4, 2)})
    services.cancel_meeting(k, tenant, cancelled.id, "改期")
    services.define_type(k, tenant, "study", "集中学习", "monthly", "all", datetime(2026, 1, 1).date())
    services.issue_feed_token(k, tenant, "u1")
    before = snapshot(k, tenant)
    assert len(before["meetings_meetings"]) == 2 and len(before["meetings_history"]) > 10
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before
