from datetime import date

from sqlalchemy import select

from plugins.study import models, services


def test_rebuild_equals_incremental(k, tenant, roll, actor):
    s = services.record_session(k, tenant, {"kind": "group", "title": "学习", "held_on": date(2026, 5, 1),
                                            "hours": 4, "attendees": [roll[0], roll[1]]})
    services.record_session(k, tenant, {"kind": "integrity", "title": "警示", "held_on": date(2026, 6, 1),
                                        "hours": 2, "attendees": [roll[2]]})
    services.withdraw_session(k, tenant, s.id, "错记")

    def snapshot():
        with k.reading() as conn:
            return (sorted(map(tuple, conn.execute(select(models.sessions).where(models.sessions.c.tenant == tenant)))),
                    sorted(map(tuple, conn.execute(select(models.credits).where(models.credits.c.tenant == tenant)))))
    before = snapshot()
    assert len(before[0]) == 2 and len(before[1]) == 1
    k.projector.rebuild(tenant)
    assert snapshot() == before
