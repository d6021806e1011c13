"""Read models of the registry: a rebuild from the log gives exactly the rows kept incrementally."""
from datetime import date

from sqlalchemy import select

from core import context

from plugins.members import services
from plugins.members.models import (
    accounts, groups, history, imports, members, movements, organisation, personal_reads, sanctions, seats,
    status_changes, transfers,
)
from plugins.members.tests.conftest import id_number, person, workbook_bytes

TABLES = (members, history, personal_reads, sanctions, movements, organisation, seats, groups, transfers, imports,
          accounts, status_changes)


def snapshot(k, tenant):
    out = {}
    with k.engine.connect() as conn:
        for table in TABLES:
            columns = [c for c in table.columns if c.name != "id" or table.c.id.type.python_type is not int]
            rows = conn.execute(select(*columns).where(table.c.tenant == tenant)).all()
            out[table.name] = sorted((tuple(str(v) for v in r) for r in rows))
    return out


def test_rebuild_equals_incremental(k, tenant, other_tenant, actor, register, make_user):
    a, b, c = register("甲", party_group="一组"), register("乙"), register("丙", status="probationary")
    services.correct_member(k, tenant, a.id, {"job_post": "校长"})
    services.convert_member(k, tenant, c.id, date(2026, 6, 1))
    services.record_personal_read(k, tenant, a.id, ["id_number"], "查看")
    services.record_personal_export(k, tenant, [a.id, b.id], ["id_number", "phone"], "花名册")
    services.record_sanction(k, tenant, b.id, "警告", date(2026, 1, 1), None, "迟到")
    services.elect_committee(k, tenant, date(2024, 9, 1), [{"member_id": a.id, "post": "secretary"},
                                                           {"member_id": b.id, "post": "organisation"}])
    services.vacate_seat(k, tenant, b.id, date(2025, 1, 1), "调离")
    services.fill_seat(k, tenant, c.id, "organisation", date(2026, 7, 1))
    services.set_group(k, tenant, "一组", a.id)
    transfer = services.transfer_out(k, tenant, b.id, "L1", "某党委", date(2026, 9, 1))
    services.return_receipt(k, tenant, transfer.id, date(2026, 9, 10))
    services.transfer_in(k, tenant, "L2", "外校", date(2026, 10, 1), fields=person("丁", seq=50))
    services.import_members(k, tenant, workbook_bytes([["戊", "女", "汉族", None, id_number(date(1985, 1, 1), 60),
                                                        "", "", "", "", "", "", "", "2010-01-01", "2011-01-01"]]),
                            "a.xlsx")
    one, two = make_user("member", tenant), make_user("member", tenant)
    services.link_account(k, tenant, one, a.id)
    services.link_account(k, tenant, two, b.id)
    services.unlink_account(k, tenant, two)
    services.link_account(k, tenant, one, c.id, relink=True)
    services.link_account(k, tenant, two, a.id)
    with context.acting(context.system("t")):
        other = services.register_member(k, other_tenant, person("别校", seq=90), status="full")
        services.link_account(k, other_tenant, one, other.id)
    before, other_before = snapshot(k, tenant), snapshot(k, other_tenant)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before
    assert snapshot(k, other_tenant) == other_before
