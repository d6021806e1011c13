"""The tasks read models rebuilt from the logs equal the ones kept up event by event: the district's
(tasks, one row per school, reviews) and each school's (answers, drafts, progress, reports)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.eventstore import DISTRICT
from plugins.tasks import services
from plugins.tasks.projections import PROJECTIONS

TABLES = sorted({t for p in PROJECTIONS for t in p.tables}, key=lambda t: t.name)


def snapshot(k):
    with k.engine.connect() as conn:
        return {t.name: sorted(repr({c: v for c, v in r._mapping.items() if c != "id" or t.name != "tasks_progress"})
                               for r in conn.execute(select(t))) for t in TABLES}


def record_everything(k, tenant, other_tenant, issue):
    task = issue([tenant])
    services.add_school(k, task.id, other_tenant)
    services.assign_owner(k, tenant, task.id, "组织委员")
    services.report_progress(k, tenant, task.id, "进行中")
    services.save_draft(k, other_tenant, task.id, "草稿", [], {"f1": "1"})
    services.submit(k, tenant, task.id, "已完成", [], {"f1": "2"})
    services.remind(k, task.id, None, "请上报")
    services.send_back(k, task.id, tenant, "补充")
    services.submit(k, tenant, task.id, "已完成（补充）", [], {"f1": "2"})
    services.accept(k, task.id, tenant)
    sub = issue([tenant], kind="subscription", returns={}, titles=["求是"], deadline=k.today() + timedelta(days=1))
    services.submit(k, tenant, sub.id, "", [], {}, [{"title": "求是", "copies": 2, "amount": "360"}])
    report = services.draft_info(k, tenant, "news", "标题", "正文", [])
    services.submit_info(k, tenant, report.id)
    services.decide_info(k, tenant, report.id, "published")
    services.draft_info(k, other_tenant, "work", "草稿信息", "正文", [])


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, actor, tenant, other_tenant, issue):
    record_everything(k, tenant, other_tenant, issue)
    before = snapshot(k)
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    for log in (DISTRICT, tenant, other_tenant):
        k.projector.rebuild(log)
    assert snapshot(k) == before
