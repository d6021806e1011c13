"""The notices read models rebuilt from the logs equal the ones kept up event by event: notices from
a school's log and from the district's (in the same tables, each cleared by its own origin),
recipients, receipts, delivery choices and reminders. The outbox is not a read model: a rebuild
keeps it, and queues nothing again."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from core.eventstore import DISTRICT
from plugins.meetings import services as meetings
from plugins.members import public as members
from plugins.notices import models as m, queries, services
from plugins.notices.tests.conftest import reader
from plugins.tasks import services as tasks

TABLES = (m.notices, m.recipients, m.receipts, m.preferences, m.reminders)


def snapshot(k):
    with k.engine.connect() as conn:
        return {t.name: sorted(repr(dict(r._mapping)) for r in conn.execute(select(t))) for t in TABLES}


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, actor, tenant, other_tenant, people, make_user):
    secretary = make_user("secretary", tenant)
    meeting = meetings.schedule_meeting(k, tenant, "congress", "大会", datetime(2026, 12, 10, 15), "活动室")
    meetings.cancel_meeting(k, tenant, meeting.id, "改期", expected_version=meeting.version)
    tasks.issue_task(k, "general", "总结", "请报送", k.today() + timedelta(days=7), [tenant, other_tenant],
                     {"text": True})
    members.change_status(k, tenant, people[2][1], "lost_contact", k.today(), "半年未联系")
    services.send_reminder(k, tenant, k.today())
    k.catch_up()
    services.mark_all_read(k, tenant, reader(k, tenant, people[0][0]))
    services.mark_all_read(k, tenant, reader(k, tenant, secretary))
    services.choose_delivery(k, tenant, people[1][0], "p2@example.org", "weekly")
    before = snapshot(k)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    for log in (tenant, DISTRICT, other_tenant):
        k.projector.rebuild(log)
    assert snapshot(k) == before
    assert queries.count_unread(k, tenant, reader(k, tenant, secretary)) == 0
