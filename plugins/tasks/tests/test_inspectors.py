"""An inspector reads the district's tasks and reports pages, read-only, for the schools of their
assignment only: never another school, never a draft, never a write."""
from __future__ import annotations

from datetime import date

from core import context
from plugins.audit import services as audit
from plugins.reports import services as reports
from plugins.tasks import services


def test_an_inspector_reads_only_the_schools_of_their_assignment(k, login_as, tenant, other_tenant, issue, actor):
    task = issue([tenant, other_tenant])
    services.submit(k, tenant, task.id, "本校总结", [], {"f1": "4"})
    services.submit(k, other_tenant, task.id, "他校总结", [], {"f1": "2"})
    services.save_draft(k, other_tenant, task.id, "他校草稿", [], {"f1": "3"})
    inspector = login_as("inspector")
    assert inspector.get(f"/district/tasks/{task.id}").status_code == 200          # an empty scope: no school
    assert inspector.get(f"/district/tasks/{task.id}/schools/{tenant}").status_code == 403
    with context.acting(context.system("test", source="test")):
        audit.create_assignment(k, inspector.username, [tenant], date(2026, 1, 1), date(2026, 12, 31))
    page = inspector.get(f"/district/tasks/{task.id}").get_data(as_text=True)
    assert f"/schools/{tenant}" in page and f"/schools/{other_tenant}" not in page
    assert f"/district/tasks/{task.id}/remind" not in page and "撤销任务" not in page   # read-only
    assert "本校总结" in inspector.get(f"/district/tasks/{task.id}/schools/{tenant}").get_data(as_text=True)
    assert inspector.get(f"/district/tasks/{task.id}/schools/{other_tenant}").status_code == 403
    r = inspector.post(f"/district/tasks/{task.id}/schools/{tenant}/accept", data={"csrf_token": inspector.csrf()})
    assert r.status_code == 403

    # the reports plugin: the same scope for the statistics the schools sent up
    with context.acting(context.system("test", source="test")):
        for school in (tenant, other_tenant):
            reports.submit_report(k, school, reports.prepare_statistics(k, school, 2025).id)
    page = inspector.get("/district/reports/statistics/2025").get_data(as_text=True)
    assert f"/statistics/2025/{tenant}" in page and f"/statistics/2025/{other_tenant}" not in page
    assert inspector.get(f"/district/reports/statistics/2025/{tenant}").status_code == 200
    assert inspector.get(f"/district/reports/statistics/2025/{other_tenant}").status_code == 403
    r = inspector.post(f"/district/reports/statistics/2025/{tenant}/return",
                       data={"csrf_token": inspector.csrf(), "reason": "x"})
    assert r.status_code == 403
