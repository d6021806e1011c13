from datetime import date, datetime, timezone

from sqlalchemy import select

from core.eventstore import DISTRICT
from plugins.plans import rules, services
from plugins.plans.models import budget_rules
from plugins.plans.projections import PROJECTIONS
from plugins.plans.tests.conftest import system

TABLES = sorted({t for p in PROJECTIONS if p.scope == "tenant" for t in p.tables}, key=lambda t: t.name)


def snapshot(k, tenant):
    out = {}
    with k.reading() as conn:
        for table in TABLES:
            rows = conn.execute(select(table).where(table.c.tenant == tenant)).all()
            # autoincrement ids are positions, not data
            out[table.name] = sorted(repr({c: v for c, v in r._mapping.items()
                                           if c != "id" or table.c.id.type.python_type is not int}) for r in rows)
    return out


def record_everything(k, tenant, clock, add_members, hold):
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 7, 20, 2, tzinfo=timezone.utc))
    committee = hold(tenant, "committee", date(2026, 1, 15))
    topic = hold(tenant, "topic", date(2026, 7, 10))
    pdf = [{"sha256": "b" * 64, "name": "a.pdf", "content_type": "application/pdf", "size": 3}]
    with system():
        plan = services.draft_plan(k, tenant, 2026)
        services.add_item(k, tenant, plan.id, {"what": "大会", "target": 4, "owner": "书记",
                                               "due_on": date(2026, 12, 31), "link": rules.meeting_link("congress")})
        services.add_item(k, tenant, plan.id, {"what": "征订", "owner": "宣传", "due_on": date(2026, 1, 31)})
        services.add_item(k, tenant, plan.id, {"what": "删掉的", "owner": "宣传", "due_on": date(2026, 1, 31)})
        services.remove_item(k, tenant, plan.id, "i3")
        services.revise_item(k, tenant, plan.id, "i2", {"what": "党报党刊征订"})
        services.adopt_plan(k, tenant, plan.id, committee)
        services.report_progress(k, tenant, plan.id, "i2", date(2026, 1, 20), "完成", complete=True, evidence=pdf)
        services.review_plan(k, tenant, plan.id, 1, topic, "推进顺利")
        services.set_budget(k, tenant, 2026)
        services.record_spending(k, tenant, 2026, date(2026, 7, 10), "10", "茶水", meeting_id=topic, receipts=pdf)
        services.record_spending(k, tenant, 2026, date(2026, 7, 11), "20", "资料", activity="学习")
        services.withdraw_spending(k, tenant, 2026, "e2", "重复")
        services.check_room_element(k, tenant, "党旗", date(2026, 7, 1), True, photos=pdf)
        services.check_room_element(k, tenant, "党旗", date(2026, 7, 2), False, "褪色")


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, tenant, clock, add_members, hold):
    record_everything(k, tenant, clock, add_members, hold)
    before = snapshot(k, tenant)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before


def test_rebuilding_one_school_leaves_another_schools_rows(k, tenant, other_tenant, clock, add_members, hold):
    record_everything(k, other_tenant, clock, add_members, hold)
    theirs = snapshot(k, other_tenant)
    k.projector.rebuild(tenant)
    assert snapshot(k, other_tenant) == theirs


def test_rebuilding_the_district_log_gives_the_same_budget_rules(k, clock):
    clock.set(datetime(2026, 11, 1, 2, tzinfo=timezone.utc))
    with system():
        services.add_budget_rule(k, date(2027, 1, 1), "120", "4000", "初稿")
        services.add_budget_rule(k, date(2027, 1, 1), "110", "3500", "正式文件")
        services.add_budget_rule(k, date(2029, 1, 1), "130", "4000", "调整")

    def rows():
        with k.reading() as conn:
            return sorted(repr(dict(r._mapping)) for r in conn.execute(select(budget_rules)))
    before = rows()
    assert len(before) == 2
    k.projector.rebuild(DISTRICT)
    assert rows() == before
