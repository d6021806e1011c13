"""The archive's read model is the same rebuilt from the log as written event by event."""
from __future__ import annotations

from sqlalchemy import select

from plugins.archive import services
from plugins.archive.models import documents
from plugins.archive.tests.conftest import system


def snapshot(k, tenant):
    with k.reading() as conn:
        return sorted(repr(dict(r._mapping)) for r in conn.execute(
            select(documents).where(documents.c.tenant == tenant)).all())


def _correct_and_withdraw(k, tenant, filed):
    with system():
        services.correct(k, tenant, filed["plan"], {"title": "2026年度党建工作计划（修订）"}, expected_version=1)
        services.withdraw(k, tenant, filed["notice"], "重复归档", expected_version=1)


def test_rebuild_gives_the_same_rows_as_incremental_projection(k, tenant, filed):
    _correct_and_withdraw(k, tenant, filed)
    before = snapshot(k, tenant)
    assert len(before) == 4 and "重复归档" in "".join(before) and "（修订）" in "".join(before)
    k.projector.rebuild(tenant)
    assert snapshot(k, tenant) == before
