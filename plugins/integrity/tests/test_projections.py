from datetime import date, datetime, timezone

from sqlalchemy import select

from plugins.integrity import models, services
from plugins.integrity.projections import PROJECTIONS

TABLES = sorted({t for p in PROJECTIONS for t in p.tables}, key=lambda t: t.name)


def snapshot(k, tenant):
    out = {}
    with k.engine.connect() as conn:
        for table in TABLES:
            rows = conn.execute(select(table).where(table.c.tenant == tenant)).all()
            # autoincrement ids are positions, not data
            out[table.name] = sorted(repr({c: v for c, v in r._mapping.items() if c != "id" or table.c.id.type.python_type is not int})
                                     for r in rows)
    return out


def record_everything(k, tenant, add_member, clock):
    clock.set(datetime(2026, 7, 10, 2, tzinfo=timezone.utc))
    a, b = add_member(tenant, "甲"), add_member(tenant, "乙")
    letter = services.write_commitment(k, tenant, 2026, "member", a)
    i1 = services.add_commitment_item(k, tenant, letter.id, "study", "读书", "10 篇", date(2026, 6, 30))
    i2 = services.add_commitment_item(k, tenant, letter.id, "work", "公开课", "1 节", date(2026, 12, 1))
    services.send_back_item(k, tenant, letter.id, i2, "不具体")
    services.revise_item(k, tenant, letter.id, i2, "work", "区级公开课", "1 节", date(2026, 12, 1))
    services.accept_item(k, tenant, letter.id, i1)
    services.accept_item(k, tenant, letter.id, i2)
    services.log_progress(k, tenant, letter.id, i1, date(2026, 7, 1), "完成 6 篇",
                          [{"sha256": "a" * 64, "name": "笔记.pdf", "content_type": "application/pdf", "size": 10}])
    services.conclude_item(k, tenant, letter.id, i1, "fulfilled")
    services.conclude_item(k, tenant, letter.id, i2, "missed")
    services.evaluate_commitment(k, tenant, letter.id, 80, [70, 75], [])
    services.publish_result(k, tenant, letter.id)
    post = services.define_post(k, tenant, "先锋岗", "pioneer", "示范", date(2026, 1, 1))
    services.assign_post(k, tenant, post.id, a)
    services.assign_post(k, tenant, post.id, b)
    services.assess_post_holder(k, tenant, post.id, a, "2026年上半年", "优秀")
    services.release_post_holder(k, tenant, post.id, b, "调岗")
    pair = services.form_pair(k, tenant, "member", "student", "王小明", ["辅导"], member_id=a, started_on=date(2026, 3, 1))
    services.log_visit(k, tenant, pair.id, date(2026, 3, 5), "辅导", "1.5")
    services.revise_pair_plan(k, tenant, pair.id, ["辅导", "家访"])
    services.close_pair(k, tenant, pair.id, "achieved", "好")
    v = services.record_volunteer(k, tenant, "敬老", date(2026, 7, 1), "敬老院", [{"member_id": a, "hours": "2"}])
    services.correct_volunteer(k, tenant, v.id, {"place": "社区", "participants": [{"member_id": b, "hours": "3"}]})
    e = services.record_education(k, tenant, "lecture", "廉政党课", date(2026, 7, 1), [a])
    services.correct_attendance(k, tenant, e.id, [a, b])
    services.sign_agreement(k, tenant, 2026, a, "组长", "一岗双责", "书记")
    r = services.file_inspection(k, tenant, "half", 2026, "自查", half=1)
    services.revise_inspection(k, tenant, r.id, {"problems": "笔记不规范"})
    x = services.assess_ethics(k, tenant, 2026, a, "良好")
    services.correct_ethics(k, tenant, x.id, "不合格", veto_reason="违纪")
    services.sign_pledge(k, tenant, b, "gifts")


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, tenant, clock, actor, add_member):
    record_everything(k, tenant, add_member, clock)
    before = snapshot(k, tenant)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before


def test_rebuilding_one_school_leaves_another_schools_rows(k, tenant, other_tenant, clock, actor, add_member):
    record_everything(k, other_tenant, add_member, clock)
    theirs = snapshot(k, other_tenant)
    record_everything(k, tenant, add_member, clock)
    k.projector.rebuild(tenant)
    assert snapshot(k, other_tenant) == theirs
    with k.engine.connect() as conn:
        tenants = set(conn.scalars(select(models.commitments.c.tenant)))
    assert tenants == {tenant, other_tenant}
