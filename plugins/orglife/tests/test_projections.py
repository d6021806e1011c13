"""Projections: rebuilding a school's orglife tables from its log gives the rows applied one by one,
and leaves another school's rows alone."""
from datetime import date, datetime, time, timezone

from sqlalchemy import select

from plugins.meetings import services as meetings
from plugins.orglife import services
from plugins.orglife.projections import PROJECTIONS
from plugins.orglife.tests.conftest import make_branch, schedule_life, system

TABLES = sorted({t for p in PROJECTIONS for t in p.tables}, key=lambda t: t.name)


def snapshot(k, tenant):
    out = {}
    with k.reading() as conn:
        for table in TABLES:
            out[table.name] = sorted(repr(dict(r._mapping)) for r in
                                     conn.execute(select(table).where(table.c.tenant == tenant)).all())
    return out


def record_everything(k, tenant, clock, offset=0):
    clock.set(datetime(2026, 11, 23, 2, tzinfo=timezone.utc))
    ids = make_branch(k, tenant, offset)
    life = schedule_life(k, tenant)
    pdf = [{"sha256": "b" * 64, "name": "a.pdf", "content_type": "application/pdf", "size": 3}]
    with system():
        talk = meetings.record_talk(k, tenant, date(2026, 11, 20), ids["书记甲"], ids["党员丁"], "谈学习")
        [congress] = meetings.record_held_meetings(k, tenant, [{
            "held_on": date(2026, 11, 10), "starts": time(15, 0), "type": "congress", "title": "换届",
            "place": "会议室"}])
        s = services.draft_statement(k, tenant, life, ids["党员丁"], {"work": "w"})
        s = services.draft_statement(k, tenant, life, ids["党员丁"], {"work": "w", "criticism": "c", "measures": "m"},
                                     s.version)
        services.submit_statement(k, tenant, life, ids["党员丁"], s.version)
        services.link_talk(k, tenant, life, talk.id, "要点")
        item = services.list_rectification(k, tenant, life, "事项", "书记", date(2026, 12, 31))
        services.list_rectification(k, tenant, life, "另一事项", "委员", date(2027, 1, 31))
        services.note_progress(k, tenant, item.id, "进展")
        services.close_rectification(k, tenant, item.id, "完成", pdf)
        services.record_election(k, tenant, congress.id, 1, [{"member_id": ids["书记甲"], "votes": 6}])
        services.take_office(k, tenant, congress.id, date(2026, 11, 11), {ids["书记甲"]: "secretary"})
        clock.set(datetime(2026, 11, 30, 8, tzinfo=timezone.utc))
        services.record_criticism(k, tenant, life, ids["书记甲"], ids["党员丁"], "批评")


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, tenant, clock):
    record_everything(k, tenant, clock)
    before = snapshot(k, tenant)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before


def test_rebuilding_one_school_leaves_another_schools_rows(k, tenant, other_tenant, clock):
    record_everything(k, other_tenant, clock, offset=100)
    theirs = snapshot(k, other_tenant)
    k.projector.rebuild(tenant)
    assert snapshot(k, other_tenant) == theirs
