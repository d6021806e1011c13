"""The console's stored events read on PostgreSQL (``logread._rows_postgres``): the same page read again
runs on a plan the server keeps, and reads each row as it stands."""
from __future__ import annotations

import pytest
from sqlalchemy import select, text

from plugins.audit.models import events
from plugins.audit.queries.history import logread
from plugins.audit.tests.test_console_reads import add_schools


def test_a_page_read_again_runs_on_a_kept_plan_and_reads_rows_as_they_stand(k, make_tenant, raw, database):
    """PostgreSQL planned the statement over the page's logs anew on every run (0.5 ms at 50 logs): the
    same page read again is prepared by the driver from its fifth run and then runs on a generic plan the
    server keeps, which still reads each row as it stands; the connection's setting is back to the
    default after every read."""
    if database[0] is None:
        pytest.skip("PostgreSQL only: SQLite has no plan cache to choose from")
    slugs = add_schools(k, make_tenant, 0, 3, members=2)
    wanted: dict[str, set[int]] = {}
    with k.reading() as conn:
        for tenant, nid in conn.execute(select(events.c.tenant, events.c.notification_id)
                                        .where(events.c.tenant.in_(slugs))):
            wanted.setdefault(tenant, set()).add(nid)
    first = logread.read_events(k, wanted)
    assert len(first) == sum(len(ids) for ids in wanted.values()) and None not in first.values()
    for _ in range(8):
        assert logread.read_events(k, wanted).keys() == first.keys()
    with k.reading() as conn:
        plans = conn.execute(text("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                                  "WHERE statement LIKE '%UNION ALL%'")).all()
        mode = conn.scalar(text("SHOW plan_cache_mode"))
    assert len(plans) == 1 and plans[0].generic_plans >= 3 and plans[0].custom_plans == 0, plans
    assert mode == "auto"
    tenant, nid = slugs[0], min(wanted[slugs[0]])
    state = bytes(raw(tenant).row(nid)[3])
    raw(tenant).edit_state(nid, state, state[:-5])
    again = logread.read_events(k, wanted)
    assert again[(tenant, nid)] is None
    assert all(again[key] is not None for key in first if key != (tenant, nid))


def test_a_read_that_fails_leaves_no_connection_with_the_plan_setting(k, make_tenant, database):
    if database[0] is None:
        pytest.skip("PostgreSQL only: SQLite has no plan cache to choose from")
    slug = add_schools(k, make_tenant, 0, 1, members=1)[0]
    with pytest.raises(Exception, match="does not exist"):
        logread.read_events(k, {slug: {1}, "no-such-log": {1}})
    with k.reading() as conn:
        assert conn.scalar(text("SHOW plan_cache_mode")) == "auto"
    assert logread.read_events(k, {slug: {1}})[(slug, 1)] is not None
