"""Rebuilding the reporting projections from the logs gives the rows that incremental projection gave."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.eventstore import DISTRICT
from plugins.reports import services
from plugins.reports.projections import PROJECTIONS

TABLES = sorted({t for p in PROJECTIONS for t in p.tables}, key=lambda t: t.name)


def snapshot(k):
    with k.reading() as conn:
        return {t.name: sorted(repr(dict(r._mapping)) for r in conn.execute(select(t))) for t in TABLES}


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, clock, tenant, other_tenant, add_member, as_system):
    add_member(tenant, "甲", date(2010, 6, 1), date(2011, 6, 1))
    form = services.define_form(k, "年报", "2026", date(2026, 12, 31),
                                [{"label": "党员", "kind": "count", "figure": "members.total"},
                                 {"label": "亮点", "kind": "text", "figure": None}])
    report = services.open_report(k, tenant, form.id)
    services.correct_value(k, tenant, report.id, "f1", "2", "一人转入在办")
    services.enter_value(k, tenant, report.id, "f2", "亮点")
    services.submit_report(k, tenant, report.id)
    services.open_report(k, other_tenant, form.id)
    stats = services.prepare_statistics(k, tenant, 2025)
    services.submit_report(k, tenant, stats.id)
    services.return_report(k, tenant, "statistics", "2025", "民族一栏有误")
    services.prepare_statistics(k, tenant, 2025)
    services.submit_report(k, tenant, stats.id, expected_version=None)
    services.close_form(k, form.id, "截止")
    before = snapshot(k)
    assert all(before.values()), [n for n, rows in before.items() if not rows]
    for log in (tenant, other_tenant, DISTRICT):
        k.projector.rebuild(log)
    assert snapshot(k) == before
