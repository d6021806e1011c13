"""Development read models: a rebuild from the log gives the same rows as the incremental updates."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from plugins.development import services
from plugins.development.models import cases, documents, history, publicity, steps
from plugins.development.tests.helpers import full_members, person, set_today, walk


def snapshot(k, tenant):
    out = {}
    with k.engine.connect() as conn:
        for table in (cases, steps, history, documents, publicity):
            cols = [c for c in table.columns if c.name != "id" or table is cases]
            rows = conn.execute(select(*cols).where(table.c.tenant == tenant)).all()
            out[table.name] = sorted((tuple(map(repr, r)) for r in rows))
    return out


def test_rebuild_equals_incremental(k, tenant, clock, actor):
    fulls = full_members(k, tenant)
    set_today(clock, date(2024, 3, 1))
    done = services.open_case(k, tenant, person(seq=1, name="甲"), date(2024, 3, 1))
    walk(k, tenant, clock, done.id, 21, fulls)
    case = k.get(tenant, done.id)
    set_today(clock, case.probation_end)
    services.extend_probation(k, tenant, done.id, case.probation_end, 6, "继续考察")
    walk(k, tenant, clock, done.id, 25, fulls)
    set_today(clock, date(2026, 1, 5))
    other = services.open_case(k, tenant, person(seq=2, name="乙"), date(2025, 12, 1))
    services.record_step(k, tenant, other.id, 2, date(2026, 1, 5), late_reason="寒假前工作繁忙")
    services.attach_document(k, tenant, other.id, "application", b"%PDF-1.4 x", "申请书.pdf")
    services.correct_step(k, tenant, other.id, 2, "补充", notes="谈话记录已补充")
    refused = services.open_case(k, tenant, person(seq=3, name="丙"), date(2025, 12, 20))
    services.refuse(k, tenant, refused.id, date(2026, 1, 5), "本人撤回申请")
    before = snapshot(k, tenant)
    assert before["development_cases"] and len(before["development_steps"]) > 25
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before


def test_projection_rows_stay_in_their_school(k, tenant, other_tenant, clock, actor):
    set_today(clock, date(2024, 3, 1))
    services.open_case(k, tenant, person(), date(2024, 3, 1))
    k.projector.rebuild(other_tenant)
    assert snapshot(k, other_tenant)["development_cases"] == []
    assert len(snapshot(k, tenant)["development_cases"]) == 1
