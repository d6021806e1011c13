from datetime import date

from sqlalchemy import select

from core import context
from core.eventstore import DISTRICT
from plugins.audit import services
from plugins.audit.models import access, assignments, events, findings
from plugins.audit.tests.conftest import register


def rows(k, table, order):
    with k.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(table).order_by(*order)).all()]


def test_every_stored_event_of_a_school_is_indexed_with_its_actor_and_position(k, school):
    with context.acting(context.CommandContext(actor_id="u1", actor_name="sec", role="secretary",
                                               tenant=school, reason="补录")):
        register(k, school, "孙丽")
    notifications = k.stores.log(school).recorder.select_notifications(start=1, limit=100)
    with k.engine.connect() as conn:
        indexed = conn.execute(select(events).where(events.c.tenant == school)
                               .order_by(events.c.notification_id)).all()
    assert [r.notification_id for r in indexed] == [n.id for n in notifications]
    assert [(r.originator_id, r.version) for r in indexed] == [(n.originator_id, n.originator_version)
                                                               for n in notifications]
    last = indexed[-1]
    assert (last.event_type, last.actor, last.role, last.reason) == ("Member.Registered", "sec", "secretary", "补录")


def test_rebuilding_the_audit_index_gives_the_same_rows(k, school, other_tenant):
    register(k, other_tenant, "周杰")
    before = rows(k, events, (events.c.tenant, events.c.notification_id))
    assert {r[0] for r in before} >= {school, other_tenant, DISTRICT}
    k.projector.rebuild(school)
    k.projector.rebuild(other_tenant)
    assert rows(k, events, (events.c.tenant, events.c.notification_id)) == before


def test_rebuilding_the_district_projection_gives_the_same_rows(k, school, make_user, actor):
    make_user("inspector", username="qian")
    services.create_assignment(k, "qian", [school], date(2026, 1, 1), date(2026, 12, 31))
    f = services.record_finding(k, school, "t", "d", [], None, "qian")
    services.answer_finding(k, f.id, "ok", [{"sha256": "a" * 64, "name": "x.pdf"}])
    services.close_finding(k, f.id, "好")
    services.record_access(k, "read", [school], "查看事件", {"path": "/audit/"})
    tables = [(assignments, (assignments.c.id,)), (findings, (findings.c.id,)), (access, (access.c.id,)),
              (events, (events.c.tenant, events.c.notification_id))]
    before = [rows(k, t, o) for t, o in tables]
    assert all(before)
    k.projector.rebuild(DISTRICT)
    assert [rows(k, t, o) for t, o in tables] == before
