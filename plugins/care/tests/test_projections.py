"""The care read models rebuilt from a school's log equal the ones kept up event by event."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from plugins.care import services
from plugins.care.projections import PROJECTIONS

TABLES = sorted({t for p in PROJECTIONS for t in p.tables}, key=lambda t: t.name)


def snapshot(k):
    with k.engine.connect() as conn:
        return {t.name: sorted(repr(dict(r._mapping)) for r in conn.execute(select(t))) for t in TABLES}


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, tenant, other_tenant, member, catch_up):
    zhang, li = member(tenant, "张老师"), member(other_tenant, "李老师")
    case = services.open_hardship(k, tenant, zhang.id, "生活困难", date(2026, 3, 1), "家庭困难")
    services.give_help(k, tenant, case.id, "慰问金", date(2026, 3, 2), Decimal("500"), "王书记")
    services.close_hardship(k, tenant, case.id, date(2026, 9, 1), "已好转")
    services.record_visit(k, other_tenant, li.id, date(2026, 1, 20), "书记", "春节慰问", Decimal("200"))
    record = services.register_away(k, tenant, zhang.id, "mobile", "深圳", date(2026, 1, 1), "微信", "LD1")
    services.log_contact(k, tenant, record.id, date(2026, 5, 1), "phone", "电话")
    services.log_contact(k, tenant, record.id, date(2026, 3, 1), "wechat", "补记")   # an earlier contact logged later
    services.mark_returned(k, tenant, record.id, date(2026, 10, 1))
    catch_up()
    before = snapshot(k)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    assert "datetime.date(2026, 5, 1)" in before["care_away"][0]            # the latest contact stays the last
    for log in (tenant, other_tenant):
        k.projector.rebuild(log)
    assert snapshot(k) == before
