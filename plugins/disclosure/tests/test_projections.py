from datetime import date

from sqlalchemy import select

from plugins.disclosure import services
from plugins.disclosure.projections import PROJECTIONS
from plugins.disclosure.tests.conftest import day, system

TABLES = sorted({t for p in PROJECTIONS if p.scope == "tenant" for t in p.tables}, key=lambda t: t.name)


def snapshot(k, tenant):
    out = {}
    with k.reading() as conn:
        for table in TABLES:
            rows = conn.execute(select(table).where(table.c.tenant == tenant)).all()
            out[table.name] = sorted(repr({c: v for c, v in r._mapping.items()
                                           if c != "id" or table.c.id.type.python_type is not int}) for r in rows)
    return out


def record_everything(k, tenant, clock, source):
    clock.set(day(2026, 3, 10))
    source.add(tenant, "x:1", "事项一", date(2026, 3, 1))
    photo = [{"sha256": "b" * 64, "name": "a.png", "content_type": "image/png", "size": 3}]
    with system():
        item = services.disclose_offer(k, tenant, "x:1", date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 9))
        services.record_proof(k, tenant, item.id, "全文", "公开栏", date(2026, 3, 2), photo)
        oid = services.receive_objection(k, tenant, item.id, date(2026, 3, 3), "意见")
        services.answer_objection(k, tenant, item.id, oid, date(2026, 3, 4), "答复")
        services.receive_objection(k, tenant, item.id, date(2026, 3, 5), "第二条")
        other = services.disclose_by_hand(k, tenant, "work", "计划", date(2026, 3, 1), "", date(2026, 3, 1), None)
        services.withdraw(k, tenant, other.id, "错")


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, tenant, clock, source):
    record_everything(k, tenant, clock, source)
    before = snapshot(k, tenant)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before


def test_rebuilding_one_school_leaves_another_schools_rows(k, tenant, other_tenant, clock, source):
    record_everything(k, other_tenant, clock, source)
    theirs = snapshot(k, other_tenant)
    k.projector.rebuild(tenant)
    assert snapshot(k, other_tenant) == theirs
