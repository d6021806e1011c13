from datetime import date
from decimal import Decimal

from sqlalchemy import select

from plugins.dues import services
from plugins.dues.models import accounts, bases, entries, paid_months, reliefs, remittances

TABLES = (accounts, bases, reliefs, entries, paid_months, remittances)
SURROGATE_IDS = (bases, reliefs, entries)      # autoincrement ids differ after a rebuild


def snapshot(k, tenant) -> dict:
    """Every dues row of a school, without surrogate keys, in a stable order."""
    out = {}
    with k.engine.connect() as conn:
        for table in TABLES:
            columns = [c for c in table.columns if not (c.name == "id" and table in SURROGATE_IDS)]
            rows = conn.execute(select(*columns).where(table.c.tenant == tenant)).all()
            out[table.name] = sorted((tuple(str(v) for v in r) for r in rows))
    return out


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, tenant, other_tenant, add_member, actor):
    a, b = add_member(tenant, "甲"), add_member(tenant, "乙", date(2026, 3, 2), "probationary")
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4500"), "更正")
    services.record_base(k, tenant, a, 2026, 7, "employed", Decimal("6000"), "调资")
    services.record_base(k, tenant, b, 2026, 1, "student", 0)
    services.grant_relief(k, tenant, b, 2026, 4, 5, "waive", 0, "困难", "上级党委")
    services.record_payment(k, tenant, a, [date(2026, 1, 1), date(2026, 2, 1)], "cash")
    services.record_payment(k, tenant, a, [date(2026, 3, 1)], "proxy", payer="家属")
    services.record_payment(k, tenant, b, [date(2026, 3, 1), date(2026, 6, 1)], "online")
    services.reverse_payment(k, tenant, "2026-0002", "登记错误")
    services.record_remittance(k, tenant, date(2026, 1, 1), date(2026, 3, 1), Decimal("50"), date(2026, 4, 10), "R1")
    other = add_member(other_tenant, "丙")
    services.record_base(k, other_tenant, other, 2026, 1, "employed", Decimal("3000"))
    services.record_payment(k, other_tenant, other, [date(2026, 1, 1)], "cash")

    before, theirs = snapshot(k, tenant), snapshot(k, other_tenant)
    assert len(before["dues_entries"]) == 4 and len(before["dues_bases"]) == 4
    assert len(before["dues_paid_months"]) == 4       # the reversed month is free again
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before
    assert snapshot(k, other_tenant) == theirs        # another school's rows are untouched


def test_a_base_correction_supersedes_the_row_it_corrects(k, tenant, add_member, actor):
    a = add_member(tenant, "甲")
    services.record_base(k, tenant, a, 2026, 1, "employed", Decimal("4000"))
    services.record_base(k, tenant, a, 2026, 1, "retired", Decimal("4000"))
    with k.engine.connect() as conn:
        rows = conn.execute(select(bases.c.category, bases.c.current, bases.c.before).order_by(bases.c.version)).all()
    assert [(r.category, r.current) for r in rows] == [("employed", False), ("retired", True)]
    assert rows[1].before == {"category": "employed", "base": "4000.00"}
